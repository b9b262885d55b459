"""Whether this is the frozen app (PyInstaller), and how to start this SafetyKit again.

In a checkout or a wheel, ``sys.executable`` is Python and SafetyKit is
``python -m safetykit``; in the frozen app ``sys.executable`` is SafetyKit itself and
there is no Python to hand ``-c`` or ``-m`` to (docs/packaging.md).
"""

from __future__ import annotations

import sys


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def safetykit_command() -> list[str]:
    """The command that starts this same SafetyKit, to which arguments are added."""
    if is_frozen():
        return [sys.executable]
    return [sys.executable, "-m", "safetykit"]
