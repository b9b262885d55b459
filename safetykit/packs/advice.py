"""Content rules lint holds every pack to, beyond the shape of the files.

Review dates: advice goes stale, so dates older than a year (or in the future) are
warnings.

Advice to delete or auto-delete things can hurt someone facing a lawsuit or an
investigation: once either is threatened, deleting relevant material can be unlawful
and destroys their own evidence. So an item that advises deleting says whether the
pack's legal-hold warning goes with it (``legal_hold = true``), or states that it does
not advise deletion after all (``legal_hold = false``, e.g. "do not delete the
messages"). The check is a warning: words are a hint, the author decides.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from safetykit.packs.checklist_toml import DraftChecklist, DraftItem
from safetykit.packs.checks import REVIEW_AGE_MONTHS, FileReport, months_before
from safetykit.packs.pack_toml import Manifest
from safetykit.text import N_, Text

# Words that advise removing material: deleting, wiping, auto-deleting, disappearing
# messages. English only: lint reads the source language of packs written in English;
# packs in other languages get no hint, and say legal_hold themselves.
DELETION = re.compile(
    r"\b(?:delet(?:e|es|ed|ing|ion)|auto-delet\w*|disappearing messages|wip(?:e|es|ed|ing)"
    r"|eras(?:e|es|ed|ing)|shred\w*|purg(?:e|es|ed|ing))\b",
    re.IGNORECASE,
)


def advises_deletion(item: DraftItem) -> str | None:
    """The first word in ``item`` that reads as advice to delete, or None."""
    for text in (item.title, item.why, *item.steps):
        found = DELETION.search(text)
        if found:
            return found.group(0)
    return None


def check_advice(report: FileReport, manifest: Manifest, drafts: Sequence[DraftChecklist]) -> None:
    uses = False
    for draft in drafts:
        for item in draft.items:
            uses = uses or bool(item.legal_hold)
            if item.legal_hold is not None:
                continue
            word = advises_deletion(item)
            if word is None:
                continue
            if manifest.format == 1:
                hint = Text.of(N_("format 2 lets you add 'legal_hold = true' to show the warning"))
            else:
                hint = Text.of(
                    N_("add 'legal_hold = true' (or 'legal_hold = false' if it does not)")
                )
            draft.report.warn(
                (*item.path, "id"),
                N_(
                    "item '%(item)s' may advise deleting ('%(word)s'): once a lawsuit or "
                    "investigation is threatened, deleting can be unlawful; %(hint)s"
                ),
                item=item.id,
                word=word,
                hint=hint,
            )
    if uses and not manifest.legal_hold:
        report.error(
            (),
            N_(
                "items set 'legal_hold = true' but pack.toml has no 'legal_hold' text to "
                "show with them"
            ),
        )


def check_review_dates(
    report: FileReport, manifest: Manifest, drafts: list[DraftChecklist], today: dt.date
) -> None:
    """Warnings for review dates more than REVIEW_AGE_MONTHS old, or in the future."""
    limit = months_before(today, REVIEW_AGE_MONTHS)

    def check(rep: FileReport, path: tuple[str | int, ...], what: Text, day: dt.date) -> None:
        if day < limit:
            stale = Text.of(
                N_("%(what)s was last reviewed %(date)s, more than 12 months ago"),
                what=what,
                date=day.isoformat(),
            )
            rep.stale(path, stale, day, what)
        elif day > today:
            rep.warn(
                path,
                N_("%(what)s has a review date in the future (%(date)s)"),
                what=what,
                date=day.isoformat(),
            )

    if manifest.reviewed:
        check(report, ("reviewed",), Text.of(N_("the pack")), manifest.reviewed)
    for index, contact in enumerate(manifest.contacts):
        what = Text.of(N_("contact '%(name)s'"), name=contact.name)
        check(report, ("contacts", index, "checked"), what, contact.checked)
    for draft in drafts:
        for item in draft.items:
            what = Text.of(N_("item '%(item)s'"), item=item.id)
            check(draft.report, (*item.path, "reviewed"), what, item.reviewed)
