from __future__ import annotations

from safetykit.assessment.applicability import applicable_items
from safetykit.assessment.explain import effort_label, risk_label, why_here
from safetykit.assessment.priorities import prioritise
from safetykit.packs.model import Checklist, Effort, Risk
from tests.plan.samples import item, pack


def identity(text: str) -> str:
    return text


def test_why_here_names_risk_effort_and_what_it_unblocks() -> None:
    checklist = Checklist(
        "c",
        "C",
        "",
        (
            item("base", "Base", Risk.LOW, Effort.DAYS),
            item("top", "Top", Risk.CRITICAL, Effort.MINUTES, depends_on=("base",)),
        ),
    )
    base, top = prioritise(applicable_items([pack((checklist,))], {}), None)
    text = " ".join(why_here(base, identity))
    assert "Critical risk" in text and "takes days" in text
    assert "Its own risk is lower (Low risk)" in text
    assert "Unblocks: “Top”." in text
    assert "Do after: “Base”." in " ".join(why_here(top, identity))


def test_labels_go_through_gettext() -> None:
    def shout(text: str) -> str:
        return text.upper()

    assert risk_label(Risk.HIGH, shout) == "HIGH RISK"
    assert effort_label(Effort.HOURS, shout) == "TAKES HOURS"
