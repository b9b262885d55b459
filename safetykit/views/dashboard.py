"""The dashboard: how am I doing, what changed, what do I do next (UI.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from safetykit.assessment.applicability import ApplicableItem
from safetykit.assessment.priorities import prioritise
from safetykit.assessment.records import Assessment
from safetykit.assessment.scoring import category_changes, category_scores, overall_score

NEXT_ACTIONS = 5


@dataclass(frozen=True)
class CategoryLine:
    key: tuple[str, str]
    title: str
    percent: int | None  # None: nothing in it counts (all "does not apply")
    delta: int | None  # percentage points since the previous assessment
    answered: int
    applicable: int


@dataclass(frozen=True)
class ActionLine:
    qualified_id: str
    title: str
    category: str
    risk: str
    effort: str
    due: dt.date | None = None


@dataclass(frozen=True)
class DashboardView:
    overall: int | None
    overall_delta: int | None
    has_previous: bool
    started: dt.datetime | None
    answered: int
    applicable: int
    categories: tuple[CategoryLine, ...]
    next_actions: tuple[ActionLine, ...]
    overdue: tuple[ActionLine, ...]
    open_total: int


def build_dashboard_view(
    applicable: Sequence[ApplicableItem],
    current: Assessment | None,
    previous: Assessment | None,
    today: dt.date,
) -> DashboardView:
    scores = category_scores(applicable, current)
    changes = {
        (c.pack_id, c.checklist_id): c.delta
        for c in category_changes(applicable, previous, current)
    }
    answered_by: dict[tuple[str, str], int] = {}
    for entry in applicable:
        key = (entry.pack.id, entry.checklist.id)
        if current is not None and entry.qualified_id in current.answers:
            answered_by[key] = answered_by.get(key, 0) + 1
    overall = overall_score(applicable, current).percent
    before = overall_score(applicable, previous).percent if previous is not None else None
    ordered = prioritise(applicable, current)
    overdue = []
    for priority in ordered:
        due = priority.answer.due
        if due is not None and due < today:
            overdue.append(_action(priority.entry, due))
    return DashboardView(
        overall=overall,
        overall_delta=None if before is None or overall is None else overall - before,
        has_previous=previous is not None,
        started=current.started if current else None,
        answered=sum(answered_by.values()),
        applicable=len(applicable),
        categories=tuple(
            CategoryLine(
                key=c.key,
                title=c.title,
                percent=c.score.percent,
                delta=changes.get(c.key),
                answered=answered_by.get(c.key, 0),
                applicable=c.score.total,
            )
            for c in scores
        ),
        next_actions=tuple(
            _action(p.entry, p.answer.due, risk=p.risk.value) for p in ordered[:NEXT_ACTIONS]
        ),
        overdue=tuple(overdue),
        open_total=len(ordered),
    )


def _action(entry: ApplicableItem, due: dt.date | None, risk: str | None = None) -> ActionLine:
    return ActionLine(
        qualified_id=entry.qualified_id,
        title=entry.item.title,
        category=entry.checklist.title,
        risk=risk or entry.item.risk.value,
        effort=entry.item.effort.value,
        due=due,
    )
