"""The unlocked session: who owns the vault, background saves, and the one lock path.

The Session owns the Workspace (vault + packs) and a generation counter. Pages ask it
for views and tell it what the user changed; they never keep the vault body. Saves run
on a worker, coalesced: the first change starts a short timer, later changes ride
along, so an answer is on disk at most about half a second after it was given.

``lock()`` always completes (DESIGN §12): it bumps the generation (late worker results
are dropped), writes a pending change first so nothing is lost, locks the vault (which
empties its body), runs every clean-up on its own and emits ``locked`` in a finally.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from safetykit.app.worker import run_in_background

if TYPE_CHECKING:  # loaded at unlock, not with the first window
    from safetykit.vault import Vault
    from safetykit.views.workspace import Workspace

SAVE_DELAY_MS = 300  # + the save itself: well inside the 0.5 s promise


class Session(QObject):
    unlocked = Signal()
    locked = Signal()
    save_started = Signal()
    saved = Signal()
    save_failed = Signal(object)  # the error

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.generation = 0
        self.workspace: Workspace | None = None
        self._on_lock: list[Callable[[], None]] = []
        self._dirty = False
        self._saving = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self._start_save)

    # --- state ---

    @property
    def is_unlocked(self) -> bool:
        return self.workspace is not None

    def require(self) -> Workspace:
        if self.workspace is None:
            raise RuntimeError("the session is locked")
        return self.workspace

    def on_lock(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` (e.g. clearing a widget) whenever the session locks."""
        self._on_lock.append(callback)

    def open(self, vault: Vault, lang: str) -> None:
        from safetykit.views.workspace import Workspace

        self.adopt(Workspace.load(vault, lang))

    def adopt(self, workspace: Workspace) -> None:
        """Take an unlocked workspace made on a worker (vault opened, packs loaded)."""
        self.generation += 1
        self.workspace = workspace
        self.unlocked.emit()

    def current(self, generation: int) -> bool:
        return generation == self.generation and self.workspace is not None

    # --- saving ---

    def changed(self) -> None:
        """The user changed something: save it soon, in the background."""
        self._dirty = True
        if self.workspace is not None:
            self.workspace.forget_prepared()  # the unlock's dashboard no longer holds
        if not self._saving and not self._timer.isActive():
            self._timer.start()

    @property
    def has_unsaved_changes(self) -> bool:
        return self._dirty or self._saving

    def _start_save(self) -> None:
        if self.workspace is None or self._saving or not self._dirty:
            return
        self._dirty = False
        self._saving = True
        self.save_started.emit()
        vault = self.workspace.vault
        generation = self.generation
        run_in_background(
            vault.save,
            self,
            lambda _result: self._save_done(generation),
            lambda error: self._save_error(generation, error),
            still_wanted=lambda: generation == self.generation,
        )

    def _save_done(self, generation: int) -> None:
        self._saving = False
        self.saved.emit()
        if self._dirty:
            self._timer.start()

    def _save_error(self, generation: int, error: BaseException) -> None:
        self._saving = False
        self._dirty = True  # still not on disk: kept in memory, tried again on change
        self.save_failed.emit(error)

    def save_now(self) -> None:
        """Write pending changes on this thread (before a lock or quit). Waits for a
        worker save under way (the vault serialises them). Raises what save raises."""
        self._timer.stop()
        if self.workspace is not None and self._dirty:
            self._dirty = False
            self.workspace.vault.save()

    # --- locking ---

    def lock(self) -> None:
        self.generation += 1
        self._timer.stop()
        workspace, self.workspace = self.workspace, None
        try:
            if workspace is not None:
                if self._dirty:
                    with contextlib.suppress(Exception):  # shown already; nothing more to do
                        workspace.vault.save()
                workspace.vault.lock()
                workspace.packs = []
        finally:
            self._dirty = False
            self._saving = False
            for callback in self._on_lock:
                with contextlib.suppress(Exception):  # one failing never stops the rest
                    callback()
            self.locked.emit()
