"""Which items apply: ``applies_if`` with yes_no, choice and multi questions (DESIGN §4, §6)."""

from __future__ import annotations

from collections.abc import Mapping

from safetykit.assessment.applicability import applicable_items, item_applies
from safetykit.packs.model import Checklist, ProfileAnswer
from tests.plan.samples import item, pack

P = "org.example.test"


def applies(
    applies_if: Mapping[str, tuple[str, ...]], profile: Mapping[str, ProfileAnswer]
) -> bool:
    return item_applies(P, item("x", "X", applies_if=dict(applies_if)), profile)


def test_yes_no_question() -> None:
    rule = {"travel": ("yes",)}
    assert applies(rule, {f"{P}/travel": "yes"})
    assert not applies(rule, {f"{P}/travel": "no"})


def test_choice_question_accepts_any_listed_option() -> None:
    rule = {"role": ("staff", "freelance")}
    assert applies(rule, {f"{P}/role": "freelance"})
    assert applies(rule, {f"{P}/role": "staff"})
    assert not applies(rule, {f"{P}/role": "student"})


def test_multi_question_matches_when_any_chosen_value_is_accepted() -> None:
    rule = {"devices": ("android",)}
    assert applies(rule, {f"{P}/devices": ["windows", "android"]})
    assert not applies(rule, {f"{P}/devices": ["windows", "ios"]})
    assert not applies(rule, {f"{P}/devices": []})  # "none of these" chosen


def test_every_key_must_match() -> None:
    rule = {"devices": ("android",), "sources": ("yes",)}
    assert applies(rule, {f"{P}/devices": ["android"], f"{P}/sources": "yes"})
    assert not applies(rule, {f"{P}/devices": ["android"], f"{P}/sources": "no"})


def test_unanswered_question_shows_the_item() -> None:
    assert applies({"travel": ("yes",)}, {})
    assert applies({"travel": ("yes",)}, {"org.other.pack/travel": "no"})  # other pack's


def test_qualified_key_names_another_packs_question() -> None:
    rule = {"org.safetykit.core/devices": ("android",)}
    assert applies(rule, {"org.safetykit.core/devices": ["android"]})
    assert not applies(rule, {"org.safetykit.core/devices": ["ios"]})
    assert not applies(rule, {"org.safetykit.core/devices": ["ios"], f"{P}/devices": ["android"]})


def test_applicable_items_keeps_catalogue_order_and_drops_the_rest() -> None:
    checklist = Checklist(
        "c",
        "C",
        "",
        (
            item("a", "A"),
            item("b", "B", applies_if={"travel": ("yes",)}),
            item("c", "C", applies_if={"devices": ("android",)}),
        ),
    )
    found = applicable_items(
        [pack((checklist,))], {f"{P}/travel": "no", f"{P}/devices": ["android"]}
    )
    assert [e.item.id for e in found] == ["a", "c"]
    assert found[0].qualified_id == f"{P}/a"
