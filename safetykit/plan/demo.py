"""The built-in example for ``safetykit plan --demo``: a profile and two assessments.

A freelance reporter with confidential sources, working through protests, on Windows
and Android. Answers are matched against the built-in pack ``org.safetykit.core`` by
item id; an id that the pack no longer has simply matches nothing, so the demo keeps
working while the content changes (it never fails on a stale id).
"""

from __future__ import annotations

import datetime as dt

from safetykit.assessment.records import Answer, Assessment, Status
from safetykit.packs.model import ProfileAnswer

PACK = "org.safetykit.core"

PROFILE: dict[str, ProfileAnswer] = {
    f"{PACK}/role": "freelance",
    f"{PACK}/sources": "yes",
    f"{PACK}/situation": ["unrest"],
    f"{PACK}/travel": "yes",
    f"{PACK}/harassment": "no",
    f"{PACK}/devices": ["android", "windows"],
    f"{PACK}/support": "no",
}

# (item id, status, note, days from today until due or None)
_EARLIER: list[tuple[str, Status, str, int | None]] = [
    ("password-manager", Status.PARTLY, "", None),
    ("map-assets-and-threats", Status.PARTLY, "", None),
    ("spot-phishing", Status.DONE, "", None),
]
_NOW: list[tuple[str, Status, str, int | None]] = [
    ("password-manager", Status.DONE, "Moved all work accounts; personal ones next.", None),
    ("map-assets-and-threats", Status.DONE, "", None),
    ("spot-phishing", Status.DONE, "", None),
    ("two-step-login", Status.PARTLY, "Email done. Messaging app and bank left.", 7),
    ("unique-passphrases", Status.PARTLY, "", 14),
    ("write-safety-plan", Status.TODO, "Ask the editor to read it.", 10),
    ("review-sessions-apps", Status.DONE, "", None),
    ("know-employer-safety-support", Status.NA, "", None),
    ("store-recovery-codes", Status.TODO, "", 3),
]


def _assessment(
    ident: str, started: dt.datetime, rows: list[tuple[str, Status, str, int | None]]
) -> Assessment:
    today = started.date()
    answers = {
        f"{PACK}/{item}": Answer(
            status=status,
            note=note,
            due=today + dt.timedelta(days=days) if days is not None else None,
        )
        for item, status, note, days in rows
    }
    return Assessment(id=ident, started=started, answers=answers)


def demo_assessments(today: dt.date | None = None) -> tuple[Assessment, Assessment]:
    """(previous, current): a month apart, the current one dated ``today``."""
    day = today or dt.date.today()
    now = dt.datetime.combine(day, dt.time(9, 0), tzinfo=dt.UTC)
    earlier = now - dt.timedelta(days=30)
    return _assessment("demo-1", earlier, _EARLIER), _assessment("demo-2", now, _NOW)


def demo_profile() -> dict[str, ProfileAnswer]:
    return dict(PROFILE)
