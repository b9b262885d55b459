"""The history screen: the list, an old assessment read-only, two compared, one deleted
after a confirmation that says what deletion does not do on disk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from safetykit.app.language import LanguageController
from tests.app.journey import click, first_run, window


def test_history_open_compare_delete(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = window(qtbot, language, tmp_path)
    first_run(qtbot, win)
    area = win.private
    assert area is not None
    click(qtbot, area.dashboard.continue_button)
    area.checklist.setFocus()
    for _ in range(4):
        qtbot.keyClick(area.checklist, "1")
    click(qtbot, area.header.buttons["dashboard"])
    click(qtbot, area.dashboard.new_button)
    box = win.findChild(QMessageBox, "newAssessmentDialog")
    assert box is not None
    click(qtbot, box.findChild(QPushButton, "newAssessmentStart"))
    click(qtbot, area.dashboard.continue_button)
    area.checklist.setFocus()
    for _ in range(4):
        qtbot.keyClick(area.checklist, "1")
    click(qtbot, area.header.buttons["history"])
    page = area.history
    assert area.pages.currentWidget() is page
    assert page.table.rowCount() == 2
    first_cell = page.table.item(0, 0)
    assert first_cell is not None and "(current)" in first_cell.text()
    assert page.open_button.isEnabled() and not page.compare_button.isEnabled()
    # The older one, read only.
    page.table.selectRow(1)
    click(qtbot, page.open_button)
    assert "read only" in page.detail_title.text()
    assert page.detail.rowCount() == len(page.chart.rows) > 0
    # Both, compared.
    model = page.table.selectionModel()
    model.select(
        page.table.model().index(0, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert page.compare_button.isEnabled()
    click(qtbot, page.compare_button)
    assert "overall +" in page.detail_title.text()
    changed = [page.detail.item(r, 1) for r in range(page.detail.rowCount())]
    assert any(cell is not None and "(+" in cell.text() for cell in changed)
    # Delete the older one, after the confirmation.
    page.table.selectRow(1)
    click(qtbot, page.delete_button)
    dialog = win.findChild(QMessageBox, "deleteAssessmentDialog")
    assert dialog is not None
    assert "cannot be undone" in dialog.text()
    assert "backup copy still holds it" in dialog.informativeText()
    click(qtbot, dialog.findChild(QPushButton, "deleteAssessmentConfirm"))
    assert page.table.rowCount() == 1
    assert len(win.session.require().assessments()) == 1
    win.lock()
