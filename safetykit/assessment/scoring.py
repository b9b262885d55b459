"""Category and overall scores, and how they changed between assessments (DESIGN §6).

score = Σ weight × value / Σ weight over the applicable items, where the weight comes
from the item's own risk (critical 8, high 4, medium 2, low 1) and the value from its
answer (done 1, partly 0.5, todo 0). ``na`` items are left out of both sums, and an
unanswered item counts as ``todo``: not having looked at something is not progress.
Playbooks (first-hour guides for an emergency) are not to-dos and never count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from safetykit.assessment.applicability import ApplicableItem
from safetykit.assessment.records import Assessment, Status


@dataclass(frozen=True)
class Score:
    """A score and the counts behind it; ``value`` is None when nothing counts."""

    earned: float  # Σ weight × value
    possible: int  # Σ weight of the items that count (not na)
    done: int = 0
    partly: int = 0
    todo: int = 0
    na: int = 0

    @property
    def value(self) -> float | None:
        return self.earned / self.possible if self.possible else None

    @property
    def percent(self) -> int | None:
        """The score as a whole percentage (rounded half up, so 0.5 → 50, 0.125 → 13)."""
        value = self.value
        return None if value is None else int(value * 100 + 0.5)

    @property
    def total(self) -> int:
        return self.done + self.partly + self.todo + self.na


@dataclass(frozen=True)
class CategoryScore:
    pack_id: str
    checklist_id: str
    title: str
    score: Score

    @property
    def key(self) -> tuple[str, str]:
        return (self.pack_id, self.checklist_id)


@dataclass(frozen=True)
class CategoryChange:
    """One category's score before and after; ``delta`` in percentage points."""

    pack_id: str
    checklist_id: str
    title: str
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def score_items(items: Iterable[ApplicableItem], assessment: Assessment | None) -> Score:
    earned = 0.0
    possible = 0
    counts = dict.fromkeys(Status, 0)
    for entry in items:
        if entry.is_playbook:
            continue
        status = assessment.answer(entry.qualified_id).status if assessment else Status.TODO
        counts[status] += 1
        value = status.value_score
        if value is None:
            continue
        weight = entry.item.risk.weight
        earned += weight * value
        possible += weight
    return Score(
        earned=earned,
        possible=possible,
        done=counts[Status.DONE],
        partly=counts[Status.PARTLY],
        todo=counts[Status.TODO],
        na=counts[Status.NA],
    )


def category_scores(
    applicable: Sequence[ApplicableItem], assessment: Assessment | None
) -> list[CategoryScore]:
    """One score per category that has applicable items, in pack and checklist order."""
    groups: dict[tuple[str, str], list[ApplicableItem]] = {}
    titles: dict[tuple[str, str], str] = {}
    for entry in applicable:
        if entry.is_playbook:
            continue  # a category of playbooks only has nothing to score
        key = (entry.pack.id, entry.checklist.id)
        groups.setdefault(key, []).append(entry)
        titles.setdefault(key, entry.checklist.title)
    return [
        CategoryScore(key[0], key[1], titles[key], score_items(entries, assessment))
        for key, entries in groups.items()
    ]


def overall_score(applicable: Sequence[ApplicableItem], assessment: Assessment | None) -> Score:
    return score_items(applicable, assessment)


def category_changes(
    applicable: Sequence[ApplicableItem],
    before: Assessment | None,
    after: Assessment | None,
) -> list[CategoryChange]:
    """Per-category change between two assessments, judged by today's applicable items.

    Both sides are scored against the same set of items (the current profile), so a
    change means answers moved, not that the profile or the packs changed.
    """
    old: dict[tuple[str, str], int | None] = {}
    if before is not None:  # no earlier assessment: nothing to compare with
        old = {c.key: c.score.percent for c in category_scores(applicable, before)}
    return [
        CategoryChange(c.pack_id, c.checklist_id, c.title, old.get(c.key), c.score.percent)
        for c in category_scores(applicable, after)
    ]
