"""Findings for CI, in the forms the code hosts show next to the changed lines:

- `github`: workflow commands (`::error file=…,line=…,col=…::message`), escaped as GitHub's runner
  reads them back (`%`, CR and LF in the message; also `:` and `,` in properties);
- `gitlab`: a code-quality report (Code Climate JSON: description, check_name, fingerprint,
  severity, location.path/lines.begin) that a GitLab merge request shows at each file and line
  (https://docs.gitlab.com/ee/ci/testing/code_quality.html#implement-a-custom-tool). Fingerprints
  leave the line out, so a finding that only moved is not reported as new.

Used by `disclosure validate`, `disclosure links` and `disclosure inspect`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Iterable

from .problems import Problem, one_line

SEVERITIES = ("info", "minor", "major", "critical", "blocker")  # Code Climate's, mildest first
_GITHUB_LEVEL = {"info": "notice", "minor": "warning", "major": "error", "critical": "error", "blocker": "error"}


@dataclass(frozen=True)
class Finding:
    check: str  # a stable name of the rule, e.g. "catalogue", "dead_link", "column_not_updated"
    message: str  # Chinese
    file: str | None = None  # relative to the repository root, "/"-separated
    line: int | None = None
    col: int | None = None
    severity: str = "major"


def from_problem(problem: Problem, check: str = "catalogue") -> Finding:
    message = problem.message if problem.path in ("", "文件") else f"{problem.path}: {problem.message}"
    return Finding(check, message, problem.file, problem.line, problem.col)


def github(findings: Iterable[Finding]) -> str:
    lines = []
    for finding in findings:
        properties = [("file", finding.file), ("line", finding.line), ("col", finding.col)]
        rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties if value is not None)
        level = _GITHUB_LEVEL.get(finding.severity, "error")
        lines.append(f"::{level}{' ' + rendered if rendered else ''}::{escape_data(finding.message)}")
    return "\n".join(lines)


def gitlab(findings: Iterable[Finding]) -> str:
    """The JSON array GitLab reads as `artifacts: reports: codequality`."""
    report: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for finding in findings:
        path = finding.file or "mkdocs.yml"
        key = f"{finding.check}\0{path}\0{finding.message}"
        seen[key] = seen.get(key, 0) + 1  # the same finding twice in a file still gets two fingerprints
        report.append({
            "type": "issue",
            "description": finding.message,
            "check_name": finding.check,
            "fingerprint": hashlib.sha256(f"{key}\0{seen[key]}".encode("utf-8")).hexdigest(),
            "severity": finding.severity if finding.severity in SEVERITIES else "major",
            "location": {"path": path, "lines": {"begin": finding.line or 1}},
        })
    return json.dumps(report, ensure_ascii=False, indent=2)


def escape_data(value: str) -> str:
    """GitHub's escaping of a command's data, then any other control character shown as an escape."""
    return one_line(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")
