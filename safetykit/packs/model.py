"""The in-memory model of a checklist pack (DESIGN §4).

Everything here is plain, immutable data: the loader builds it from TOML and PO files
after validation, and the assessment engine and plan renderer read it. Ids are local
to their pack; ``qualified()`` gives the ``<pack id>/<id>`` form used in the vault, the
export and the plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Risk(StrEnum):
    """Harm if the item is left undone. Weights from DESIGN §6."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def weight(self) -> int:
        return _RISK_WEIGHT[self]

    @property
    def rank(self) -> int:
        """0 for critical … 3 for low: sorts the most harmful first."""
        return _RISK_ORDER.index(self)


_RISK_ORDER = (Risk.CRITICAL, Risk.HIGH, Risk.MEDIUM, Risk.LOW)
_RISK_WEIGHT = {Risk.CRITICAL: 8, Risk.HIGH: 4, Risk.MEDIUM: 2, Risk.LOW: 1}


class Effort(StrEnum):
    MINUTES = "minutes"
    HOURS = "hours"
    DAYS = "days"

    @property
    def rank(self) -> int:
        """0 for minutes … 2 for days: sorts the quickest first."""
        return _EFFORT_ORDER.index(self)


_EFFORT_ORDER = (Effort.MINUTES, Effort.HOURS, Effort.DAYS)


class ItemKind(StrEnum):
    """What an item is (format 2). A playbook is a first-hour guide for an emergency:
    it is read when something happens, so it is neither scored nor put in priorities."""

    TODO = "todo"
    PLAYBOOK = "playbook"


class QuestionKind(StrEnum):
    YES_NO = "yes_no"  # answer "yes" or "no"
    CHOICE = "choice"  # answer: one option value
    MULTI = "multi"  # answer: a list of option values (possibly empty)


YES_NO_VALUES = ("yes", "no")

# A profile answer: "yes"/"no" or an option value, or a list of option values.
ProfileAnswer = str | list[str]

# question id -> accepted answers; every key must match (DESIGN §4).
Conditions = Mapping[str, tuple[str, ...]]


class Origin(StrEnum):
    """Where a pack came from, which decides why it is trusted (DESIGN §4)."""

    BUILTIN = "builtin"  # shipped inside the app: trusted by location
    ORG = "org"  # shipped inside an org bundle: trusted by location
    IMPORTED = "imported"  # imported by the user: trusted only if signed by a trusted key


def qualified(pack_id: str, local_id: str) -> str:
    """The ``<pack id>/<id>`` form of an id."""
    return f"{pack_id}/{local_id}"


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Question:
    """A threat-model question a pack contributes to the profile."""

    id: str
    text: str
    kind: QuestionKind
    options: tuple[Option, ...] = ()  # empty for yes_no
    help: str = ""
    # Set by localisation: fields ("text", "help", "option") whose translation is outdated.
    outdated: tuple[str, ...] = ()
    # Format 2. A situation question describes a circumstance the person is in (a
    # shutdown, a lawsuit): items that apply because of it rank above generic items of
    # the same risk. For yes_no only "yes" counts; for choice and multi, every option.
    situation: bool = False
    # Format 2: what skipping the question means, shown next to it ("" if not said).
    if_skipped: str = ""

    def values(self) -> tuple[str, ...]:
        if self.kind is QuestionKind.YES_NO:
            return YES_NO_VALUES
        return tuple(o.value for o in self.options)

    def situation_values(self) -> tuple[str, ...]:
        """The answers that put someone in this situation (empty if not a situation)."""
        if not self.situation:
            return ()
        return ("yes",) if self.kind is QuestionKind.YES_NO else self.values()


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    why: str
    steps: tuple[str, ...]
    risk: Risk
    effort: Effort
    reviewed: dt.date
    # question id -> accepted answers; every key must match (DESIGN §4).
    applies_if: Conditions = field(default_factory=dict)
    depends_on: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    # Set by localisation: the source text changed since this string was translated.
    # Field names: "title", "why", "steps" (the source text is shown for those).
    outdated: tuple[str, ...] = ()
    # Format 2. A playbook's risk and effort are placeholders (LOW, MINUTES): it is
    # not rated, and views should show ``kind`` instead.
    kind: ItemKind = ItemKind.TODO
    # Format 2: one entry per step, parallel to ``steps``; an empty table means the
    # step is for everyone the item applies to. Empty tuple: no step has conditions.
    step_conditions: tuple[Conditions, ...] = ()
    # Format 2: at least one of these tables must match too (besides ``applies_if``),
    # e.g. "harassed, or threatened at home". Empty: no such condition.
    applies_if_any: tuple[Conditions, ...] = ()
    # Format 2: the item advises deleting something, so the pack's legal-hold warning
    # (``Pack.legal_hold``) is shown with it.
    legal_hold: bool = False

    @property
    def is_playbook(self) -> bool:
        return self.kind is ItemKind.PLAYBOOK

    def step_condition(self, index: int) -> Conditions:
        """The conditions of step ``index`` (an empty mapping: no conditions)."""
        if index < len(self.step_conditions):
            return self.step_conditions[index]
        return _NO_CONDITIONS


_NO_CONDITIONS: Conditions = {}


@dataclass(frozen=True)
class Checklist:
    """One category: a file ``checklists/NN-<category>.toml``."""

    id: str
    title: str
    summary: str
    items: tuple[Item, ...]
    # Set by localisation: fields ("title", "summary") whose translation is outdated.
    outdated: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contact:
    """A helpline or press-freedom organisation listed in the manifest."""

    name: str
    offers: str
    website: str
    languages: tuple[str, ...]
    checked: dt.date


@dataclass(frozen=True)
class Pack:
    id: str
    version: int
    source_locale: str
    name: str
    publisher: str
    license: str
    reviewed: dt.date
    min_app: str
    questions: tuple[Question, ...]
    checklists: tuple[Checklist, ...]
    contacts: tuple[Contact, ...] = ()
    origin: Origin = Origin.BUILTIN
    # False only for an imported pack accepted with --allow-unverified.
    verified: bool = True
    # Key id (16 hex digits) of the signer, when signed.
    signer: str | None = None
    # Language of the strings in this object, and languages with a translation.
    locale: str = ""
    available_locales: tuple[str, ...] = ()
    # Format 2 (all optional, "" when absent): what the pack is for, who wrote or
    # reviewed it, and the warning shown with items that advise deleting things.
    description: str = ""
    credit: str = ""
    legal_hold: str = ""
    format: int = 1
    # X-Review-Status of the translation in use ("" for the source language or none).
    translation_review: str = ""

    def items(self) -> tuple[Item, ...]:
        return tuple(item for checklist in self.checklists for item in checklist.items)

    def item(self, local_id: str) -> Item:
        for item in self.items():
            if item.id == local_id:
                return item
        raise KeyError(local_id)

    def question(self, local_id: str) -> Question:
        for question in self.questions:
            if question.id == local_id:
                return question
        raise KeyError(local_id)
