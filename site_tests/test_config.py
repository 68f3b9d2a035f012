"""Plugin options checked at config time (config.py), before anything is written."""

from __future__ import annotations

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE, SMALL_FILES, write_project


def _load(tmp_path, prefix):
    mkdocs = MINIMAL_MKDOCS.replace("plugins: [search, disclosure]", "plugins:\n  - search\n  - disclosure:\n      prefix: " + prefix)
    write_project(tmp_path, {"mkdocs.yml": mkdocs, "directory.yml": SMALL_CATALOGUE, **SMALL_FILES})
    return load_config(str(tmp_path / "mkdocs.yml"))


@pytest.mark.parametrize("prefix", ['""', '"/"', '"../outside"', '"gkml/../.."', '"/abs"', '"a//b"', '"gkml/"',
                                    '"GKML"', '"a b"', '"a\\\\b"', '"."', '"gk%2e"', "123", '"公开"', '"a/./b"'])
def test_prefix_must_be_a_plain_relative_folder(tmp_path, prefix, caplog):
    with pytest.raises(Abort):
        _load(tmp_path, prefix)
    assert "prefix" in caplog.text and "小写字母" in caplog.text


@pytest.mark.parametrize("prefix", ["gkml", "xxgk/gkml", "a-1/b2"])
def test_plain_prefixes_are_accepted(tmp_path, prefix):
    config = _load(tmp_path, prefix)
    assert config.plugins["disclosure"].config.prefix == prefix


def test_bad_prefix_fails_the_build_and_writes_nothing(build_site):
    built = build_site(mkdocs=MINIMAL_MKDOCS.replace("[search, disclosure]", "[search, {disclosure: {prefix: ../outside}}]"))
    assert built.returncode != 0 and "Traceback" not in built.output
    assert "prefix" in built.output
    assert not (built.root / "outside").exists() and not built.site.exists()


@pytest.mark.parametrize("directory", ['"/etc/passwd"', '"../secret.yml"', '"data/../../x.yml"', '"/dev/zero"', '""',
                                       '"C:/x.yml"', '"~/x.yml"', '"data\\\\..\\\\..\\\\x.yml"'])
def test_catalogue_must_be_a_file_of_the_project(tmp_path, directory, caplog):
    mkdocs = MINIMAL_MKDOCS.replace("plugins: [search, disclosure]",
                                    "plugins:\n  - search\n  - disclosure:\n      directory: " + directory)
    write_project(tmp_path, {"mkdocs.yml": mkdocs, "directory.yml": SMALL_CATALOGUE, **SMALL_FILES})
    with pytest.raises(Abort):
        load_config(str(tmp_path / "mkdocs.yml"))
    assert "mkdocs.yml 所在文件夹里的文件" in caplog.text and "root:" not in caplog.text


def test_catalogue_in_a_subfolder_is_fine(tmp_path):
    mkdocs = MINIMAL_MKDOCS.replace("plugins: [search, disclosure]", "plugins:\n  - search\n  - disclosure:\n      directory: data/directory.yml")
    write_project(tmp_path, {"mkdocs.yml": mkdocs, "data/directory.yml": SMALL_CATALOGUE, **SMALL_FILES})
    assert load_config(str(tmp_path / "mkdocs.yml")).plugins["disclosure"].config.directory == "data/directory.yml"
