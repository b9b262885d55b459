"""The dashboard: how am I doing, what changed, what do I do next."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from safetykit.app.labels import effort_text, risk_text
from safetykit.app.language import date_text, ntr, number, percent, tr
from safetykit.app.widgets.roles import set_role
from safetykit.app.widgets.score_chart import ScoreChart
from safetykit.views.dashboard import DashboardView


def _delta_text(delta: int | None) -> str:
    if delta is None:
        return ""
    if delta > 0:
        return ntr("up {points} point", "up {points} points", delta).format(points=number(delta))
    if delta < 0:
        return ntr("down {points} point", "down {points} points", -delta).format(
            points=number(-delta)
        )
    return tr("no change")


class DashboardPage(QWidget):
    open_item = Signal(str)  # qualified item id
    continue_requested = Signal()
    new_assessment_requested = Signal()
    edit_profile_requested = Signal()
    plan_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self.view: DashboardView | None = None
        self.title = QLabel()
        self.title.setObjectName("dashboardTitle")
        set_role(self.title, "heading")
        self.overall = QLabel()
        self.overall.setObjectName("dashboardOverall")
        set_role(self.overall, "score")
        self.overall.setWordWrap(True)
        self.change = QLabel()
        self.change.setObjectName("dashboardChange")
        self.change.setWordWrap(True)
        self.chart = ScoreChart()
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("dashboardScores")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.table.setTabKeyNavigation(False)  # Tab moves on; arrows move inside
        self.next_title = QLabel()
        self.next_title.setObjectName("dashboardNextTitle")
        set_role(self.next_title, "subheading")
        self.next_box = QVBoxLayout()
        self.next_box.setSpacing(2)
        self.overdue_title = QLabel()
        self.overdue_title.setObjectName("dashboardOverdueTitle")
        set_role(self.overdue_title, "subheading")
        self.overdue_box = QVBoxLayout()
        self.action_buttons: list[QPushButton] = []

        self.continue_button = QPushButton()
        self.continue_button.setObjectName("dashboardContinue")
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(self.continue_requested)
        self.new_button = QPushButton()
        self.new_button.setObjectName("dashboardNewAssessment")
        self.new_button.clicked.connect(self.new_assessment_requested)
        self.profile_button = QPushButton()
        self.profile_button.setObjectName("dashboardEditProfile")
        self.profile_button.clicked.connect(self.edit_profile_requested)
        self.plan_button = QPushButton()
        self.plan_button.setObjectName("dashboardViewPlan")
        self.plan_button.clicked.connect(self.plan_requested)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setSpacing(12)
        column.addWidget(self.title)
        top = QHBoxLayout()
        top.setSpacing(24)
        standing = QVBoxLayout()
        standing.addWidget(self.overall)
        standing.addWidget(self.change)
        standing.addStretch(1)
        todo = QVBoxLayout()
        todo.addWidget(self.next_title)
        todo.addLayout(self.next_box)
        todo.addWidget(self.overdue_title)
        todo.addLayout(self.overdue_box)
        todo.addStretch(1)
        top.addLayout(standing, 2)
        top.addLayout(todo, 3)
        column.addLayout(top)
        self.chart_title = QLabel()
        self.chart_title.setObjectName("dashboardChartTitle")
        set_role(self.chart_title, "subheading")
        column.addWidget(self.chart_title)
        grid = QGridLayout()
        grid.addWidget(self.chart, 0, 0)
        grid.addWidget(self.table, 1, 0)
        column.addLayout(grid)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("dashboardScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its controls take the focus
        scroll.setWidget(body)
        buttons = QHBoxLayout()
        buttons.addWidget(self.profile_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.plan_button)
        buttons.addWidget(self.continue_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 18)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def show_view(self, view: DashboardView) -> None:
        self.view = view
        self.retranslate()

    def clear(self) -> None:
        self.view = None
        self.retranslate()

    def _fill_actions(self) -> None:
        # Taken out of their layouts and deleted by Qt: no widget is handed to Python
        # to free (setParent(None) did, making each a hidden top-level window first).
        self.action_buttons = []
        for box in (self.next_box, self.overdue_box):
            while box.count():
                item = box.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        view = self.view
        if view is None:
            return
        for n, action in enumerate(view.next_actions):
            text = tr("{title} ({risk}, {effort})").format(
                title=action.title, risk=risk_text(action.risk), effort=effort_text(action.effort)
            )
            self._add_action(self.next_box, f"dashboardNext_{n}", text, action.qualified_id)
        if not view.next_actions:
            done = QLabel(tr("Nothing left to do in this assessment. Well done."))
            done.setWordWrap(True)
            self.next_box.addWidget(done)
        for n, action in enumerate(view.overdue):
            due = date_text(action.due) if action.due else ""
            text = tr("{title} (was due {date})").format(title=action.title, date=due)
            self._add_action(self.overdue_box, f"dashboardOverdue_{n}", text, action.qualified_id)

    def _add_action(self, box: QVBoxLayout, name: str, text: str, qualified_id: str) -> None:
        button = QPushButton(text.replace("&", "&&"))
        button.setObjectName(name)
        button.setProperty("role", "link")
        button.setProperty("rtl", self.layoutDirection() == Qt.LayoutDirection.RightToLeft)
        button.setFlat(True)
        button.clicked.connect(lambda _=False, q=qualified_id: self.open_item.emit(q))
        box.addWidget(button)
        self.action_buttons.append(button)

    def retranslate(self, _lang: str = "") -> None:
        self.title.setText(tr("Your progress"))
        self.continue_button.setText(tr("&Continue the checklist"))
        self.new_button.setText(tr("Start a &new assessment"))
        self.profile_button.setText(tr("Edit &profile"))
        self.plan_button.setText(tr("View the pl&an"))
        self.next_title.setText(tr("What to do next"))
        self.chart_title.setText(tr("Score per category"))
        self.table.setAccessibleName(tr("Score per category"))
        self.overdue_title.setText(tr("Past their due date"))
        self.table.setHorizontalHeaderLabels([tr("Category"), tr("Score"), tr("Answered")])
        view = self.view
        if view is None:
            self.overall.clear()
            self.change.clear()
            self.chart.set_rows([])
            self.table.setRowCount(0)
            self._fill_actions()
            self.overdue_title.hide()
            return
        if view.overall is None:
            self.overall.setText(tr("No score yet: nothing that counts has been answered."))
        else:
            score = percent(view.overall)
            self.overall.setText(tr("Overall score: {percent}").format(percent=score))
        answered = ntr(
            "{answered} of {total} item answered.",
            "{answered} of {total} items answered.",
            view.applicable,
        ).format(answered=number(view.answered), total=number(view.applicable))
        if view.has_previous and view.overall_delta is not None:
            self.change.setText(
                answered
                + " "
                + tr("Since the previous assessment: {change}.").format(
                    change=_delta_text(view.overall_delta)
                )
            )
        else:
            self.change.setText(answered)
        self.chart.set_rows([(c.title, c.percent) for c in view.categories], tr("not scored"))
        self.chart.setAccessibleName(tr("Score per category, as a bar chart"))
        self.table.setRowCount(len(view.categories))
        for row, line in enumerate(view.categories):
            score = tr("not scored") if line.percent is None else percent(line.percent)
            if line.delta:
                score += f" ({_delta_text(line.delta)})"
            cells = [
                line.title,
                score,
                tr("{answered} of {total}").format(
                    answered=number(line.answered), total=number(line.applicable)
                ),
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.setFixedHeight(
            self.table.horizontalHeader().height()
            + sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
            + 4
        )
        self.overdue_title.setVisible(bool(view.overdue))
        self._fill_actions()


def today() -> dt.date:
    return dt.date.today()
