"""The settings kept inside the vault (DESIGN §9: only language and window size may
live outside): auto-lock, the quick-exit shortcut, paper size, a neutral title.

Read from the body with every value checked, so a damaged or hostile value falls back
to its default instead of breaking the app.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, MutableMapping
from dataclasses import asdict, dataclass
from typing import Any

AUTO_LOCK_CHOICES = (0, 1, 2, 5, 10, 15, 30, 60)  # minutes; 0 is off
# Ctrl+Shift+Q is Log Out on macOS (Cmd+Shift+Q), so another default there.
DEFAULT_QUICK_EXIT = "Ctrl+Shift+X" if sys.platform == "darwin" else "Ctrl+Shift+Q"
PAPERS = ("a4", "letter")
KEY = "app"  # the vault body's settings["app"]


@dataclass(frozen=True)
class Preferences:
    auto_lock_minutes: int = 5
    quick_exit_shortcut: str = DEFAULT_QUICK_EXIT
    paper: str = ""  # "": from the system's locale
    neutral_title: bool = False


def defaults() -> Preferences:
    """Where the settings start: SafetyKit's own values, or those of the organisation
    whose build this is (safetykit/org.py: quick exit and auto-lock)."""
    from safetykit import org

    organisation = org.current()
    base = Preferences()
    if organisation is None:
        return base
    return Preferences(
        auto_lock_minutes=base.auto_lock_minutes
        if organisation.auto_lock_minutes is None
        else organisation.auto_lock_minutes,
        quick_exit_shortcut=organisation.quick_exit_shortcut or base.quick_exit_shortcut,
    )


def read(settings: Mapping[str, Any]) -> Preferences:
    raw = settings.get(KEY)
    default = defaults()
    if not isinstance(raw, Mapping):
        return default
    minutes = raw.get("auto_lock_minutes")
    shortcut = raw.get("quick_exit_shortcut")
    paper = raw.get("paper")
    neutral = raw.get("neutral_title")
    return Preferences(
        auto_lock_minutes=minutes
        if isinstance(minutes, int) and not isinstance(minutes, bool) and 0 <= minutes <= 24 * 60
        else default.auto_lock_minutes,
        quick_exit_shortcut=shortcut
        if isinstance(shortcut, str) and 0 < len(shortcut) <= 40
        else default.quick_exit_shortcut,
        paper=paper if paper in PAPERS else default.paper,
        neutral_title=neutral if isinstance(neutral, bool) else default.neutral_title,
    )


def write(settings: MutableMapping[str, Any], preferences: Preferences) -> None:
    settings[KEY] = asdict(preferences)
