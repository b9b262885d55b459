"""Answers, assessments and profiles as stored in the vault and the JSON export.

The JSON shapes (docs/internals.md, DESIGN §8):

- profile: ``{"<pack id>/<question id>": "yes" | "<option>" | ["<option>", …]}``
- assessment: ``{"id": str, "started": "2026-11-28T21:00:00Z",
  "answers": {"<pack id>/<item id>": {"status": …, "note": str, "due": "YYYY-MM-DD" | null}}}``

``from_dict`` validates everything it reads, because the export file is user input:
bad data raises RecordError, never another exception.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from safetykit.errors import SafetyKitError
from safetykit.packs.model import ProfileAnswer

MAX_NOTE_CHARS = 10_000
MAX_ANSWERS = 100_000
MAX_PROFILE_ANSWERS = 10_000
MAX_PROFILE_VALUE_CHARS = 128
MAX_PROFILE_CHOICES = 256
# Ids are matched whole (fullmatch): "$" alone would let a trailing newline through.
_QUALIFIED_ID = re.compile(r"[a-z0-9][a-z0-9.-]{0,127}/[a-z0-9][a-z0-9-]{0,63}")
_ASSESSMENT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
# A profile answer is "yes"/"no" or an option value: printable text, no control characters.
_PROFILE_VALUE = re.compile(rf"[^\x00-\x1f\x7f-\x9f]{{1,{MAX_PROFILE_VALUE_CHARS}}}")


class RecordError(SafetyKitError):
    """An answer, assessment or profile that is not well-formed."""

    default_code = "record.invalid"


class Status(StrEnum):
    DONE = "done"
    PARTLY = "partly"
    TODO = "todo"  # not yet; also what an unanswered item counts as
    NA = "na"  # does not apply to me: left out of scores

    @property
    def value_score(self) -> float | None:
        """Contribution to a score (DESIGN §6); None for ``na``, which is left out."""
        return {"done": 1.0, "partly": 0.5, "todo": 0.0, "na": None}[self.value]

    @property
    def is_open(self) -> bool:
        return self in (Status.TODO, Status.PARTLY)


@dataclass(frozen=True)
class Answer:
    status: Status = Status.TODO
    note: str = ""
    due: dt.date | None = None

    def to_dict(self, notes: bool = True) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "note": self.note if notes else "",
            "due": self.due.isoformat() if self.due else None,
        }

    @classmethod
    def from_dict(cls, data: object, where: str) -> Answer:
        if not isinstance(data, Mapping):
            raise RecordError("record.answer.not_object", item=where)
        unknown = set(data) - {"status", "note", "due"}
        if unknown:
            raise RecordError("record.answer.unknown_field", item=where, field=sorted(unknown)[0])
        raw_status = data.get("status", "todo")
        try:
            status = Status(raw_status)
        except ValueError:
            raise RecordError(
                "record.answer.unknown_status", item=where, status=str(raw_status)
            ) from None
        note = data.get("note", "")
        if note is None:
            note = ""
        if not isinstance(note, str) or len(note) > MAX_NOTE_CHARS:
            raise RecordError("record.answer.note_too_long", item=where, limit=MAX_NOTE_CHARS)
        due_raw = data.get("due")
        due = None
        if due_raw is not None:
            if not isinstance(due_raw, str):
                raise RecordError("record.answer.bad_due", item=where)
            try:
                due = dt.date.fromisoformat(due_raw)
            except ValueError:
                raise RecordError("record.answer.bad_due", item=where) from None
        return cls(status=status, note=note, due=due)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def format_timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_timestamp(text: object, where: str) -> dt.datetime:
    if not isinstance(text, str):
        raise RecordError("record.assessment.bad_started", assessment=where)
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise RecordError("record.assessment.bad_started", assessment=where) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def new_assessment_id() -> str:
    return secrets.token_hex(8)


@dataclass(frozen=True)
class Assessment:
    id: str
    started: dt.datetime
    answers: Mapping[str, Answer] = field(default_factory=dict)

    @classmethod
    def new(cls, previous: Assessment | None = None, now: dt.datetime | None = None) -> Assessment:
        """A new assessment, starting from the previous answers (DESIGN §6)."""
        answers = dict(previous.answers) if previous else {}
        return cls(id=new_assessment_id(), started=now or _utc_now(), answers=answers)

    def answer(self, qualified_item_id: str) -> Answer:
        return self.answers.get(qualified_item_id, Answer())

    def with_answer(self, qualified_item_id: str, answer: Answer) -> Assessment:
        answers = dict(self.answers)
        answers[qualified_item_id] = answer
        return replace(self, answers=answers)

    def to_dict(self, notes: bool = True) -> dict[str, Any]:
        return {
            "id": self.id,
            "started": format_timestamp(self.started),
            "answers": {key: self.answers[key].to_dict(notes) for key in sorted(self.answers)},
        }

    @classmethod
    def from_dict(cls, data: object) -> Assessment:
        if not isinstance(data, Mapping):
            raise RecordError("record.assessment.not_object")
        unknown = set(data) - {"id", "started", "answers"}
        if unknown:
            raise RecordError("record.assessment.unknown_field", field=sorted(unknown)[0])
        ident = data.get("id")
        if not isinstance(ident, str) or not _ASSESSMENT_ID.fullmatch(ident):
            raise RecordError("record.assessment.bad_id")
        where = f"assessment {ident}"
        started = parse_timestamp(data.get("started"), where)
        raw_answers = data.get("answers", {})
        if not isinstance(raw_answers, Mapping):
            raise RecordError("record.assessment.answers_not_object", assessment=where)
        if len(raw_answers) > MAX_ANSWERS:
            raise RecordError("record.assessment.too_many_answers", assessment=where)
        answers: dict[str, Answer] = {}
        for key, value in raw_answers.items():
            if not isinstance(key, str) or not _QUALIFIED_ID.fullmatch(key):
                raise RecordError("record.assessment.bad_item_id", assessment=where, key=str(key))
            answers[key] = Answer.from_dict(value, f"{where}, {key}")
        return cls(id=ident, started=started, answers=answers)


def profile_from_dict(data: object) -> dict[str, ProfileAnswer]:
    """Validate a profile read from the vault or an export."""
    if not isinstance(data, Mapping):
        raise RecordError("record.profile.not_object")
    if len(data) > MAX_PROFILE_ANSWERS:
        raise RecordError("record.profile.too_many", limit=MAX_PROFILE_ANSWERS)
    profile: dict[str, ProfileAnswer] = {}
    for key, value in data.items():
        if not isinstance(key, str) or not _QUALIFIED_ID.fullmatch(key):
            raise RecordError("record.profile.bad_key", key=str(key))
        values = value if isinstance(value, list) else [value]
        if len(values) > MAX_PROFILE_CHOICES or not all(
            isinstance(v, str) and _PROFILE_VALUE.fullmatch(v) for v in values
        ):
            raise RecordError(
                "record.profile.answer_limits",
                key=key,
                choices=MAX_PROFILE_CHOICES,
                chars=MAX_PROFILE_VALUE_CHARS,
            )
        profile[key] = value if isinstance(value, str) else sorted(set(values))
    return profile


def profile_to_dict(profile: Mapping[str, ProfileAnswer]) -> dict[str, ProfileAnswer]:
    return {
        key: (value if isinstance(value, str) else sorted(set(value)))
        for key, value in sorted(profile.items())
    }
