"""Which items apply to a profile (DESIGN §4 ``applies_if``, §6).

A profile maps qualified question ids (``<pack id>/<question id>``) to answers:
``"yes"``/``"no"`` for yes_no questions, an option value for choice questions and a
list of option values for multi questions.

An item applies when every key of its ``applies_if`` matches. A key is a question id
of the item's own pack, or a qualified id of another pack's question. A multi answer
matches when any chosen value is accepted. A question the user has not answered
matches: when in doubt we show safety advice rather than hide it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from safetykit.packs.model import Checklist, Item, Pack, ProfileAnswer, qualified

Profile = Mapping[str, ProfileAnswer]


@dataclass(frozen=True)
class ApplicableItem:
    pack: Pack
    checklist: Checklist
    item: Item

    @property
    def qualified_id(self) -> str:
        return qualified(self.pack.id, self.item.id)


def question_key(pack_id: str, key: str) -> str:
    """The qualified profile key for an ``applies_if`` key written in ``pack_id``."""
    return key if "/" in key else qualified(pack_id, key)


def answer_matches(answer: ProfileAnswer, accepted: Iterable[str]) -> bool:
    accepted_set = set(accepted)
    if isinstance(answer, str):
        return answer in accepted_set
    return any(value in accepted_set for value in answer)


def item_applies(pack_id: str, item: Item, profile: Profile) -> bool:
    for key, accepted in item.applies_if.items():
        answer = profile.get(question_key(pack_id, key))
        if answer is None:
            continue  # unanswered: show the item
        if not answer_matches(answer, accepted):
            return False
    return True


def applicable_items(packs: Iterable[Pack], profile: Profile) -> list[ApplicableItem]:
    """Applicable items of all packs, in pack, checklist and item order."""
    return [
        ApplicableItem(pack, checklist, item)
        for pack in packs
        for checklist in pack.checklists
        for item in checklist.items
        if item_applies(pack.id, item, profile)
    ]
