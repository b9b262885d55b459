"""Every screen of the screen-reader walk's registry (tests/app/test_accessibility.py,
``SCREENS``), reached in this process with pytest-qt: the same names, in the same
order, from an empty data folder through the first run, every unlocked screen and
dialog, lock, unlock. The layout tests (right to left, pseudo-locale) check each stop;
``test_tour_follows_the_registry`` fails when the registry gains a screen this tour
does not reach, so none is missed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from safetykit.app.main_window import MainWindow
from tests.app.journey import PASS, click


@dataclass(frozen=True)
class Stop:
    name: str  # the registry's screen name
    window: QWidget  # what is on top: the main window or a dialog


def _visible_dialog(name: str) -> QDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.objectName() == name and widget.isVisible():
            return widget
    return None


def _dialog(qtbot: QtBot, name: str) -> QDialog:
    qtbot.waitUntil(lambda: _visible_dialog(name) is not None, timeout=10_000)
    found = _visible_dialog(name)
    assert found is not None
    return found


def _press(qtbot: QtBot, root: QWidget, name: str) -> None:
    button = root.findChild(QAbstractButton, name)
    assert button is not None, name
    qtbot.waitUntil(button.isEnabled, timeout=20_000)
    click(qtbot, button)


def _close(qtbot: QtBot, dialog: QDialog) -> None:
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)


def _choose(qtbot: QtBot, path: Path) -> None:
    dialog = _dialog(qtbot, "openFileDialog")
    assert isinstance(dialog, QFileDialog)
    dialog.selectFile(str(path))
    dialog.accept()


def tour(qtbot: QtBot, win: MainWindow, files: Path) -> Iterator[Stop]:
    """Walk the registry's screens; ``files`` holds ``walk_files``'s pack and copy."""
    page = win.onboarding_page
    yield Stop("first run: language", win)
    click(qtbot, page.next_button)
    yield Stop("first run: what SafetyKit does", win)
    click(qtbot, page.next_button)
    page.new_passphrase.edit.setText(PASS)
    yield Stop("first run: passphrase", win)
    _press(qtbot, win, "onboardingNewPassphraseReveal")
    yield Stop("first run: passphrase shown", win)
    page.confirm_passphrase.edit.setText(PASS)
    page.new_passphrase.estimate_now()
    page.no_recovery.setChecked(True)
    yield Stop("first run: passphrase typed twice", win)
    qtbot.waitUntil(page.next_button.isEnabled)
    click(qtbot, page.next_button)
    yield Stop("first run: trainer's pack", win)
    _press(qtbot, win, "onboardingPackChoose")
    chooser = _dialog(qtbot, "openFileDialog")
    yield Stop("first run: choose a pack file", chooser)
    _close(qtbot, chooser)
    click(qtbot, page.next_button)
    yield Stop("first run: profile questions", win)
    click(qtbot, page.next_button)  # create the vault
    qtbot.waitUntil(lambda: win.private is not None, timeout=30_000)
    win.navigate("dashboard")
    yield Stop("dashboard", win)
    _press(qtbot, win, "dashboardNewAssessment")
    dialog = _dialog(qtbot, "newAssessmentDialog")
    yield Stop("new assessment dialog", dialog)
    _close(qtbot, dialog)
    for key in ("checklist", "plan", "profile", "history", "settings"):
        win.navigate(key)
        yield Stop(key, win)
    for button, name, screen in (
        ("settingsChangePassphrase", "passphraseDialog", "change passphrase"),
        ("settingsWipe", "wipeDialog", "wipe all data"),
        ("settingsErase", "eraseDialog", "erase deleted data for good"),
    ):
        _press(qtbot, win, button)
        dialog = _dialog(qtbot, name)
        yield Stop(screen, dialog)
        _close(qtbot, dialog)
    _press(qtbot, win, "settingsRestoreCopy")
    _choose(qtbot, files / "backup.skv")
    dialog = _dialog(qtbot, "restoreDialog")
    yield Stop("restore from a backup copy", dialog)
    _close(qtbot, dialog)
    win.navigate("packs")
    yield Stop("packs", win)
    _press(qtbot, win, "packsImport")
    _choose(qtbot, files / "workshop.skpack")
    dialog = _dialog(qtbot, "trustDialog")
    yield Stop("import a pack: the trust dialog", dialog)
    _close(qtbot, dialog)
    win.navigate("keys")
    yield Stop("trusted keys", win)
    win.show_screen_help()
    dialog = _dialog(qtbot, "screenHelpDialog")
    yield Stop("help for this screen", dialog)
    _close(qtbot, dialog)
    win.show_helplines()
    dialog = _dialog(qtbot, "helplineDialog")
    yield Stop("helplines", dialog)
    _close(qtbot, dialog)
    win.show_about()
    dialog = _dialog(qtbot, "aboutDialog")
    yield Stop("about", dialog)
    _close(qtbot, dialog)
    win.lock()
    qtbot.waitUntil(lambda: win.private is None, timeout=10_000)
    yield Stop("unlock", win)
    _press(qtbot, win, "unlockForgotButton")
    dialog = _dialog(qtbot, "wipeDialog")
    yield Stop("forgot passphrase (wipe)", dialog)
    _close(qtbot, dialog)
    win.unlock_page.passphrase.edit.setText(PASS)
    _press(qtbot, win, "unlockButton")
    qtbot.waitUntil(lambda: win.private is not None, timeout=30_000)
    win.navigate("dashboard")
    yield Stop("dashboard after unlock", win)
