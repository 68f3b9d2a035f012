"""The one way into a project: mkdocs.yml → typed plugin options → catalogue sources → Catalogue.

Used by the plugin (`on_config`) and by every command. After the catalogue is validated, the files
its entries point to that have their own format (annual-report data) are checked too, and every
problem of all of them is returned together.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Collection
from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig

from .catalogue import Catalogue, Loaded, read_catalogue
from .catalogue.reload import reload
from .catalogue.sources import Source
from .config import DisclosureConfig
from .content_files import content_problems, referenced_file_problems
from .problems import FILE_LEVEL, Problem, ProblemsError, display_path
from .collector import collector_paused

CONFIG_NOT_FOUND = "找不到 mkdocs.yml：请在网站根目录运行，或用 -f 指定"
_YAML_POSITION = re.compile(r"line (\d+), column (\d+)")


@dataclass(frozen=True)
class Project:
    config: MkDocsConfig
    options: DisclosureConfig
    catalogue: Catalogue
    files: tuple[str, ...]  # directory.yml and every included file (absolute paths)
    folders: tuple[str, ...]  # folders whose new files `include:` would pick up
    include: tuple[str, ...] = ()  # the patterns under `include:` in directory.yml
    warnings: tuple[Problem, ...] = ()  # worth a look, not wrong (validate prints them, the build logs them)
    sources: tuple[Source, ...] = field(default=(), compare=False, repr=False)  # what the next `reload` reuses

    @property
    def root(self) -> str:
        return os.path.dirname(os.path.abspath(self.config.config_file_path or "mkdocs.yml"))

    def loaded(self) -> Loaded:
        """The load this project came from, as `catalogue.reload` takes it."""
        return Loaded(self.catalogue, files=list(self.files), folders=list(self.folders), include=list(self.include),
                      sources=list(self.sources))

    @property
    def docs_dir(self) -> str:
        return self.config.docs_dir

    @property
    def directory(self) -> str:
        return catalogue_path(self.config, self.options)


def load_project(config_file: str) -> Project:
    """The whole project, or ProblemsError with every problem (in Chinese, with file:line:col)."""
    config = read_config(config_file)
    return from_config(config, plugin_options(config))


def check_project(config_file: str) -> tuple[Project | None, list[Problem]]:
    """For commands: the project (None when it cannot be loaded) and its problems, without raising."""
    try:
        return load_project(config_file), []
    except ProblemsError as error:
        return None, error.problems


def from_config(config: MkDocsConfig, options: DisclosureConfig, previous: Project | None = None,
                changed: Collection[str] = ()) -> Project:
    """The catalogue of a loaded mkdocs.yml (the plugin calls this from `on_config`). Given the last
    good project and the files a save changed (the preview), only the entries the save reached are
    read again (`catalogue/reload.py`) when that surely gives what loading everything gives."""
    path = catalogue_path(config, options)
    with collector_paused():
        loaded = _reloaded(previous, changed, config.docs_dir) if previous is not None else None
        if loaded is None or (problems := _problems(loaded, config, options)):
            loaded = read_catalogue(path, display_path(path), config.docs_dir)
            problems = _problems(loaded, config, options)
    if problems or loaded.catalogue is None:
        raise ProblemsError(problems)
    return Project(config, options, loaded.catalogue, tuple(loaded.files), tuple(loaded.folders), tuple(loaded.include),
                   tuple(sorted(warning_line(w) for w in loaded.warnings)), tuple(loaded.sources))


def _reloaded(previous: Project, changed: Collection[str], docs_dir: str) -> Loaded | None:
    """`catalogue.reload`, or None (load everything) should it fail: the preview must not stop on it."""
    try:
        return reload(previous.loaded(), changed, docs_dir)
    except Exception:  # noqa: BLE001 — the full load that follows is always right
        logging.getLogger("mkdocs.disclosure").warning("只读取改动部分时出错，已改为完整读取目录", exc_info=True)
        return None


def _problems(loaded: Loaded, config: MkDocsConfig, options: DisclosureConfig) -> list[Problem]:
    """The catalogue's problems and those of the files it names (only the entries read again, after `reload`)."""
    problems = list(loaded.problems) + content_problems(config.docs_dir)
    if config.theme.custom_dir:  # MkDocs copies a theme's static files as it copies content/
        problems += content_problems(config.theme.custom_dir)
    if loaded.catalogue is not None:
        problems += _referenced_file_problems(loaded.catalogue, config.docs_dir)
        problems += referenced_file_problems(loaded.catalogue, config, f"{options.prefix}/index.md", loaded.reread)
    return problems


def warning_line(problem: Problem) -> Problem:
    """The problem as a warning: its message starts with 警告."""
    return Problem(problem.file, problem.line, problem.col, problem.path, f"警告：{problem.message}")


def catalogue_path(config: MkDocsConfig, options: DisclosureConfig) -> str:
    """directory.yml (the `directory` option) relative to the folder of mkdocs.yml."""
    return os.path.join(os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml")), options.directory)


def plugin_options(config: MkDocsConfig) -> DisclosureConfig:
    """The `disclosure` plugin's options as validated by MkDocs, or the defaults when it is not listed."""
    if "disclosure" in config.plugins:
        return config.plugins["disclosure"].config  # type: ignore[return-value]
    options = DisclosureConfig()
    options.load_dict({})
    options.validate()
    return options


def read_config(config_file: str) -> MkDocsConfig:
    """mkdocs.yml loaded by MkDocs; an absent, empty or broken file is a ProblemsError naming it."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    display = display_path(config_file)
    if not os.path.isfile(config_file):
        raise ProblemsError([Problem(config_file, 1, 1, FILE_LEVEL, CONFIG_NOT_FOUND)])
    with open(config_file, "rb") as stream:
        if not stream.read().strip():
            raise ProblemsError([Problem(display, 1, 1, FILE_LEVEL, "mkdocs.yml 是空文件：至少要写 site_name、docs_dir、theme 和 plugins，见 README")])
    errors = _ErrorRecords()
    logger = logging.getLogger("mkdocs.config")
    logger.addHandler(errors)
    try:
        return load_config(config_file)
    except ConfigurationError as error:  # YAML that cannot be parsed
        found = _YAML_POSITION.search(str(error))
        line, col = (int(found[1]), int(found[2])) if found else (1, 1)
        raise ProblemsError([Problem(display, line, col, FILE_LEVEL, f"mkdocs.yml 无法解析：请检查这一行附近的缩进、冒号和引号（{error}）")]) from None
    except (SystemExit, RuntimeError):  # MkDocs logged each invalid option, then aborted
        details = "；".join(errors.messages) or "请用 mkdocs build 查看详情"
        raise ProblemsError([Problem(display, 1, 1, FILE_LEVEL, f"mkdocs.yml 配置有误：{details}")]) from None
    finally:
        logger.removeHandler(errors)


class _ErrorRecords(logging.Handler):
    """Collects the messages MkDocs logs while it validates mkdocs.yml."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().replace("Required configuration not provided.", "缺少必填项"))


def _referenced_file_problems(catalogue: Catalogue, docs_dir: str) -> list[Problem]:
    """Problems of the annual-report data files entries point to (sums and carry-over included)."""
    from .reports.field import check_reports

    return check_reports(catalogue, docs_dir)
