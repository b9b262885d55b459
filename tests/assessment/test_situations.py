"""Format 2 in the engine (issue 13): situations, "any of" conditions, step conditions
and playbooks, as applicability, priorities, scores and "why here" see them."""

from __future__ import annotations

import dataclasses

from safetykit.assessment.applicability import applicable_items, visible_steps
from safetykit.assessment.explain import why_here
from safetykit.assessment.priorities import Priority, prioritise
from safetykit.assessment.scoring import category_scores, overall_score
from safetykit.packs.model import (
    Checklist,
    Effort,
    Item,
    ItemKind,
    Option,
    Pack,
    ProfileAnswer,
    Question,
    QuestionKind,
    Risk,
)
from tests.plan.samples import item, pack

SHUTDOWN = Question(
    "where",
    "Where do you work?",
    QuestionKind.MULTI,
    (Option("shutdown", "Internet shutdowns"), Option("unrest", "Protests")),
    situation=True,
)
SUED = Question("sued", "Has anyone threatened to sue you?", QuestionKind.YES_NO, situation=True)
ROLE = Question(
    "role",
    "Your role?",
    QuestionKind.CHOICE,
    (Option("staff", "Staff"), Option("editor", "Editor")),
)
DEVICES = Question(
    "devices",
    "Devices?",
    QuestionKind.MULTI,
    (Option("android", "Android"), Option("iphone", "iPhone")),
)
QUESTIONS = (SHUTDOWN, SUED, ROLE, DEVICES)
K = "org.example.test/"


def ids(priorities: list) -> list[str]:  # type: ignore[type-arg]
    return [p.entry.item.id for p in priorities]


def _pack(*items: Item) -> Pack:
    return pack((Checklist("c", "C", "", tuple(items)),), questions=QUESTIONS)


def test_a_situation_item_ranks_above_generic_items_of_the_same_risk_only() -> None:
    p = _pack(
        item("generic", "Generic", Risk.HIGH, Effort.MINUTES),
        item("critical", "Critical", Risk.CRITICAL, Effort.DAYS),
        item("shutdown", "Shutdown", Risk.HIGH, Effort.DAYS, applies_if={"where": ("shutdown",)}),
        item("role", "Role", Risk.HIGH, Effort.MINUTES, applies_if={"role": ("staff",)}),
    )
    profile: dict[str, ProfileAnswer] = {K + "where": ["shutdown"], K + "role": "staff"}
    result = prioritise(applicable_items([p], profile), None)
    # Same risk: the shutdown item first, despite taking days; a role is not a situation.
    # Risk still comes first: the critical item leads.
    assert ids(result) == ["critical", "shutdown", "generic", "role"]
    assert [x.situational for x in result] == [False, True, False, False]
    shutdown = result[1]
    assert [s.key for s in shutdown.situations] == [K + "where"]
    assert shutdown.situations[0].labels() == ("Internet shutdowns",)


def test_unanswered_or_other_answers_are_not_situations() -> None:
    p = _pack(
        item("generic", "Generic", Risk.HIGH, Effort.MINUTES),
        item("shutdown", "Shutdown", Risk.HIGH, Effort.DAYS, applies_if={"where": ("shutdown",)}),
        item("not-sued", "Not sued", Risk.HIGH, Effort.DAYS, applies_if={"sued": ("no",)}),
    )
    # Skipped: the item is shown (when in doubt, show advice) but not moved up.
    skipped = prioritise(applicable_items([p], {}), None)
    assert ids(skipped) == ["generic", "shutdown", "not-sued"]
    assert not any(x.situational for x in skipped)
    # "no" to a yes_no situation question is not a situation.
    said_no = prioritise(applicable_items([p], {K + "sued": "no", K + "where": []}), None)
    assert ids(said_no) == ["generic", "not-sued"] and not said_no[1].situational


def test_what_a_situation_item_waits_on_moves_up_with_it() -> None:
    p = _pack(
        item("generic", "Generic", Risk.HIGH, Effort.MINUTES),
        item("base", "Base", Risk.HIGH, Effort.HOURS),
        item(
            "sued-step",
            "Sued step",
            Risk.HIGH,
            Effort.MINUTES,
            depends_on=("base",),
            applies_if={"sued": ("yes",)},
        ),
    )
    result = prioritise(applicable_items([p], {K + "sued": "yes"}), None)
    assert ids(result) == ["base", "sued-step", "generic"]
    base = result[0]
    assert base.situational and base.situations == ()  # moved up, not itself chosen
    # "why here" says it is needed first, not that it fits the situation.
    said = " ".join(why_here(base, lambda s: s, name_situations=True))
    assert "needs it first" in said and "It fits" not in said


def test_applies_if_any_needs_one_table_and_names_the_situation_that_matched() -> None:
    either = dataclasses.replace(
        item("either", "Either"),
        applies_if_any=({"sued": ("yes",)}, {"where": ("unrest",)}),
    )
    p = _pack(either)
    assert applicable_items([p], {K + "sued": "no", K + "where": ["shutdown"]}) == []
    [entry] = applicable_items([p], {K + "sued": "no", K + "where": ["unrest"]})
    assert [s.key for s in entry.situations] == [K + "where"]
    # Unanswered questions match, so a profile that skips everything sees the item.
    [skipped] = applicable_items([p], {})
    assert skipped.situations == ()


def test_step_conditions_show_each_reader_their_platform_steps() -> None:
    mixed = dataclasses.replace(
        item("mixed", "Mixed", steps=("For all.", "Android only.", "iPhone only.")),
        step_conditions=({}, {"devices": ("android",)}, {"devices": ("iphone",)}),
    )
    p = _pack(mixed)
    [android] = applicable_items([p], {K + "devices": ["android"]})
    assert android.steps == ("For all.", "Android only.")
    [both] = applicable_items([p], {K + "devices": ["android", "iphone"]})
    assert both.steps == mixed.steps
    [skipped] = applicable_items([p], {})
    assert skipped.steps == mixed.steps  # a skipped question shows every step
    assert visible_steps(p.id, item("plain", "Plain"), {}) is None


def test_playbooks_are_neither_scored_nor_prioritised() -> None:
    guide = dataclasses.replace(item("guide", "Guide", Risk.LOW), kind=ItemKind.PLAYBOOK)
    todo = item("todo", "To do", Risk.HIGH)
    only_guides = Checklist("g", "Guides", "", (guide,))
    p = pack((Checklist("c", "C", "", (todo,)), only_guides), questions=QUESTIONS)
    applicable = applicable_items([p], {})
    assert [e.item.id for e in applicable] == ["todo", "guide"]  # still shown
    assert ids(prioritise(applicable, None)) == ["todo"]
    score = overall_score(applicable, None)
    assert score.possible == Risk.HIGH.weight and score.todo == 1
    # A category of playbooks only has nothing to score, so it is not listed.
    assert [c.checklist_id for c in category_scores(applicable, None)] == ["c"]


def test_why_here_names_the_situation_only_when_asked() -> None:
    p = _pack(
        item("shutdown", "Shutdown", Risk.HIGH, applies_if={"where": ("shutdown",)}),
        item("sued", "Sued", Risk.HIGH, applies_if={"sued": ("yes",)}),
        item("generic", "Generic", Risk.HIGH),
    )
    profile: dict[str, ProfileAnswer] = {K + "where": ["shutdown"], K + "sued": "yes"}
    shutdown, sued, generic = prioritise(applicable_items([p], profile), None)

    def text(priority: Priority, name_situations: bool = False) -> str:
        return " ".join(why_here(priority, lambda s: s, name_situations=name_situations))

    hidden = text(shutdown)
    assert "It fits a situation you chose" in hidden and "shutdown" not in hidden.lower()
    assert "It fits your answers: “Internet shutdowns”." in text(shutdown, name_situations=True)
    # For a yes_no question the words are the question itself.
    assert "“Has anyone threatened to sue you?”" in text(sued, name_situations=True)
    assert "situation" not in text(generic, name_situations=True)
