"""Find the MkDocs project a built site came from, to map broken links back to the files editors write."""

from __future__ import annotations

import logging
import os

from .. import project as loader
from .sources import PACKAGE_TEMPLATES, Project


def find_config(site_dir: str, config_file: str | None = None) -> str | None:
    candidates = [config_file] if config_file else [
        "mkdocs.yml", os.path.join(os.path.dirname(os.path.abspath(site_dir)), "mkdocs.yml"),
    ]
    return next((c for c in candidates if c and os.path.isfile(c)), None)


def load_project(config_file: str) -> Project | None:
    """The project described by mkdocs.yml, or None when mkdocs.yml cannot be loaded (sources then
    stay unknown); an invalid catalogue only leaves the catalogue unknown."""
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        config = loader.read_config(config_file)
    except loader.ProblemsError:
        return None
    options = loader.plugin_options(config)
    try:
        catalogue = loader.from_config(config, options).catalogue
    except loader.ProblemsError:
        catalogue = None
    return project_from_config(config, options.prefix, catalogue)


def project_from_config(config, prefix: str, catalogue=None) -> Project:
    """`config` is a loaded MkDocsConfig; `catalogue` the validated one, if any."""
    custom = config.theme.custom_dir
    dirs = ([custom] if custom else []) + [PACKAGE_TEMPLATES]
    return Project(config.docs_dir, prefix, catalogue, dirs, config.site_url or None)
