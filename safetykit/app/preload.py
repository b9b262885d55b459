"""Load what an unlock needs while the person types their passphrase.

The window is shown first with the least loaded (design decision #24); the modules of
the unlocked screens, the crypto library, the packs and the plan come next: the Qt-free
ones on a background thread, the screens' Qt modules on the UI thread once the first
window has been painted (PySide's modules are not imported off the main thread). An
unlock then only builds widgets instead of importing a hundred modules first.
"""

from __future__ import annotations

import importlib
import threading

from PySide6.QtCore import QTimer

CORE = (
    "safetykit.vault.core",
    "safetykit.vault.recovery",
    "safetykit.packs.catalog",
    "safetykit.assessment.priorities",
    "safetykit.plan.content",
    "safetykit.plan.render",
    "safetykit.views.workspace",
    "safetykit.views.dashboard",
    "safetykit.views.checklist",
    "safetykit.messages",
)
SCREENS = ("safetykit.app.private_area",)
SCREENS_DELAY_MS = 150  # after the first paint


def _import_all(names: tuple[str, ...]) -> None:
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: S112 - a broken module shows its error when used
            continue


def start() -> None:
    threading.Thread(
        target=_import_all, args=(CORE,), name="safetykit-preload", daemon=True
    ).start()
    QTimer.singleShot(SCREENS_DELAY_MS, lambda: _import_all(SCREENS))
