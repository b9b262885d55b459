from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from safetykit.assessment import history
from safetykit.assessment.records import Answer, RecordError, Status

T0 = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
ITEM = "org.safetykit.core/password-manager"


def test_first_assessment_starts_empty() -> None:
    body: dict[str, Any] = {}
    first = history.start_new(body, now=T0)
    assert first.answers == {}
    assert history.current(body) == first


def test_new_assessment_starts_from_previous_answers_and_history_is_kept() -> None:
    body: dict[str, Any] = {"assessments": []}
    first = history.start_new(body, now=T0)
    first = first.with_answer(ITEM, Answer(Status.PARTLY, "note", dt.date(2026, 12, 1)))
    history.store(body, first)
    second = history.start_new(body, now=T0 + dt.timedelta(days=30))
    assert second.id != first.id
    assert second.answer(ITEM) == first.answer(ITEM)
    second = second.with_answer(ITEM, Answer(Status.DONE))
    history.store(body, second)
    kept = history.assessments(body)
    assert [a.id for a in kept] == [first.id, second.id]  # oldest first
    assert kept[0].answer(ITEM).status is Status.PARTLY  # the old one is unchanged
    current, previous = history.current_and_previous(body)
    assert current == second and previous == first


def test_store_replaces_in_place() -> None:
    body: dict[str, Any] = {}
    one = history.start_new(body, now=T0)
    history.store(body, one.with_answer(ITEM, Answer(Status.PARTLY, "first")))
    history.store(body, one.with_answer(ITEM, Answer(Status.DONE, "second")))
    assert len(body["assessments"]) == 1  # replaced, not appended
    stored = body["assessments"][0]
    assert stored["id"] == one.id
    assert stored["answers"][ITEM] == {"status": "done", "note": "second", "due": None}
    current = history.current(body)
    assert current is not None and current.answer(ITEM) == Answer(Status.DONE, "second")
    other = history.start_new(body, now=T0 + dt.timedelta(days=1))
    history.store(body, other)
    assert [a["id"] for a in body["assessments"]] == [one.id, other.id]


def test_damaged_history_raises_record_error() -> None:
    with pytest.raises(RecordError):
        history.assessments({"assessments": {"not": "a list"}})
    with pytest.raises(RecordError):
        history.assessments({"assessments": [{"id": "x", "started": "nope"}]})


def test_profile_round_trip() -> None:
    body: dict[str, Any] = {}
    assert history.profile(body) == {}
    history.set_profile(body, {"org.safetykit.core/devices": ["linux", "android", "linux"]})
    assert history.profile(body) == {"org.safetykit.core/devices": ["android", "linux"]}
    with pytest.raises(RecordError):
        history.set_profile(body, {"bad key": "yes"})
