"""ruff over the package, the tests and the benchmarks, and mypy over the package (settings of both in
pyproject.toml), so `make test` and CI lint and check types."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "plugins", "site_tests", "benchmarks"],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert "No module named ruff" not in result.stderr, "ruff is missing: run `make test-deps` (pip install -e '.[test]')"
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(REPO / "pyproject.toml"), "disclosure"],
                            cwd=REPO / "plugins", capture_output=True, text=True, timeout=600)
    assert "No module named mypy" not in result.stderr, "mypy is missing: run `make test-deps` (pip install -e '.[test]')"
    assert result.returncode == 0, result.stdout + result.stderr
