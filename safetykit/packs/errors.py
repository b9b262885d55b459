"""Pack errors: every problem found in a pack, each with its file and line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from safetykit.errors import Param, SafetyKitError
from safetykit.i18n import SOURCE_LANGUAGE
from safetykit.text import N_, Text, in_language


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding, printed as ``file:line: message`` (warnings say so).

    ``text`` is a ``Text`` (message id and parameters) rendered in the reader's
    language by ``render``; ``message`` and ``str()`` are the English. The
    ``file:line:`` prefix is never translated: editors and scripts jump to it."""

    file: str
    line: int
    text: str | Text | SafetyKitError
    severity: Severity = Severity.ERROR

    @property
    def message(self) -> str:
        return str(self.text)

    def render(self, lang: str) -> str:
        where = f"{self.file}:{self.line}" if self.line > 0 else self.file
        if isinstance(self.text, SafetyKitError):  # a refusal with its own code
            from safetykit.messages import message_for

            message = message_for(self.text, lang, cli=True)
        else:
            message = in_language(self.text, lang)
        if self.severity is Severity.WARNING:
            message = Text.of(N_("warning: %(message)s"), message=message).render(lang)
        return f"{where}: {message}" if where else message

    def __str__(self) -> str:
        return self.render(SOURCE_LANGUAGE)


@dataclass(frozen=True)
class StaleReview(Problem):
    """A review date more than a year old: lint summarises these (count, oldest) unless
    asked for each, since an adapted pack can have dozens at once."""

    reviewed: dt.date = dt.date.min
    what: str | Text = ""


class PackError(SafetyKitError):
    """A pack or archive was refused; ``problems`` lists every error found.

    ``PackError("pack.archive.too_large", limit=n)`` for one failure with its own code,
    or ``PackError(problems)`` for lint and format findings: code ``pack.invalid`` (or
    ``pack.invalid.more``) with the first error as ``problem`` (shown in the reader's
    language, its ``file:line:`` as it is) and how many ``more`` there are.
    """

    default_code = "pack.refused"

    def __init__(self, problems: Iterable[Problem] | str | None = None, /, **params: Param) -> None:
        if problems is None or isinstance(problems, str):
            super().__init__(problems, **params)
            self.problems = [Problem("", 0, self)]
            return
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity is Severity.ERROR] or self.problems
        if not errors:
            super().__init__("pack.refused")
        elif len(errors) == 1:
            super().__init__("pack.invalid", problem=errors[0])
        else:
            super().__init__("pack.invalid.more", problem=errors[0], more=len(errors) - 1)


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]
