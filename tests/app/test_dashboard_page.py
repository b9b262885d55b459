"""The dashboard screen: scores as a chart and as text, the next actions open their
item, a new assessment starts from the previous answers, the profile is editable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPushButton, QRadioButton
from pytestqt.qtbot import QtBot

from safetykit.app.language import LanguageController
from tests.app.journey import click, first_run, window


def test_scores_next_actions_and_new_assessment(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = window(qtbot, language, tmp_path)
    first_run(qtbot, win)
    assert win.private is not None
    dashboard = win.private.dashboard
    view = dashboard.view
    assert view is not None
    assert dashboard.table.rowCount() == len(view.categories) == len(dashboard.chart.rows)
    first_cell = dashboard.table.item(0, 0)
    assert first_cell is not None and first_cell.text() == view.categories[0].title
    assert dashboard.overall.text() == "Overall score: 0%"
    actions = [
        b
        for b in dashboard.findChildren(QPushButton)
        if b.objectName().startswith("dashboardNext_")
    ]
    assert len(actions) == 5
    target = view.next_actions[0]
    click(qtbot, actions[0])
    checklist = win.private.checklist
    assert win.private.pages.currentWidget() is checklist
    assert checklist.view is not None and checklist.view.qualified_id == target.qualified_id
    checklist.setFocus()
    qtbot.keyClick(checklist, "1")
    click(qtbot, win.private.header.buttons["dashboard"])
    after = dashboard.view
    assert after is not None and after.overall is not None and after.overall > 0
    assert after.next_actions[0].qualified_id != target.qualified_id

    click(qtbot, dashboard.new_button)
    box = win.findChild(QMessageBox, "newAssessmentDialog")
    assert box is not None
    start = box.findChild(QPushButton, "newAssessmentStart")
    click(qtbot, start)
    qtbot.waitUntil(lambda: len(win.session.require().assessments()) == 2)
    again = dashboard.view
    assert again is not None and again.has_previous and again.overall == after.overall
    assert "Since the previous assessment: no change." in dashboard.change.text()
    win.lock()


def test_editing_the_profile_recomputes_what_applies(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = window(qtbot, language, tmp_path)
    first_run(qtbot, win)
    assert win.private is not None
    before = win.session.require().applicable()
    click(qtbot, win.private.dashboard.profile_button)
    page = win.private.profile
    assert win.private.pages.currentWidget() is page
    # "Do you travel across borders for work?" style questions: answer every yes/no "no"
    for question in page.form.question_widgets():
        radios = question.findChildren(QRadioButton)
        no = question.radios.get("no")  # type: ignore[attr-defined]
        if no is not None:
            no.setChecked(True)
        elif radios:
            radios[0].setChecked(True)
    click(qtbot, page.save_button)
    assert win.private.pages.currentWidget() is win.private.dashboard
    after = win.session.require().applicable()
    assert len(after) < len(before)
    assert win.session.require().profile()
    win.lock()
