"""Restore from a backup copy: the copy's passphrase first (it may be an older one),
then what the copy holds and what restoring it replaces, and the choice.

Opening the copy derives its key (about a second) on a worker; the content goes into
the open vault only when the person confirms, and is then saved under the current
passphrase (vault/copies.py).
"""

from __future__ import annotations

from pathlib import Path

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
from safetykit.app.labels import ltr
from safetykit.app.language import iso_date_text, ntr, number, tr
from safetykit.app.widgets.banner import Banner
from safetykit.app.widgets.fit import fit_to_text
from safetykit.app.widgets.passphrase_field import PassphraseField
from safetykit.app.worker import run_in_background
from safetykit.errors import SafetyKitError
from safetykit.vault import Vault, WrongPassphrase
from safetykit.vault.copies import OpenedCopy, check_copy, open_copy


class RestoreDialog(QDialog):
    restore_chosen = Signal(object)  # the OpenedCopy

    def __init__(self, vault: Vault, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(tr("Restore from a backup copy"))
        self.vault = vault
        self.path = path
        self.opened: OpenedCopy | None = None
        self._busy = False
        self.intro = QLabel(
            tr(
                "Type the passphrase of {file}: the one you used when you saved it, "
                "which may be an older one."
            ).format(file=ltr(path.name))
        )
        self.intro.setObjectName("restoreIntro")
        self.intro.setWordWrap(True)
        self.passphrase_label = QLabel(tr("The copy's &passphrase:"))
        self.passphrase = PassphraseField("restorePassphrase")
        self.passphrase_label.setBuddy(self.passphrase.edit)
        self.passphrase.set_accessible_name(tr("The copy's passphrase"))
        self.summary = QLabel()
        self.summary.setObjectName("restoreSummary")
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.banner = Banner("restoreBanner")
        self.busy = QProgressBar()
        self.busy.setObjectName("restoreBusy")
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName(tr("Opening the copy…"))
        self.busy.hide()
        self.buttons = QDialogButtonBox()
        self.cancel_button = self.buttons.addButton(
            tr("&Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("restoreCancel")
        self.open_button = self.buttons.addButton(
            tr("&Open the copy"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setObjectName("restoreOpen")
        self.cancel_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.start)
        self.restore_button = self.buttons.addButton(
            tr("&Replace my answers with this copy"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.restore_button.setObjectName("restoreConfirm")
        self.restore_button.setAutoDefault(False)  # replacing answers is never Enter
        self.restore_button.hide()
        self.restore_button.clicked.connect(self._restore)
        self.buttons.rejected.connect(self.reject)
        self.passphrase.returnPressed.connect(self.start)
        self.passphrase.changed.connect(self._update)
        layout = QVBoxLayout(self)
        for widget in (
            self.intro,
            self.passphrase_label,
            self.passphrase,
            self.summary,
            self.banner,
            self.busy,
            self.buttons,
        ):
            layout.addWidget(widget)
        self.setMinimumWidth(500)
        self._update()
        self.passphrase.focus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_to_text(self)
        # Enter opens the copy (Qt would make Cancel the default while Open is
        # disabled); once opened, Enter cancels: replacing answers takes a click.
        (self.open_button if self.opened is None else self.cancel_button).setDefault(True)

    def _update(self) -> None:
        self.open_button.setEnabled(bool(self.passphrase.text()) and not self._busy)

    def start(self) -> None:
        if self._busy or not self.passphrase.text() or self.opened is not None:
            return
        self._busy = True
        self.busy.show()
        self.banner.clear()
        self._update()
        path, passphrase = self.path, self.passphrase.text()
        run_in_background(lambda: open_copy(path, passphrase), self, self._opened, self._failed)

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.busy.hide()
        if isinstance(error, WrongPassphrase):
            self.passphrase.clear()
            self.passphrase.focus()
            self.banner.show_message(
                tr("That passphrase does not open this copy. Nothing was changed.")
            )
        else:
            self.banner.show_message(
                tr("This copy cannot be restored: {reason}").format(reason=user_message(error))
            )
        self._update()

    def _opened(self, opened: object) -> None:
        self._busy = False
        self.busy.hide()
        assert isinstance(opened, OpenedCopy)
        self.passphrase.clear()
        try:
            older = check_copy(self.vault, opened)
        except SafetyKitError as error:  # a copy of another vault: said, nothing changes
            self.banner.show_message(
                tr("This copy cannot be restored: {reason}").format(reason=user_message(error))
            )
            self._update()
            return
        self.opened = opened
        text = ntr(
            "The copy holds {count} assessment; the latest started on {date}.",
            "The copy holds {count} assessments; the latest started on {date}.",
            opened.assessments(),
        ).format(
            count=number(opened.assessments()),
            date=iso_date_text(opened.latest_started()) or "—",
        )
        if older > 0:
            text += " " + ntr(
                "It is older than your vault now ({count} save behind): what you changed "
                "since it was saved will be replaced and lost.",
                "It is older than your vault now ({count} saves behind): what you changed "
                "since it was saved will be replaced and lost.",
                older,
            ).format(count=number(older))
        else:
            text += " " + tr("It is as new as your vault now.")
        text += " " + tr(
            "Restoring replaces every answer, note and setting in the vault with the "
            "copy's. Your current passphrase stays the one that opens the vault."
        )
        self.summary.setText(text)
        self.summary.show()
        for widget in (self.intro, self.passphrase_label, self.passphrase, self.open_button):
            widget.hide()
        self.restore_button.show()
        fit_to_text(self)
        self.cancel_button.setAutoDefault(True)
        self.cancel_button.setDefault(True)
        self.cancel_button.setFocus()

    def _restore(self) -> None:
        if self.opened is None:
            return
        self.restore_chosen.emit(self.opened)
        self.opened = None
        self.accept()

    def done(self, result: int) -> None:
        self.passphrase.clear()
        self.opened = None  # the copy's content is not kept once the dialog closes
        super().done(result)
