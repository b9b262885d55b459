"""History: every assessment with its date and overall score; open one read-only,
compare two (per category, drawn like the dashboard chart), delete one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from safetykit.app.language import date_text, date_time_text, ntr, number, signed, tr
from safetykit.app.language import percent as percent_text
from safetykit.app.widgets.roles import set_role
from safetykit.app.widgets.score_chart import ScoreChart
from safetykit.views.dashboard import DashboardView
from safetykit.views.history import Comparison, HistoryLine


def _score(percent: int | None) -> str:
    return tr("not scored") if percent is None else percent_text(percent)


def _delta(delta: int | None) -> str:
    if delta is None:
        return ""
    return signed(delta)


class HistoryPage(QWidget):
    open_requested = Signal(str)
    compare_requested = Signal(str, str)
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPage")
        self.lines: list[HistoryLine] = []
        self.title = QLabel()
        self.title.setObjectName("historyTitle")
        set_role(self.title, "heading")
        self.intro = QLabel()
        self.intro.setObjectName("historyIntro")
        self.intro.setWordWrap(True)
        self.list_label = QLabel()
        self.list_label.setObjectName("historyListLabel")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("historyList")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self._open())
        self.list_label.setBuddy(self.table)
        self.open_button = QPushButton()
        self.open_button.setObjectName("historyOpen")
        self.open_button.clicked.connect(self._open)
        self.compare_button = QPushButton()
        self.compare_button.setObjectName("historyCompare")
        self.compare_button.clicked.connect(self._compare)
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("historyDelete")
        self.delete_button.clicked.connect(self._delete)
        self.detail_title = QLabel()
        self.detail_title.setObjectName("historyDetailTitle")
        set_role(self.detail_title, "subheading")
        self.detail_title.setWordWrap(True)
        self.chart = ScoreChart()
        self.chart.setObjectName("historyChart")
        self.detail = QTableWidget(0, 2)
        self.detail.setObjectName("historyDetail")
        self.detail.verticalHeader().hide()
        self.detail.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.detail.horizontalHeader().setStretchLastSection(True)
        self.detail.setTabKeyNavigation(False)
        self.table.setTabKeyNavigation(False)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_label)
        left_layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.compare_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        left_layout.addLayout(buttons)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail_title)
        right_layout.addWidget(self.chart)
        right_layout.addWidget(self.detail, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("historySplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([220, 420])
        self.table.setMinimumHeight(120)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 18)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        self.retranslate()

    def show_lines(self, lines: list[HistoryLine]) -> None:
        self.lines = lines
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            when = date_time_text(line.started)
            if line.current:
                when = tr("{date} (current)").format(date=when)
            cells = [
                when,
                _score(line.overall),
                ntr("{count} answered", "{count} answered", line.answered).format(
                    count=number(line.answered)
                ),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, line.id)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if lines:
            self.table.selectRow(0)
        self._update_buttons()

    def _selected(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        return [self.lines[row].id for row in rows if row < len(self.lines)]

    def _update_buttons(self) -> None:
        chosen = self._selected()
        self.open_button.setEnabled(len(chosen) == 1)
        self.compare_button.setEnabled(len(chosen) == 2)
        self.delete_button.setEnabled(len(chosen) == 1)

    def _open(self) -> None:
        chosen = self._selected()
        if len(chosen) == 1:
            self.open_requested.emit(chosen[0])

    def _compare(self) -> None:
        chosen = self._selected()
        if len(chosen) == 2:
            self.compare_requested.emit(chosen[0], chosen[1])

    def _delete(self) -> None:
        chosen = self._selected()
        if len(chosen) == 1:
            self.delete_requested.emit(chosen[0])

    def show_assessment(self, line: HistoryLine, view: DashboardView) -> None:
        when = date_text(line.started.astimezone().date())
        self.detail_title.setText(
            tr("Assessment of {date}: overall {score} (read only)").format(
                date=when, score=_score(view.overall)
            )
        )
        self.chart.set_rows([(c.title, c.percent) for c in view.categories], tr("not scored"))
        self._fill_detail([(c.title, _score(c.percent)) for c in view.categories])

    def show_comparison(self, comparison: Comparison) -> None:
        self.detail_title.setText(
            ntr(
                "From {before} to {after}: overall {change} point",
                "From {before} to {after}: overall {change} points",
                abs(comparison.overall_delta or 0),
            ).format(
                before=date_text(comparison.before.started.astimezone().date()),
                after=date_text(comparison.after.started.astimezone().date()),
                change=_delta(comparison.overall_delta) or signed(0),
            )
        )
        self.chart.set_rows([(c.title, c.after) for c in comparison.categories], tr("not scored"))
        self._fill_detail(
            [
                (
                    c.title,
                    tr("{before} → {after} ({change})").format(
                        before=_score(c.before),
                        after=_score(c.after),
                        change=_delta(c.delta) or signed(0),
                    ),
                )
                for c in comparison.categories
            ]
        )

    def _fill_detail(self, rows: list[tuple[str, str]]) -> None:
        self.detail.setRowCount(len(rows))
        for row, (title, value) in enumerate(rows):
            self.detail.setItem(row, 0, QTableWidgetItem(title))
            self.detail.setItem(row, 1, QTableWidgetItem(value))
        self.detail.resizeColumnsToContents()

    def clear(self) -> None:
        self.lines = []
        self.table.setRowCount(0)
        self.detail.setRowCount(0)
        self.chart.set_rows([])
        self.detail_title.clear()

    def retranslate(self, _lang: str = "") -> None:
        self.title.setText(tr("History"))
        self.intro.setText(
            tr(
                "Every assessment you made, newest first. Select one to open it, or two "
                "(with Ctrl or Shift) to compare them."
            )
        )
        self.list_label.setText(tr("&Assessments:"))
        self.table.setHorizontalHeaderLabels([tr("Started"), tr("Score"), tr("Answered")])
        self.detail.setHorizontalHeaderLabels([tr("Category"), tr("Score")])
        # Headers as wide as their words, also before any row is shown (a long
        # translation was cut at Qt's default width; the pseudo-locale test found it).
        self.table.resizeColumnsToContents()
        self.detail.resizeColumnsToContents()
        self.open_button.setText(tr("&Open"))
        self.compare_button.setText(tr("Co&mpare"))
        self.delete_button.setText(tr("&Delete…"))
        self.chart.setAccessibleName(tr("Score per category, as a bar chart"))
        self.detail.setAccessibleName(tr("Score per category"))
