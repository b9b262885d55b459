"""Erase deleted data for good: give the vault a new data key (Vault.rekey), so old
blocks of the disk that still hold deleted answers decrypt with nothing the person
has. Honest about what it cannot reach: copies saved before, and snapshots."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from safetykit.app.errors import user_message
from safetykit.app.language import tr
from safetykit.app.widgets.banner import Banner
from safetykit.app.widgets.fit import fit_to_text
from safetykit.app.widgets.passphrase_field import PassphraseField
from safetykit.app.worker import run_in_background
from safetykit.vault import Vault, WrongPassphrase


class EraseDialog(QDialog):
    erased = Signal()

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eraseDialog")
        self.setWindowTitle(tr("Erase deleted data for good"))
        self.vault = vault
        self._busy = False
        self.needs_passphrase = vault.rekey_needs_passphrase
        self.intro = QLabel(
            tr(
                "When you delete an assessment, a pack's answers or a note, old blocks "
                "of the disk can still hold them, encrypted with the vault's key. This "
                "gives the vault a new key and overwrites the old key in every file "
                "SafetyKit left: those blocks then open with nothing you have."
            )
        )
        self.intro.setObjectName("eraseIntro")
        self.intro.setWordWrap(True)
        self.limits = QLabel(
            tr(
                "It cannot reach backup copies you saved before, system snapshots or "
                "backups of this computer: they still open with the passphrase they "
                "were made with."
            )
        )
        self.limits.setObjectName("eraseLimits")
        self.limits.setWordWrap(True)
        self.passphrase_label = QLabel(tr("Your &passphrase:"))
        self.passphrase = PassphraseField("erasePassphrase")
        self.passphrase_label.setBuddy(self.passphrase.edit)
        self.passphrase.set_accessible_name(tr("Your passphrase"))
        self.banner = Banner("eraseBanner")
        self.busy = QProgressBar()
        self.busy.setObjectName("eraseBusy")
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName(tr("Erasing…"))
        self.busy.hide()
        self.buttons = QDialogButtonBox()
        self.cancel_button = self.buttons.addButton(
            tr("&Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("eraseCancel")
        self.erase_button = self.buttons.addButton(
            tr("&Erase for good"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.erase_button.setObjectName("eraseConfirm")
        self.buttons.accepted.connect(self.start)
        # Enter after typing the passphrase erases; without a passphrase to type,
        # Enter cancels (the focus starts on Cancel).
        self.erase_button.setAutoDefault(False)
        self.passphrase.returnPressed.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        widgets: tuple[QWidget, ...] = (
            self.intro,
            self.limits,
            self.passphrase_label,
            self.passphrase,
            self.banner,
            self.busy,
            self.buttons,
        )
        for widget in widgets:
            layout.addWidget(widget)
        # The passphrase is asked only when the keychain opened the vault.
        self.passphrase_label.setVisible(self.needs_passphrase)
        self.passphrase.setVisible(self.needs_passphrase)
        self.passphrase.changed.connect(self._update)
        self.setMinimumWidth(500)
        self._update()
        if self.needs_passphrase:
            self.passphrase.focus()
        else:
            self.cancel_button.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_to_text(self)
        self.erase_button.setDefault(self.needs_passphrase)
        self.cancel_button.setDefault(not self.needs_passphrase)

    def _update(self) -> None:
        ready = not self._busy and (not self.needs_passphrase or bool(self.passphrase.text()))
        self.erase_button.setEnabled(ready)

    def start(self) -> None:
        if not self.erase_button.isEnabled():
            return
        self._busy = True
        self.busy.show()
        self.banner.clear()
        self._update()
        vault = self.vault
        passphrase = self.passphrase.text() if self.needs_passphrase else None
        run_in_background(lambda: vault.rekey(passphrase), self, self._done, self._failed)

    def _done(self, _result: object) -> None:
        self._busy = False
        self.busy.hide()
        self.passphrase.clear()
        self.erased.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.busy.hide()
        self.passphrase.clear()
        if isinstance(error, WrongPassphrase):
            self.banner.show_message(tr("That is not the passphrase. Nothing was changed."))
            self.passphrase.focus()
        else:
            self.banner.show_message(
                tr("The vault could not get a new key: {reason}").format(reason=user_message(error))
            )
        self._update()
