"""Translated names for the core's values (risk, effort, answers), shared by pages."""

from __future__ import annotations

from safetykit.app.language import tr
from safetykit.assessment.records import Status


def risk_text(risk: str) -> str:
    return {
        "critical": tr("Critical risk"),
        "high": tr("High risk"),
        "medium": tr("Medium risk"),
        "low": tr("Low risk"),
    }.get(risk, risk)


def effort_text(effort: str) -> str:
    return {
        "minutes": tr("takes minutes"),
        "hours": tr("takes hours"),
        "days": tr("takes days"),
    }.get(effort, effort)


def status_text(status: Status) -> str:
    return {
        Status.DONE: tr("&Done"),
        Status.PARTLY: tr("&Partly"),
        Status.TODO: tr("&Not yet"),
        Status.NA: tr("Does not &apply"),
    }[status]


def plain(text: str) -> str:
    """A button text without its mnemonic marker, for sentences."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def ltr(text: str) -> str:
    """``text`` isolated left to right (a key id, a fingerprint, a file name): inside
    an Arabic or Persian sentence it keeps its order, groups of four read as written,
    so it can be compared aloud (U+2066 LEFT-TO-RIGHT ISOLATE ... U+2069)."""
    return f"\u2066{text}\u2069" if text else ""
