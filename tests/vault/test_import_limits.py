"""``vault import`` limits (issue 12 #13): ids with a trailing newline or control
characters, and profile values beyond the limits, are refused."""

from __future__ import annotations

import json
from typing import Any

import pytest

from safetykit.assessment import records
from safetykit.assessment.records import MAX_NOTE_CHARS, RecordError
from safetykit.vault import export as export_module
from safetykit.vault.export import ExportInvalid, parse_export

# getattr: the same test runs against the code before these limits existed (and fails).
MAX_PROFILE_ANSWERS = getattr(records, "MAX_PROFILE_ANSWERS", 10_000)
MAX_PROFILE_CHOICES = getattr(records, "MAX_PROFILE_CHOICES", 256)
MAX_PROFILE_VALUE_CHARS = getattr(records, "MAX_PROFILE_VALUE_CHARS", 128)
MAX_ASSESSMENTS = getattr(export_module, "MAX_ASSESSMENTS", 10_000)

GOOD_ITEM = "org.example/pm"


def export(profile: Any = None, assessments: Any = None) -> bytes:
    doc = {
        "format": "safetykit-export/1",
        "profile": profile or {},
        "assessments": assessments or [],
    }
    return json.dumps(doc).encode("utf-8")


def one(ident: str = "a1", item: str = GOOD_ITEM, note: str = "") -> dict[str, Any]:
    return {
        "id": ident,
        "started": "2026-11-28T21:00:00Z",
        "answers": {item: {"status": "done", "note": note, "due": None}},
    }


@pytest.mark.parametrize("ident", ["a1\n", "a1\r", "a\x00b", "a1\x1b[31m"])
def test_assessment_ids_with_newlines_or_control_characters(ident: str) -> None:
    with pytest.raises((RecordError, ExportInvalid)):
        parse_export(export(assessments=[one(ident=ident)]))


@pytest.mark.parametrize("item", [GOOD_ITEM + "\n", "org.example\n/pm", "org.example/p\x07m"])
def test_item_and_question_ids_with_newlines_or_control_characters(item: str) -> None:
    with pytest.raises((RecordError, ExportInvalid)):
        parse_export(export(assessments=[one(item=item)]))
    with pytest.raises((RecordError, ExportInvalid)):
        parse_export(export(profile={item: "yes"}))


@pytest.mark.parametrize(
    "value",
    [
        "x" * (MAX_PROFILE_VALUE_CHARS + 1),
        "yes\n",
        "a\x00",
        ["ok"] * (MAX_PROFILE_CHOICES + 1),
        ["fine", "x" * (MAX_PROFILE_VALUE_CHARS + 1)],
        ["fine", "bad\x1b"],
    ],
)
def test_profile_values_beyond_the_limits(value: Any) -> None:
    with pytest.raises((RecordError, ExportInvalid)):
        parse_export(export(profile={"org.example/q": value}))


def test_too_many_profile_answers() -> None:
    profile = {f"org.example/q{n}": "yes" for n in range(MAX_PROFILE_ANSWERS + 1)}
    with pytest.raises((RecordError, ExportInvalid)):
        parse_export(export(profile=profile))


def test_too_many_assessments() -> None:
    many = [one(ident=f"a{n}") for n in range(MAX_ASSESSMENTS + 1)]
    with pytest.raises(ExportInvalid, match="more than"):
        parse_export(export(assessments=many))


def test_a_note_beyond_the_limit() -> None:
    with pytest.raises(RecordError):
        parse_export(export(assessments=[one(note="n" * (MAX_NOTE_CHARS + 1))]))


def test_within_the_limits_it_is_accepted() -> None:
    content = parse_export(
        export(
            profile={"org.example/q": "x" * MAX_PROFILE_VALUE_CHARS, "org.example/m": []},
            assessments=[one(note="n" * MAX_NOTE_CHARS)],
        )
    )
    assert len(content.assessments) == 1
