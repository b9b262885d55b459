"""Pack errors: every problem found in a pack, each with its file and line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from safetykit.errors import SafetyKitError


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding, printed as ``file:line: message`` (warnings say so)."""

    file: str
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line > 0 else self.file
        tag = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}: {tag}{self.message}" if where else f"{tag}{self.message}"


class PackError(SafetyKitError):
    """A pack or archive was refused; ``problems`` lists every error found."""

    def __init__(self, problems: Iterable[Problem] | str, *, file: str = "") -> None:
        if isinstance(problems, str):
            problems = [Problem(file, 0, problems)]
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity is Severity.ERROR] or self.problems
        text = str(errors[0]) if errors else "invalid pack"
        if len(errors) > 1:
            text += f" (and {len(errors) - 1} more problems)"
        super().__init__(text)


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]
