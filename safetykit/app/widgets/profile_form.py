"""The profile questions as a form: yes/no and choice as radio buttons with "Skip",
multi as check boxes. Used by the first-run wizard and the profile page."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from safetykit.app.language import tr
from safetykit.packs.model import ProfileAnswer, QuestionKind
from safetykit.views.profile import QuestionView

SKIP = ""


def _direction(text_dir: str) -> Qt.LayoutDirection:
    return Qt.LayoutDirection.RightToLeft if text_dir == "rtl" else Qt.LayoutDirection.LeftToRight


class _Question(QGroupBox):
    def __init__(self, view: QuestionView, index: int) -> None:
        super().__init__()
        self.view = view
        self.setObjectName(f"profileQuestion_{index}")
        self.setTitle(view.text)
        layout = QVBoxLayout(self)
        if view.help:
            help_label = QLabel(view.help)
            help_label.setObjectName(f"profileQuestionHelp_{index}")
            help_label.setWordWrap(True)
            help_label.setLayoutDirection(_direction(view.text_dir))
            layout.addWidget(help_label)
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        self.boxes: dict[str, QCheckBox] = {}
        if view.kind is QuestionKind.MULTI:
            for n, (value, label) in enumerate(view.options):
                box = QCheckBox(label)
                box.setObjectName(f"profileQuestion_{index}_option_{n}")
                box.setChecked(isinstance(view.answer, list) and value in view.answer)
                layout.addWidget(box)
                self.boxes[value] = box
            self.none_hint = QLabel()
            self.none_hint.setObjectName(f"profileQuestion_{index}_multiHint")
            self.none_hint.setWordWrap(True)
            layout.addWidget(self.none_hint)
        else:
            options = (
                (("yes", ""), ("no", "")) if view.kind is QuestionKind.YES_NO else view.options
            )
            for n, (value, label) in enumerate((*options, (SKIP, ""))):
                radio = QRadioButton(label)
                radio.setObjectName(f"profileQuestion_{index}_option_{n}")
                self.group.addButton(radio)
                layout.addWidget(radio)
                self.radios[value] = radio
            chosen = view.answer if isinstance(view.answer, str) else SKIP
            self.radios.get(chosen, self.radios[SKIP]).setChecked(True)
        if view.if_skipped:
            skipped = QLabel(view.if_skipped)
            skipped.setObjectName(f"profileQuestionIfSkipped_{index}")
            skipped.setWordWrap(True)
            skipped.setLayoutDirection(_direction(view.text_dir))
            layout.addWidget(skipped)
        self.retranslate()

    def retranslate(self) -> None:
        if self.view.kind is QuestionKind.YES_NO:
            self.radios["yes"].setText(tr("Yes"))
            self.radios["no"].setText(tr("No"))
        if self.radios:
            self.radios[SKIP].setText(tr("Skip this question"))
        if self.boxes:
            self.none_hint.setText(tr("Choose all that apply, or none to skip."))

    def answer(self) -> ProfileAnswer | None:
        if self.boxes:
            chosen = [value for value, box in self.boxes.items() if box.isChecked()]
            return chosen or None
        for value, radio in self.radios.items():
            if radio.isChecked():
                return value or None
        return None


class ProfileForm(QScrollArea):
    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the questions take the focus
        self._questions: list[_Question] = []
        self.intro = QLabel()
        self.intro.setObjectName(f"{name}Intro")
        self.intro.setWordWrap(True)
        self._build([])

    def _build(self, views: Sequence[QuestionView]) -> None:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setSpacing(12)
        self.intro.setParent(None)
        layout.addWidget(self.intro)
        self._questions = []
        for n, view in enumerate(views):
            question = _Question(view, n)
            layout.addWidget(question)
            self._questions.append(question)
        layout.addStretch(1)
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(inner)
        self.retranslate()

    def set_questions(self, views: Sequence[QuestionView]) -> None:
        self._build(views)

    def answers(self) -> dict[str, ProfileAnswer | None]:
        return {q.view.key: q.answer() for q in self._questions}

    def question_widgets(self) -> list[QGroupBox]:
        return list(self._questions)

    def clear(self) -> None:
        self._build([])

    def retranslate(self) -> None:
        self.intro.setText(
            tr(
                "These questions choose the checklists that fit your situation. Answer "
                "what you are comfortable with. If you skip a question, SafetyKit shows "
                "you every item it could apply to, so you miss nothing; you can change "
                "your answers at any time."
            )
        )
        for question in self._questions:
            question.retranslate()
