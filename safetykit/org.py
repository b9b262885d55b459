"""The organisation an org build belongs to: its name, language, helplines, defaults.

A press-freedom group's build (``safetykit bundle build``, docs/packaging.md) carries
``org/organisation.toml`` beside its keys and packs (safetykit/resources.py
``org_dir``). The About dialog shows the name, Help › Helplines and the plan list the
helplines, the first start uses the default language, and the quick-exit and
auto-lock settings start from the organisation's values. A plain installation has no
organisation: ``current()`` is None and everything keeps SafetyKit's own defaults.

``parse`` checks every field and reports ``file:line: message`` problems, so the same
rules serve the bundle's source file (safetykit/bundle.py) and the installed copy.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safetykit import resources
from safetykit.packs.errors import PackError, Problem
from safetykit.packs.positions import find_positions
from safetykit.packs.toml_words import toml_words
from safetykit.text import N_, Text

FILE_NAME = resources.ORG_FILE
ORG_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")
LANGUAGE = re.compile(r"[a-z]{2,3}(?:_[A-Z]{2})?")
AUTO_LOCK_CHOICES = (0, 1, 2, 5, 10, 15, 30, 60)  # as the settings screen offers
SHORTCUT = re.compile(r"(?:(?:Ctrl|Alt|Shift|Meta)\+){1,3}(?:[A-Z0-9]|F[1-9]|F1[0-2])")
HELPLINES_MAX = 20
TEXT_MAX = 200

ORGANISATION_KEYS = ("id", "name", "default_language")
DEFAULTS_KEYS = ("auto_lock_minutes", "quick_exit_shortcut")
HELPLINE_KEYS = ("name", "contact", "hours", "languages", "website")


@dataclass(frozen=True)
class Helpline:
    name: str
    contact: str  # a phone number, a Signal or email address: shown as written
    hours: str = ""
    languages: tuple[str, ...] = ()
    website: str = ""


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    default_language: str | None = None
    auto_lock_minutes: int | None = None
    quick_exit_shortcut: str | None = None
    helplines: tuple[Helpline, ...] = ()


class _Report:
    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.positions = find_positions(text, lazy=True)
        self.problems: list[Problem] = []

    def error(self, path: tuple[str | int, ...], message: str, /, **params: object) -> None:
        # ``message`` is marked with N_(): shown in the reader's language (safetykit.text).
        text = Text.of(message, **params)
        self.problems.append(Problem(self.file, self.positions.line(path), text))


def _keys(
    report: _Report, path: tuple[str | int, ...], table: Mapping[str, Any], allowed: tuple[str, ...]
) -> None:
    for key in table:
        if key not in allowed:
            report.error(
                (*path, key),
                N_("unknown key '%(key)s' (allowed: %(allowed)s)"),
                key=key,
                allowed=", ".join(allowed),
            )


def _text(
    report: _Report,
    path: tuple[str | int, ...],
    table: Mapping[str, Any],
    key: str,
    *,
    required: bool,
) -> str:
    if key not in table:
        if required:
            report.error(path, N_("missing key '%(key)s'"), key=key)
        return ""
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        report.error((*path, key), N_("'%(key)s' must be non-empty text"), key=key)
        return ""
    if len(value) > TEXT_MAX or "\n" in value:
        report.error(
            (*path, key),
            N_("'%(key)s' must be one line of at most %(limit)s characters"),
            key=key,
            limit=TEXT_MAX,
        )
        return ""
    return value.strip()


def _table(report: _Report, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        report.error((key,), N_("'%(key)s' must be a table ([%(key)s])"), key=key)
        return {}
    return value


def parse_data(
    data: Mapping[str, Any], report: _Report, languages: tuple[str, ...]
) -> Organisation | None:
    """The organisation in ``data`` (the tables [organisation], [defaults], [[helpline]])."""
    org = _table(report, data, "organisation")
    if "organisation" not in data:
        report.error((), N_("missing table [organisation]"))
    _keys(report, ("organisation",), org, ORGANISATION_KEYS)
    org_id = _text(report, ("organisation",), org, "id", required=True)
    if org_id and not ORG_ID.fullmatch(org_id):
        report.error(
            ("organisation", "id"),
            N_("'id' must be lowercase letters, digits and '-' (at most 40), e.g. 'example-pfn'"),
        )
    name = _text(report, ("organisation",), org, "name", required=True)
    language = _text(report, ("organisation",), org, "default_language", required=False) or None
    if language is not None and language not in languages:
        report.error(
            ("organisation", "default_language"),
            N_("default_language '%(lang)s' is not one of SafetyKit's languages: %(languages)s"),
            lang=language,
            languages=", ".join(languages),
        )

    defaults = _table(report, data, "defaults")
    _keys(report, ("defaults",), defaults, DEFAULTS_KEYS)
    minutes = defaults.get("auto_lock_minutes")
    if minutes is not None and (type(minutes) is not int or minutes not in AUTO_LOCK_CHOICES):
        report.error(
            ("defaults", "auto_lock_minutes"),
            N_("'auto_lock_minutes' must be one of %(choices)s (0 turns it off)"),
            choices=", ".join(map(str, AUTO_LOCK_CHOICES)),
        )
        minutes = None
    shortcut = _text(report, ("defaults",), defaults, "quick_exit_shortcut", required=False) or None
    if shortcut is not None and not SHORTCUT.fullmatch(shortcut):
        report.error(
            ("defaults", "quick_exit_shortcut"),
            N_("'quick_exit_shortcut' must be modifiers and a key, as in 'Ctrl+Shift+Q'"),
        )
        shortcut = None

    helplines: list[Helpline] = []
    entries = data.get("helpline", [])
    if not isinstance(entries, list):
        report.error(("helpline",), N_("helplines are [[helpline]] tables"))
        entries = []
    if len(entries) > HELPLINES_MAX:
        report.error(("helpline",), N_("at most %(limit)s helplines"), limit=HELPLINES_MAX)
    for index, entry in enumerate(entries[:HELPLINES_MAX]):
        path: tuple[str | int, ...] = ("helpline", index)
        if not isinstance(entry, dict):
            report.error(path, N_("a helpline is a [[helpline]] table"))
            continue
        _keys(report, path, entry, HELPLINE_KEYS)
        spoken = entry.get("languages", [])
        if not isinstance(spoken, list) or not all(
            isinstance(code, str) and LANGUAGE.fullmatch(code) for code in spoken
        ):
            report.error(
                (*path, "languages"), N_("'languages' must be a list of codes like \"es\"")
            )
            spoken = []
        helplines.append(
            Helpline(
                name=_text(report, path, entry, "name", required=True),
                contact=_text(report, path, entry, "contact", required=True),
                hours=_text(report, path, entry, "hours", required=False),
                languages=tuple(spoken),
                website=_text(report, path, entry, "website", required=False),
            )
        )
    if report.problems:
        return None
    return Organisation(
        id=org_id,
        name=name,
        default_language=language,
        auto_lock_minutes=minutes,
        quick_exit_shortcut=shortcut,
        helplines=tuple(helplines),
    )


def parse(
    text: str, file: str, languages: tuple[str, ...]
) -> tuple[Organisation | None, list[Problem]]:
    """The organisation described by ``text`` (TOML), or None and every problem."""
    report = _Report(file, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return None, [toml_error(file, error)]
    return parse_data(data, report, languages), report.problems


def toml_error(file: str, error: tomllib.TOMLDecodeError) -> Problem:
    """A TOML syntax error as a problem at its line (Python 3.11's tomllib puts the
    position only in the message: "... (at line 2, column 14)")."""
    text = str(error)
    found = re.search(r"\(at line (\d+), column \d+\)$", text)
    message = text[: found.start()].rstrip() if found else text
    line = int(found[1]) if found else 0
    return Problem(
        file, line, Text.of(N_("not valid TOML: %(message)s"), message=toml_words(message))
    )


def launch_languages() -> tuple[str, ...]:
    from safetykit import i18n

    return tuple(i18n.available_languages())


def load(folder: Path) -> Organisation | None:
    """The organisation of the org bundle in ``folder``; None if it has no file.

    A damaged file is a damaged installation: PackError with its problems.
    """
    path = folder / FILE_NAME
    if not path.is_file():
        return None
    organisation, problems = parse(path.read_text(encoding="utf-8"), str(path), launch_languages())
    if organisation is None:
        raise PackError(problems)
    return organisation


@functools.cache
def current() -> Organisation | None:
    """This installation's organisation, or None (a plain SafetyKit)."""
    folder = resources.org_dir()
    return load(folder) if folder is not None else None
