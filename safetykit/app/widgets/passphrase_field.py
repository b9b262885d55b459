"""A passphrase field: hidden text, a show/hide button, and (for a new passphrase)
strength feedback from the estimator, debounced so typing stays smooth."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from safetykit.app.language import tr
from safetykit.views.passphrase import Hint, Strength, assess

MAX_CHARS = 1024
DEBOUNCE_MS = 250


def hint_text(hint: Hint) -> str:
    texts = {
        Hint.TOO_SHORT: tr("Use at least 12 characters."),
        Hint.COMMON: tr("It contains a common password or word that is easy to guess."),
        Hint.REPEATS: tr("Repeated letters or words are easy to guess."),
        Hint.SEQUENCE: tr("Sequences like abc or 123 are easy to guess."),
        Hint.KEYBOARD: tr("Keyboard patterns like qwerty are easy to guess."),
        Hint.DATE: tr("Dates and years are easy to guess."),
        Hint.ADD_WORDS: tr("Add another word or two that are not related to each other."),
        Hint.LENGTH_ONLY: tr(
            "SafetyKit can judge this script only by length and variety: a long "
            "phrase of unrelated words is best."
        ),
    }
    return texts[hint]


def level_text(strength: Strength) -> str:
    return {
        0: tr("Strength: very weak"),
        1: tr("Strength: weak"),
        2: tr("Strength: fair"),
        3: tr("Strength: good"),
        4: tr("Strength: strong"),
    }[strength.score]


class PassphraseField(QWidget):
    changed = Signal()
    returnPressed = Signal()

    def __init__(self, name: str, *, meter: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.edit = QLineEdit()
        self.edit.setObjectName(f"{name}Edit")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setMaxLength(MAX_CHARS)
        # No copy, no drag, no suggestions: the passphrase stays in this field.
        self.edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.edit.setDragEnabled(False)
        self.reveal = QToolButton()
        self.reveal.setObjectName(f"{name}Reveal")
        self.reveal.setCheckable(True)
        self.reveal.toggled.connect(self._toggle)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.reveal)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        self.meter: QProgressBar | None = None
        self.level = QLabel()
        self.hints = QLabel()
        self.strength: Strength = assess("")
        if meter:
            self.meter = QProgressBar()
            self.meter.setObjectName(f"{name}Meter")
            self.meter.setRange(0, 4)
            self.meter.setTextVisible(False)
            self.level.setObjectName(f"{name}Level")
            self.hints.setObjectName(f"{name}Hints")
            self.hints.setWordWrap(True)
            layout.addWidget(self.meter)
            layout.addWidget(self.level)
            layout.addWidget(self.hints)
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.setInterval(DEBOUNCE_MS)
            self._timer.timeout.connect(self._estimate)
            self.edit.textChanged.connect(lambda _t: self._timer.start())
        self.edit.textChanged.connect(lambda _t: self.changed.emit())
        self.edit.returnPressed.connect(self.returnPressed)
        self.retranslate()

    def _toggle(self, on: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)
        self.retranslate()

    def _estimate(self) -> None:
        self.strength = assess(self.edit.text())
        self._show_strength()
        self.changed.emit()

    def estimate_now(self) -> Strength:
        if self.meter is not None:
            self._timer.stop()
            self._estimate()
        return self.strength

    def _show_strength(self) -> None:
        if self.meter is None:
            return
        if not self.edit.text():
            self.meter.setValue(0)
            self.level.clear()
            self.hints.clear()
            return
        self.meter.setValue(self.strength.score)
        self.level.setText(level_text(self.strength))
        self.hints.setText("\n".join(hint_text(h) for h in self.strength.hints))
        self.meter.setAccessibleName(level_text(self.strength))

    def text(self) -> str:
        return self.edit.text()

    def clear(self) -> None:
        self.edit.clear()
        self.strength = assess("")
        self._show_strength()

    def focus(self) -> None:
        self.edit.setFocus()

    def set_accessible_name(self, name: str) -> None:
        self.edit.setAccessibleName(name)

    def retranslate(self) -> None:
        shown = self.reveal.isChecked()
        self.reveal.setText(tr("Hide") if shown else tr("Show"))
        self.reveal.setAccessibleName(tr("Hide passphrase") if shown else tr("Show passphrase"))
        self.reveal.setToolTip(self.reveal.accessibleName())
        self._show_strength()
