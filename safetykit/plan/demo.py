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
from safetykit.plan.content import Plan, PlanOptions, build_plan

PACK = "org.safetykit.core"

PROFILE: dict[str, ProfileAnswer] = {
    f"{PACK}/role": "freelance",
    f"{PACK}/sources": "yes",
    f"{PACK}/situation": ["unrest"],
    f"{PACK}/travel": "yes",
    f"{PACK}/harassment": "no",
    f"{PACK}/devices": ["android", "windows"],
    f"{PACK}/support": "no",
    f"{PACK}/phone-only": "no",
    f"{PACK}/shared-device": "no",
    f"{PACK}/exile": [],
    f"{PACK}/legal": "no",
    f"{PACK}/physical": "no",
}

# (item id, status, note, days from today until due or None)
_EARLIER: list[tuple[str, Status, str, int | None]] = [
    ("password-manager", Status.PARTLY, "", None),
    ("map-assets-and-threats", Status.PARTLY, "", None),
    ("spot-phishing", Status.DONE, "", None),
    ("turn-on-updates", Status.DONE, "", None),
    ("use-signal", Status.DONE, "", None),
    ("android-strong-screen-lock", Status.PARTLY, "", None),
    ("two-step-login", Status.PARTLY, "", None),
    ("incident-save-helplines", Status.DONE, "", None),
    ("disappearing-messages", Status.DONE, "", None),
    ("wellbeing-rest", Status.PARTLY, "", None),
    ("search-yourself", Status.DONE, "", None),
]
_NOW: list[tuple[str, Status, str, int | None]] = [
    ("password-manager", Status.DONE, "Moved all work accounts; personal ones next.", None),
    ("map-assets-and-threats", Status.DONE, "", None),
    ("spot-phishing", Status.DONE, "", None),
    ("turn-on-updates", Status.DONE, "", None),
    ("use-signal", Status.DONE, "", None),
    ("android-strong-screen-lock", Status.DONE, "", None),
    ("two-step-login", Status.PARTLY, "Email done. Messaging app and bank left.", 7),
    ("unique-passphrases", Status.PARTLY, "", 14),
    ("write-safety-plan", Status.TODO, "Ask the editor to read it.", 10),
    ("store-recovery-codes", Status.TODO, "", 3),
    ("review-sessions-apps", Status.DONE, "", None),
    ("secure-recovery-details", Status.DONE, "", None),
    ("know-employer-safety-support", Status.NA, "", None),
    ("incident-save-helplines", Status.DONE, "", None),
    ("incident-log", Status.PARTLY, "", None),
    ("disappearing-messages", Status.DONE, "", None),
    ("signal-registration-lock", Status.DONE, "", None),
    ("signal-username-privacy", Status.DONE, "", None),
    ("browser-updates-extensions", Status.DONE, "", None),
    ("encrypt-windows", Status.PARTLY, "BitLocker on the laptop; the desktop is next.", 5),
    ("encrypted-backups", Status.PARTLY, "", 21),
    ("strip-photo-metadata", Status.DONE, "", None),
    ("review-cloud-sync", Status.DONE, "", None),
    ("field-check-in", Status.DONE, "", None),
    ("field-protest-plan", Status.PARTLY, "", 2),
    ("field-carry-less", Status.DONE, "", None),
    ("shutdown-printed-contacts", Status.DONE, "", None),
    ("wellbeing-rest", Status.PARTLY, "", None),
    ("search-yourself", Status.DONE, "", None),
    ("verify-reverse-search", Status.DONE, "", None),
    ("verify-content-credentials", Status.NA, "", None),
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


def demo_plan(options: PlanOptions) -> Plan:
    """The example plan, from the built-in pack in ``options.lang``; no vault involved."""
    from safetykit.packs.catalog import builtin_packs

    packs = [p for p in builtin_packs(options.lang) if p.id == PACK]
    previous, current = demo_assessments(options.today)
    return build_plan(packs, demo_profile(), current, previous, options)
