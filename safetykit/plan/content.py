"""What goes into the plan: a plain view model built from packs, profile and answers.

The templates only format what is here, so every piece of pack or user text passes
through ``text.clean`` on the way in, and nothing sensitive (notes, profile answers)
is even put in the model unless the user asked for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from safetykit import i18n
from safetykit.assessment.applicability import ApplicableItem, applicable_items
from safetykit.assessment.explain import Gettext, effort_label, risk_label, why_here
from safetykit.assessment.priorities import Priority, prioritise
from safetykit.assessment.records import Assessment
from safetykit.assessment.scoring import category_changes, category_scores, overall_score
from safetykit.i18n import Review, base_language, language_name, parse_review
from safetykit.packs.model import Origin, Pack, ProfileAnswer, QuestionKind
from safetykit.plan.text import clean

DETAILS = ("actions", "full")
PAPERS = ("a4", "letter")
# The one-page action list: enough to start on, short enough for one sheet. Items
# carry 3–6 steps, so the list also stops once it would pass a budget of steps
# (about what fits on A4 or Letter under the header and helplines).
ACTIONS_LIMIT = 5
ACTIONS_STEP_BUDGET = 18
ACTIONS_CONTACTS = 4
# The "If something happens" titles take about this many lines of the step budget.
ACTIONS_PLAYBOOK_LINES = 4


def actions_cut(ordered: Sequence[Priority], reserve: int = 0) -> list[Priority]:
    """The priorities of the one-page action list: at least one, at most ACTIONS_LIMIT.

    ``reserve``: lines of the step budget kept for other blocks (the playbook titles).
    A legal-hold warning under an item costs a line, like a step."""
    shown: list[Priority] = []
    steps = reserve
    for priority in ordered[:ACTIONS_LIMIT]:
        count = len(priority.entry.steps) + (1 if _legal_hold(priority.entry) else 0)
        if shown and steps + count > ACTIONS_STEP_BUDGET:
            break
        shown.append(priority)
        steps += count
    return shown


@dataclass(frozen=True)
class PlanOptions:
    lang: str = "en"
    detail: str = "full"
    notes: bool = False  # include notes and profile answers (sensitive)
    paper: str = "a4"
    today: dt.date | None = None
    demo: bool = False  # made from the built-in example, not the user's answers


@dataclass(frozen=True)
class CategoryView:
    title: str
    text_dir: str
    percent: int | None
    delta: int | None
    done: int
    partly: int
    todo: int
    na: int


@dataclass(frozen=True)
class PriorityView:
    rank: int
    title: str
    why: str
    steps: tuple[str, ...]
    category: str
    risk: str  # effective risk value ("critical" …)
    own_risk: str
    effort: str
    risk_label: str  # translated, e.g. "Critical risk"
    effort_label: str  # translated, e.g. "takes minutes"
    why_here: tuple[str, ...]  # translated sentences: risk, effort, what it unblocks
    partly: bool
    due: dt.date | None
    note: str  # empty unless notes were asked for
    raised_by: tuple[str, ...]
    unblocks: tuple[str, ...]
    after: tuple[str, ...]
    unverified: bool
    outdated: bool
    text_dir: str = "ltr"  # direction of the pack's own text (may differ from the plan's)
    situational: bool = False  # ranked early for a situation the person chose
    legal_hold: str = ""  # the pack's legal-hold warning, for items advising deletion
    sources: tuple[str, ...] = ()  # the public guides the item is checked against


@dataclass(frozen=True)
class PlaybookView:
    """A first-hour guide for an emergency: shown in "If something happens", unranked."""

    title: str
    why: str
    steps: tuple[str, ...]
    category: str
    unverified: bool
    outdated: bool
    text_dir: str = "ltr"
    legal_hold: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class PackView:
    id: str
    name: str
    publisher: str
    version: int
    reviewed: dt.date
    origin: str
    verified: bool
    signer: str
    credit: str = ""  # format 2: who wrote or reviewed the pack
    description: str = ""  # format 2: what the pack is for
    license: str = ""  # the pack's licence, as its manifest names it
    text_dir: str = "ltr"
    # The plan's language against the pack's: "source" (written in it), "reviewed",
    # "awaiting" or "unknown" (translated), "missing" (shown in the source language).
    translation: str = "source"
    translation_by: str = ""
    translation_date: str = ""
    source_language: str = ""


@dataclass(frozen=True)
class ContactView:
    name: str
    offers: str
    website: str
    languages: tuple[str, ...]
    checked: dt.date
    unverified: bool
    text_dir: str = "ltr"


@dataclass(frozen=True)
class ProfileLine:
    question: str
    answer: tuple[str, ...]
    yes_no: bool = False  # answer is "yes"/"no", which the template translates
    text_dir: str = "ltr"  # direction of the pack's question and option wording


@dataclass(frozen=True)
class HelplineView:
    """A helpline of the organisation whose build this is (safetykit/org.py)."""

    name: str
    contact: str
    hours: str
    languages: tuple[str, ...]
    website: str


@dataclass(frozen=True)
class Plan:
    options: PlanOptions
    today: dt.date
    overall: int | None
    assessed: dt.datetime | None
    categories: tuple[CategoryView, ...]
    priorities: tuple[PriorityView, ...]
    open_total: int
    done_total: int
    packs: tuple[PackView, ...]
    contacts: tuple[ContactView, ...]
    contacts_shown: int | None = None  # how many contacts to print (None: all)
    organisation: str = ""  # the name of the organisation whose build this is
    helplines: tuple[HelplineView, ...] = ()
    profile: tuple[ProfileLine, ...] = field(default=())
    has_previous: bool = False
    # Shown in both detail levels (the action list names them only), never ranked.
    playbooks: tuple[PlaybookView, ...] = ()


def build_plan(
    packs: Sequence[Pack],
    profile: Mapping[str, ProfileAnswer],
    current: Assessment | None,
    previous: Assessment | None = None,
    options: PlanOptions | None = None,
) -> Plan:
    opts = options or PlanOptions()
    if opts.detail not in DETAILS:
        raise ValueError(f"unknown detail level {opts.detail!r}")
    applicable = applicable_items(packs, profile)
    return build_plan_from_items(packs, applicable, profile, current, previous, opts)


def build_plan_from_items(
    packs: Sequence[Pack],
    applicable: Sequence[ApplicableItem],
    profile: Mapping[str, ProfileAnswer],
    current: Assessment | None,
    previous: Assessment | None,
    opts: PlanOptions,
) -> Plan:
    gettext = i18n.translations(opts.lang).gettext
    ordered = prioritise(applicable, current)
    reserve = ACTIONS_PLAYBOOK_LINES if any(e.is_playbook for e in applicable) else 0
    shown = actions_cut(ordered, reserve) if opts.detail == "actions" else ordered
    scores = category_scores(applicable, current)
    changes = {
        (c.pack_id, c.checklist_id): c.delta
        for c in category_changes(applicable, previous, current)
    }
    overall = overall_score(applicable, current)
    directions = {pack.id: pack_direction(pack) for pack in packs}
    return Plan(
        options=opts,
        today=opts.today or dt.date.today(),
        overall=overall.percent,
        assessed=current.started if current else None,
        categories=tuple(
            CategoryView(
                title=clean(c.title),
                text_dir=directions.get(c.pack_id, "ltr"),
                percent=c.score.percent,
                delta=changes.get(c.key),
                done=c.score.done,
                partly=c.score.partly,
                todo=c.score.todo,
                na=c.score.na,
            )
            for c in scores
        ),
        priorities=tuple(_priority_view(p, opts.notes, gettext) for p in shown),
        playbooks=tuple(_playbook_view(e) for e in applicable if e.is_playbook),
        open_total=len(ordered),
        done_total=overall.done,
        packs=tuple(_pack_view(p, opts.lang) for p in packs),
        contacts=_contacts(packs),
        contacts_shown=ACTIONS_CONTACTS if opts.detail == "actions" else None,
        **_organisation(),
        profile=_profile_lines(packs, profile) if opts.notes else (),
        has_previous=previous is not None,
    )


def pack_direction(pack: Pack) -> str:
    """The direction of a pack's text: an untranslated English pack in an Arabic plan
    stays left to right, so its sentences do not come out with their ends swapped."""
    return i18n.text_direction(pack.locale or pack.source_locale)


def _titles(entries: Sequence[ApplicableItem]) -> tuple[str, ...]:
    return tuple(clean(e.item.title) for e in entries)


def _legal_hold(entry: ApplicableItem) -> str:
    return clean(entry.pack.legal_hold) if entry.item.legal_hold else ""


def _playbook_view(entry: ApplicableItem) -> PlaybookView:
    item = entry.item
    return PlaybookView(
        title=clean(item.title),
        why=clean(item.why),
        steps=tuple(clean(step) for step in entry.steps),
        category=clean(entry.checklist.title),
        unverified=not entry.pack.verified,
        outdated=bool(item.outdated),
        text_dir=pack_direction(entry.pack),
        legal_hold=_legal_hold(entry),
        sources=tuple(clean(s) for s in item.sources),
    )


def _priority_view(priority: Priority, notes: bool, gettext: Gettext) -> PriorityView:
    entry = priority.entry
    item = entry.item
    return PriorityView(
        rank=priority.rank,
        title=clean(item.title),
        why=clean(item.why),
        steps=tuple(clean(step) for step in entry.steps),
        category=clean(entry.checklist.title),
        risk=priority.risk.value,
        own_risk=item.risk.value,
        effort=item.effort.value,
        risk_label=risk_label(priority.risk, gettext),
        effort_label=effort_label(item.effort, gettext),
        # The situation is named only in a copy that carries the profile answers anyway.
        why_here=tuple(clean(s) for s in why_here(priority, gettext, name_situations=notes)),
        partly=priority.answer.status.value == "partly",
        due=priority.answer.due,
        note=clean(priority.answer.note) if notes else "",
        raised_by=_titles(priority.raised_by),
        unblocks=_titles(priority.unblocks),
        after=_titles(priority.after),
        unverified=not entry.pack.verified,
        outdated=bool(item.outdated),
        text_dir=pack_direction(entry.pack),
        situational=priority.situational,
        legal_hold=_legal_hold(entry),
        sources=tuple(clean(s) for s in item.sources),
    )


def _pack_view(pack: Pack, lang: str) -> PackView:
    wanted = base_language(lang).split("_")[0]
    if base_language(pack.source_locale).split("_")[0] == wanted:
        review = Review("source")
    elif base_language(pack.locale).split("_")[0] == wanted:
        review = parse_review(pack.translation_review)
    else:
        review = Review("missing")
    return PackView(
        id=clean(pack.id),
        name=clean(pack.name),
        publisher=clean(pack.publisher),
        version=pack.version,
        reviewed=pack.reviewed,
        origin=Origin(pack.origin).value,
        verified=pack.verified,
        signer=clean(pack.signer or ""),
        credit=clean(pack.credit),
        description=clean(pack.description),
        license=clean(pack.license),
        text_dir=pack_direction(pack),
        translation=review.kind,
        translation_by=clean(review.by),
        translation_date=review.date,
        source_language=language_name(pack.source_locale),
    )


def _organisation() -> dict[str, Any]:
    """The organisation's name and helplines, in an organisation's build (else none)."""
    from safetykit import org

    organisation = org.current()
    if organisation is None:
        return {}
    return {
        "organisation": clean(organisation.name),
        "helplines": tuple(
            HelplineView(
                name=clean(h.name),
                contact=clean(h.contact),
                hours=clean(h.hours),
                languages=h.languages,
                website=clean(h.website),
            )
            for h in organisation.helplines
        ),
    }


def _contacts(packs: Sequence[Pack]) -> tuple[ContactView, ...]:
    """Contacts of all packs, each organisation once (packs often list the same ones)."""
    seen: set[tuple[str, str]] = set()
    found: list[ContactView] = []
    for pack in packs:
        for contact in pack.contacts:
            key = (contact.name.casefold(), contact.website.casefold())
            if key in seen:
                continue
            seen.add(key)
            found.append(
                ContactView(
                    name=clean(contact.name),
                    offers=clean(contact.offers),
                    website=clean(contact.website),
                    languages=tuple(clean(code) for code in contact.languages),
                    checked=contact.checked,
                    # A helpline from an unverified pack could be anyone's: say so.
                    unverified=not pack.verified,
                    text_dir=pack_direction(pack),
                )
            )
    return tuple(found)


def _profile_lines(
    packs: Sequence[Pack], profile: Mapping[str, ProfileAnswer]
) -> tuple[ProfileLine, ...]:
    lines: list[ProfileLine] = []
    for pack in packs:
        for question in pack.questions:
            answer = profile.get(f"{pack.id}/{question.id}")
            if answer is None:
                continue
            values = [answer] if isinstance(answer, str) else list(answer)
            if question.kind is QuestionKind.YES_NO:
                labels = values  # the template translates yes/no
            else:
                names = {o.value: o.label for o in question.options}
                labels = [names.get(v, v) for v in values]
            lines.append(
                ProfileLine(
                    clean(question.text),
                    tuple(clean(x) for x in labels),
                    yes_no=question.kind is QuestionKind.YES_NO,
                    text_dir=pack_direction(pack),
                )
            )
    return tuple(lines)
