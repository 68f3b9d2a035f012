"""Dead-link checker for a built site: `disclosure links` and the check at the end of `mkdocs build`."""

from .check import CheckResult, check_site

__all__ = ["CheckResult", "check_site"]
