"""The plan and format 2 (issue 13): "If something happens", the legal-hold warning,
steps for the reader's devices, the pack's credit, and "why here" that names a
situation only in a copy that carries the profile answers anyway."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from safetykit.packs.model import (
    Checklist,
    Effort,
    ItemKind,
    Option,
    Pack,
    Question,
    QuestionKind,
    Risk,
)
from safetykit.plan.content import Plan, PlanOptions, build_plan
from safetykit.plan.render import render_html
from tests.plan.htmlcheck import check
from tests.plan.samples import item, pack

P = "org.example.test/"
WHERE = Question(
    "where",
    "Where do you work?",
    QuestionKind.MULTI,
    (Option("shutdown", "Internet shutdowns"), Option("calm", "Somewhere calm")),
    situation=True,
)
DEVICES = Question(
    "devices",
    "Devices?",
    QuestionKind.MULTI,
    (Option("android", "Android"), Option("iphone", "iPhone")),
)
HOLD = "Legal warning: keep everything once a lawsuit is threatened."


def sample() -> Pack:
    guide = dataclasses.replace(
        item("lost-phone", "If your phone is lost", steps=("Lock it from afar.", "Tell IT.")),
        kind=ItemKind.PLAYBOOK,
        legal_hold=True,
    )
    mixed = dataclasses.replace(
        item(
            "backup",
            "Back up your phone",
            Risk.MEDIUM,
            steps=("Choose a place.", "Android: use Google backup.", "iPhone: use iCloud."),
        ),
        step_conditions=({}, {"devices": ("android",)}, {"devices": ("iphone",)}),
        legal_hold=False,
    )
    disappearing = dataclasses.replace(
        item("disappear", "Turn on disappearing messages", Risk.MEDIUM), legal_hold=True
    )
    shutdown = item(
        "fallback",
        "Agree a fallback channel",
        Risk.HIGH,
        Effort.DAYS,
        applies_if={"where": ("shutdown",)},
    )
    generic = item("updates", "Install updates", Risk.HIGH, Effort.MINUTES)
    checklists = (
        Checklist("prevent", "Prevention", "", (generic, shutdown, mixed, disappearing)),
        Checklist("incidents", "When something goes wrong", "", (guide,)),
    )
    return dataclasses.replace(
        pack(checklists, questions=(WHERE, DEVICES)),
        legal_hold=HOLD,
        credit="Reviewed by a senior trainer.",
        format=2,
    )


PROFILE: dict[str, str | list[str]] = {P + "where": ["shutdown"], P + "devices": ["android"]}


def plan(**kw: object) -> Plan:
    options = PlanOptions(today=dt.date(2026, 12, 1), **kw)  # type: ignore[arg-type]
    return build_plan([sample()], PROFILE, None, None, options)


def test_playbooks_have_their_own_section_and_never_a_rank() -> None:
    built = plan()
    assert [p.title for p in built.priorities] == [
        "Agree a fallback channel",  # the chosen situation first within high risk
        "Install updates",
        "Back up your phone",
        "Turn on disappearing messages",
    ]
    assert [b.title for b in built.playbooks] == ["If your phone is lost"]
    assert built.open_total == 4  # the playbook is not a to-do
    assert [c.title for c in built.categories] == ["Prevention"]  # and not scored
    text = check(render_html(built)).all_text
    section = text.split("If something happens", 1)[1]
    assert "If your phone is lost" in section and "Lock it from afar." in section
    assert "not tasks to tick off" in section
    assert HOLD in section  # the playbook advises erasing: the warning goes with it


def test_the_action_list_names_playbooks_by_title_only() -> None:
    built = plan(detail="actions")
    assert [b.title for b in built.playbooks] == ["If your phone is lost"]
    text = check(render_html(built)).all_text
    section = text.split("If something happens", 1)[1]
    assert "If your phone is lost" in section
    assert "Lock it from afar." not in text
    assert "The steps are in the full plan." in section


def test_no_section_without_playbooks() -> None:
    bare = dataclasses.replace(sample(), checklists=sample().checklists[:1])
    text = check(render_html(build_plan([bare], PROFILE, None))).all_text
    assert "If something happens" not in text


def test_steps_for_other_devices_are_left_out() -> None:
    backup = next(p for p in plan().priorities if p.title == "Back up your phone")
    assert backup.steps == ("Choose a place.", "Android: use Google backup.")
    assert backup.legal_hold == ""
    disappearing = next(p for p in plan().priorities if p.title.startswith("Turn on"))
    assert disappearing.legal_hold == HOLD
    html = render_html(plan())
    assert "iPhone: use iCloud." not in html and html.count(HOLD) == 2


@pytest.mark.parametrize("detail", ["actions", "full"])
def test_why_here_names_the_situation_only_with_notes(detail: str) -> None:
    hidden = plan(detail=detail)
    first = hidden.priorities[0]
    assert first.situational
    if detail == "full":
        assert any("a situation you chose" in s for s in first.why_here)
    text = check(render_html(hidden)).all_text
    assert "Internet shutdowns" not in text  # the answer is never named
    shown = plan(detail=detail, notes=True).priorities[0]
    assert any("It fits your answers: “Internet shutdowns”." in s for s in shown.why_here)


def test_the_pack_credit_is_listed_with_the_pack() -> None:
    built = plan()
    assert built.packs[0].credit == "Reviewed by a senior trainer."
    assert "Reviewed by a senior trainer." in check(render_html(built)).all_text
