"""Settings: an encrypted backup copy saved to a chosen file and restored (also after a
passphrase change, with the old passphrase), a copy of another vault refused, and
"erase deleted data for good" giving the vault a new key (issue 11 #2, issue 12 #15)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from safetykit.app.dialogs.erase_dialog import EraseDialog
from safetykit.app.dialogs.restore_dialog import RestoreDialog
from safetykit.app.language import LanguageController
from safetykit.app.main_window import MainWindow
from safetykit.app.worker import wait_for_pool
from safetykit.vault import Vault, storage
from safetykit.vault.kdf import TEST_PARAMS
from tests.app.journey import PASS, click, first_run, window
from tests.helpers import make_vault
from tests.vault.test_carving import opens

NEW = "otter lantern cobalt meadow"


def _choose(win: MainWindow, path: Path, name: str) -> None:
    shown = [d for d in win.findChildren(QFileDialog, name) if d.isVisible()]
    assert len(shown) == 1
    shown[0].selectFile(str(path))
    shown[0].accept()


def _settings(qtbot: QtBot, language: LanguageController, folder: Path) -> MainWindow:
    win = window(qtbot, language, folder)
    first_run(qtbot, win)
    assert win.private is not None
    win.navigate("settings")
    return win


def _set_marker(win: MainWindow, text: str) -> None:
    workspace = win.session.workspace
    assert workspace is not None
    with workspace.vault.changing() as body:
        body.setdefault("settings", {})["marker"] = text
    win.session.changed()
    win.session.save_now()


def _restore_dialog(qtbot: QtBot, win: MainWindow, copy: Path) -> RestoreDialog:
    assert win.private is not None
    click(qtbot, win.private.settings.restore_copy_button)
    _choose(win, copy, "openFileDialog")
    dialogs = [d for d in win.findChildren(RestoreDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_a_backup_copy_is_saved_and_restored_after_a_passphrase_change(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    win = _settings(qtbot, language, folder)
    _set_marker(win, "in the copy")
    assert win.private is not None
    page = win.private.settings
    copy = tmp_path / "usb" / "backup.skv"
    copy.parent.mkdir()
    click(qtbot, page.save_copy_button)
    _choose(win, copy, "saveFileDialog")
    qtbot.waitUntil(lambda: "Saved an encrypted backup copy" in page.banner.text, timeout=10_000)
    assert copy.is_file() and copy.stat().st_mode & 0o777 == 0o600
    assert b"in the copy" not in copy.read_bytes()  # encrypted
    _set_marker(win, "after the copy")
    workspace = win.session.workspace
    assert workspace is not None
    workspace.vault.change_passphrase(NEW, kdf_params=TEST_PARAMS)

    dialog = _restore_dialog(qtbot, win, copy)
    dialog.passphrase.edit.setText(NEW)  # the vault's passphrase now: not the copy's
    click(qtbot, dialog.open_button)
    qtbot.waitUntil(lambda: "does not open this copy" in dialog.banner.text, timeout=10_000)
    assert dialog.opened is None
    dialog.passphrase.edit.setText(PASS)
    click(qtbot, dialog.open_button)
    qtbot.waitUntil(lambda: dialog.restore_button.isVisible(), timeout=10_000)
    assert "older than your vault now" in dialog.summary.text()
    assert dialog.cancel_button.isDefault()  # Enter does not replace anything
    click(qtbot, dialog.restore_button)
    assert "was restored" in page.banner.text
    workspace = win.session.workspace
    assert workspace is not None
    assert workspace.vault.data["settings"]["marker"] == "in the copy"
    win.session.save_now()
    win.lock()
    vault = Vault.open(folder, NEW)  # restored, and still under the current passphrase
    assert vault.data["settings"]["marker"] == "in the copy"
    vault.lock()


def test_a_copy_of_another_vault_is_refused_and_nothing_changes(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    from safetykit.vault import copies

    other = make_vault(tmp_path / "other", PASS)
    copy = tmp_path / "other.skv"
    copies.save_copy(other, copy)
    other.lock()
    win = _settings(qtbot, language, tmp_path / "data")
    _set_marker(win, "mine")
    dialog = _restore_dialog(qtbot, win, copy)
    dialog.passphrase.edit.setText(PASS)
    click(qtbot, dialog.open_button)
    qtbot.waitUntil(lambda: "copy of another vault" in dialog.banner.text, timeout=10_000)
    assert not dialog.restore_button.isVisible()
    workspace = win.session.workspace
    assert workspace is not None
    assert workspace.vault.data["settings"]["marker"] == "mine"
    dialog.reject()
    win.lock()


def test_erase_for_good_gives_the_vault_a_new_key(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    win = _settings(qtbot, language, folder)
    _set_marker(win, "to be deleted")
    held = tmp_path / "held"
    os.link(storage.vault_path(folder), held)  # as old blocks of the disk would keep it
    workspace = win.session.workspace
    assert workspace is not None and win.private is not None
    with workspace.vault.changing() as body:
        del body["settings"]["marker"]
    win.session.changed()
    click(qtbot, win.private.settings.erase_button)
    dialog = next(d for d in win.findChildren(EraseDialog) if d.isVisible())
    assert not dialog.passphrase.isVisible()  # unlocked with the passphrase: not asked again
    assert "backup copies you saved before" in dialog.limits.text()
    click(qtbot, dialog.erase_button)
    qtbot.waitUntil(lambda: "has a new key" in win.private.settings.banner.text, timeout=15_000)  # type: ignore[union-attr]
    assert wait_for_pool()
    assert opens(storage.vault_path(folder).read_bytes(), PASS)
    assert not opens(held.read_bytes(), PASS)
    win.lock()
