"""What the running app holds that must be dropped on lock.

Screens that show the user's answers register here (the unlocked vault, widgets to
clear); ``lock()`` drops every reference at once, so File › Lock, the quick exit and
auto-lock all forget the same things.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal


class Lockable(Protocol):
    def lock(self) -> None: ...


class Session(QObject):
    locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.vault: Lockable | None = None
        self._on_lock: list[Callable[[], None]] = []

    def on_lock(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` (e.g. clearing a widget) whenever the session locks."""
        self._on_lock.append(callback)

    def lock(self) -> None:
        vault, self.vault = self.vault, None
        if vault is not None:
            vault.lock()  # drops the data key; no save can happen after this
        for callback in self._on_lock:
            callback()
        self.locked.emit()
