"""``safetykit pack preview``: a pack as a document to review before anyone imports it.

Everything a pack says, in reading order: its status (where it came from, the
signature of an archive, lint's verdict), the manifest, each profile question with its
options and the items each answer brings in, every checklist with its items, steps,
ratings, conditions and sources, and the contacts. With ``side_by_side``, every
translatable string is shown next to its translation, outdated and missing ones marked.

No vault is involved: the pack is read from its folder or archive with the same limits
and checks as an import (an archive's signature is checked before anything is parsed),
and rendered with the plan's machinery (Jinja2 with autoescape, the plan's gettext, the
same HTML for the browser and Qt's PDF printer). Pack text goes through ``clean`` like
every plan text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from safetykit import i18n
from safetykit.assessment.explain import Gettext, effort_label, risk_label
from safetykit.packs import po
from safetykit.packs.errors import PackError, Problem, errors_only
from safetykit.packs.loader import Analysis, analyse, choose_locale, read_pack_dir
from safetykit.packs.model import Conditions, Item, Pack, Question, QuestionKind
from safetykit.plan.text import clean

if TYPE_CHECKING:
    from safetykit.packs.signing import SignatureStatus
    from safetykit.packs.trust import TrustedKey


@dataclass(frozen=True)
class PreviewStatus:
    """What the reviewer should know before reading: where, signed by whom, lint."""

    path: str
    archive: bool
    signed: bool
    key_id: str
    trusted_by: str  # where trust in the signer comes from ("" if not trusted)
    errors: int
    warnings: int
    problems: tuple[str, ...]  # the first few, as lint prints them
    locale: str  # the language shown
    coverage: str  # of the language shown ("" for the source language)


@dataclass(frozen=True)
class AnswerView:
    label: str
    value: str
    brings_in: tuple[str, ...]  # titles of the items (or "title, step n") it brings in


@dataclass(frozen=True)
class QuestionView:
    id: str
    text: str
    kind: str
    help: str
    if_skipped: str
    situation: bool
    answers: tuple[AnswerView, ...]


@dataclass(frozen=True)
class StepView:
    text: str
    only_if: str  # readable conditions, "" for every reader


@dataclass(frozen=True)
class ItemView:
    id: str
    title: str
    why: str
    steps: tuple[StepView, ...]
    playbook: bool
    risk: str  # translated, "Critical risk" (unused for a playbook)
    effort: str  # translated, "takes minutes"
    reviewed: dt.date
    only_if: tuple[str, ...]  # one line per condition table that must match
    any_of: tuple[str, ...]  # at least one of these must match too
    after: tuple[str, ...]  # titles of the items it depends on
    sources: tuple[str, ...]
    legal_hold: bool
    outdated: bool


@dataclass(frozen=True)
class ChecklistView:
    id: str
    title: str
    summary: str
    items: tuple[ItemView, ...]


@dataclass(frozen=True)
class ContactView:
    name: str
    offers: str
    website: str
    languages: tuple[str, ...]
    checked: dt.date


@dataclass(frozen=True)
class PairView:
    """One translatable string: its source text and the translation, as reviewers see it."""

    context: str
    source: str
    translation: str
    state: str  # "ok", "missing", "outdated" or "fuzzy"


@dataclass(frozen=True)
class PackPreview:
    lang: str  # language of the document's own words
    status: PreviewStatus
    id: str
    name: str
    version: int
    publisher: str
    license: str
    reviewed: dt.date
    min_app: str
    format: int
    description: str
    credit: str
    legal_hold: str
    text_dir: str
    questions: tuple[QuestionView, ...]
    checklists: tuple[ChecklistView, ...]
    contacts: tuple[ContactView, ...]
    languages: tuple[str, ...]
    side_by_side: str = ""
    pairs: tuple[PairView, ...] = field(default=())
    translation_dir: str = "ltr"
    source_dir: str = "ltr"


def read_for_preview(
    path: Path, keys: Sequence[TrustedKey] | None = None
) -> tuple[dict[str, bytes], SignatureStatus | None]:
    """The pack files of a folder or archive, and an archive's signature status (None
    for a folder). PackError where an import would refuse the archive: its form,
    limits, signature and hashes are checked before any file is parsed."""
    from safetykit.packs.files import read_archive_file
    from safetykit.packs.signing import verify_archive
    from safetykit.packs.trust import default_keys

    if path.is_dir():
        files, problems = read_pack_dir(path)
        if errors_only(problems):
            raise PackError(problems)
        return files, None
    verified = verify_archive(read_archive_file(path), default_keys() if keys is None else keys)
    return verified.files, verified.status


def build_preview(
    files: Mapping[str, bytes],
    *,
    label: str,
    signature: SignatureStatus | None,
    locale: str | None = None,
    side_by_side: str | None = None,
    lang: str = "en",
    today: dt.date | None = None,
) -> PackPreview:
    """The preview of a pack; PackError (every error, as lint lists them) if it does not
    load, or if a language asked for has no translation."""
    from safetykit.packs.lint import author_warnings, installed_questions
    from safetykit.packs.signing import check_comment

    gettext = i18n.translations(lang).gettext
    installed = installed_questions()
    day = today or dt.date.today()
    analysis = analyse(files, label=label, today=day, strict=True, others=installed)
    if analysis.pack is None or analysis.errors:
        raise PackError(analysis.errors or [Problem(label, 0, "invalid pack")])
    source = analysis.pack
    analysis.problems += author_warnings(source, files, label, installed)
    if signature is not None:
        check_comment(signature, source)  # a signature for another pack or version
    chosen = _language(analysis, locale, source, label)
    translation = analysis.translations.get(chosen) if chosen else None
    pack = po.localize(source, translation)
    warnings = [p for p in analysis.problems if p not in analysis.errors]
    status = PreviewStatus(
        path=label,
        archive=signature is not None,
        signed=bool(signature and signature.signed),
        key_id=(signature.key_id or "") if signature else "",
        trusted_by=(signature.trusted_by or "") if signature else "",
        errors=0,
        warnings=len(warnings),
        problems=tuple(p.render(lang) for p in warnings[:20]),  # the document's language
        locale=pack.locale,
        coverage=translation.coverage_text().render(lang) if translation else "",
    )
    pairs: tuple[PairView, ...] = ()
    other = ""
    if side_by_side:
        other = _language(analysis, side_by_side, source, label) or source.source_locale
        pairs = _pairs(source, analysis.translations.get(other))
    return PackPreview(
        lang=lang,
        status=status,
        id=clean(pack.id),
        name=clean(pack.name),
        version=pack.version,
        publisher=clean(pack.publisher),
        license=clean(pack.license),
        reviewed=pack.reviewed,
        min_app=clean(pack.min_app),
        format=pack.format,
        description=clean(pack.description),
        credit=clean(pack.credit),
        legal_hold=clean(pack.legal_hold),
        text_dir=i18n.text_direction(pack.locale or pack.source_locale),
        questions=tuple(_question(pack, q) for q in pack.questions),
        checklists=tuple(_checklists(pack, gettext)),
        contacts=tuple(
            ContactView(
                clean(c.name),
                clean(c.offers),
                clean(c.website),
                tuple(clean(x) for x in c.languages),
                c.checked,
            )
            for c in pack.contacts
        ),
        languages=(source.source_locale, *sorted(analysis.translations)),
        side_by_side=other,
        pairs=pairs,
        translation_dir=i18n.text_direction(other) if other else "ltr",
        source_dir=i18n.text_direction(source.source_locale),
    )


def _language(analysis: Analysis, asked: str | None, pack: Pack, label: str) -> str | None:
    if not asked or asked.replace("-", "_") == pack.source_locale:
        return None
    chosen = choose_locale(asked, analysis.translations)
    if chosen is None:
        have = ", ".join(sorted(analysis.translations)) or "none"
        raise PackError("pack.preview.no_translation", lang=asked, pack=label, have=have)
    return chosen


def _pairs(source: Pack, translation: po.Translation | None) -> tuple[PairView, ...]:
    out: list[PairView] = []
    for context, text in po.source_strings(source).items():
        if translation is None:
            out.append(PairView(context, clean(text.text), "", "missing"))
        elif context in translation.strings:
            out.append(
                PairView(context, clean(text.text), clean(translation.strings[context]), "ok")
            )
        elif context in translation.outdated_text:
            old = translation.outdated_text[context]
            out.append(PairView(context, clean(text.text), clean(old), "outdated"))
        elif context in translation.fuzzy_text:
            old = translation.fuzzy_text[context]
            out.append(PairView(context, clean(text.text), clean(old), "fuzzy"))
        else:
            out.append(PairView(context, clean(text.text), "", "missing"))
    return tuple(out)


def _answer_label(question: Question, value: str) -> str:
    if question.kind is QuestionKind.YES_NO:
        return value
    return next((o.label for o in question.options if o.value == value), value)


def readable(conditions: Conditions, pack: Pack) -> str:
    """``{travel = "yes"}`` as "Do you cross borders?: yes" (a question of another
    pack keeps its id)."""
    parts: list[str] = []
    for key, accepted in conditions.items():
        try:
            question = pack.question(key)
        except KeyError:
            parts.append(f"{key}: {' / '.join(accepted)}")
            continue
        answers = " / ".join(_answer_label(question, v) for v in accepted)
        parts.append(f"{question.text} {answers}")
    return clean(" · ".join(parts))


def _mentions(conditions: Conditions, question: str, value: str) -> bool:
    return value in conditions.get(question, ())


def _brought_in(pack: Pack, question: Question, value: str) -> tuple[str, ...]:
    found: list[str] = []
    for item in pack.items():
        tables: Sequence[Conditions] = (item.applies_if, *item.applies_if_any)
        if any(_mentions(t, question.id, value) for t in tables):
            found.append(clean(item.title))
            continue
        steps = [
            n + 1 for n, c in enumerate(item.step_conditions) if _mentions(c, question.id, value)
        ]
        if steps:
            numbers = ", ".join(str(n) for n in steps)
            found.append(clean(f"{item.title} (step {numbers})"))
    return tuple(found)


def _question(pack: Pack, question: Question) -> QuestionView:
    return QuestionView(
        id=question.id,
        text=clean(question.text),
        kind=question.kind.value,
        help=clean(question.help),
        if_skipped=clean(question.if_skipped),
        situation=question.situation,
        answers=tuple(
            AnswerView(clean(_answer_label(question, v)), v, _brought_in(pack, question, v))
            for v in question.values()
        ),
    )


def _item(pack: Pack, item: Item, titles: Mapping[str, str], gettext: Gettext) -> ItemView:
    return ItemView(
        id=item.id,
        title=clean(item.title),
        why=clean(item.why),
        steps=tuple(
            StepView(clean(step), readable(item.step_condition(n), pack))
            for n, step in enumerate(item.steps)
        ),
        playbook=item.is_playbook,
        risk=risk_label(item.risk, gettext),
        effort=effort_label(item.effort, gettext),
        reviewed=item.reviewed,
        only_if=(readable(item.applies_if, pack),) if item.applies_if else (),
        any_of=tuple(readable(t, pack) for t in item.applies_if_any),
        after=tuple(titles.get(d, d) for d in item.depends_on),
        sources=tuple(clean(s) for s in item.sources),
        legal_hold=item.legal_hold,
        outdated=bool(item.outdated),
    )


def _checklists(pack: Pack, gettext: Gettext) -> list[ChecklistView]:
    titles = {item.id: clean(item.title) for item in pack.items()}
    return [
        ChecklistView(
            c.id,
            clean(c.title),
            clean(c.summary),
            tuple(_item(pack, item, titles, gettext) for item in c.items),
        )
        for c in pack.checklists
    ]


def render_preview(preview: PackPreview) -> str:
    """The preview as one self-contained HTML file (the plan's CSP, no scripts)."""
    from safetykit.plan.render import environment

    direction = i18n.text_direction(preview.lang)
    return (
        environment(preview.lang)
        .get_template("pack_preview.html.j2")
        .render(
            p=preview,
            lang=preview.lang,
            dir=direction,
            rtl=direction == "rtl",
            start="right" if direction == "rtl" else "left",
        )
    )


__all__ = ["PackPreview", "build_preview", "read_for_preview", "render_preview"]
