"""Auto-lock: the idle timer, and the system's screen lock and suspend over D-Bus,
tested with fake services on private buses (one stands in for the system bus)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from safetykit.app.safety import IdleWatcher, SystemLockWatcher
from tests.helpers import REPO, require_tool


@pytest.fixture
def private_bus(tmp_path: Path) -> Iterator[str]:
    """A private D-Bus daemon; yields its address. Stopped after the test."""
    daemon = require_tool("dbus-daemon")
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        address = process.stdout.readline().strip()
        assert address.startswith("unix:"), address
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)


def _emit(address: str, path: str, member: str, value: bool) -> None:
    subprocess.run(
        [
            require_tool("dbus-send"),
            f"--bus={address}",
            "--type=signal",
            path,
            member,
            f"boolean:{'true' if value else 'false'}",
        ],
        check=True,
        timeout=10,
    )


def test_screen_lock_and_suspend_signals_lock(
    qtbot: QtBot, private_bus: str, tmp_path: Path
) -> None:
    # A second private bus plays the system bus (logind lives there).
    daemon = require_tool("dbus-daemon")
    system = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert system.stdout is not None
        system_address = system.stdout.readline().strip()
        watcher = SystemLockWatcher(session_address=private_bus, system_address=system_address)
        assert "org.freedesktop.login1 PrepareForSleep" in watcher.listening
        assert any("org.freedesktop.ScreenSaver" in name for name in watcher.listening)
        # "Unlocked" and "woke up" do not lock.
        with qtbot.assertNotEmitted(watcher.locked, wait=300):
            _emit(
                private_bus,
                "/org/freedesktop/ScreenSaver",
                "org.freedesktop.ScreenSaver.ActiveChanged",
                False,
            )
            _emit(
                system_address,
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager.PrepareForSleep",
                False,
            )
        with qtbot.waitSignal(watcher.locked, timeout=5000):
            _emit(
                private_bus,
                "/org/freedesktop/ScreenSaver",
                "org.freedesktop.ScreenSaver.ActiveChanged",
                True,
            )
        with qtbot.waitSignal(watcher.locked, timeout=5000):
            _emit(
                private_bus, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver.ActiveChanged", True
            )
        with qtbot.waitSignal(watcher.locked, timeout=5000):
            _emit(
                system_address,
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager.PrepareForSleep",
                True,
            )
    finally:
        system.terminate()
        system.wait(timeout=10)


def test_no_bus_is_no_error(qtbot: QtBot) -> None:
    watcher = SystemLockWatcher(
        session_address="unix:path=/nonexistent/bus", system_address="unix:path=/nonexistent/bus"
    )
    assert watcher.listening == []


def test_idle_timer_counts_only_without_input(qtbot: QtBot, qapp: QApplication) -> None:
    from PySide6.QtWidgets import QLineEdit

    watcher = IdleWatcher(qapp, minutes=5)
    assert not watcher.armed  # nothing unlocked yet
    watcher.arm(True)
    assert watcher.armed
    watcher._timer.setInterval(10_000)  # the same timer, in milliseconds
    watcher.arm(True)
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    # Time passes with no input: the countdown runs down...
    qtbot.waitUntil(lambda: watcher._timer.remainingTime() < 9_800, timeout=5000)
    # ...and a key press starts it again from the top (sent to the window, where the
    # platform's input arrives).
    field.activateWindow()
    field.setFocus()
    qtbot.keyClick(field.windowHandle(), Qt.Key.Key_A)
    assert field.text() == "a"
    assert watcher._timer.remainingTime() > 9_800
    qtbot.waitUntil(lambda: watcher._timer.remainingTime() < 9_800, timeout=5000)
    # Text from an input method goes to the widget itself; its cursor moves.
    from PySide6.QtGui import QInputMethodEvent

    QApplication.sendEvent(
        field,
        QInputMethodEvent(
            "", [QInputMethodEvent.Attribute(QInputMethodEvent.AttributeType.Cursor, 0, 1, 0)]
        ),
    )
    commit = QInputMethodEvent()
    commit.setCommitString("ب")
    QApplication.sendEvent(field, commit)
    assert field.text() == "aب"
    assert watcher._timer.remainingTime() > 9_800
    # A window opened after the countdown started (a dialog) is watched once focused.
    later = QLineEdit()
    qtbot.addWidget(later)
    later.show()
    later.activateWindow()
    later.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is later.windowHandle(), timeout=5000)
    qtbot.waitUntil(lambda: watcher._timer.remainingTime() < 9_800, timeout=5000)
    qtbot.keyClick(later.windowHandle(), Qt.Key.Key_B)
    assert later.text() == "b"
    assert watcher._timer.remainingTime() > 9_800
    qtbot.waitUntil(lambda: watcher._timer.remainingTime() < 9_800, timeout=5000)
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(5, 5),
        QPointF(field.mapToGlobal(QPoint(5, 5))),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # The mouse moved over the window (it reaches the QWindow first, as on screen).
    QApplication.sendEvent(field.windowHandle(), move)
    assert watcher._timer.remainingTime() > 9_800
    watcher._timer.setInterval(200)
    watcher.arm(True)
    with qtbot.waitSignal(watcher.idle, timeout=5000):
        pass
    watcher.set_minutes(0)  # off
    watcher.arm(True)
    assert not watcher.armed
    QApplication.sendEvent(field.windowHandle(), move)
    assert not watcher.armed


def test_the_keychain_probe_starts_nothing(private_bus: str) -> None:
    """ "Remember on this device" is offered only if a keychain already answers: the
    probe must not D-Bus-activate a keyring daemon (which may open its own window)."""
    env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=private_bus)
    probe = subprocess.run(
        [sys.executable, "-c", "from safetykit.vault.keychain import probe; print(probe())"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=REPO,
    )
    assert probe.stdout.strip() == "False", probe.stderr
    owner = subprocess.run(
        [
            require_tool("dbus-send"),
            f"--bus={private_bus}",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            "string:org.freedesktop.secrets",
        ],
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    )
    assert "boolean false" in owner.stdout
