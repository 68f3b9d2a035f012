"""Output formats shared by the commands: GitLab's Code Quality report (Code Climate JSON).

GitLab shows each issue on the merge request, at its file and line:
https://docs.gitlab.com/ee/ci/testing/code_quality.html#implement-a-custom-tool
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

SEVERITIES = ("info", "minor", "major", "critical", "blocker")


@dataclass(frozen=True)
class Issue:
    check_name: str
    description: str
    path: str  # relative to the repository root; "" when the issue has no file
    line: int = 1
    severity: str = "minor"


def code_climate(issues: list[Issue]) -> str:
    """A JSON array GitLab reads as `artifacts: reports: codequality:`; fingerprints are stable."""
    items = []
    for issue in issues:
        if issue.severity not in SEVERITIES:
            raise ValueError(issue.severity)
        digest = hashlib.sha1("\0".join((issue.check_name, issue.path, str(issue.line), issue.description)).encode("utf-8"))
        items.append({
            "type": "issue", "check_name": issue.check_name, "description": issue.description,
            "fingerprint": digest.hexdigest(), "severity": issue.severity,
            "location": {"path": issue.path, "lines": {"begin": max(1, issue.line)}},
        })
    return json.dumps(items, ensure_ascii=False, indent=2)
