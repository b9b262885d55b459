"""Settings: kept in the vault and applied at once; passphrase change; export and
import of answers; wipe all data back to the first run."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from safetykit.app.dialogs.passphrase_dialog import PassphraseDialog
from safetykit.app.dialogs.wipe_dialog import WipeDialog
from safetykit.app.language import LanguageController
from safetykit.vault import Vault, WrongPassphrase, vault_exists
from safetykit.views import preferences
from tests.app.journey import PASS, arrived, click, first_run, window

NEW = "otter lantern cobalt meadow"


def _to_settings(qtbot: QtBot, language: LanguageController, folder: Path):
    win = window(qtbot, language, folder)
    first_run(qtbot, win)
    assert win.private is not None
    click(qtbot, win.private.header.buttons["settings"])
    page = win.private.settings
    assert win.private.pages.currentWidget() is page
    return win, page


def _choose(win: object, path: Path, name: str) -> None:
    shown = [d for d in win.findChildren(QFileDialog, name) if d.isVisible()]  # type: ignore[attr-defined]
    assert len(shown) == 1
    dialog = shown[0]
    dialog.selectFile(str(path))
    dialog.accept()


def test_preferences_are_kept_in_the_vault_and_applied(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win, page = _to_settings(qtbot, language, tmp_path)
    assert page.auto_lock.currentData() == 5
    assert "also locks when the system locks" in page.auto_lock_warning.text()
    page.auto_lock.setCurrentIndex(page.auto_lock.findData(0))
    assert "anyone who finds this computer unlocked" in page.auto_lock_warning.text()
    assert win.idle.minutes == 0 and not win.idle.armed
    page.auto_lock.setCurrentIndex(page.auto_lock.findData(10))
    assert win.idle.minutes == 10 and win.idle.armed
    page.shortcut.setKeySequence(QKeySequence("Ctrl+Alt+E"))
    page.shortcut.editingFinished.emit()
    assert win.quick_exit_action.shortcut().toString() == "Ctrl+Alt+E"
    page.neutral.setChecked(True)
    assert win.windowTitle() == "Notes"
    page.paper.setCurrentIndex(page.paper.findData("letter"))
    assert win.private is not None
    assert win.private.plan.paper.currentData() == "letter"
    win.lock()
    assert win.windowTitle() == "Notes"  # stays neutral for the rest of the run
    vault = Vault.open(tmp_path, PASS)
    stored = preferences.read(vault.data["settings"])
    vault.lock()
    assert stored == preferences.Preferences(
        auto_lock_minutes=10,
        quick_exit_shortcut="Ctrl+Alt+E",
        paper="letter",
        neutral_title=True,
    )
    # And they come back at the next unlock.
    win2 = window(qtbot, language, tmp_path)
    win2.unlock_page.passphrase.edit.setText(PASS)
    click(qtbot, win2.unlock_page.unlock_button)
    arrived(qtbot, win2)
    assert win2.idle.minutes == 10
    assert win2.quick_exit_action.shortcut().toString() == "Ctrl+Alt+E"
    win2.lock()


def test_language_switches_at_once(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win, page = _to_settings(qtbot, language, tmp_path)
    index = page.language.findData("fr")
    with qtbot.waitSignal(language.changed):
        page.language.setCurrentIndex(index)
        page.language.activated.emit(index)
    assert language.language == "fr"
    assert win.file_menu.title() != "&File"
    win.lock()


def test_change_passphrase(qtbot: QtBot, language: LanguageController, tmp_path: Path) -> None:
    win, page = _to_settings(qtbot, language, tmp_path)
    click(qtbot, page.passphrase_button)
    dialog = win.findChild(PassphraseDialog, "passphraseDialog")
    assert dialog is not None and dialog.isVisible()
    assert "backup copy of the vault you saved earlier" in dialog.intro.text()
    assert not dialog.change_button.isEnabled()
    dialog.current.edit.setText("not it at all")
    dialog.new.edit.setText(NEW)
    dialog.confirm.edit.setText(NEW)
    dialog.new.estimate_now()
    assert dialog.change_button.isEnabled()
    click(qtbot, dialog.change_button)
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=20_000)
    assert "not the current passphrase" in dialog.banner.text
    dialog.current.edit.setText(PASS)
    with qtbot.waitSignal(dialog.changed, timeout=20_000):
        click(qtbot, dialog.change_button)
    assert "old one no longer opens" in page.banner.text
    win.lock()
    try:
        Vault.open(tmp_path, PASS).lock()
        raise AssertionError("the old passphrase still opens the vault")
    except WrongPassphrase:
        pass
    Vault.open(tmp_path, NEW).lock()


def test_export_and_import_answers(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win, page = _to_settings(qtbot, language, tmp_path / "data")
    assert win.private is not None
    workspace = win.session.require()
    from safetykit.assessment.records import Answer, Status

    entry = workspace.applicable()[0]
    workspace.set_answer(entry.qualified_id, Answer(Status.DONE, note="secret note"))
    out = tmp_path / "out"
    out.mkdir()
    assert "not encrypted" in page.files_note.text()
    click(qtbot, page.export_button)  # without notes (the default)
    _choose(win, out / "answers.json", "saveFileDialog")
    assert (out / "answers.json").exists()
    assert "not encrypted" in page.banner.text
    document = json.loads((out / "answers.json").read_text(encoding="utf-8"))
    answer = document["assessments"][0]["answers"][entry.qualified_id]
    assert answer["status"] == "done" and answer["note"] == ""
    # Importing the same assessment again is refused plainly, unless replacing.
    click(qtbot, page.import_button)
    _choose(win, out / "answers.json", "openFileDialog")
    assert page.banner.text.startswith("Nothing was imported:")
    page.import_replace.setChecked(True)
    click(qtbot, page.import_button)
    _choose(win, out / "answers.json", "openFileDialog")
    assert "Imported 1 assessment: 0 new, 1 replaced." in page.banner.text
    current = workspace.current()
    assert current is not None and current.answers[entry.qualified_id].note == ""
    bad = out / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    click(qtbot, page.import_button)
    _choose(win, bad, "openFileDialog")
    assert page.banner.text.startswith("Nothing was imported:")
    win.lock()


def test_wipe_all_data_from_settings(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win, page = _to_settings(qtbot, language, tmp_path)
    click(qtbot, page.wipe_button)
    dialog = win.findChild(WipeDialog, "wipeDialog")
    assert dialog is not None and dialog.windowTitle() == "Wipe all data?"
    assert "cannot be undone" in dialog.consequence.text()
    assert "some disks keep old blocks" in dialog.limits.text()
    qtbot.keyClicks(dialog.word, "WIPE")
    click(qtbot, dialog.wipe_button)
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.onboarding_page)
    assert not vault_exists(tmp_path)
    assert win.private is None


def test_core_errors_reach_the_user_in_their_language(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    """A refusal from the core (an import clash) is worded by the messages table in the
    interface language, without the command line's hints."""
    from safetykit import i18n
    from safetykit.app.errors import user_message
    from safetykit.vault.export import ExportInvalid

    win, page = _to_settings(qtbot, language, tmp_path / "data")
    out = tmp_path / "out"
    out.mkdir()
    click(qtbot, page.export_button)
    _choose(win, out / "answers.json", "saveFileDialog")
    with qtbot.waitSignal(language.changed):
        language.set_language("es")
    click(qtbot, page.import_button)
    _choose(win, out / "answers.json", "openFileDialog")
    error = ExportInvalid("export.clashes", count=1, example="x")
    spanish = user_message(error)
    assert spanish != str(error)
    assert "--replace" not in spanish
    prefix = i18n.translations("es").gettext("Nothing was imported: {reason}").split("{")[0]
    assert page.banner.text.startswith(prefix)
    assert "--replace" not in page.banner.text
    win.lock()
