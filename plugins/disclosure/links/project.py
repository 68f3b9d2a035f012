"""Find the MkDocs project a built site came from, to map broken links back to the files editors write."""

from __future__ import annotations

import logging
import os

from ..catalogue import load_catalogue
from ..problems import ProblemsError, display_path
from .sources import PACKAGE_TEMPLATES, Project


def find_config(site_dir: str, config_file: str | None = None) -> str | None:
    candidates = [config_file] if config_file else [
        "mkdocs.yml", os.path.join(os.path.dirname(os.path.abspath(site_dir)), "mkdocs.yml"),
    ]
    return next((c for c in candidates if c and os.path.isfile(c)), None)


def load_project(config_file: str) -> Project | None:
    """The project described by mkdocs.yml, or None when it cannot be loaded (sources then stay unknown)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        config = load_config(config_file)
    except (ConfigurationError, SystemExit, OSError):
        return None
    options = config.plugins["disclosure"].config if "disclosure" in config.plugins else None
    return project_from_config(config, options.prefix if options else "gkml",
                               options.directory if options else "directory.yml")


def project_from_config(config, prefix: str, directory: str, catalogue=None) -> Project:
    """`config` is a loaded MkDocsConfig; the catalogue is loaded unless given."""
    if catalogue is None:
        path = os.path.join(os.path.dirname(config.config_file_path or "."), directory)
        try:
            catalogue = load_catalogue(path, display_path(path), config.docs_dir)
        except ProblemsError:
            catalogue = None
    custom = config.theme.custom_dir
    dirs = ([custom] if custom else []) + [PACKAGE_TEMPLATES]
    return Project(config.docs_dir, prefix, catalogue, dirs, config.site_url or None)
