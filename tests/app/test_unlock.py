"""Unlock: passphrase, every vault failure with its own message, the backup offer,
forgot passphrase (wipe behind a typed word), and the writer lock while unlocked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from safetykit.app.dialogs.wipe_dialog import WipeDialog
from safetykit.app.language import LanguageController
from safetykit.oslock import OsLock
from safetykit.vault import Vault, storage, vault_exists
from tests.app.journey import PASS, arrived, click, unlock, window
from tests.helpers import make_vault, run_cli


def _vault_with_two_saves(folder: Path) -> None:
    vault = make_vault(folder, PASS)
    with vault.changing() as body:
        body["settings"]["mark"] = "first"
    vault.save()
    with vault.changing() as body:
        body["settings"]["mark"] = "second"
    vault.save()
    vault.lock()


def _try(qtbot: QtBot, win: object, passphrase: str) -> None:
    page = win.unlock_page  # type: ignore[attr-defined]
    page.passphrase.edit.setText(passphrase)
    click(qtbot, page.unlock_button)
    qtbot.waitUntil(lambda: not page._busy and page.banner.isVisible(), timeout=20_000)


def test_wrong_passphrase_is_said_plainly_and_the_field_cleared(
    qtbot: QtBot, language: LanguageController, data_dir: Path
) -> None:
    make_vault(data_dir, PASS).lock()
    win = window(qtbot, language, data_dir)
    page = win.unlock_page
    assert win.pages.currentWidget() is page
    assert not page.keychain_button.isVisible()  # not remembered: no keychain button
    _try(qtbot, win, "not the passphrase")
    assert page.banner.text.startswith("That passphrase does not open this vault")
    assert page.passphrase.text() == ""
    assert page.passphrase.edit.hasFocus()
    unlock(qtbot, win)
    assert win.private is not None
    assert not page.banner.isVisible()


def test_an_empty_passphrase_is_not_tried(
    qtbot: QtBot, language: LanguageController, data_dir: Path
) -> None:
    make_vault(data_dir, PASS).lock()
    win = window(qtbot, language, data_dir)
    click(qtbot, win.unlock_page.unlock_button)
    assert win.unlock_page.banner.text == "Type your passphrase first."


def test_the_app_holds_the_writer_lock_while_unlocked(
    qtbot: QtBot, language: LanguageController, data_dir: Path
) -> None:
    make_vault(data_dir, PASS).lock()
    win = window(qtbot, language, data_dir)
    unlock(qtbot, win)
    done = run_cli("vault", "passwd", "--data-dir", data_dir, input=f"{PASS}\nnew one two three\n")
    assert done.returncode == 1 and "in use" in done.stderr
    win.lock()
    probe = OsLock(storage.lock_path(data_dir))
    probe.acquire()  # released at lock
    probe.release()


def test_in_use_by_another_process(
    qtbot: QtBot, language: LanguageController, data_dir: Path
) -> None:
    make_vault(data_dir, PASS).lock()
    other = OsLock(storage.lock_path(data_dir))
    other.acquire()  # stands for a command that is saving right now
    try:
        win = window(qtbot, language, data_dir)
        _try(qtbot, win, PASS)
        assert "in use by another SafetyKit" in win.unlock_page.banner.text
        assert win.private is None
    finally:
        other.release()


def test_damaged_vault_with_a_backup_that_opens_is_offered(
    qtbot: QtBot, language: LanguageController, data_dir: Path
) -> None:
    _vault_with_two_saves(data_dir)
    main = storage.vault_path(data_dir)
    blob = bytearray(main.read_bytes())
    blob[-5] ^= 0xFF  # the body fails authentication
    main.write_bytes(bytes(blob))
    win = window(qtbot, language, data_dir)
    page = win.unlock_page
    _try(qtbot, win, PASS)
    assert "its backup copy opens" in page.banner.text
    assert page.backup_button.isVisible()
    click(qtbot, page.backup_button)
    arrived(qtbot, win)
    workspace = win.session.require()
    assert workspace.vault.data["settings"]["mark"] == "first"  # the backup's content
    win.lock()


def test_damaged_without_backup_not_a_vault_and_too_new(
    qtbot: QtBot, language: LanguageController, data_dir: Path
) -> None:
    make_vault(data_dir, PASS).lock()
    main = storage.vault_path(data_dir)
    good = main.read_bytes()
    win = window(qtbot, language, data_dir)
    page = win.unlock_page
    blob = bytearray(good)
    blob[-5] ^= 0xFF
    main.write_bytes(bytes(blob))
    _try(qtbot, win, PASS)
    assert page.banner.text.startswith("The vault file is damaged and cannot be opened")
    assert not page.backup_button.isVisible()
    assert main.read_bytes() == bytes(blob)  # never overwritten
    main.write_bytes(b"this is some other file, not a vault at all" * 4)
    _try(qtbot, win, PASS)
    assert "not a SafetyKit vault" in page.banner.text
    newer = bytearray(good)
    newer[8] = 0x7F  # the format version, right after the magic
    main.write_bytes(bytes(newer))
    _try(qtbot, win, PASS)
    assert "newer version of SafetyKit" in page.banner.text


def test_forgot_passphrase_wipes_only_after_the_typed_word(
    qtbot: QtBot, language: LanguageController, data_dir: Path
) -> None:
    make_vault(data_dir, PASS).lock()
    win = window(qtbot, language, data_dir)
    click(qtbot, win.unlock_page.forgot_button)
    dialog = win.findChild(WipeDialog, "wipeDialog")
    assert dialog is not None and dialog.isVisible()
    assert "cannot be undone" in dialog.consequence.text()
    assert not dialog.wipe_button.isEnabled()
    qtbot.keyClicks(dialog.word, "wipe")  # not the word
    assert not dialog.wipe_button.isEnabled()
    qtbot.keyClick(dialog.word, Qt.Key.Key_Return)
    assert vault_exists(data_dir)
    dialog.word.clear()
    qtbot.keyClicks(dialog.word, "WIPE")
    assert dialog.wipe_button.isEnabled()
    click(qtbot, dialog.wipe_button)
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.onboarding_page)
    assert not vault_exists(data_dir)


def test_what_the_vault_noticed_is_said_after_unlock(
    qtbot: QtBot, language: LanguageController, data_dir: Path
) -> None:
    """An older copy of the vault than this installation last saw is reported, not
    silently accepted (the rollback record of the hardening work)."""
    import shutil

    vault = make_vault(data_dir, PASS)
    vault.save()
    old = data_dir / "old-copy.skv"
    shutil.copy(storage.vault_path(data_dir), old)
    vault.save()
    vault.save()
    vault.lock()
    Vault.open(data_dir, PASS).lock()  # this installation has seen the newer generation
    shutil.copy(old, storage.vault_path(data_dir))
    win = window(qtbot, language, data_dir)
    unlock(qtbot, win)
    assert win.private is not None
    assert win.private.save_banner.isVisible()
    assert win.private.save_banner.text
    assert win.session.require().vault.warnings == []  # said once
    win.lock()


def test_a_screen_chosen_while_unlocking_leaves_no_stale_dashboard(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    """The dashboard prepared at unlock is for that moment: a person who goes to the
    checklist before it is shown and answers there finds the answer on the dashboard."""
    from safetykit.assessment.records import Status

    make_vault(tmp_path, PASS).lock()
    win = window(qtbot, language, tmp_path)
    page = win.unlock_page
    page.passphrase.edit.setText(PASS)
    click(qtbot, page.unlock_button)
    # At once, before the turns that build and show the dashboard (a Go shortcut).
    qtbot.waitUntil(lambda: win.private is not None, timeout=20_000)
    win.navigate("checklist")
    assert win.private is not None
    win.private.checklist.answer(Status.DONE)
    # The unlock's next turn has built the dashboard page (its content comes after).
    qtbot.waitUntil(lambda: win.private is not None and win.private.built("dashboard") is not None)
    win.navigate("dashboard")
    view = win.private.dashboard.view
    assert view is not None and view.answered == 1
    win.lock()
