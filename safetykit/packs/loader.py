"""Reading a pack: from its files to a validated, localised ``Pack``.

``analyse()`` works on a mapping of relative path -> bytes, so a folder and a verified
archive go through exactly the same checks. It collects every problem (errors and
warnings) instead of stopping at the first, because a trainer fixing a pack wants the
whole list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

from safetykit import __version__
from safetykit.packs import po
from safetykit.packs.advice import check_advice, check_review_dates
from safetykit.packs.checklist_toml import DraftChecklist, check_checklist
from safetykit.packs.checks import (
    CHECKLISTS_MAX,
    ITEMS_MAX,
    LOCALE,
    LOCALE_FILE,
    FileReport,
    is_pack_file,
    version_tuple,
)
from safetykit.packs.errors import PackError, Problem, Severity, errors_only
from safetykit.packs.limits import DEFAULT_LIMITS
from safetykit.packs.model import Checklist, Item, Origin, Pack, Question
from safetykit.packs.pack_toml import Manifest, check_manifest
from safetykit.packs.positions import PositionMap, find_positions
from safetykit.packs.references import check_references
from safetykit.packs.toml_hints import toml_hint
from safetykit.packs.toml_words import toml_words
from safetykit.text import N_, Text, ngettext, os_reason

PackFiles = Mapping[str, bytes]
# Tables and arrays nested deeper than this are refused before anything walks them
# (real packs nest about six deep; this scanner, the checks and tomllib all recurse).
MAX_NESTING = 20
_TOML_LINE = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)$")


@dataclass
class Analysis:
    """Everything lint and the loader learn about a pack."""

    pack: Pack | None  # None when there are errors
    problems: list[Problem]
    translations: dict[str, po.Translation] = field(default_factory=dict)
    locations: dict[str, tuple[str, int]] = field(default_factory=dict)
    # (pack id, min_app) when the pack needs a newer SafetyKit than this one.
    needs_app: tuple[str, str] | None = None

    @property
    def errors(self) -> list[Problem]:
        return errors_only(self.problems)


def read_pack_dir(folder: Path) -> tuple[dict[str, bytes], list[Problem]]:
    """The pack files of ``folder`` (pack.toml, checklists/*.toml, locales/*.po)."""
    label = str(folder)
    problems: list[Problem] = []
    files: dict[str, bytes] = {}
    if not (folder / "pack.toml").is_file():
        raise PackError([_problem(f"{label}/pack.toml", 0, N_("missing: not a pack folder"))])
    total = 0
    try:
        candidates = [folder / "pack.toml"]
        for sub, suffix in (("checklists", ".toml"), ("locales", ".po")):
            if not (folder / sub).is_dir():
                continue
            for path in sorted((folder / sub).iterdir()):
                if path.name.endswith(suffix):
                    candidates.append(path)
                elif not path.name.startswith("."):  # editors' and systems' hidden files
                    rel = path.relative_to(folder).as_posix()
                    problems.append(
                        _problem(
                            f"{label}/{rel}",
                            0,
                            N_(
                                "not part of the pack (%(folder)s/ holds only *%(suffix)s "
                                "files): pack build leaves it out"
                            ),
                            Severity.WARNING,
                            folder=sub,
                            suffix=suffix,
                        )
                    )
        for path in candidates:
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink() or not path.is_file():
                problems.append(_problem(f"{label}/{rel}", 0, N_("not a regular file")))
                continue
            if not is_pack_file(rel):
                problems.append(Problem(f"{label}/{rel}", 0, _misnamed(rel)))
                continue
            with path.open("rb") as handle:
                data = handle.read(DEFAULT_LIMITS.max_file + 1)
            if len(data) > DEFAULT_LIMITS.max_file:
                limit = DEFAULT_LIMITS.max_file
                problems.append(
                    _problem(
                        f"{label}/{rel}", 0, N_("larger than %(size)s bytes"), size=f"{limit:,}"
                    )
                )
                continue
            total += len(data)
            files[rel] = data
    except OSError as exc:
        raise PackError("pack.read_failed", file=label, reason=os_reason(exc)) from None
    if total > DEFAULT_LIMITS.max_total:
        problems.append(
            _problem(
                label,
                0,
                N_("pack is larger than %(size)s bytes"),
                size=f"{DEFAULT_LIMITS.max_total:,}",
            )
        )
    return files, problems


def _misnamed(rel: str) -> Text:
    if rel.startswith("checklists/"):
        return Text.of(
            N_("checklist file names look like checklists/NN-name.toml (NN: two digits)")
        )
    return Text.of(N_("translation file names look like locales/<lang>.po (e.g. locales/es.po)"))


def _problem(
    file: str,
    line: int,
    message: str,
    severity: Severity = Severity.ERROR,
    /,
    **params: object,
) -> Problem:
    """A problem whose ``message`` (marked with N_()) is shown in the reader's language."""
    return Problem(file, line, Text.of(message, **params), severity)


def analyse(
    files: PackFiles,
    *,
    label: str,
    today: dt.date | None = None,
    locations: bool = False,
    strict: bool = False,
    others: Mapping[str, Sequence[Question]] | None = None,
) -> Analysis:
    """Validate every file of a pack and build the source-language ``Pack``.

    ``locations``: also find where each translatable string is written (for the .pot).
    ``strict``: the author's tools (lint, build, strings) also refuse TOML that only
    TOML 1.1 readers accept (see ``_parse_toml``).
    ``others``: questions of the other installed packs, to check references to them.
    """
    problems: list[Problem] = []

    def name(rel: str) -> str:
        return f"{label}/{rel}"

    if "pack.toml" not in files:
        return Analysis(None, [_problem(name("pack.toml"), 0, N_("missing: not a pack"))])
    parsed = _parse_toml(name("pack.toml"), files["pack.toml"], problems, strict)
    manifest_report = FileReport(name("pack.toml"), parsed[1], problems)
    manifest = check_manifest(manifest_report, parsed[0]) if parsed[0] is not None else None

    drafts: list[DraftChecklist] = []
    checklist_names = sorted(n for n in files if n.startswith("checklists/"))
    if len(checklist_names) > CHECKLISTS_MAX:
        problems.append(
            _problem(label, 0, N_("more than %(limit)s checklist files"), limit=CHECKLISTS_MAX)
        )
        checklist_names = checklist_names[:CHECKLISTS_MAX]
    all_parsed = True
    for rel in checklist_names:
        data, positions = _parse_toml(name(rel), files[rel], problems, strict)
        if data is not None:
            report = FileReport(name(rel), positions, problems)
            drafts.append(check_checklist(report, data, manifest.format if manifest else 1))
        else:
            all_parsed = False
    if manifest is None:
        return Analysis(None, problems)
    needs_app = None
    if manifest.min_app and version_tuple(manifest.min_app) > version_tuple(__version__):
        needs_app = (manifest.id or "", manifest.min_app)
    if not checklist_names:
        problems.append(_problem(name("checklists/"), 0, N_("the pack has no checklists")))
    count = sum(len(d.items) for d in drafts)
    if count > ITEMS_MAX:
        problems.append(
            Problem(
                label,
                0,
                Text.plural(
                    ngettext(
                        "%(count)s item, at most %(limit)s", "%(count)s items, at most %(limit)s"
                    ),
                    "count",
                    count=count,
                    limit=ITEMS_MAX,
                ),
            )
        )
    check_references(
        manifest_report,
        manifest.questions,
        manifest.question_paths,
        drafts,
        set(manifest.question_ids),
        all_parsed=all_parsed,
        others=others,
    )
    check_advice(manifest_report, manifest, drafts)
    if today is not None:
        check_review_dates(manifest_report, manifest, drafts, today)

    pack = _build(manifest, drafts) if not errors_only(problems) else None
    analysis = Analysis(pack, problems, needs_app=needs_app)
    if pack is not None:
        if locations:
            analysis.locations = _locations(label, manifest_report, manifest, drafts, pack)
        _read_translations(files, pack, analysis, name)
    return analysis


def _parse_toml(
    file: str, data: bytes, problems: list[Problem], strict: bool = False
) -> tuple[dict[str, Any] | None, PositionMap]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.append(_problem(file, line, N_("not UTF-8 text (save the file as UTF-8)")))
        return None, PositionMap()
    try:
        parsed = _parse_bounded(text, strict)
    except tomllib.TOMLDecodeError as exc:
        line, message = _toml_error(text, exc)
        problems.append(
            _problem(
                file,
                line,
                N_(
                    "not valid TOML 1.0, which every SafetyKit reads: %(message)s (keep each "
                    "{ … } on one line, with no comma before the })"
                ),
                message=toml_words(message),
            )
        )
        return None, PositionMap()
    except tomli.TOMLDecodeError as exc:
        line, message = _toml_error(text, exc)
        hint = toml_hint(text, str(exc))
        if hint:
            said = _problem(
                file,
                line,
                N_("not valid TOML: %(message)s (%(hint)s)"),
                message=toml_words(message),
                hint=Text.of(hint),
            )
        else:
            said = _problem(
                file, line, N_("not valid TOML: %(message)s"), message=toml_words(message)
            )
        problems.append(said)
        return None, PositionMap()
    except _TooDeep:
        problems.append(
            _problem(
                file,
                0,
                N_("tables or arrays nested more than %(limit)s levels deep"),
                limit=MAX_NESTING,
            )
        )
        return None, PositionMap()
    return parsed, find_positions(text, lazy=True)


class _TooDeep(Exception):
    """Nesting beyond MAX_NESTING (never escapes this module)."""


def _parse_bounded(text: str, strict: bool) -> dict[str, Any]:
    """``text`` parsed, refusing nesting deeper than MAX_NESTING. Both parsers recurse
    once per level of inline arrays and tables; tomli stops at 1,000 levels with a
    RecursionError, Python 3.11's tomllib at the interpreter's recursion limit."""
    try:
        # tomli is the code base of the standard tomllib, shipped compiled: the same
        # results about three times faster, which matters for large packs.
        parsed = tomli.loads(text)
        if strict:
            # tomli 2.3 and later read TOML 1.1 (trailing commas and line breaks in
            # inline tables, \e and \x escapes, times without seconds); the standard
            # tomllib of Python 3.11 and older tomli builds read TOML 1.0 only. A pack
            # an author hands out must read in every SafetyKit, so lint and build hold
            # it to TOML 1.0; loading stays on the fast parser.
            tomllib.loads(text)
    except RecursionError:
        raise _TooDeep from None
    if _depth(parsed) > MAX_NESTING:
        raise _TooDeep
    return parsed


def _depth(value: object) -> int:
    """How deeply tables and arrays nest in ``value``, walked without recursion."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            children: Iterable[object] = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_NESTING:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


def _toml_error(text: str, exc: ValueError) -> tuple[int, str]:
    """The line and the message (without its position) of a TOML error."""
    message = str(exc)
    found = _TOML_LINE.search(message)
    if found and found.group(1):
        line = int(found.group(1))
    else:  # "at end of document": the last line
        line = text.count("\n") + (0 if text.endswith("\n") else 1)
    return line, _TOML_LINE.sub("", message)


def _build(manifest: Manifest, drafts: list[DraftChecklist]) -> Pack:
    checklists = tuple(
        Checklist(
            id=d.id or "",
            title=d.title or "",
            summary=d.summary or "",
            items=tuple(
                Item(
                    id=i.id,
                    title=i.title,
                    why=i.why,
                    steps=i.steps,
                    risk=i.risk,
                    effort=i.effort,
                    reviewed=i.reviewed,
                    applies_if=i.applies_if,
                    depends_on=i.depends_on,
                    sources=i.sources,
                    kind=i.kind,
                    step_conditions=i.step_conditions if any(i.step_conditions) else (),
                    applies_if_any=i.applies_if_any,
                    legal_hold=bool(i.legal_hold),
                )
                for i in d.items
            ),
        )
        for d in drafts
    )
    assert manifest.id and manifest.version and manifest.source_locale and manifest.reviewed
    return Pack(
        id=manifest.id,
        version=manifest.version,
        source_locale=manifest.source_locale,
        name=manifest.name or "",
        publisher=manifest.publisher or "",
        license=manifest.license or "",
        reviewed=manifest.reviewed,
        min_app=manifest.min_app or "",
        questions=manifest.questions,
        checklists=checklists,
        contacts=manifest.contacts,
        locale=manifest.source_locale,
        description=manifest.description,
        credit=manifest.credit,
        legal_hold=manifest.legal_hold,
        format=manifest.format,
    )


def _locations(
    label: str,
    manifest_report: FileReport,
    manifest: Manifest,
    drafts: list[DraftChecklist],
    pack: Pack,
) -> dict[str, tuple[str, int]]:
    """Where each translatable string is written, for the .pot's ``#:`` comments."""
    out: dict[str, tuple[str, int]] = {}
    prefix = len(label) + 1

    def at(report: FileReport, path: tuple[str | int, ...]) -> tuple[str, int]:
        return report.file[prefix:], report.line(path)

    out["pack:name"] = at(manifest_report, ("name",))
    for key in ("description", "credit", "legal_hold"):
        if getattr(pack, key):
            out[f"pack:{key}"] = at(manifest_report, (key,))
    for path, question in zip(manifest.question_paths, manifest.questions, strict=True):
        out[f"{question.id}:text"] = at(manifest_report, (*path, "text"))
        if question.help:
            out[f"{question.id}:help"] = at(manifest_report, (*path, "help"))
        if question.if_skipped:
            out[f"{question.id}:if_skipped"] = at(manifest_report, (*path, "if_skipped"))
        for n, option in enumerate(question.options):
            out[f"{question.id}:option.{option.value}"] = at(
                manifest_report, (*path, "options", n, "label")
            )
    for index in range(len(pack.contacts)):
        out[f"contacts.{index}:offers"] = at(manifest_report, ("contacts", index, "offers"))
    for draft in drafts:
        out[f"{draft.id}:title"] = at(draft.report, ("title",))
        out[f"{draft.id}:summary"] = at(draft.report, ("summary",))
        for item in draft.items:
            for key in ("title", "why"):
                out[f"{item.id}:{key}"] = at(draft.report, (*item.path, key))
            for n in range(len(item.steps)):
                step: tuple[str | int, ...] = (*item.path, "steps", n)
                if n < len(item.step_conditions) and item.step_conditions[n]:
                    step = (*step, "text")  # a step written as a table
                out[f"{item.id}:steps.{n}"] = at(draft.report, step)
    return out


def _read_translations(
    files: PackFiles, pack: Pack, analysis: Analysis, name: Callable[[str], str]
) -> None:
    sources = po.source_strings(pack)
    for rel in sorted(files):
        match = LOCALE_FILE.fullmatch(rel)
        if not match:
            continue
        lang = match.group(1)
        if not LOCALE.fullmatch(lang):
            analysis.problems.append(
                _problem(name(rel), 0, N_("malformed language code '%(lang)s'"), lang=lang)
            )
            continue
        if lang == pack.source_locale:
            analysis.problems.append(
                _problem(name(rel), 0, N_("a translation into the pack's source language"))
            )
            continue
        translation, found = po.read_translation(name(rel), files[rel], lang, sources)
        analysis.problems.extend(found)
        analysis.translations[lang] = translation
    if errors_only(analysis.problems):
        analysis.pack = None


def choose_locale(requested: str | None, available: Mapping[str, object]) -> str | None:
    """The translation to use for ``requested`` (``es_MX`` falls back to ``es``)."""
    if not requested:
        return None
    wanted = requested.replace("-", "_")
    if wanted in available:
        return wanted
    base = wanted.split("_")[0].lower()
    return base if base in available else None


def finish(analysis: Analysis, *, locale: str | None, origin: Origin, label: str) -> Pack:
    """The localised pack, or PackError listing every error (or, first, saying plainly
    that the pack needs a newer SafetyKit: its other errors may be only that)."""
    if analysis.needs_app is not None:
        pack_id, needed = analysis.needs_app
        raise PackError("pack.needs_newer_app", pack=pack_id, needed=needed, running=__version__)
    if analysis.pack is None or analysis.errors:
        raise PackError(analysis.errors or [_problem(label, 0, N_("invalid pack"))])
    chosen = choose_locale(locale, analysis.translations)
    pack = po.localize(analysis.pack, analysis.translations.get(chosen) if chosen else None)
    return dataclasses.replace(
        pack, origin=origin, available_locales=tuple(sorted(analysis.translations))
    )


def load_pack_files(
    files: PackFiles,
    *,
    label: str,
    locale: str | None = None,
    origin: Origin = Origin.BUILTIN,
) -> Pack:
    return finish(analyse(files, label=label), locale=locale, origin=origin, label=label)


def load_pack_dir(
    path: Path | str, *, locale: str | None = None, origin: Origin = Origin.BUILTIN
) -> Pack:
    """Load and validate the pack folder ``path``; PackError lists what is wrong."""
    folder = Path(path)
    files, problems = read_pack_dir(folder)
    if errors_only(problems):
        raise PackError(problems)
    return load_pack_files(files, label=str(folder), locale=locale, origin=origin)


__all__ = ["Analysis", "PackError", "Severity", "analyse", "load_pack_dir", "load_pack_files"]
