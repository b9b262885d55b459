"""Key events for end-to-end tests: everything goes to the widget that has the focus.

Nothing here calls a page's methods: a test presses keys the way a person would, and
looks at what is on screen (object names, texts, which widget has the focus) to decide
what to press next.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def focused(fallback: QWidget) -> QWidget:
    """Where a key goes: an open menu, else the widget with the keyboard focus, else
    ``fallback`` (the window)."""
    popup = QApplication.activePopupWidget()
    if popup is not None:
        return popup
    widget = QApplication.focusWidget()
    return widget if widget is not None else fallback


def focus_name(fallback: QWidget) -> str:
    return focused(fallback).objectName()


def press(
    qtbot: QtBot,
    window: QWidget,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = NO_MODIFIER,
) -> None:
    """Press and release ``key`` in the focused widget (shortcuts are honoured)."""
    qtbot.keyClick(focused(window), key, modifier)


def type_text(qtbot: QtBot, window: QWidget, text: str) -> None:
    """Type ``text`` into the focused widget, one key per character.

    QTest's own keyClicks passes each character through Latin-1, so a character
    outside it (an Arabic-Indic digit, a Persian one) is sent as the key event a
    keyboard layout that has it sends: an unknown key code with that text.
    """
    for char in text:
        target = focused(window)
        if ord(char) < 0x80:
            qtbot.keyClicks(target, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, target, Qt.Key.Key_unknown, char, NO_MODIFIER)


def tab_to(qtbot: QtBot, window: QWidget, name: str, *, limit: int = 40) -> None:
    """Press Tab until the widget named ``name`` has the focus (at most ``limit`` times)."""
    seen = []
    for _ in range(limit):
        if focus_name(window) == name:
            return
        seen.append(focus_name(window) or type(focused(window)).__name__)
        press(qtbot, window, Qt.Key.Key_Tab)
    if focus_name(window) != name:
        raise AssertionError(f"Tab never reached {name!r}; the focus went {' → '.join(seen)}")
