"""Every assessment over time: the list, one opened read-only, two compared, and
deleting one (with what deletion does and does not do on disk said plainly)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from safetykit.assessment.applicability import ApplicableItem
from safetykit.assessment.records import Assessment
from safetykit.assessment.scoring import category_changes, overall_score
from safetykit.views.dashboard import DashboardView, build_dashboard_view
from safetykit.views.workspace import Workspace


@dataclass(frozen=True)
class HistoryLine:
    id: str
    started: dt.datetime
    overall: int | None
    answered: int
    current: bool  # the newest one, the one the checklist changes


@dataclass(frozen=True)
class ComparisonLine:
    title: str
    before: int | None
    after: int | None
    delta: int | None


@dataclass(frozen=True)
class Comparison:
    before: HistoryLine
    after: HistoryLine
    overall_delta: int | None
    categories: tuple[ComparisonLine, ...]


def history_lines(workspace: Workspace) -> list[HistoryLine]:
    """Newest first."""
    applicable = workspace.applicable()
    found = workspace.assessments()
    lines = []
    for n, assessment in enumerate(found):
        lines.append(_line(applicable, assessment, current=n == len(found) - 1))
    return list(reversed(lines))


def _line(
    applicable: Sequence[ApplicableItem], assessment: Assessment, *, current: bool
) -> HistoryLine:
    keys = {entry.qualified_id for entry in applicable}
    return HistoryLine(
        id=assessment.id,
        started=assessment.started,
        overall=overall_score(applicable, assessment).percent,
        answered=sum(1 for key in assessment.answers if key in keys),
        current=current,
    )


def _find(workspace: Workspace, assessment_id: str) -> tuple[Assessment, Assessment | None]:
    found = workspace.assessments()
    for n, assessment in enumerate(found):
        if assessment.id == assessment_id:
            return assessment, found[n - 1] if n > 0 else None
    raise KeyError(assessment_id)


def open_read_only(workspace: Workspace, assessment_id: str, today: dt.date) -> DashboardView:
    """The dashboard of an old assessment, as it stood (judged by today's items)."""
    assessment, before = _find(workspace, assessment_id)
    return build_dashboard_view(workspace.applicable(), assessment, before, today)


def compare(workspace: Workspace, before_id: str, after_id: str) -> Comparison:
    applicable = workspace.applicable()
    before, _ = _find(workspace, before_id)
    after, _ = _find(workspace, after_id)
    order = [a.id for a in workspace.assessments()]  # oldest first, as they were made
    if order.index(before.id) > order.index(after.id):
        before, after = after, before
    newest = order[-1]
    old_line = _line(applicable, before, current=before.id == newest)
    new_line = _line(applicable, after, current=after.id == newest)
    delta = (
        None
        if old_line.overall is None or new_line.overall is None
        else new_line.overall - old_line.overall
    )
    return Comparison(
        before=old_line,
        after=new_line,
        overall_delta=delta,
        categories=tuple(
            ComparisonLine(c.title, c.before, c.after, c.delta)
            for c in category_changes(applicable, before, after)
        ),
    )


def delete(workspace: Workspace, assessment_id: str) -> None:
    """Remove one assessment from the vault body (the caller saves). The newest one
    may go too: the one before it becomes current."""
    with workspace.vault.changing() as body:
        raw = body.get("assessments", [])
        kept = [a for a in raw if not (isinstance(a, dict) and a.get("id") == assessment_id)]
        if len(kept) == len(raw):
            raise KeyError(assessment_id)
        raw[:] = kept
