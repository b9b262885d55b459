"""The first screen: what SafetyKit is and what it promises."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from safetykit import APP_NAME
from safetykit.app.language import mark_direction, tr


class WelcomePage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.setSpacing(16)
        self.title = QLabel(APP_NAME)
        self.title.setObjectName("welcomeTitle")
        self.intro = QLabel()
        self.intro.setObjectName("welcomeIntro")
        self.intro.setWordWrap(True)
        self.promise = QLabel()
        self.promise.setObjectName("welcomePromise")
        self.promise.setWordWrap(True)
        for label in (self.title, self.intro, self.promise):
            layout.addWidget(label)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(mark_direction(APP_NAME))
        self.intro.setText(
            tr(
                "Privacy and safety checklists for journalists and activists. Answer a "
                "few questions about your work, go through the checklists that fit "
                "you, and get a plan of what to do first."
            )
        )
        self.promise.setText(
            tr("Your answers stay on this computer, encrypted. SafetyKit never uses the network.")
        )
