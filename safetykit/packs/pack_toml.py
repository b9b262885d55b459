"""Validation of ``pack.toml``: the manifest, profile questions and contacts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from safetykit import __version__
from safetykit.packs.checks import (
    APP_VERSION,
    CONTACTS_MAX,
    FORMAT,
    FORMATS,
    LANGUAGES_MAX,
    LOCAL_ID,
    LOCALE,
    OPTIONS_MAX,
    PACK_ID,
    PACK_ID_MAX,
    QUESTIONS_MAX,
    FileReport,
    check_keys,
    get_bool,
    get_choice,
    get_date,
    get_id,
    get_text,
    table_list,
    version_tuple,
)
from safetykit.packs.model import Contact, Option, Question, QuestionKind
from safetykit.packs.positions import Path
from safetykit.text import N_

MANIFEST_KEYS = (
    "format",
    "id",
    "version",
    "source_locale",
    "name",
    "publisher",
    "license",
    "reviewed",
    "min_app",
    "profile",
    "contacts",
    "description",
    "credit",
    "legal_hold",
)
MANIFEST_REQUIRED = MANIFEST_KEYS[:9]
QUESTION_KEYS = ("id", "text", "help", "kind", "options", "situation", "if_skipped")
# Keys a format 1 pack may not use: a format 1 reader would refuse them as typos.
V2_MANIFEST_KEYS = ("description", "credit", "legal_hold")
V2_QUESTION_KEYS = ("situation", "if_skipped")
OPTION_KEYS = ("value", "label")
CONTACT_KEYS = ("name", "offers", "website", "languages", "checked")


@dataclass(frozen=True)
class Manifest:
    """The validated header of a pack; fields are None where the value was refused."""

    id: str | None
    version: int | None
    source_locale: str | None
    name: str | None
    publisher: str | None
    license: str | None
    reviewed: dt.date | None
    min_app: str | None
    questions: tuple[Question, ...]
    contacts: tuple[Contact, ...]
    question_paths: tuple[Path, ...]  # where each of ``questions`` was written
    question_ids: frozenset[str] = frozenset()  # well-formed ids, refused questions too
    format: int = 1
    description: str = ""
    credit: str = ""
    legal_hold: str = ""


def check_manifest(
    report: FileReport, data: dict[str, Any], app_version: str = __version__
) -> Manifest:
    """``app_version``: the SafetyKit reading the pack; a pack whose ``min_app`` is
    newer is refused, because it may use what this version does not understand."""
    check_keys(report, (), data, MANIFEST_KEYS, MANIFEST_REQUIRED)
    fmt = data.get("format")
    version = fmt if type(fmt) is int and fmt in FORMATS else None
    if "format" in data and version is None:
        known = " and ".join(str(f) for f in FORMATS)
        report.error(
            ("format",),
            N_(
                "unsupported format %(value)s (this version reads formats %(known)s); "
                "a newer SafetyKit may read it"
            ),
            value=repr(fmt),
            known=known,
        )
    if version == 1:
        _refuse_v2_keys(report, (), data, V2_MANIFEST_KEYS)
    questions = _questions(report, data, version or FORMAT)
    min_app = _min_app(report, data)
    if min_app is not None and version_tuple(min_app) > version_tuple(app_version):
        report.error(
            ("min_app",),
            N_("this pack needs SafetyKit %(needed)s or later (this is %(version)s)"),
            needed=min_app,
            version=app_version,
        )
    return Manifest(
        id=_pack_id(report, data),
        version=_version(report, data),
        source_locale=_locale(report, ("source_locale",), data.get("source_locale")),
        name=get_text(report, (), data, "name", "name"),
        publisher=get_text(report, (), data, "publisher", "publisher"),
        license=get_text(report, (), data, "license", "license"),
        reviewed=get_date(report, (), data, "reviewed"),
        min_app=min_app,
        questions=tuple(q for _, q in questions),
        contacts=_contacts(report, data),
        question_paths=tuple(p for p, _ in questions),
        question_ids=frozenset(_well_formed_ids(data.get("profile"))),
        format=version or FORMAT,
        description=_optional_text(report, (), data, "description"),
        credit=_optional_text(report, (), data, "credit"),
        legal_hold=_optional_text(report, (), data, "legal_hold"),
    )


def _refuse_v2_keys(
    report: FileReport, path: Path, table: dict[str, Any], keys: tuple[str, ...]
) -> None:
    for key in keys:
        if key in table:
            report.error(
                (*path, key), N_("'%(key)s' needs format = 2 (this pack says format = 1)"), key=key
            )


def _optional_text(report: FileReport, path: Path, table: dict[str, Any], key: str) -> str:
    return (get_text(report, path, table, key, key) or "") if key in table else ""


def _well_formed_ids(profile: object) -> list[str]:
    if not isinstance(profile, list):
        return []
    return [
        entry["id"]
        for entry in profile
        if isinstance(entry, dict)
        and isinstance(entry.get("id"), str)
        and LOCAL_ID.fullmatch(entry["id"])
    ]


def _pack_id(report: FileReport, data: dict[str, Any]) -> str | None:
    value = data.get("id")
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > PACK_ID_MAX or not PACK_ID.fullmatch(value):
        report.error(
            ("id",),
            N_(
                "malformed pack id %(value)s: use reverse-DNS form like org.example.pack "
                "(lowercase letters, digits, '-' and '.')"
            ),
            value=repr(value),
        )
        return None
    return value


def _version(report: FileReport, data: dict[str, Any]) -> int | None:
    value = data.get("version")
    if value is None:
        return None
    if type(value) is not int or not 1 <= value < 2**31:
        report.error(
            ("version",),
            N_("'version' must be a whole number from 1 up, not %(value)s"),
            value=repr(value),
        )
        return None
    return value


def _locale(report: FileReport, path: Path, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not LOCALE.fullmatch(value):
        report.error(
            path,
            N_("malformed language code %(value)s (use forms like en, es, pt_BR)"),
            value=repr(value),
        )
        return None
    return value


def _min_app(report: FileReport, data: dict[str, Any]) -> str | None:
    value = data.get("min_app")
    if value is None:
        return None
    if not isinstance(value, str) or not APP_VERSION.fullmatch(value):
        report.error(
            ("min_app",),
            N_("'min_app' must be a version like \"0.1.0\", not %(value)s"),
            value=repr(value),
        )
        return None
    return value


def _questions(report: FileReport, data: dict[str, Any], fmt: int) -> list[tuple[Path, Question]]:
    if "profile" not in data:
        return []
    found: list[tuple[Path, Question]] = []
    entries = table_list(report, ("profile",), data["profile"], "profile", QUESTIONS_MAX)
    for index, table in entries:
        path: Path = ("profile", index)
        check_keys(report, path, table, QUESTION_KEYS, ("id", "text", "kind"))
        qid = get_id(report, path, table)
        text = get_text(report, path, table, "text", "text")
        help_text = get_text(report, path, table, "help", "help") if "help" in table else ""
        kind_name = get_choice(report, path, table, "kind", [k.value for k in QuestionKind])
        kind = QuestionKind(kind_name) if kind_name else None
        options = _options(report, path, table, kind)
        if fmt == 1:
            _refuse_v2_keys(report, path, table, V2_QUESTION_KEYS)
        situation = get_bool(report, path, table, "situation")
        if_skipped = _optional_text(report, path, table, "if_skipped")
        if qid and text is not None and help_text is not None and kind and options is not None:
            question = Question(
                qid,
                text,
                kind,
                options,
                help_text,
                situation=bool(situation),
                if_skipped=if_skipped,
            )
            found.append((path, question))
    return found


def _options(
    report: FileReport, path: Path, table: dict[str, Any], kind: QuestionKind | None
) -> tuple[Option, ...] | None:
    if kind is QuestionKind.YES_NO:
        if "options" in table:
            report.error((*path, "options"), N_("a yes_no question has no 'options'"))
            return None
        return ()
    if "options" not in table:
        if kind is not None:
            report.error(path, N_("a %(kind)s question needs 'options'"), kind=kind.value)
        return None
    raw = table["options"]
    where = (*path, "options")
    if not isinstance(raw, list) or not 2 <= len(raw) <= OPTIONS_MAX:
        size = len(raw) if isinstance(raw, list) else type(raw).__name__
        report.error(
            where,
            N_("'options' must be a list of 2 to %(limit)s tables, not %(size)s"),
            limit=OPTIONS_MAX,
            size=size,
        )
        return None
    options: list[Option] = []
    seen: set[str] = set()
    ok = True
    for index, element in enumerate(raw):
        epath = (*where, index)
        if not isinstance(element, dict):
            report.error(epath, N_("each option must be a table { value = …, label = … }"))
            ok = False
            continue
        check_keys(report, epath, element, OPTION_KEYS, OPTION_KEYS)
        value = get_id(report, epath, element, "value")
        label = get_text(report, epath, element, "label", "label")
        if value is not None and value in seen:
            report.error((*epath, "value"), N_("duplicate option value '%(value)s'"), value=value)
            ok = False
        elif value is not None and label is not None:
            seen.add(value)
            options.append(Option(value, label))
        else:
            ok = False
    return tuple(options) if ok else None


def _contacts(report: FileReport, data: dict[str, Any]) -> tuple[Contact, ...]:
    if "contacts" not in data:
        return ()
    found: list[Contact] = []
    for index, table in table_list(
        report, ("contacts",), data["contacts"], "contacts", CONTACTS_MAX
    ):
        path: Path = ("contacts", index)
        check_keys(report, path, table, CONTACT_KEYS, CONTACT_KEYS)
        name = get_text(report, path, table, "name", "name")
        offers = get_text(report, path, table, "offers", "offers")
        website = get_text(report, path, table, "website", "website")
        if website is not None and not website.startswith(("https://", "http://")):
            report.error((*path, "website"), N_("'website' must start with https:// or http://"))
            website = None
        languages = _languages(report, path, table)
        checked = get_date(report, path, table, "checked")
        if name and offers and website and languages is not None and checked:
            found.append(Contact(name, offers, website, languages, checked))
    return tuple(found)


def _languages(report: FileReport, path: Path, table: dict[str, Any]) -> tuple[str, ...] | None:
    if "languages" not in table:
        return None
    raw = table["languages"]
    where = (*path, "languages")
    if not isinstance(raw, list) or not 1 <= len(raw) <= LANGUAGES_MAX:
        report.error(
            where,
            N_("'languages' must be a list of 1 to %(limit)s language codes"),
            limit=LANGUAGES_MAX,
        )
        return None
    out = [_locale(report, (*where, i), code) for i, code in enumerate(raw)]
    return tuple(code for code in out if code) if all(out) else None
