"""Which paper the plan is laid out for when the user does not say: A4 or Letter."""

from __future__ import annotations

from collections.abc import Iterable

# Countries where Letter is the usual office paper; everywhere else uses A4.
LETTER_TERRITORIES = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA", "DO", "SV", "NI", "PR", "BZ"}
)


def default_paper(locales: Iterable[str]) -> str:
    """Letter if the first locale with a territory names a Letter country, else A4."""
    for code in locales:
        base = code.split(".")[0].split("@")[0].replace("-", "_")
        parts = base.split("_")
        if len(parts) >= 2 and parts[-1]:
            return "letter" if parts[-1].upper() in LETTER_TERRITORIES else "a4"
    return "a4"
