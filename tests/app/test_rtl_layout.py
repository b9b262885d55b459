"""Right to left, by geometry: every screen of the registry, in Arabic.

At each stop of the tour (tests/app/tour.py, the screen-reader walk's registry reached
in this process) every visible widget must be laid out right to left, and not only by
its direction property: in each row of a box, form or grid layout the leading widget
is the rightmost one, so the header's navigation buttons and every button row are
mirrored; the score chart's bars grow from the right.
"""

from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from safetykit.app.language import LanguageController
from safetykit.app.widgets.score_chart import ScoreChart
from tests.app.journey import window
from tests.app.test_accessibility import SCREENS, walk_files
from tests.app.tour import tour

RTL = Qt.LayoutDirection.RightToLeft


def _left(widget: QWidget) -> int:
    return widget.mapToGlobal(QPoint(0, 0)).x()


def _right(widget: QWidget) -> int:
    return _left(widget) + widget.width()


def _shown(widget: QWidget | None, root: QWidget) -> bool:
    return widget is not None and widget.isVisibleTo(root) and widget.width() > 0


def _layout_problems(layout: QLayout, root: QWidget, where: str) -> list[str]:
    problems: list[str] = []
    if isinstance(layout, QBoxLayout) and layout.direction() in (
        QBoxLayout.Direction.LeftToRight,
        QBoxLayout.Direction.RightToLeft,
    ):
        items = [layout.itemAt(i) for i in range(layout.count())]
        widgets = [item.widget() for item in items if item is not None]
        row = [w for w in widgets if w is not None and _shown(w, root)]
        reversed_order = layout.direction() == QBoxLayout.Direction.RightToLeft
        for first, second in itertools.pairwise(row):
            # Leading first: in a right-to-left row it stands right of what follows.
            ok = _right(second) <= _left(first) + 1
            if reversed_order:
                ok = _right(first) <= _left(second) + 1
            if not ok:
                problems.append(
                    f"{where}: {first.objectName() or type(first).__name__} is not right of "
                    f"{second.objectName() or type(second).__name__}"
                )
    elif isinstance(layout, QFormLayout):
        for line in range(layout.rowCount()):
            label = layout.itemAt(line, QFormLayout.ItemRole.LabelRole)
            field = layout.itemAt(line, QFormLayout.ItemRole.FieldRole)
            lw = label.widget() if label is not None else None
            fw = field.widget() if field is not None else None
            if _shown(lw, root) and _shown(fw, root):
                assert lw is not None and fw is not None
                if not _left(lw) >= _right(fw) - 1:
                    problems.append(
                        f"{where}: form label {lw.objectName()!r} is not right of its field"
                    )
    elif isinstance(layout, QGridLayout):
        cells: dict[int, list[tuple[int, QWidget]]] = {}
        for index in range(layout.count()):
            item = layout.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None and _shown(widget, root):
                position = layout.getItemPosition(index)
                assert isinstance(position, tuple)
                cells.setdefault(int(position[0]), []).append((int(position[1]), widget))
        for grid_row, found in cells.items():
            found.sort(key=lambda cell: cell[0])
            for (_c1, first), (_c2, second) in itertools.pairwise(found):
                if not _right(second) <= _left(first) + 1:
                    problems.append(f"{where}: grid row {grid_row}: columns are not mirrored")
    for index in range(layout.count()):
        child = layout.itemAt(index)
        inner = child.layout() if child is not None else None
        if inner is not None:
            problems += _layout_problems(inner, root, where)
    return problems


def _first_strong(text: str) -> str:
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return kind
    return ""


def _own_ltr_text(widget: QWidget) -> bool:
    """A pack's own wording in a left-to-right script (the built-in checklists are
    English until they are translated) keeps its direction, on purpose."""
    text = widget.text() if isinstance(widget, QLabel) else ""
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        text = widget.toPlainText()
    return bool(text) and _first_strong(text) == "L"


def rtl_problems(root: QWidget, where: str) -> list[str]:
    problems: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    seen = 0
    for widget in widgets:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        seen += 1
        if widget.layoutDirection() != RTL and not _own_ltr_text(widget):
            problems.append(
                f"{where}: {widget.objectName() or type(widget).__name__} is left to right"
            )
        layout = widget.layout()
        if layout is not None:
            problems += _layout_problems(layout, root, where)
    assert seen > 3, where  # a screen with nothing on it proves nothing
    return problems


def _filled_columns(image: QImage, colour: QColor) -> list[int]:
    columns = set()
    for x in range(image.width()):
        for y in range(image.height()):
            if image.pixelColor(x, y) == colour:
                columns.add(x)
                break
    return sorted(columns)


def chart_problems(chart: ScoreChart) -> list[str]:
    """A bar at 25 % fills from the right end of its track in a right-to-left chart."""
    rows, not_scored = chart.rows, chart.not_scored
    chart.set_rows([("x", 25)], not_scored)
    chart.resize(480, chart.sizeHint().height())
    image = chart.grab().toImage()
    chart.set_rows(rows, not_scored)
    filled = _filled_columns(image, chart.palette().color(QPalette.ColorRole.Highlight))
    if not filled:
        return ["the chart drew no filled bar"]
    label_w = int(480 * 0.42)
    # Right to left: the label takes the right 42 %; the bar's track ends just left of it.
    if not (filled[-1] >= 480 - label_w - 3 and filled[0] > 480 / 3):
        return [f"the chart's bar does not grow from the right (filled {filled[0]}–{filled[-1]})"]
    return []


def test_every_screen_is_mirrored_in_arabic(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    walk_files(tmp_path / "files")
    language.set_language("ar")
    win = window(qtbot, language, tmp_path / "data")
    win.resize(1100, 800)
    names: list[str] = []
    problems: list[str] = []
    for stop in tour(qtbot, win, tmp_path / "files"):
        names.append(stop.name)
        problems += rtl_problems(stop.window, stop.name)
        if stop.name == "dashboard":
            assert win.private is not None
            header = win.private.header
            buttons = [b for b in header.buttons.values() if b.isVisible()]
            assert len(buttons) >= 4
            # The header's navigation reads from the right: the first one rightmost.
            assert [_left(b) for b in buttons] == sorted((_left(b) for b in buttons), reverse=True)
            problems += chart_problems(win.private.dashboard.chart)
    assert names == [screen.name for screen in SCREENS]  # the whole registry, in order
    assert problems == [], "\n".join(problems)


def test_the_check_sees_a_left_to_right_row(qtbot: QtBot, language: LanguageController) -> None:
    """Not blind: a row forced left to right inside an Arabic window is reported."""
    from PySide6.QtWidgets import QHBoxLayout, QPushButton

    language.set_language("ar")
    root = QWidget()
    qtbot.addWidget(root)
    row = QHBoxLayout(root)
    for text in ("أ", "ب", "ت", "ث"):
        row.addWidget(QPushButton(text))
    root.show()
    qtbot.waitExposed(root)
    assert rtl_problems(root, "right") == []
    root.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    QApplication.processEvents()  # the layout runs again, left to right
    found = rtl_problems(root, "wrong")
    assert any("is left to right" in p for p in found), found  # the property
    assert any("is not right of" in p for p in found), found  # and the geometry
    chart = ScoreChart()
    qtbot.addWidget(chart)
    chart.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    assert chart_problems(chart)
