"""Errors as the user sees them: one plain message in their language (DESIGN §12).

Core errors carry a code; ``user_message`` turns any of them into the translated
sentence. Anything else is a bug: the excepthook shows a calm dialog that contains no
user data and writes nothing anywhere (no traceback file, no log).
"""

from __future__ import annotations

import sys
import threading
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from safetykit.app.language import current_language, mark_direction, tr
from safetykit.app.widgets.message_box import message_box
from safetykit.errors import SafetyKitError


def user_message(error: BaseException) -> str:
    """The error in the interface language, as the app words it (no command-line
    hints: the app offers its own buttons)."""
    if isinstance(error, SafetyKitError):
        from safetykit.messages import message_for

        return mark_direction(message_for(error, current_language()))
    if isinstance(error, OSError):
        return tr("The file could not be read or written. Nothing was changed.")
    return unexpected_message()


def unexpected_message() -> str:
    return tr(
        "Something went wrong inside SafetyKit. Your saved answers are safe in the "
        "vault. If this happens again, restart SafetyKit."
    )


def show_error(parent: QWidget | None, title: str, error: BaseException) -> None:
    box = message_box(parent, "errorDialog", QMessageBox.Icon.Warning, title)
    box.setText(user_message(error))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.button(QMessageBox.StandardButton.Ok).setText(tr("&Close"))
    box.open()


_shown: list[QMessageBox] = []


def _calm_dialog(_kind: object, _value: object, _tb: TracebackType | None) -> None:
    # The exception's text may hold user data (a note in a repr): never shown, never
    # written. One dialog at a time, even if errors come in a burst; no nested loop.
    if QApplication.instance() is None or any(box.isVisible() for box in _shown):
        return
    _shown.clear()
    box = message_box(
        QApplication.activeWindow(),
        "unexpectedErrorDialog",
        QMessageBox.Icon.Warning,
        tr("Something went wrong"),
    )
    box.setText(unexpected_message())
    _shown.append(box)
    box.open()


def install_excepthook() -> None:
    sys.excepthook = _calm_dialog

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        pass  # worker failures reach the UI through their own error path; nothing printed

    threading.excepthook = thread_hook
