"""Edit the profile: the same questions as the first run. Saving recomputes which
items apply; answers of items that no longer apply are kept, not deleted."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from safetykit.app.language import tr
from safetykit.app.widgets.profile_form import ProfileForm
from safetykit.app.widgets.roles import set_role
from safetykit.packs.model import ProfileAnswer
from safetykit.views.profile import QuestionView


class ProfilePage(QWidget):
    saved = Signal(dict)  # answers by question key (None: skipped)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profilePage")
        self.title = QLabel()
        self.title.setObjectName("profileTitle")
        set_role(self.title, "heading")
        self.form = ProfileForm("profileForm")
        self.kept = QLabel()
        self.kept.setObjectName("profileKeptNote")
        self.kept.setWordWrap(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("profileCancel")
        self.cancel_button.clicked.connect(self.cancelled)
        self.save_button = QPushButton()
        self.save_button.setObjectName("profileSave")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.saved.emit(self.answers()))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 18)
        layout.addWidget(self.title)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.kept)
        layout.addLayout(buttons)
        self.retranslate()

    def show_questions(self, views: list[QuestionView]) -> None:
        self.form.set_questions(views)

    def answers(self) -> dict[str, ProfileAnswer | None]:
        return self.form.answers()

    def clear(self) -> None:
        self.form.clear()

    def retranslate(self, _lang: str = "") -> None:
        self.title.setText(tr("Your situation"))
        self.kept.setText(
            tr(
                "When an answer here means an item no longer applies, its answer and "
                "note are kept, and come back if you change your answer again."
            )
        )
        self.cancel_button.setText(tr("&Cancel"))
        self.save_button.setText(tr("&Save profile"))
        self.form.retranslate()
