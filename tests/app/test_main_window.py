"""The main window frame: menus, live language switching, About, Lock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMenu
from pytestqt.qtbot import QtBot

from safetykit import __version__, i18n
from safetykit.app.about_dialog import AboutDialog
from safetykit.app.language import RLM, LanguageController
from safetykit.app.main_window import MainWindow
from safetykit.vault.kdf import TEST_PARAMS


def _window(qtbot: QtBot, language: LanguageController, folder: Path) -> MainWindow:
    window = MainWindow(language, folder, kdf_params=TEST_PARAMS)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_window_has_name_and_menus(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    window = _window(qtbot, language, tmp_path)
    assert window.windowTitle() == "SafetyKit"
    file_menu = window.findChild(QMenu, "fileMenu")
    assert file_menu is not None
    names = [a.objectName() for a in file_menu.actions() if not a.isSeparator()]
    assert names == ["quickExitAction", "lockAction", "quitAction"]
    assert window.findChild(QMenu, "languageMenu") is not None
    help_menu = window.findChild(QMenu, "helpMenu")
    assert help_menu is not None
    assert [a.objectName() for a in help_menu.actions()] == [
        "screenHelpAction",
        "helplinesAction",
        "aboutAction",
    ]
    go_menu = window.findChild(QMenu, "goMenu")
    assert go_menu is not None
    assert not any(a.isEnabled() for a in go_menu.actions())  # nothing private before unlock


def test_language_menu_lists_every_catalog(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    window = _window(qtbot, language, tmp_path)
    listed = sorted(a.data() for a in window.language_group.actions())
    assert listed == i18n.available_languages()
    assert {"en", "es", "fr", "ar", "fa", "ru"} <= set(listed)


def test_language_switches_live_including_rtl(
    qtbot: QtBot, language: LanguageController, qapp: QApplication, tmp_path: Path
) -> None:
    window = _window(qtbot, language, tmp_path)
    assert window.file_menu.title() == "&File"
    with qtbot.waitSignal(language.changed):
        window.language_actions["es"].trigger()
    assert window.file_menu.title() != "&File"
    assert window.file_menu.title() == i18n.translations("es").gettext("&File")
    assert window.language_actions["es"].isChecked()
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight

    with qtbot.waitSignal(language.changed):
        window.language_actions["ar"].trigger()
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    arabic = i18n.translations("ar").gettext("&Lock")
    assert arabic != "&Lock" and window.lock_action.text() == RLM + arabic
    # Every string of a right-to-left language reads right to left, even one that
    # starts with a Latin name.
    assert window.onboarding_page.language_title.text().startswith(RLM)

    with qtbot.waitSignal(language.changed):
        window.language_actions["en"].trigger()
    assert window.file_menu.title() == "&File"
    assert window.onboarding_page.language_title.text() == "Welcome to SafetyKit"
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_about_dialog_says_version_licences_and_offline(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    window = _window(qtbot, language, tmp_path)
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog, "aboutDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert __version__ in text
    assert "GNU General Public License" in text
    assert "Creative Commons Attribution-ShareAlike 4.0" in text
    assert "never uses the network" in text
    dialog.reject()


def test_quit_closes_the_window(qtbot: QtBot, language: LanguageController, tmp_path: Path) -> None:
    window = _window(qtbot, language, tmp_path)
    window.quit_action.trigger()
    qtbot.waitUntil(lambda: not window.isVisible())
