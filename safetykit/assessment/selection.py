"""Which installed packs an assessment uses, and forgetting a pack's answers.

The choice lives in the vault body (``settings["packs_off"]``: the ids turned off), so
which packs someone uses is as private as their answers. Off, not on, is recorded: a
pack imported later is used until the person turns it off. A workshop can then print
a plan from the trainer's pack alone, with the built-in pack turned off (issue 14).
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping, Sequence
from typing import Any

from safetykit.assessment.history import assessments, profile, set_profile
from safetykit.errors import SafetyKitError
from safetykit.packs.model import Pack

Body = MutableMapping[str, Any]
KEY = "packs_off"
MAX_IDS = 1000  # a damaged or hostile body cannot make this list unbounded


def turned_off(body: Body) -> set[str]:
    """The ids turned off; a damaged value counts as none (every pack is used)."""
    settings = body.get("settings")
    raw = settings.get(KEY) if isinstance(settings, MutableMapping) else None
    if not isinstance(raw, list):
        return set()
    return {x for x in raw[:MAX_IDS] if isinstance(x, str)}


def active(packs: Sequence[Pack], body: Body) -> list[Pack]:
    """The packs the assessment uses, in their order."""
    off = turned_off(body)
    return [pack for pack in packs if pack.id not in off]


def set_used(body: Body, installed: Iterable[str], pack_id: str, used: bool) -> None:
    """Turn a pack on or off. Turning off the last pack in use is refused: an
    assessment with no checklist would be an empty plan, not a choice."""
    ids = list(dict.fromkeys(installed))
    if pack_id not in ids:
        raise SafetyKitError("pack.not_installed", pack=pack_id)
    off = turned_off(body) & set(ids)
    if used:
        off.discard(pack_id)
    else:
        off.add(pack_id)
        if not set(ids) - off:
            raise SafetyKitError("pack.last_in_use", pack=pack_id)
    settings = body.setdefault("settings", {})
    if not isinstance(settings, MutableMapping):
        body["settings"] = settings = {}
    settings[KEY] = sorted(off)


def choose(packs: Sequence[Pack], wanted: Iterable[str]) -> list[Pack]:
    """The packs named in ``wanted`` (a one-off choice, e.g. ``plan --packs``)."""
    names = list(dict.fromkeys(w.strip() for w in wanted if w.strip()))
    known = {pack.id for pack in packs}
    for name in names:
        if name not in known:
            raise SafetyKitError(
                "pack.not_installed_choose", pack=name, installed=", ".join(sorted(known))
            )
    if not names:
        raise SafetyKitError("pack.none_chosen")
    return [pack for pack in packs if pack.id in names]


def forget_answers(body: Body, pack_id: str) -> int:
    """Remove every answer, note and profile value of ``pack_id`` from every assessment
    and the profile; return how many were removed. (On disk the old bodies stay
    readable with the same data key until the vault is re-keyed: the caller offers
    "delete permanently", docs/security-model.md "Deleting".)"""
    prefix = f"{pack_id}/"
    removed = 0
    raw = body.get("assessments")
    if isinstance(raw, list):
        for position, assessment in enumerate(assessments(body)):
            kept = {k: v for k, v in assessment.answers.items() if not k.startswith(prefix)}
            if len(kept) != len(assessment.answers):
                removed += len(assessment.answers) - len(kept)
                raw[position] = type(assessment)(assessment.id, assessment.started, kept).to_dict()
    answers = profile(body)
    kept_profile = {k: v for k, v in answers.items() if not k.startswith(prefix)}
    if len(kept_profile) != len(answers):
        removed += len(answers) - len(kept_profile)
        set_profile(body, kept_profile)
    return removed
