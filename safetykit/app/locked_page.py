"""Shown after File › Lock: nothing of the user's is on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from safetykit.app.language import tr


class LockedPage(QWidget):
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockedPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addStretch(1)
        self.message = QLabel()
        self.message.setObjectName("lockedMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.open_button = QPushButton()
        self.open_button.setObjectName("lockedOpenButton")
        self.open_button.clicked.connect(self.open_requested)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.message.setText(
            tr("SafetyKit is locked. Your answers are encrypted and nothing is shown.")
        )
        self.open_button.setText(tr("&Open SafetyKit"))
