"""Importing a pack: who signed it, its fingerprint to compare, and the choice.

A pack signed by a key the person trusts shows its name, version and the signer's key
id and fingerprint (groups of four, left to right in every language, as
``safetykit pack fingerprint`` prints it, so it can be compared over the phone), and
imports with Enter. A pack that is unsigned or signed by an unknown key is not read at
all until the person ticks the clearly worded "import it unverified" box; for an
unknown signer the dialog offers to add the signer's key first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from safetykit.app.labels import ltr
from safetykit.app.language import number, tr
from safetykit.app.widgets.banner import Banner
from safetykit.app.widgets.fit import fit_to_text
from safetykit.app.widgets.roles import set_role
from safetykit.views.packs import ImportCheck


class TrustDialog(QDialog):
    import_chosen = Signal(bool)  # allow_unverified
    add_key_requested = Signal()
    read_unverified_requested = Signal()

    def __init__(self, check: ImportCheck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trustDialog")
        self.setModal(True)
        self.check = check
        self.heading = QLabel()
        self.heading.setObjectName("trustHeading")
        self.heading.setWordWrap(True)
        set_role(self.heading, "subheading")
        self.pack_label = QLabel()
        self.pack_label.setObjectName("trustPack")
        self.pack_label.setWordWrap(True)
        self.key_label = QLabel()
        self.key_label.setObjectName("trustKey")
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()
        self.note.setObjectName("trustNote")
        self.note.setWordWrap(True)
        self.banner = Banner("trustBanner")
        self.add_key = QPushButton()
        self.add_key.setObjectName("trustAddKey")
        self.add_key.clicked.connect(self.add_key_requested)
        self.add_key.setAutoDefault(False)
        self.unverified = QCheckBox()
        self.unverified.setObjectName("trustUnverified")
        self.unverified.toggled.connect(self._unverified_toggled)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("trustImport")
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setObjectName("trustCancel")
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.pack_label)
        layout.addWidget(self.key_label)
        layout.addWidget(self.note)
        layout.addWidget(self.banner)
        layout.addWidget(self.add_key, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addWidget(self.unverified)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.set_check(check)

    def set_check(self, check: ImportCheck) -> None:
        self.check = check
        trusted = check.trusted
        self.add_key.setVisible(check.status.signed and not trusted)
        self.unverified.setVisible(not trusted)
        self._update_buttons()
        self.retranslate()
        self._set_default()
        if self.isVisible():
            fit_to_text(self)

    def _set_default(self) -> None:
        # Enter imports only a trusted pack; for any other, Enter cancels.
        trusted = self.check.trusted
        self.import_button.setAutoDefault(trusted)
        self.cancel_button.setAutoDefault(not trusted)
        self.import_button.setDefault(trusted)
        self.cancel_button.setDefault(not trusted)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._set_default()  # the button box picks its own default when shown
        fit_to_text(self)
        # The focus starts on the safe choice: Import for a trusted signer, Cancel
        # otherwise (so Enter never adds a key or imports an unverified pack).
        (self.import_button if self.check.trusted else self.cancel_button).setFocus()

    def show_error(self, text: str) -> None:
        self.banner.show_message(text)

    def _unverified_toggled(self, on: bool) -> None:
        if on and self.check.pack is None:
            self.read_unverified_requested.emit()
        self._update_buttons()
        self.retranslate()

    def _update_buttons(self) -> None:
        ready = self.check.pack is not None
        self.import_button.setEnabled(ready and (self.check.trusted or self.unverified.isChecked()))

    def _import(self) -> None:
        if not self.import_button.isEnabled():
            return
        self.import_chosen.emit(not self.check.trusted)
        self.accept()

    def retranslate(self) -> None:
        check = self.check
        status = check.status
        self.setWindowTitle(tr("Import a checklist pack"))
        if check.trusted:
            self.heading.setText(
                tr("{file} is signed by a key you trust.").format(file=ltr(check.name))
            )
        elif status.signed:
            self.heading.setText(
                tr("{file} is signed by a key you do not trust.").format(file=ltr(check.name))
            )
        else:
            self.heading.setText(tr("{file} is not signed.").format(file=ltr(check.name)))
        pack = check.pack
        if pack is None:
            self.pack_label.setText(
                tr(
                    "SafetyKit does not read what is in it until you choose to import it "
                    "unverified."
                )
            )
        else:
            text = tr("{name}, by {publisher}, version {version}.").format(
                name=pack.name, publisher=pack.publisher, version=number(pack.version)
            )
            if check.installed_version is not None:
                text += " " + tr("It replaces version {version}, installed now.").format(
                    version=number(check.installed_version)
                )
            self.pack_label.setText(text)
        if status.signed:
            key = tr("Signing key: {key_id}").format(key_id=ltr(status.key_id or ""))
            if check.fingerprint:
                key += "\n" + tr("Fingerprint: {fingerprint}").format(
                    fingerprint=ltr(check.fingerprint)
                )
            self.key_label.setText(key)
        self.key_label.setVisible(status.signed)
        if check.trusted:
            self.note.setText(
                tr(
                    "If your trainer gave you the fingerprint, compare it group by group "
                    "before you import."
                )
            )
        else:
            self.note.setText(
                tr(
                    "Anyone can make a pack and sign it. An unverified pack may give wrong "
                    "or harmful advice, and it is marked UNVERIFIED on every screen and in "
                    "the plan. If you know who made it, ask them for their public key (a "
                    ".pub file) and add it first."
                )
                if status.signed
                else tr(
                    "Anyone can make a pack. An unsigned pack may give wrong or harmful "
                    "advice, and it is marked UNVERIFIED on every screen and in the plan. "
                    "Ask the person who gave it to you for a signed copy."
                )
            )
        self.add_key.setText(tr("Add the signer's &key…"))
        self.unverified.setText(tr("I understand the risk: import it &unverified"))
        self.import_button.setText(tr("&Import") if check.trusted else tr("&Import unverified"))
        self.cancel_button.setText(tr("&Cancel"))
