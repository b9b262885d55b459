"""Limits, id rules and the small typed checks every part of pack validation uses.

A ``FileReport`` collects the problems of one file; each check names the path of the
offending value, and the file's ``PositionMap`` turns that into a line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from safetykit.packs.errors import Problem, Severity, StaleReview
from safetykit.packs.positions import Path, PositionMap
from safetykit.text import N_, Text, ngettext

# Pack formats this version reads (docs/trainer-guide.md, "Format versions"). FORMAT is
# the newest; a pack written for format 1 reads unchanged.
FORMAT = 2
FORMATS = (1, 2)

# Id rules (docs/internals.md).
LOCAL_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
PACK_ID = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")
PACK_ID_MAX = 128
LOCALE = re.compile(r"[a-z]{2,3}(_[A-Z][a-z]{3})?(_([A-Z]{2}|[0-9]{3}))?")
APP_VERSION = re.compile(r"\d+(\.\d+){0,2}")
CHECKLIST_FILE = re.compile(r"checklists/\d{2}-[a-z0-9][a-z0-9-]*\.toml")
LOCALE_FILE = re.compile(r"locales/([A-Za-z0-9_]+)\.po")

# Text limits in characters: enough for the content guide, small enough that a
# hostile pack cannot flood the interface or the printed plan.
TEXT_LIMITS = {
    "name": 80,
    "publisher": 120,
    "license": 64,
    "title": 120,
    "summary": 500,
    "why": 1000,
    "step": 400,
    "text": 300,
    "help": 500,
    "label": 120,
    "offers": 400,
    "website": 200,
    "source": 200,
    "description": 600,
    "credit": 300,
    "legal_hold": 400,
    "if_skipped": 300,
}
# Translations may run longer than the source text (German, Russian…).
TRANSLATION_FACTOR = 3

STEPS_MAX = 12
SOURCES_MAX = 12
OPTIONS_MAX = 40
QUESTIONS_MAX = 100
CONTACTS_MAX = 50
DEPENDS_MAX = 20
APPLIES_MAX = 10
LANGUAGES_MAX = 40
ITEMS_PER_CHECKLIST_MAX = 1000
CHECKLISTS_MAX = 100
ITEMS_MAX = 10_000
REVIEW_AGE_MONTHS = 12


def is_pack_file(name: str) -> bool:
    """Whether ``name`` (a relative path) belongs to the pack layout of DESIGN §4."""
    return (
        name == "pack.toml"
        or CHECKLIST_FILE.fullmatch(name) is not None
        or LOCALE_FILE.fullmatch(name) is not None
    )


@dataclass
class FileReport:
    """Problems of one file of a pack."""

    file: str
    positions: PositionMap
    problems: list[Problem] = field(default_factory=list)

    def line(self, path: Path) -> int:
        return self.positions.line(path)

    # ``message`` is a message id marked with N_() and ``params`` fill its %(name)s
    # placeholders; it is translated when the problem is shown (safetykit.text).
    # (or a ready ``Text``, for plural forms).
    def error(self, path: Path, message: str | Text, /, **params: object) -> None:
        text = message if isinstance(message, Text) else Text.of(message, **params)
        self.problems.append(Problem(self.file, self.line(path), text))

    def warn(self, path: Path, message: str | Text, /, **params: object) -> None:
        text = message if isinstance(message, Text) else Text.of(message, **params)
        self.problems.append(Problem(self.file, self.line(path), text, Severity.WARNING))

    def stale(self, path: Path, message: Text, reviewed: dt.date, what: Text) -> None:
        line = self.line(path)
        self.problems.append(
            StaleReview(self.file, line, message, Severity.WARNING, reviewed=reviewed, what=what)
        )


def did_you_mean(word: str, candidates: Iterable[str]) -> Text | str:
    """ " (did you mean 'x'?)" for the closest of ``candidates``, or ""."""
    close = difflib.get_close_matches(word, sorted(candidates), n=1)
    return Text.of(N_(" (did you mean '%(word)s'?)"), word=close[0]) if close else ""


def check_keys(
    report: FileReport,
    path: Path,
    table: dict[str, Any],
    allowed: Iterable[str],
    required: Iterable[str],
) -> None:
    allowed_set = allowed if isinstance(allowed, frozenset) else frozenset(allowed)
    suggested: set[str] = set()
    for key in table:
        if key not in allowed_set:
            close = difflib.get_close_matches(key, sorted(allowed_set), n=1)
            hint = did_you_mean(key, allowed_set)
            suggested.update(close)
            report.error((*path, key), N_("unknown key '%(key)s'%(hint)s"), key=key, hint=hint)
    for key in required:
        # A typo of a required key is reported once, at the typo, not again as missing.
        if key not in table and key not in suggested:
            report.error(path, N_("missing key '%(key)s'"), key=key)


def get_text(
    report: FileReport, path: Path, table: dict[str, Any], key: str, limit_name: str
) -> str | None:
    """The text at ``table[key]`` if it is present, a non-empty string and not too long."""
    if key not in table:
        return None
    return check_text(report, (*path, key), table[key], f"'{key}'", TEXT_LIMITS[limit_name])


def check_text(
    report: FileReport, path: Path, value: object, what: str | Text, limit: int
) -> str | None:
    """``what`` names the value in the messages: "'title'", or a ``Text``."""
    if not isinstance(value, str):
        report.error(path, N_("%(what)s must be text"), what=what)
        return None
    if not value.strip():
        report.error(path, N_("%(what)s is empty"), what=what)
        return None
    if len(value) > limit:
        report.error(
            path,
            Text.plural(
                ngettext(
                    "%(what)s is too long: %(count)s character, at most %(limit)s",
                    "%(what)s is too long: %(count)s characters, at most %(limit)s",
                ),
                "count",
                what=what,
                count=len(value),
                limit=limit,
            ),
        )
        return None
    return value


def get_text_list(
    report: FileReport,
    path: Path,
    table: dict[str, Any],
    key: str,
    limit_name: str,
    *,
    low: int,
    high: int,
) -> tuple[str, ...] | None:
    if key not in table:
        return None
    value = table[key]
    where = (*path, key)
    if not isinstance(value, list):
        report.error(where, N_("'%(key)s' must be a list of text"), key=key)
        return None
    if not low <= len(value) <= high:
        report.error(
            where,
            N_("'%(key)s' must have %(low)s to %(high)s entries, not %(count)s"),
            key=key,
            low=low,
            high=high,
            count=len(value),
        )
        return None
    out: list[str] = []
    for index, element in enumerate(value):
        what = Text.of(N_("'%(key)s' entry %(number)s"), key=key, number=index + 1)
        text = check_text(report, (*where, index), element, what, TEXT_LIMITS[limit_name])
        if text is None:
            return None
        out.append(text)
    return tuple(out)


def get_choice(
    report: FileReport, path: Path, table: dict[str, Any], key: str, choices: Iterable[str]
) -> str | None:
    if key not in table:
        return None
    value = table[key]
    options = tuple(choices)
    if not isinstance(value, str) or value not in options:
        shown = f"'{value}'" if isinstance(value, str) else type(value).__name__
        report.error(
            (*path, key),
            N_("'%(key)s' must be one of %(choices)s, not %(value)s"),
            key=key,
            choices=", ".join(options),
            value=shown,
        )
        return None
    return value


def get_bool(report: FileReport, path: Path, table: dict[str, Any], key: str) -> bool | None:
    if key not in table:
        return None
    value = table[key]
    if type(value) is not bool:
        report.error((*path, key), N_("'%(key)s' must be true or false (without quotes)"), key=key)
        return None
    return value


def version_tuple(text: str) -> tuple[int, ...]:
    """ "0.10.1" -> (0, 10, 1), padded to three parts so "1" and "1.0.0" compare equal."""
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def get_date(report: FileReport, path: Path, table: dict[str, Any], key: str) -> dt.date | None:
    if key not in table:
        return None
    value = table[key]
    # A TOML datetime is a date subclass; a review date has no time of day.
    if type(value) is not dt.date:
        report.error(
            (*path, key), N_("'%(key)s' must be a date like 2026-11-28 (without quotes)"), key=key
        )
        return None
    return value


def get_id(report: FileReport, path: Path, table: dict[str, Any], key: str = "id") -> str | None:
    if key not in table:
        return None
    value = table[key]
    if not isinstance(value, str) or not LOCAL_ID.fullmatch(value):
        shown = f"'{value}'" if isinstance(value, str) else type(value).__name__
        report.error(
            (*path, key),
            N_(
                "malformed id %(value)s: use lowercase letters, digits and '-' "
                "(starting with a letter or digit, at most 64 characters)"
            ),
            value=shown,
        )
        return None
    return value


def table_list(
    report: FileReport, path: Path, value: object, what: str, high: int
) -> list[tuple[int, dict[str, Any]]]:
    """The tables of an array of tables, with their indexes; problems for the rest."""
    if not isinstance(value, list):
        report.error(path, N_("'%(key)s' must be a list of tables ([[%(key)s]])"), key=what)
        return []
    if len(value) > high:
        report.error(
            path,
            N_("too many '%(key)s' entries: %(count)s, at most %(limit)s"),
            key=what,
            count=len(value),
            limit=high,
        )
        return []
    out: list[tuple[int, dict[str, Any]]] = []
    for index, element in enumerate(value):
        if isinstance(element, dict):
            out.append((index, element))
        else:
            report.error((*path, index), N_("each '%(key)s' entry must be a table"), key=what)
    return out


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")
