"""The guided checklist screen: keys 1–4 in three digit systems, moving, undo, notes,
due dates, and saves in the background (coalesced, failures shown, nothing lost)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from safetykit.app.language import LanguageController
from safetykit.assessment import history
from safetykit.assessment.records import MAX_NOTE_CHARS, Status
from safetykit.vault import Vault, storage
from tests.app.journey import PASS, click, first_run, window


def _to_checklist(qtbot: QtBot, language: LanguageController, folder: Path):
    win = window(qtbot, language, folder)
    first_run(qtbot, win)
    assert win.private is not None
    click(qtbot, win.private.dashboard.continue_button)
    page = win.private.checklist
    assert win.private.pages.currentWidget() is page
    return win, page


def _stored(folder: Path) -> dict[str, Status]:
    vault = Vault.open(folder, PASS)
    try:
        current = history.current(vault.data)
        assert current is not None
        return {k: a.status for k, a in current.answers.items()}
    finally:
        vault.lock()


def test_keys_answer_in_latin_arabic_and_persian_digits(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win, page = _to_checklist(qtbot, language, tmp_path)
    seen = []
    for text, status in (
        ("1", Status.DONE),
        ("\u0662", Status.PARTLY),
        ("\u06f3", Status.TODO),
        ("\u0664", Status.NA),
    ):
        assert page.view is not None
        seen.append((page.view.qualified_id, status))
        page.setFocus()
        # As an Arabic or Persian keyboard layout sends it: the key's text is the digit.
        press = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, text)
        QApplication.sendEvent(page, press)
    workspace = win.session.require()
    current = workspace.current()
    assert current is not None
    assert [(k, current.answers[k].status) for k, _ in seen] == seen
    assert page.answer_buttons[Status.DONE].text() == "1  Done"
    win.lock()


def test_digits_typed_in_the_note_stay_in_the_note(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win, page = _to_checklist(qtbot, language, tmp_path)
    assert page.view is not None
    here = page.view.qualified_id
    page.note.setFocus()
    qtbot.keyClicks(page.note, "call at 12")
    assert page.view.qualified_id == here
    assert page.note.toPlainText() == "call at 12"
    qtbot.waitUntil(lambda: not page._note_timer.isActive())
    current = win.session.require().current()
    assert current is not None and current.answers[here].note == "call at 12"
    win.lock()


def test_moving_undo_and_open_only(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win, page = _to_checklist(qtbot, language, tmp_path)
    assert page.view is not None
    first = page.view.qualified_id
    assert page.view.position == 1
    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_PageDown)
    assert page.view.qualified_id != first
    qtbot.keyClick(page, Qt.Key.Key_PageUp)
    assert page.view.qualified_id == first
    qtbot.keyClick(page, "1")
    assert page.view.qualified_id != first
    assert page.undo_button.isEnabled()
    qtbot.keyClick(page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.view.qualified_id == first and not page.view.answered
    qtbot.keyClick(page, "1")  # done again
    page.open_only.setChecked(True)
    click(qtbot, page.previous_button)
    assert page.view.qualified_id != first  # a done item is not shown among open ones
    page.open_only.setChecked(False)
    win.lock()


def test_note_limit_and_due_date(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win, page = _to_checklist(qtbot, language, tmp_path)
    assert page.view is not None
    here = page.view.qualified_id
    page.note.setPlainText("y" * (MAX_NOTE_CHARS + 10))
    assert len(page.note.toPlainText()) == MAX_NOTE_CHARS
    assert page.note_limit.isVisible()
    page.due_check.setChecked(True)
    workspace = win.session.require()
    current = workspace.current()
    assert current is not None and current.answers[here].due is not None
    page.due_check.setChecked(False)
    current = workspace.current()
    assert current is not None and current.answers[here].due is None
    win.lock()


def test_answers_are_saved_in_the_background_and_coalesced(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win, page = _to_checklist(qtbot, language, tmp_path)
    workspace = win.session.require()
    before = workspace.vault.generation
    answered = []
    page.setFocus()
    with qtbot.waitSignal(win.session.saved, timeout=5000):
        for _ in range(5):
            assert page.view is not None
            answered.append(page.view.qualified_id)
            qtbot.keyClick(page, "1")
    qtbot.waitUntil(lambda: not win.session.has_unsaved_changes)
    assert workspace.vault.generation - before < 5  # rapid answers rode along together
    assert win.private is not None
    header = win.private.header
    assert header.save_state.text() == "Saved"
    stored = _stored_while_open(workspace.vault)
    assert all(stored[k] is Status.DONE for k in answered)
    win.lock()


def _stored_while_open(vault: Vault) -> dict[str, Status]:
    # Read the file as another process would, while this one holds the writer lock.
    other = Vault.open(vault.folder, PASS)
    try:
        current = history.current(other.data)
        assert current is not None
        return {k: a.status for k, a in current.answers.items()}
    finally:
        other.lock()


def test_a_failed_save_is_shown_and_nothing_is_lost(
    qtbot: QtBot, language: LanguageController, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    win, page = _to_checklist(qtbot, language, tmp_path)
    real = storage.write_file

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "_write_all", lambda fd, data: disk_full())
    assert page.view is not None
    here = page.view.qualified_id
    page.setFocus()
    with qtbot.waitSignal(win.session.save_failed, timeout=5000):
        qtbot.keyClick(page, "1")
    assert win.private is not None
    assert win.private.save_banner.isVisible()
    assert "could not be saved" in win.private.save_banner.text
    assert "the disk is full" in win.private.save_banner.text.lower()
    assert win.private.header.save_state.text() == "Not saved yet"
    monkeypatch.undo()
    assert storage.write_file is real
    with qtbot.waitSignal(win.session.saved, timeout=5000):
        click(qtbot, win.private.retry_button)
    assert not win.private.save_banner.isVisible()
    win.lock()
    assert _stored(tmp_path)[here] is Status.DONE


def test_lock_writes_a_pending_answer_first(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win, page = _to_checklist(qtbot, language, tmp_path)
    assert page.view is not None
    here = page.view.qualified_id
    page.setFocus()
    qtbot.keyClick(page, "2")
    assert win.session.has_unsaved_changes
    win.lock()  # before the background save's timer fired
    assert _stored(tmp_path)[here] is Status.PARTLY


def test_the_item_view_shows_sources_credit_and_licence(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    """Credit reaches the reader (issue 14): the item's sources, the pack's credit and
    its licence under every item."""
    _win, page = _to_checklist(qtbot, language, tmp_path)
    for _ in range(5):
        view = page.view
        assert view is not None
        shown = page.sources.text()
        assert view.pack_credit and view.pack_credit in shown
        assert f"licence {view.pack_license}" in shown and view.pack_license == "CC-BY-SA-4.0"
        for source in view.sources:
            assert source in shown
        if view.sources:
            break
        click(qtbot, page.next_button)
    assert view.sources, "no item with sources among the first five"
