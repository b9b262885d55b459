from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetykit.assessment.applicability import applicable_items
from safetykit.assessment.records import Answer, Assessment, Status
from safetykit.assessment.scoring import category_changes, category_scores, overall_score
from safetykit.packs.model import Risk
from tests.plan.samples import english_pack

T0 = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
P = "org.example.test"


def answers(**statuses: Status) -> Assessment:
    return Assessment(
        "a", T0, {f"{P}/{k.replace('_', '-')}": Answer(v) for k, v in statuses.items()}
    )


def test_weights_and_values_follow_design() -> None:
    assert [r.weight for r in Risk] == [8, 4, 2, 1]
    assert [s.value_score for s in Status] == [1.0, 0.5, 0.0, None]


def test_category_score_weighs_by_risk_and_leaves_na_out() -> None:
    pack = english_pack()
    items = applicable_items([pack], {})
    # accounts: password-manager critical 8, unique-passphrases high 4,
    # two-step-login critical 8, recovery-codes low 1
    current = answers(
        password_manager=Status.DONE,  # 8 × 1
        unique_passphrases=Status.PARTLY,  # 4 × 0.5
        recovery_codes=Status.NA,  # left out
        # two-step-login unanswered: counts as todo, 8 × 0
    )
    accounts = category_scores(items, current)[0]
    assert accounts.checklist_id == "accounts"
    assert accounts.score.value == pytest.approx((8 + 2) / (8 + 4 + 8))
    assert accounts.score.percent == 50
    assert (accounts.score.done, accounts.score.partly, accounts.score.todo) == (1, 1, 1)
    assert accounts.score.na == 1


def test_all_na_category_has_no_score() -> None:
    pack = english_pack()
    items = [e for e in applicable_items([pack], {}) if e.checklist.id == "accounts"]
    ids = ("password_manager", "unique_passphrases", "two_step_login", "recovery_codes")
    current = answers(**dict.fromkeys(ids, Status.NA))
    score = category_scores(items, current)[0].score
    assert score.value is None and score.percent is None


def test_no_assessment_scores_zero() -> None:
    items = applicable_items([english_pack()], {})
    assert overall_score(items, None).value == 0.0


def test_overall_is_over_all_applicable_items() -> None:
    items = applicable_items([english_pack()], {})
    current = answers(updates=Status.DONE)  # high, 4
    total = sum(e.item.risk.weight for e in items)
    assert overall_score(items, current).value == pytest.approx(4 / total)


def test_changes_between_assessments() -> None:
    items = applicable_items([english_pack()], {})
    before = answers(updates=Status.PARTLY)
    after = answers(updates=Status.DONE, password_manager=Status.DONE)
    changes = {c.checklist_id: c for c in category_changes(items, before, after)}
    accounts = changes["accounts"]  # password-manager 8 of 8+4+8+1 = 21
    assert (accounts.before, accounts.after, accounts.delta) == (0, 38, 38)
    devices = changes["devices"]  # updates high 4 of 4+2+4 = 10: 2/10 → 4/10
    assert (devices.before, devices.after, devices.delta) == (20, 40, 20)


def test_change_without_previous_is_unknown() -> None:
    items = applicable_items([english_pack()], {})
    changes = category_changes(items, None, answers(updates=Status.DONE))
    assert all(c.before is None and c.delta is None for c in changes)


@given(st.lists(st.sampled_from(list(Status)), min_size=7, max_size=7))
def test_score_is_between_zero_and_one(statuses: list[Status]) -> None:
    items = applicable_items([english_pack()], {})
    current = Assessment(
        "a", T0, {e.qualified_id: Answer(s) for e, s in zip(items, statuses, strict=False)}
    )
    for category in category_scores(items, current):
        value = category.score.value
        assert value is None or 0.0 <= value <= 1.0
