"""Assessments over time, kept in the vault body (docs/internals.md "Vault body").

The body's ``assessments`` list holds every assessment, oldest first; the last one is
the current one. A new assessment starts from the previous answers, so the user only
changes what moved. These functions read and write the plain body dict; saving it is
the vault's business.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping
from typing import Any

from safetykit.assessment.records import (
    Assessment,
    RecordError,
    profile_from_dict,
    profile_to_dict,
)
from safetykit.packs.model import ProfileAnswer

Body = MutableMapping[str, Any]


def assessments(body: Body) -> list[Assessment]:
    """Every assessment in the body, oldest first (validated: RecordError if damaged)."""
    raw = body.get("assessments", [])
    if not isinstance(raw, list):
        raise RecordError("record.assessments.not_list")
    return [Assessment.from_dict(item) for item in raw]


def current(body: Body) -> Assessment | None:
    """The latest assessment, or None before the first one."""
    found = assessments(body)
    return found[-1] if found else None


def current_and_previous(body: Body) -> tuple[Assessment | None, Assessment | None]:
    found = assessments(body)
    latest = found[-1] if found else None
    earlier = found[-2] if len(found) >= 2 else None
    return latest, earlier


def start_new(body: Body, now: dt.datetime | None = None) -> Assessment:
    """Append a new assessment that starts from the current answers, and return it."""
    fresh = Assessment.new(current(body), now=now)
    body.setdefault("assessments", []).append(fresh.to_dict())
    return fresh


def store(body: Body, assessment: Assessment) -> None:
    """Write ``assessment`` back in place (same id), or append it as the newest."""
    raw = body.setdefault("assessments", [])
    if not isinstance(raw, list):
        raise RecordError("record.assessments.not_list")
    record = assessment.to_dict()
    for position, existing in enumerate(raw):
        if isinstance(existing, dict) and existing.get("id") == assessment.id:
            raw[position] = record
            return
    raw.append(record)


def profile(body: Body) -> dict[str, ProfileAnswer]:
    """The profile in the body (empty before the user answered anything)."""
    return profile_from_dict(body.get("profile", {}))


def set_profile(body: Body, answers: dict[str, ProfileAnswer]) -> None:
    body["profile"] = profile_to_dict(profile_from_dict(answers))
