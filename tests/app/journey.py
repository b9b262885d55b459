"""Shared steps for the app tests: build the window, go through the first run, unlock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from safetykit.app.language import LanguageController
from safetykit.app.main_window import MainWindow
from safetykit.vault.kdf import TEST_PARAMS

PASS = "marzipan tractor lullaby"


def window(qtbot: QtBot, language: LanguageController, folder: Path) -> MainWindow:
    win = MainWindow(language, folder, kdf_params=TEST_PARAMS)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def first_run(qtbot: QtBot, win: MainWindow, passphrase: str = PASS) -> None:
    """Language → promise → passphrase → (no pack) → profile (skipped) → dashboard."""
    page = win.onboarding_page
    click(qtbot, page.next_button)
    click(qtbot, page.next_button)
    page.new_passphrase.edit.setText(passphrase)
    page.confirm_passphrase.edit.setText(passphrase)
    page.new_passphrase.estimate_now()
    page.no_recovery.setChecked(True)
    qtbot.waitUntil(page.next_button.isEnabled)
    click(qtbot, page.next_button)
    click(qtbot, page.next_button)
    click(qtbot, page.next_button)  # Create vault
    arrived(qtbot, win)


def unlock(qtbot: QtBot, win: MainWindow, passphrase: str = PASS) -> None:
    page = win.unlock_page
    page.passphrase.edit.setText(passphrase)
    click(qtbot, page.unlock_button)
    arrived(qtbot, win)


def arrived(qtbot: QtBot, win: MainWindow) -> None:
    """Unlocked, and the dashboard shown (it is built over a few event-loop turns)."""
    qtbot.waitUntil(
        lambda: win.private is not None and win.pages.currentWidget() is win.private,
        timeout=20_000,
    )
