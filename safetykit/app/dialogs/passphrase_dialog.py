"""Change the passphrase: the current one (so nobody at an unlocked desk can change
it), the new one twice with strength feedback. The old passphrase then opens nothing;
a backup copy saved earlier still opens with the old one, and the dialog says so."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safetykit.app.errors import user_message
from safetykit.app.language import tr
from safetykit.app.widgets.banner import Banner
from safetykit.app.widgets.fit import fit_to_text
from safetykit.app.widgets.passphrase_field import PassphraseField
from safetykit.app.worker import run_in_background
from safetykit.vault import Vault
from safetykit.vault.kdf import KdfParams


def _change(vault: Vault, current: str, new: str, params: KdfParams | None) -> bool:
    if not vault.verify_passphrase(current):
        return False
    vault.change_passphrase(new, kdf_params=params)
    return True


class PassphraseDialog(QDialog):
    changed = Signal()

    def __init__(
        self, vault: Vault, *, kdf_params: KdfParams | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(tr("Change the passphrase"))
        self.vault = vault
        self.kdf_params = kdf_params  # tests only
        self._busy = False
        layout = QVBoxLayout(self)
        self.intro = QLabel(
            tr(
                "Change the passphrase: after this, the old one opens nothing in this "
                "vault. A backup copy of the vault you saved earlier still opens with the "
                "old passphrase."
            )
        )
        self.intro.setObjectName("passphraseIntro")
        self.intro.setWordWrap(True)
        self.current_label = QLabel(tr("&Current passphrase:"))
        self.current = PassphraseField("passphraseCurrent")
        self.current_label.setBuddy(self.current.edit)
        self.current.set_accessible_name(tr("Current passphrase"))
        self.new_label = QLabel(tr("&New passphrase:"))
        self.new = PassphraseField("passphraseNew", meter=True)
        self.new_label.setBuddy(self.new.edit)
        self.new.set_accessible_name(tr("New passphrase"))
        self.confirm_label = QLabel(tr("Type the new one &again:"))
        self.confirm = PassphraseField("passphraseConfirm")
        self.confirm_label.setBuddy(self.confirm.edit)
        self.confirm.set_accessible_name(tr("Type the new one again"))
        self.banner = Banner("passphraseBanner")
        self.busy = QProgressBar()
        self.busy.setObjectName("passphraseBusy")
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName(tr("Changing the passphrase…"))
        self.busy.hide()
        self.buttons = QDialogButtonBox()
        self.cancel_button = self.buttons.addButton(
            tr("&Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("passphraseCancel")
        self.change_button: QPushButton = self.buttons.addButton(
            tr("C&hange passphrase"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.change_button.setObjectName("passphraseChange")
        self.cancel_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        for widget in (
            self.intro,
            self.current_label,
            self.current,
            self.new_label,
            self.new,
            self.confirm_label,
            self.confirm,
            self.banner,
            self.busy,
            self.buttons,
        ):
            layout.addWidget(widget)
        for field in (self.current, self.new, self.confirm):
            field.changed.connect(self._update)
        self.setMinimumWidth(480)
        self._update()
        self.current.focus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_to_text(self)
        # Enter in any field changes the passphrase (when it can): Qt would otherwise
        # make Cancel the default while Change is still disabled, and Enter cancelled.
        self.change_button.setDefault(True)

    def _ready(self) -> bool:
        return (
            bool(self.current.text())
            and self.new.strength.acceptable
            and self.new.text() == self.confirm.text()
            and not self._busy
        )

    def _update(self) -> None:
        self.change_button.setEnabled(self._ready())

    def start(self) -> None:
        self.new.estimate_now()
        if not self._ready():
            return
        self._busy = True
        self.busy.show()
        self.banner.clear()
        self._update()
        vault, current, new, params = (
            self.vault,
            self.current.text(),
            self.new.text(),
            self.kdf_params,
        )
        run_in_background(
            lambda: _change(vault, current, new, params), self, self._done, self._failed
        )

    def _done(self, ok: object) -> None:
        self._busy = False
        self.busy.hide()
        if not ok:
            self.current.clear()
            self.current.focus()
            self.banner.show_message(tr("That is not the current passphrase. Nothing was changed."))
            self._update()
            return
        for field in (self.current, self.new, self.confirm):
            field.clear()
        self.changed.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.busy.hide()
        self.banner.show_message(
            tr("The passphrase was not changed: {reason}").format(reason=user_message(error))
        )
        self._update()

    def reject(self) -> None:
        if not self._busy:  # a change under way finishes; closing then would hide it
            for field in (self.current, self.new, self.confirm):
                field.clear()
            super().reject()
