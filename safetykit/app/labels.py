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
