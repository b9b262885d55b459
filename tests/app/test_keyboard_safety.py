"""The safety controls with the keyboard alone (issue 11, point 8): trust a trainer's
key and import their pack through the trust dialog, import an unverified pack through
the warned path, and change the passphrase. Every step is a key event sent to the
focused widget (or a shortcut); the test reads the screen to know what to press next.
(Quick exit in a real process, by its shortcut, is in test_accessibility's walk and
test_safety.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from safetykit.app.dialogs.trust_dialog import TrustDialog
from safetykit.app.language import LanguageController
from safetykit.app.main_window import MainWindow
from safetykit.packs import store
from safetykit.vault import Vault, WrongPassphrase
from tests.app.journey import PASS, first_run, window
from tests.app.keyboard import focus_name, press, tab_to, type_text
from tests.packs.factory import fixed_key, signed_archive

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NEW = "plum signal gravel orchid"


def _start(
    qtbot: QtBot, language: LanguageController, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    monkeypatch.setenv("HOME", str(folder.parent))  # the file dialogs open here
    win = window(qtbot, language, folder)
    first_run(qtbot, win)  # the journey's own keyboard test covers the first run
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win


def _modal(qtbot: QtBot, name: str) -> QWidget:
    qtbot.waitUntil(
        lambda: (w := QApplication.activeModalWidget()) is not None and w.objectName() == name,
        timeout=10_000,
    )
    widget = QApplication.activeModalWidget()
    assert widget is not None
    # With no window manager (offscreen), a window that opens after another closed is
    # not activated by anyone: do what the window manager would.
    if QApplication.activeWindow() is not widget:
        widget.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def _type_path(qtbot: QtBot, win: MainWindow, path: Path) -> None:
    """In Qt's file dialog the file name box has the focus: type the path, Enter."""
    dialog = _modal(qtbot, "openFileDialog")
    qtbot.waitUntil(lambda: focus_name(dialog) == "fileNameEdit")
    type_text(qtbot, dialog, str(path))
    press(qtbot, dialog, Qt.Key.Key_Return)


def _gone(qtbot: QtBot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=10_000)
    if QApplication.activeWindow() is None:
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win)


def test_trust_a_key_and_import_a_pack_with_keys_only(
    qtbot: QtBot,
    language: LanguageController,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "data"
    win = _start(qtbot, language, folder, monkeypatch)
    pub = tmp_path / "trainer.pub"
    pub.write_text(fixed_key().public.to_file())
    pack = tmp_path / "workshop.skpack"
    pack.write_bytes(signed_archive())

    # Trusted keys (Ctrl+7) → Add a key (Alt+A) → the file → compare → Trust (Alt+T).
    press(qtbot, win, Qt.Key.Key_7, CTRL)
    qtbot.waitUntil(lambda: win.findChild(QWidget, "keysPage").isVisible())  # type: ignore[union-attr]
    press(qtbot, win, Qt.Key.Key_A, ALT)
    _type_path(qtbot, win, pub)
    box = _modal(qtbot, "addKeyDialog")
    assert fixed_key().public.fingerprint in box.text()  # type: ignore[attr-defined]
    assert box.defaultButton().objectName() == "addKeyCancel"  # type: ignore[attr-defined]
    press(qtbot, box, Qt.Key.Key_T, ALT)  # "&Trust this key"
    _gone(qtbot, win)

    # Packs (Ctrl+6) → Import (Alt+I) → the file → the trust dialog: Enter imports.
    press(qtbot, win, Qt.Key.Key_6, CTRL)
    assert win.private is not None
    qtbot.waitUntil(win.private.packs.isVisible)
    press(qtbot, win, Qt.Key.Key_I, ALT)
    _type_path(qtbot, win, pack)
    dialog = _modal(qtbot, "trustDialog")
    assert isinstance(dialog, TrustDialog)
    assert fixed_key().public.fingerprint in dialog.key_label.text()
    press(qtbot, dialog, Qt.Key.Key_Return)
    _gone(qtbot, win)
    qtbot.waitUntil(lambda: "Imported Test pack" in win.private.packs.banner.text)  # type: ignore[union-attr]
    win.session.save_now()
    press(qtbot, win, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: win.private is None)
    vault = Vault.open(folder, PASS)
    try:
        record = store.section(vault.data)["imported"]["org.example.test"]
        assert record["verified"] is True
    finally:
        vault.lock()


def test_import_an_unverified_pack_through_the_warned_path_with_keys_only(
    qtbot: QtBot,
    language: LanguageController,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "data"
    win = _start(qtbot, language, folder, monkeypatch)
    pack = tmp_path / "stranger.skpack"
    pack.write_bytes(signed_archive())
    press(qtbot, win, Qt.Key.Key_6, CTRL)
    press(qtbot, win, Qt.Key.Key_I, ALT)
    _type_path(qtbot, win, pack)
    dialog = _modal(qtbot, "trustDialog")
    assert isinstance(dialog, TrustDialog)
    press(qtbot, dialog, Qt.Key.Key_Return)  # Enter on an unknown signer imports nothing
    _gone(qtbot, win)
    assert win.private is not None
    assert not win.private.packs.row_for("org.example.test")
    press(qtbot, win, Qt.Key.Key_I, ALT)
    _type_path(qtbot, win, pack)
    dialog = _modal(qtbot, "trustDialog")
    assert isinstance(dialog, TrustDialog)
    tab_to(qtbot, dialog, "trustUnverified")
    press(qtbot, dialog, Qt.Key.Key_Space)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10_000)
    press(qtbot, dialog, Qt.Key.Key_I, ALT)
    _gone(qtbot, win)
    row = win.private.packs.row_for("org.example.test")
    assert row is not None and "UNVERIFIED" in row.origin.text()
    win.lock()


def test_change_the_passphrase_with_keys_only(
    qtbot: QtBot,
    language: LanguageController,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "data"
    win = _start(qtbot, language, folder, monkeypatch)
    press(qtbot, win, Qt.Key.Key_Comma, CTRL)
    assert win.private is not None
    qtbot.waitUntil(win.private.settings.isVisible)
    press(qtbot, win, Qt.Key.Key_C, ALT)  # "&Change passphrase…"
    dialog = _modal(qtbot, "passphraseDialog")
    assert focus_name(dialog) == "passphraseCurrentEdit"
    type_text(qtbot, dialog, PASS)
    tab_to(qtbot, dialog, "passphraseNewEdit")
    type_text(qtbot, dialog, NEW)
    tab_to(qtbot, dialog, "passphraseConfirmEdit")
    type_text(qtbot, dialog, NEW)
    qtbot.waitUntil(lambda: dialog.change_button.isEnabled(), timeout=5_000)  # type: ignore[attr-defined]
    press(qtbot, dialog, Qt.Key.Key_Return)
    _gone(qtbot, win)
    qtbot.waitUntil(lambda: "passphrase was changed" in win.private.settings.banner.text)  # type: ignore[union-attr]
    press(qtbot, win, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: win.private is None)
    with pytest.raises(WrongPassphrase):
        Vault.open(folder, PASS)
    Vault.open(folder, NEW).lock()
