"""What locks the app without the user asking: idle time, and the system's own screen
lock or suspend (Linux: org.freedesktop.ScreenSaver / org.gnome.ScreenSaver on the
session bus, logind's PrepareForSleep on the system bus).

On Windows and macOS only the idle timer applies (docs/user-guide.md says so): their
lock and sleep notices need native APIs Qt does not expose.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication

DEFAULT_IDLE_MINUTES = 5
# Events that mean a person is at the keyboard or the mouse.
_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.InputMethod,
}


class IdleWatcher(QObject):
    """Emits ``idle`` after ``minutes`` without keyboard or mouse input (0: never).

    It watches the app's windows (each QWindow), not the whole app: every key press,
    click, move and wheel turn reaches a window before its widget, so that is all the
    input there is, and it is a small share of the events. A filter on the whole app
    saw every event of every object in Python, and the first event of an object of a
    class PySide does not wrap (a table's inner model) made PySide load every class
    it has to find the nearest one: about 90 ms on the UI thread, at unlock. Text
    composed by an input method arrives at the widget directly; its cursor moving
    counts as input too.
    """

    idle = Signal()

    def __init__(
        self,
        app: QApplication,
        minutes: int = DEFAULT_IDLE_MINUTES,
        parent: QObject | None = None,
    ) -> None:
        # Owned by the window (parent); Qt drops the filters when this object goes.
        super().__init__(parent or app)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # Precise: a coarse timer may keep its old deadline when restarted within its
        # slack, so a lock could come early after activity.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.idle)
        self.minutes = 0
        self._wanted = False  # armed while the vault is unlocked
        self._app = app
        self._watching = False
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = max(0, minutes)
        self._timer.setInterval(self.minutes * 60_000)
        self.arm(self._wanted)

    def arm(self, on: bool) -> None:
        """Count only while the vault is unlocked, and never when turned off (0)."""
        self._wanted = on
        counting = on and self.minutes > 0
        if counting:
            self._timer.start()
        else:
            self._timer.stop()
        if counting != self._watching:
            self._watch(counting)

    def _watch(self, on: bool) -> None:
        self._watching = on
        method = self._app.inputMethod()
        if on:
            for window in self._app.topLevelWindows():
                window.installEventFilter(self)
            # A window shown later (a dialog) is watched once it has the focus.
            self._app.focusWindowChanged.connect(self._watch_window)
            method.cursorRectangleChanged.connect(self._activity)
        else:
            self._app.focusWindowChanged.disconnect(self._watch_window)
            method.cursorRectangleChanged.disconnect(self._activity)
            for window in self._app.topLevelWindows():
                window.removeEventFilter(self)

    def _watch_window(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # once per window: Qt keeps one of each

    def _activity(self) -> None:
        if self._timer.isActive():
            self._timer.start()  # restart the countdown

    @property
    def armed(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._activity()
        return False


class SystemLockWatcher(QObject):
    """Emits ``locked`` when the system locks the screen or goes to sleep (Linux)."""

    locked = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        session_address: str | None = None,
        system_address: str | None = None,
    ) -> None:
        """The buses are the user's own unless addresses are given (tests run fake
        services on private buses)."""
        super().__init__(parent)
        self.listening: list[str] = []
        if sys.platform.startswith("linux"):
            self._listen(session_address, system_address)

    def _listen(self, session_address: str | None, system_address: str | None) -> None:
        from PySide6.QtDBus import QDBusConnection

        session = (
            QDBusConnection.connectToBus(session_address, f"safetykit-session-{id(self)}")
            if session_address
            else QDBusConnection.sessionBus()
        )
        if session.isConnected():
            for service, path in (
                ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
                ("org.freedesktop.ScreenSaver", "/ScreenSaver"),
                ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
            ):
                if session.connect(
                    "", path, service, "ActiveChanged", self, _slot("screen_saver(bool)")
                ):
                    self.listening.append(f"{service} {path}")
        system = (
            QDBusConnection.connectToBus(system_address, f"safetykit-system-{id(self)}")
            if system_address
            else QDBusConnection.systemBus()
        )
        if system.isConnected() and system.connect(
            "",
            "/org/freedesktop/login1",
            "org.freedesktop.login1.Manager",
            "PrepareForSleep",
            self,
            _slot("prepare_for_sleep(bool)"),
        ):
            self.listening.append("org.freedesktop.login1 PrepareForSleep")

    @Slot(bool)
    def screen_saver(self, active: bool) -> None:
        if active:
            self.locked.emit()

    @Slot(bool)
    def prepare_for_sleep(self, going: bool) -> None:
        if going:
            self.locked.emit()


def _slot(signature: str) -> bytes:
    """Qt's SLOT() form of a slot signature, for QtDBus's string-based connect.

    PySide accepts it only as ``str`` at run time though its stubs say ``bytes``."""
    from PySide6.QtCore import SLOT

    slot: bytes = SLOT(signature)  # type: ignore[assignment]
    return slot


class ClipboardGuard(QObject):
    """Knows whether the clipboard or the selection holds something copied from
    SafetyKit, so a lock can empty them without touching another program's text.

    Qt's ``ownsClipboard()`` answers that on X11, Windows and macOS, but not on every
    platform (offscreen, some Wayland setups); a change made while SafetyKit has the
    keyboard focus counts as ours too."""

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent or app)
        self._clipboard = app.clipboard()
        self._ours = {"clipboard": False, "selection": False}
        self._clipboard.dataChanged.connect(lambda: self._changed("clipboard"))
        self._clipboard.selectionChanged.connect(lambda: self._changed("selection"))

    def _changed(self, mode: str) -> None:
        self._ours[mode] = QApplication.focusWidget() is not None

    def forget(self) -> None:
        from PySide6.QtGui import QClipboard

        clipboard = self._clipboard
        if self._ours["clipboard"] or clipboard.ownsClipboard():
            clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection() and (self._ours["selection"] or clipboard.ownsSelection()):
            clipboard.clear(QClipboard.Mode.Selection)
        self._ours = {"clipboard": False, "selection": False}
