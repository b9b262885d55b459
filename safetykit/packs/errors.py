"""Pack errors: every problem found in a pack, each with its file and line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from safetykit.errors import Param, SafetyKitError


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


@dataclass(frozen=True)
class StaleReview(Problem):
    """A review date more than a year old: lint summarises these (count, oldest) unless
    asked for each, since an adapted pack can have dozens at once."""

    reviewed: dt.date = dt.date.min
    what: str = ""


class PackError(SafetyKitError):
    """A pack or archive was refused; ``problems`` lists every error found.

    ``PackError("pack.archive.too_large", limit=n)`` for one failure with its own code,
    or ``PackError(problems)`` for lint and format findings: code ``pack.invalid`` (or
    ``pack.invalid.more``) with the first error's English ``problem`` and how many
    ``more`` there are, since those words are for the trainer who wrote the pack.
    """

    default_code = "pack.refused"

    def __init__(self, problems: Iterable[Problem] | str | None = None, /, **params: Param) -> None:
        if problems is None or isinstance(problems, str):
            super().__init__(problems, **params)
            self.problems = [Problem("", 0, str(self))]
            return
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity is Severity.ERROR] or self.problems
        if not errors:
            super().__init__("pack.refused")
        elif len(errors) == 1:
            super().__init__("pack.invalid", problem=str(errors[0]))
        else:
            super().__init__("pack.invalid.more", problem=str(errors[0]), more=len(errors) - 1)


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]
