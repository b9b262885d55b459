"""Unlock: the passphrase, or the keychain when the vault is remembered (a button,
never automatic). The derivation runs on a worker with a busy indicator; each failure
of DESIGN §5 gets its own plain message; a backup that opens is offered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safetykit.app.errors import user_message
from safetykit.app.language import tr
from safetykit.app.widgets.banner import Banner
from safetykit.app.widgets.passphrase_field import PassphraseField
from safetykit.app.widgets.roles import set_role
from safetykit.app.worker import run_in_background
from safetykit.errors import SafetyKitError
from safetykit.views import unlock as flow

if TYPE_CHECKING:
    from safetykit.vault import Vault  # the crypto loads at unlock, not with the first window

    pass


def problem_text(failure: flow.Failure) -> str:
    problem = failure.problem
    if failure.backup_opens:
        return tr(
            "The vault file is damaged, but its backup copy opens with this passphrase. "
            "You can open the backup; answers saved after it was made are lost."
        )
    texts = {
        flow.Problem.WRONG_PASSPHRASE: tr(
            "That passphrase does not open this vault. Check the keyboard layout and "
            "Caps Lock, then try again."
        ),
        flow.Problem.DAMAGED: tr(
            "The vault file is damaged and cannot be opened. It was not changed. If you "
            "have a backup copy, you can restore it from the command line."
        ),
        flow.Problem.NOT_A_VAULT: tr(
            "The file in SafetyKit's folder is not a SafetyKit vault. It was not changed."
        ),
        flow.Problem.TOO_NEW: tr(
            "This vault was made by a newer version of SafetyKit. Install that version "
            "to open it; the vault was not changed."
        ),
        flow.Problem.IN_USE: tr(
            "The vault is in use by another SafetyKit window or command. Close it and try again."
        ),
        flow.Problem.MISSING: tr("There is no vault here any more."),
        flow.Problem.KEYCHAIN: tr(
            "The system keychain could not open the vault. Use your passphrase instead."
        ),
    }
    return texts.get(problem) or user_message(failure.error)


class UnlockPage(QWidget):
    unlocked = Signal(object)  # a Workspace: the vault unlocked, its packs loaded
    wipe_requested = Signal()

    def __init__(
        self,
        folder: Path,
        language_of: Callable[[], str] = lambda: "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlockPage")
        self.language_of = language_of  # the packs are loaded in this language
        self.folder = folder
        self._busy = False
        self._generation = 0
        self._pending = ""  # the passphrase of the attempt under way, for the backup offer
        self.keychain_allowed = True  # the keychain serves the first unlock after start

        self.title = QLabel()
        self.title.setObjectName("unlockTitle")
        set_role(self.title, "heading")
        self.intro = QLabel()
        self.intro.setObjectName("unlockIntro")
        self.intro.setWordWrap(True)
        self.label = QLabel()
        self.label.setObjectName("unlockPassphraseLabel")
        self.passphrase = PassphraseField("unlockPassphrase")
        self.label.setBuddy(self.passphrase.edit)
        self.passphrase.returnPressed.connect(self.unlock_with_passphrase)
        self.banner = Banner("unlockBanner")
        self.backup_button = QPushButton()
        self.backup_button.setObjectName("unlockOpenBackup")
        self.backup_button.clicked.connect(self.open_backup)
        self.backup_button.hide()
        self.busy = QProgressBar()
        self.busy.setObjectName("unlockBusy")
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock_with_passphrase)
        self.keychain_button = QPushButton()
        self.keychain_button.setObjectName("unlockKeychainButton")
        self.keychain_button.clicked.connect(self.unlock_with_keychain)
        self.forgot_button = QPushButton()
        self.forgot_button.setObjectName("unlockForgotButton")
        self.forgot_button.setFlat(True)
        self.forgot_button.clicked.connect(self.wipe_requested)

        buttons = QHBoxLayout()
        buttons.addWidget(self.forgot_button)
        buttons.addStretch(1)
        buttons.addWidget(self.keychain_button)
        buttons.addWidget(self.unlock_button)
        column = QVBoxLayout()
        column.setSpacing(12)
        for widget in (self.title, self.intro, self.label, self.passphrase, self.banner):
            column.addWidget(widget)
        column.addWidget(self.backup_button)
        column.addWidget(self.busy)
        column.addLayout(buttons)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        inner = QVBoxLayout()
        inner.addStretch(1)
        inner.addLayout(column)
        inner.addStretch(2)
        outer.addLayout(inner, 4)
        outer.addStretch(1)
        self.retranslate()

    def prepare(self) -> None:
        """Called each time the page is shown."""
        self._generation += 1
        self._set_busy(False)
        self.banner.clear()
        self.backup_button.hide()
        self.passphrase.clear()
        remembered = flow.can_use_keychain(self.folder)
        self.keychain_button.setVisible(self.keychain_allowed and remembered)
        self.passphrase.focus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        for widget in (self.unlock_button, self.keychain_button, self.forgot_button):
            widget.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)

    def _attempt(self, work: object) -> None:
        if self._busy:
            return  # a second press never starts it twice
        self.banner.clear()
        self.backup_button.hide()
        self._set_busy(True)
        self._generation += 1
        generation = self._generation
        run_in_background(
            work,  # type: ignore[arg-type]
            self,
            self._opened,
            self._failed,
            still_wanted=lambda: generation == self._generation,
        )

    def _open(self, open_vault: Callable[[], Vault]) -> None:
        from safetykit.views.workspace import Workspace

        lang = self.language_of()
        self._attempt(lambda: Workspace.opened(open_vault, lang))

    def unlock_with_passphrase(self) -> None:
        secret = self.passphrase.text()
        if not secret:
            self.banner.show_message(tr("Type your passphrase first."))
            self.passphrase.focus()
            return
        folder = self.folder
        self._pending = secret
        self._open(lambda: flow.open_with_passphrase(folder, secret))

    def unlock_with_keychain(self) -> None:
        folder = self.folder
        self._pending = ""
        self._open(lambda: flow.open_with_keychain(folder))

    def open_backup(self) -> None:
        secret = self._pending
        folder = self.folder
        self._open(lambda: flow.restore_from_backup(folder, secret))

    def _opened(self, workspace: object) -> None:
        self._pending = ""
        self._set_busy(False)
        self.passphrase.clear()
        self.unlocked.emit(workspace)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(error, SafetyKitError):
            self.banner.show_message(user_message(error))
            return
        failure = flow.classify(error)
        self.banner.show_message(problem_text(failure))
        if failure.backup_opens and self._pending:
            self.backup_button.show()
            self.backup_button.setFocus()
            return
        self._pending = ""
        self.passphrase.clear()
        self.passphrase.focus()

    def forget(self) -> None:
        self._generation += 1
        self._pending = ""
        self.passphrase.clear()
        self.banner.clear()
        self._set_busy(False)

    def retranslate(self) -> None:
        self.title.setText(tr("Unlock SafetyKit"))
        self.intro.setText(tr("Your answers are encrypted. Type your passphrase to open them."))
        self.label.setText(tr("&Passphrase:"))
        self.passphrase.set_accessible_name(tr("Passphrase"))
        self.passphrase.retranslate()
        self.unlock_button.setText(tr("&Unlock"))
        self.keychain_button.setText(tr("Unlock with the &system keychain"))
        self.forgot_button.setText(tr("F&orgot your passphrase?"))
        self.backup_button.setText(tr("Open the &backup copy"))
        self.busy.setAccessibleName(tr("Unlocking…"))
