"""An inline message above a form (KeePassXC-style): calm, never a popup for routine."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget


class Banner(QFrame):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setObjectName(f"{name}Text")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        self.hide()

    def show_message(self, text: str, *, error: bool = True) -> None:
        self.setProperty("kind", "error" if error else "info")
        self.style().unpolish(self)
        self.style().polish(self)
        self.label.setText(text)
        self.setAccessibleName(text)
        self.show()

    def clear(self) -> None:
        self.label.clear()
        self.setAccessibleName("")
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text()
