"""ruff over the package, the tests and the benchmarks (rules in pyproject.toml), so `make test` and CI lint."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "plugins", "site_tests", "benchmarks"],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert "No module named ruff" not in result.stderr, "ruff is missing: run `make test-deps` (pip install -e '.[test]')"
    assert result.returncode == 0, result.stdout + result.stderr
