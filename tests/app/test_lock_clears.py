"""After any lock (File › Lock, auto-lock, the system's screen lock), nothing the user
entered is left anywhere in the app: every widget's strings, tooltips, accessible
names and descriptions, text documents and their undo stacks, every model role,
window titles, the clipboard and the selection."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QEvent, QModelIndex
from PySide6.QtGui import QClipboard, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from safetykit.app.language import LanguageController
from safetykit.app.main_window import MainWindow
from safetykit.assessment.records import Status
from tests.app.journey import click, first_run, window

# Every role that can carry text (Qt.ItemDataRole), and the first user roles.
TEXT_ROLES = (0, 2, 3, 4, 5, 11, 12, 256, 257)


def _model_strings(model: QAbstractItemModel, parent: QModelIndex) -> Iterator[str]:
    try:
        columns = max(model.columnCount(parent), 1)
    except TypeError:  # a list model keeps columnCount private: it has one column
        columns = 1
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in TEXT_ROLES:
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value
            yield from _model_strings(model, index)


def _document_strings(document: QTextDocument) -> Iterator[str]:
    yield document.toPlainText()
    yield document.toHtml()
    # The undo stack holds what was typed before: walk it back and read each state.
    steps = document.availableUndoSteps()
    copy = document.clone()
    for _ in range(steps):
        document.undo()
        yield document.toPlainText()
    for _ in range(steps):
        document.redo()
    del copy


def widget_strings(widget: QWidget) -> Iterator[str]:
    yield from (
        widget.windowTitle(),
        widget.toolTip(),
        widget.statusTip(),
        widget.whatsThis(),
        widget.accessibleName(),
        widget.accessibleDescription(),
    )
    meta = widget.metaObject()
    for n in range(meta.propertyCount()):
        prop = meta.property(n)
        if str(prop.typeName()) not in ("QString", "QStringList", "QVariant"):
            continue  # only text can hold what the user typed
        value = prop.read(widget)
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, str))
    for raw in widget.dynamicPropertyNames():
        name = bytes(raw.data()).decode()
        if name.startswith(("_q_", "_PySide")):
            continue  # Qt's and PySide's bookkeeping (pointers), never text
        value = widget.property(name)
        if isinstance(value, str):
            yield value
    if isinstance(widget, QLineEdit):
        yield widget.text()
        yield widget.placeholderText()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        yield from _document_strings(widget.document())
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from _model_strings(widget.model(), QModelIndex())


def everything_in_the_app() -> Iterator[tuple[str, str]]:
    for widget in QApplication.allWidgets():
        for text in widget_strings(widget):
            if text:
                yield widget.objectName() or type(widget).__name__, text
    clipboard = QApplication.clipboard()
    yield "clipboard", clipboard.text(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        yield "selection", clipboard.text(QClipboard.Mode.Selection)


def _settle() -> None:
    # Deleted widgets go at the next turn of the event loop.
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        QCoreApplication.processEvents()


def _session_with_markers(qtbot: QtBot, win: MainWindow, marker: str) -> None:
    first_run(qtbot, win)
    assert win.private is not None
    click(qtbot, win.private.dashboard.continue_button)
    page = win.private.checklist
    for n in range(3):
        page.note.setPlainText(f"{marker} note {n}")
        page.note.setPlainText(f"{marker} note {n} edited")  # an undo step with the marker
        page.answer(Status.PARTLY)
    page.note.setFocus()
    page.note.selectAll()
    page.note.copy()  # the user copied a note
    click(qtbot, win.private.header.buttons["plan"])
    win.private.plan.notes.setChecked(True)  # the preview now shows the notes
    assert marker in win.private.plan.preview.toPlainText()
    found = [where for where, text in everything_in_the_app() if marker in text]
    assert found, "the test must see its markers before the lock, or it proves nothing"


def _assert_clean(marker: str) -> None:
    _settle()
    left = [(where, text[:80]) for where, text in everything_in_the_app() if marker in text]
    assert left == []


def test_file_lock_leaves_nothing(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    marker = "mk" + secrets.token_hex(8)
    win = window(qtbot, language, tmp_path)
    _session_with_markers(qtbot, win, marker)
    win.lock_action.trigger()
    _assert_clean(marker)
    assert win.pages.currentWidget() is win.unlock_page


def test_auto_lock_on_idle_leaves_nothing(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    marker = "mk" + secrets.token_hex(8)
    win = window(qtbot, language, tmp_path)
    _session_with_markers(qtbot, win, marker)
    win.idle._timer.setInterval(200)  # 200 ms instead of minutes, same timer
    win.idle.arm(True)
    with qtbot.waitSignal(win.session.locked, timeout=5000):
        pass
    _assert_clean(marker)


def test_system_screen_lock_leaves_nothing(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    marker = "mk" + secrets.token_hex(8)
    win = window(qtbot, language, tmp_path)
    _session_with_markers(qtbot, win, marker)
    with qtbot.waitSignal(win.session.locked, timeout=5000):
        win.system_lock.screen_saver(True)  # what the D-Bus signal calls
    _assert_clean(marker)


def test_quick_exit_hides_locks_and_clears(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    marker = "mk" + secrets.token_hex(8)
    win = window(qtbot, language, tmp_path)
    _session_with_markers(qtbot, win, marker)
    assert win.private is not None
    assert win.private.header.quick_exit_button.isVisible()
    assert win.quick_exit_action.shortcut().toString() == "Ctrl+Shift+Q"
    with qtbot.waitSignal(win.quick_exited, timeout=5000):
        win.quick_exit_action.trigger()
    assert not win.isVisible()
    assert not win.session.is_unlocked
    _assert_clean(marker)


def test_lock_closes_every_dialog(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QDialog

    win = window(qtbot, language, tmp_path)
    first_run(qtbot, win)
    assert win.private is not None
    click(qtbot, win.private.header.buttons["settings"])
    click(qtbot, win.private.settings.passphrase_button)
    click(qtbot, win.private.settings.export_button)  # a file chooser on top
    assert [d for d in win.findChildren(QDialog) if d.isVisible()]
    win.lock()
    _settle()
    assert [d for d in win.findChildren(QDialog) if d.isVisible()] == []
