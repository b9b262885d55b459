"""Words for priorities: risk and effort labels and "why this is here" (DESIGN §6).

Shared by the printed plan and the app's plan screen, so both say the same thing.
Every fixed string goes through the ``gettext`` passed in (``i18n.translations(lang)
.gettext``), written as literal ``gettext("…")`` calls so Babel extracts them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from safetykit.assessment.applicability import ApplicableItem
from safetykit.assessment.priorities import Priority
from safetykit.packs.model import Effort, Risk

Gettext = Callable[[str], str]


def risk_label(risk: Risk, gettext: Gettext) -> str:
    return _risk_labels(gettext)[risk]


def effort_label(effort: Effort, gettext: Gettext) -> str:
    return _effort_labels(gettext)[effort]


# One table per language (gettext) rather than four lookups per label: a 1,000-item
# plan asks for thousands of labels.
@functools.lru_cache(maxsize=32)
def _risk_labels(gettext: Gettext) -> dict[Risk, str]:
    return {
        Risk.CRITICAL: gettext("Critical risk"),
        Risk.HIGH: gettext("High risk"),
        Risk.MEDIUM: gettext("Medium risk"),
        Risk.LOW: gettext("Low risk"),
    }


@functools.lru_cache(maxsize=32)
def _effort_labels(gettext: Gettext) -> dict[Effort, str]:
    return {
        Effort.MINUTES: gettext("takes minutes"),
        Effort.HOURS: gettext("takes hours"),
        Effort.DAYS: gettext("takes days"),
    }


def _titles(entries: Sequence[ApplicableItem], gettext: Gettext) -> str:
    quoted = gettext("“%(title)s”")
    return gettext(", ").join(quoted % {"title": e.item.title} for e in entries)


def why_here(priority: Priority, gettext: Gettext, *, name_situations: bool = False) -> list[str]:
    """Sentences saying why ``priority`` is where it is: risk, effort, what it unblocks.

    ``name_situations``: say which answers put the item early. Only when the user
    asked for notes and profile answers (DESIGN §6): otherwise a plan found in a bag
    would tell a stranger what its owner fears, so it says only that a chosen situation
    moved the item up."""
    sentences = [
        gettext("Why here: %(risk)s, %(effort)s.")
        % {
            "risk": risk_label(priority.risk, gettext),
            "effort": effort_label(priority.entry.item.effort, gettext),
        }
    ]
    if priority.raised:
        raised = {
            "own": risk_label(priority.entry.item.risk, gettext),
            "items": _titles(priority.raised_by, gettext),
        }
        if priority.raised_by_more:
            sentences.append(
                gettext(
                    "Its own risk is lower (%(own)s), but %(items)s and other items cannot "
                    "be done without it."
                )
                % raised
            )
        else:
            sentences.append(
                gettext("Its own risk is lower (%(own)s), but %(items)s cannot be done without it.")
                % raised
            )
    if priority.situational and not priority.situations:
        # Moved up only because a situation item waits on it: say so, not that it fits.
        sentences.append(
            gettext("It comes early because an item for a situation you chose needs it first.")
        )
    elif priority.situational:
        labels = [label for s in priority.situations for label in s.labels()]
        if name_situations and labels:
            quoted = gettext("“%(title)s”")
            sentences.append(
                gettext("It fits your answers: %(answers)s.")
                % {"answers": gettext(", ").join(quoted % {"title": x} for x in labels)}
            )
        else:
            sentences.append(
                gettext(
                    "It fits a situation you chose, so it comes before general items "
                    "of the same risk."
                )
            )
    if priority.unblocks:
        named = _titles(priority.unblocks, gettext)
        more = priority.unblocks_count - len(priority.unblocks)
        if more > 0:
            sentences.append(
                gettext("Unblocks: %(items)s and %(count)s more.") % {"items": named, "count": more}
            )
        else:
            sentences.append(gettext("Unblocks: %(items)s.") % {"items": named})
    if priority.after:
        sentences.append(
            gettext("Do after: %(items)s.") % {"items": _titles(priority.after, gettext)}
        )
    return sentences
