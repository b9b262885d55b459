"""The category chart, drawn with QPainter: readable in black and white.

Every bar has an outline and a hatched fill (no meaning by colour alone), every row
carries its label and percentage as text, and right-to-left layouts mirror it: labels
on the right, bars growing leftwards. The same numbers are also listed as text beside
it by the dashboard (screen readers and copy-minded users read that list).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QBrush, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from safetykit.app.language import percent as percent_text


class ScoreChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreChart")
        self.rows: list[tuple[str, int | None]] = []
        self.not_scored = "–"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: Sequence[tuple[str, int | None]], not_scored: str = "–") -> None:
        self.rows = list(rows)
        self.not_scored = not_scored
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return int(self.fontMetrics().height() * 1.8)

    def sizeHint(self) -> QSize:
        return QSize(480, self._row_height() * max(len(self.rows), 1) + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        fill = palette.color(QPalette.ColorRole.Highlight)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        width = self.width()
        row_h = self._row_height()
        metrics = self.fontMetrics()
        label_w = int(width * 0.42)
        value_w = metrics.horizontalAdvance("100 %") + 12
        bar_w = max(width - label_w - value_w - 12, 20)
        for index, (label, percent) in enumerate(self.rows):
            top = index * row_h + 2
            bar_h = row_h - 10
            label_rect = QRect(0, top, label_w - 8, row_h)
            bar_rect = QRect(label_w, top + 5, bar_w, bar_h)
            value_rect = QRect(label_w + bar_w + 8, top, value_w, row_h)
            if rtl:  # mirror: label right, bar grows from the right, value on the left
                label_rect.moveLeft(width - label_rect.right() - 1)
                bar_rect.moveLeft(width - bar_rect.right() - 1)
                value_rect.moveLeft(width - value_rect.right() - 1)
            painter.setPen(QPen(text))
            # Absolute: in a right-to-left widget Qt would swap left and right again.
            align = (
                Qt.AlignmentFlag.AlignVCenter
                | Qt.AlignmentFlag.AlignAbsolute
                | (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
            )
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_rect.width())
            painter.drawText(label_rect, int(align), elided)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(bar_rect.adjusted(0, 0, -1, -1))
            if percent:
                filled = QRect(bar_rect)
                filled.setWidth(max(1, bar_rect.width() * percent // 100))
                if rtl:
                    filled.moveRight(bar_rect.right())
                painter.fillRect(filled, fill)
                painter.fillRect(filled, QBrush(text, Qt.BrushStyle.BDiagPattern))
                painter.drawRect(filled.adjusted(0, 0, -1, -1))
            value = self.not_scored if percent is None else percent_text(percent)
            # The value's own order ("24 %", "٢٤٪"), whatever the widget's direction.
            painter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            painter.drawText(value_rect, int(align), value)
            painter.setLayoutDirection(self.layoutDirection())
        painter.end()
