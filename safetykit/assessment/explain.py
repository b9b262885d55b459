"""Words for priorities: risk and effort labels and "why this is here" (DESIGN §6).

Shared by the printed plan and the app's plan screen, so both say the same thing.
Every fixed string goes through the ``gettext`` passed in (``i18n.translations(lang)
.gettext``), written as literal ``gettext("…")`` calls so Babel extracts them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from safetykit.assessment.applicability import ApplicableItem
from safetykit.assessment.priorities import Priority
from safetykit.packs.model import Effort, Risk

Gettext = Callable[[str], str]


def risk_label(risk: Risk, gettext: Gettext) -> str:
    labels = {
        Risk.CRITICAL: gettext("Critical risk"),
        Risk.HIGH: gettext("High risk"),
        Risk.MEDIUM: gettext("Medium risk"),
        Risk.LOW: gettext("Low risk"),
    }
    return labels[risk]


def effort_label(effort: Effort, gettext: Gettext) -> str:
    labels = {
        Effort.MINUTES: gettext("takes minutes"),
        Effort.HOURS: gettext("takes hours"),
        Effort.DAYS: gettext("takes days"),
    }
    return labels[effort]


def _titles(entries: Sequence[ApplicableItem], gettext: Gettext) -> str:
    quoted = gettext("“%(title)s”")
    return gettext(", ").join(quoted % {"title": e.item.title} for e in entries)


def why_here(priority: Priority, gettext: Gettext) -> list[str]:
    """Sentences saying why ``priority`` is where it is: risk, effort, what it unblocks."""
    sentences = [
        gettext("Why here: %(risk)s, %(effort)s.")
        % {
            "risk": risk_label(priority.risk, gettext),
            "effort": effort_label(priority.entry.item.effort, gettext),
        }
    ]
    if priority.raised:
        sentences.append(
            gettext("Its own risk is lower (%(own)s), but %(items)s cannot be done without it.")
            % {
                "own": risk_label(priority.entry.item.risk, gettext),
                "items": _titles(priority.raised_by, gettext),
            }
        )
    if priority.unblocks:
        sentences.append(
            gettext("Unblocks: %(items)s.") % {"items": _titles(priority.unblocks, gettext)}
        )
    if priority.after:
        sentences.append(
            gettext("Do after: %(items)s.") % {"items": _titles(priority.after, gettext)}
        )
    return sentences
