"""Which items apply to a profile (DESIGN §4 ``applies_if``, §6).

A profile maps qualified question ids (``<pack id>/<question id>``) to answers:
``"yes"``/``"no"`` for yes_no questions, an option value for choice questions and a
list of option values for multi questions.

An item applies when every key of its ``applies_if`` matches. A key is a question id
of the item's own pack, or a qualified id of another pack's question. A multi answer
matches when any chosen value is accepted. A question the user has not answered
matches: when in doubt we show safety advice rather than hide it.

Format 2 adds: ``applies_if_any`` (at least one of its tables must match as well), step
conditions (a reader sees only the steps whose conditions match, with the same rule
for unanswered questions), and situation questions: an item that applies because of a
situation the person chose (a "yes" or a chosen option of a question marked
``situation``) remembers which answers those were, so priorities can put it first
among items of the same risk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from safetykit.packs.model import (
    Checklist,
    Conditions,
    Item,
    Pack,
    ProfileAnswer,
    Question,
    qualified,
)

Profile = Mapping[str, ProfileAnswer]


@dataclass(frozen=True)
class Situation:
    """A situation answer that made an item apply: the question and the chosen values."""

    key: str  # qualified question id
    question: Question
    values: tuple[str, ...]  # "yes", or the chosen option values the item accepts

    def labels(self) -> tuple[str, ...]:
        """Words for the answer: the question for yes_no, else the options' labels."""
        if not self.question.options:
            return (self.question.text,)
        names = {o.value: o.label for o in self.question.options}
        return tuple(names.get(v, v) for v in self.values)


@dataclass(frozen=True)
class ApplicableItem:
    pack: Pack
    checklist: Checklist
    item: Item
    # Situation answers that made the item apply; empty for generic items.
    situations: tuple[Situation, ...] = ()
    # Indexes of the steps this reader sees; None: every step.
    step_indexes: tuple[int, ...] | None = None

    @property
    def qualified_id(self) -> str:
        return qualified(self.pack.id, self.item.id)

    @property
    def steps(self) -> tuple[str, ...]:
        """The steps for this reader: steps for other platforms left out."""
        if self.step_indexes is None:
            return self.item.steps
        return tuple(self.item.steps[n] for n in self.step_indexes)

    @property
    def is_playbook(self) -> bool:
        return self.item.is_playbook

    @property
    def situational(self) -> bool:
        return bool(self.situations)


def question_key(pack_id: str, key: str) -> str:
    """The qualified profile key for an ``applies_if`` key written in ``pack_id``."""
    return key if "/" in key else qualified(pack_id, key)


def answer_matches(answer: ProfileAnswer, accepted: Iterable[str]) -> bool:
    accepted_set = set(accepted)
    if isinstance(answer, str):
        return answer in accepted_set
    return any(value in accepted_set for value in answer)


def conditions_match(pack_id: str, conditions: Conditions, profile: Profile) -> bool:
    for key, accepted in conditions.items():
        answer = profile.get(question_key(pack_id, key))
        if answer is None:
            continue  # unanswered: show the item
        if not answer_matches(answer, accepted):
            return False
    return True


def item_applies(pack_id: str, item: Item, profile: Profile) -> bool:
    if not conditions_match(pack_id, item.applies_if, profile):
        return False
    return not item.applies_if_any or any(
        conditions_match(pack_id, cond, profile) for cond in item.applies_if_any
    )


def visible_steps(pack_id: str, item: Item, profile: Profile) -> tuple[int, ...] | None:
    """Indexes of the steps whose conditions match; None when no step has conditions."""
    if not item.step_conditions:
        return None
    return tuple(
        n
        for n in range(len(item.steps))
        if conditions_match(pack_id, item.step_condition(n), profile)
    )


def item_situations(
    pack_id: str, item: Item, profile: Profile, questions: Mapping[str, Question]
) -> tuple[Situation, ...]:
    """The situation answers that make ``item`` apply (``questions``: by qualified id).

    Only answers given count: an unanswered question matches every item, but the
    person did not choose that situation."""
    tables = [item.applies_if]
    tables += [c for c in item.applies_if_any if conditions_match(pack_id, c, profile)]
    found: dict[str, Situation] = {}
    for conditions in tables:
        for key, accepted in conditions.items():
            qkey = question_key(pack_id, key)
            question = questions.get(qkey)
            answer = profile.get(qkey)
            if question is None or answer is None or qkey in found:
                continue
            wanted = set(accepted) & set(question.situation_values())
            chosen = [answer] if isinstance(answer, str) else list(answer)
            values = tuple(v for v in chosen if v in wanted)
            if values:
                found[qkey] = Situation(qkey, question, values)
    return tuple(found.values())


def applicable_items(packs: Iterable[Pack], profile: Profile) -> list[ApplicableItem]:
    """Applicable items of all packs, in pack, checklist and item order."""
    packs = list(packs)
    questions = {qualified(p.id, q.id): q for p in packs for q in p.questions if q.situation}
    return [
        ApplicableItem(
            pack,
            checklist,
            item,
            item_situations(pack.id, item, profile, questions) if questions else (),
            visible_steps(pack.id, item, profile),
        )
        for pack in packs
        for checklist in pack.checklists
        for item in checklist.items
        if item_applies(pack.id, item, profile)
    ]
