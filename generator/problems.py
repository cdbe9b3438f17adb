"""Problems: what is wrong, where, and how to fix it; printed once, all together, at the edge."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, at a file, line and column (1-based)."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: Severity = Severity.error

    def text(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        label = "" if self.severity is Severity.error else "warning: "
        return f"{self.path}:{self.line}:{self.column}: {label}{self.message}{hint}"


class ContentError(Exception):
    """Raised at the edge when the content has errors; carries them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity is Severity.error]
        super().__init__(f"{len(errors)} problem(s) in the content:\n" + "\n".join(p.text() for p in errors))


def _escape_github(value: str, *, property_value: bool = False) -> str:
    """Escape per the workflow-command rules, so a message with ':' or newlines survives."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_problems(problems: list[Problem], fmt: str) -> str:
    """Render problems as text lines, GitHub workflow commands, or JSON."""
    problems = sorted(problems)
    errors = sum(1 for p in problems if p.severity is Severity.error)
    warnings = len(problems) - errors
    if fmt == "json":
        return json.dumps(
            {"errors": errors, "warnings": warnings, "problems": [asdict(p) for p in problems]},
            indent=2,
            ensure_ascii=False,
        )
    lines = [p.text() for p in problems]
    if fmt == "github":
        # The runner shows only the first 10 annotations of a step: the plain list follows.
        commands = [
            f"::{p.severity.value} file={_escape_github(p.path, property_value=True)},"
            f"line={p.line},col={p.column},title=ccm-ica check::"
            f"{_escape_github(p.message + (f' ({p.hint})' if p.hint else ''))}"
            for p in problems
        ]
        lines = commands + lines
    lines.append(summary_line(errors, warnings))
    return "\n".join(lines)


def summary_line(errors: int, warnings: int) -> str:
    if not errors and not warnings:
        return "The content is valid: no problems found."
    return f"{errors} error(s), {warnings} warning(s)."
