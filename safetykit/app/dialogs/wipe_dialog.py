"""Forgot the passphrase: say plainly that nothing can recover it, and offer to wipe
everything and start over, behind a typed confirmation."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safetykit.app.language import tr

# Accepted besides the word in the current language: the keyboard at hand may not be
# able to type the interface's script.
LATIN_WORD = "WIPE"


def confirm_word() -> str:
    return tr("WIPE")


class WipeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, forgot: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("wipeDialog")
        self.setWindowTitle(tr("Forgot your passphrase?") if forgot else tr("Wipe all data?"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.explain = QLabel(
            tr(
                "Forgot your passphrase? Nobody can recover it, and without it nobody "
                "can open your answers: that is what keeps them safe."
            )
            if forgot
            else tr(
                "Wipe all data? SafetyKit then starts again from the first run, as if it "
                "had never been used on this computer."
            )
        )
        self.explain.setObjectName("wipeExplain")
        self.explain.setWordWrap(True)
        self.consequence = QLabel(
            tr(
                "You can wipe this vault and start again with an empty one. This deletes "
                "all your answers, notes and imported packs. It cannot be undone."
            )
        )
        self.consequence.setObjectName("wipeConsequence")
        self.consequence.setWordWrap(True)
        self.limits = QLabel(
            tr(
                "SafetyKit overwrites the vault's keys before deleting it, but copies in "
                "backups, snapshots or cloud folders are out of its reach, and some disks "
                "keep old blocks."
            )
        )
        self.limits.setObjectName("wipeLimits")
        self.limits.setWordWrap(True)
        word = confirm_word()
        prompt = (
            tr("To wipe, type {word} (or WIPE):").format(word=word)
            if word != LATIN_WORD
            else tr("To wipe, type {word}:").format(word=word)
        )
        self.prompt = QLabel(prompt)
        self.prompt.setObjectName("wipePrompt")
        self.prompt.setWordWrap(True)
        self.word = QLineEdit()
        self.word.setObjectName("wipeWord")
        self.prompt.setBuddy(self.word)
        self.word.setAccessibleName(prompt)
        self.buttons = QDialogButtonBox()
        self.buttons.setObjectName("wipeButtons")
        self.cancel_button = self.buttons.addButton(
            tr("&Keep the vault"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("wipeCancel")
        self.wipe_button: QPushButton = self.buttons.addButton(
            tr("&Wipe and start over"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.wipe_button.setObjectName("wipeConfirm")
        self.wipe_button.setEnabled(False)
        self.cancel_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.word.textChanged.connect(self._check)
        for widget in (self.explain, self.consequence, self.limits, self.prompt, self.word):
            layout.addWidget(widget)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _check(self, text: str) -> None:
        typed = text.strip()
        self.wipe_button.setEnabled(typed in (confirm_word(), LATIN_WORD))

    def accept(self) -> None:
        if self.wipe_button.isEnabled():
            super().accept()
