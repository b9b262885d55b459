"""What the packs and trusted-keys screens do: import through the trust dialog,
turn packs on and off, remove one (keeping or deleting its answers), add and remove
keys. Kept out of the main window, which only routes to the screens.

Reading and checking a pack file runs on a worker (a large pack takes a moment); the
vault body is read and changed on the UI thread only, under ``Vault.changing()``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from safetykit.app import file_dialogs
from safetykit.app.errors import user_message
from safetykit.app.labels import ltr
from safetykit.app.language import ntr, number, tr
from safetykit.app.widgets.message_box import message_box
from safetykit.app.worker import run_in_background
from safetykit.errors import SafetyKitError
from safetykit.views import packs as view

if TYPE_CHECKING:
    from safetykit.app.dialogs.trust_dialog import TrustDialog
    from safetykit.app.main_window import MainWindow
    from safetykit.views.workspace import Workspace


class PackActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    # --- helpers ---

    @property
    def workspace(self) -> Workspace | None:
        return self.window.session.workspace

    @property
    def lang(self) -> str:
        return self.window.language.language

    def _banner(self, text: str, *, error: bool = True, keys: bool = False) -> None:
        area = self.window.private
        if area is None:
            return
        page = area.keys if keys else area.packs
        page.banner.show_message(text, error=error)

    def _changed(self) -> None:
        """After an import, a removal, a key or a pack turned on or off: save, and
        let every screen show the new set of packs."""
        self.window.session.changed()
        area = self.window.private
        if area is not None:
            checklist = area.built("checklist")
            if checklist is not None:
                checklist.clear()  # started again, with the new packs, when shown
        self.show_packs()
        self.show_keys()

    def show_packs(self) -> None:
        area, workspace = self.window.private, self.workspace
        if area is not None and workspace is not None and area.built("packs") is not None:
            area.packs.show_lines(view.pack_lines(workspace, self.lang))

    def show_keys(self) -> None:
        area, workspace = self.window.private, self.workspace
        if area is not None and workspace is not None and area.built("keys") is not None:
            area.keys.show_lines(view.key_lines(workspace))

    def _still(self) -> Callable[[], bool]:
        generation = self.window.session.generation
        return lambda: self.window.session.current(generation)

    # --- on or off for the assessment ---

    def set_used(self, pack_id: str, used: bool) -> None:
        workspace = self.workspace
        if workspace is None or self.window.private is None:
            return
        try:
            workspace.set_pack_used(pack_id, used)
        except SafetyKitError as error:
            self.window.private.packs.set_used(pack_id, not used)
            self._banner(user_message(error))
            return
        self.window.private.packs.banner.clear()
        self._changed()

    # --- importing ---

    def ask_import(self) -> None:
        file_dialogs.open_file(
            self.window,
            tr("Choose a checklist pack"),
            [tr("Checklist packs (*.skpack)")],
            self.check_file,
        )

    def check_file(self, path: Path) -> None:
        """Check ``path`` on a worker, then show the trust dialog."""
        from safetykit.packs import store

        workspace = self.workspace
        if workspace is None:
            return
        keys = list(store.trusted_keys(workspace.vault.data))
        installed = list(workspace.installed)
        lang = self.lang

        def failed(error: BaseException) -> None:
            self._banner(
                tr("This pack cannot be used: {reason}").format(reason=user_message(error))
            )

        run_in_background(
            lambda: view.check_import(path, keys, installed, lang),
            self,
            lambda check: self._show_trust(path, check),
            failed,
            still_wanted=self._still(),
        )

    def _show_trust(self, path: Path, check: view.ImportCheck) -> None:
        from safetykit.app.dialogs.trust_dialog import TrustDialog

        workspace = self.workspace
        if workspace is None:
            return
        dialog = TrustDialog(check, self.window)
        self.window.dialog = dialog
        dialog.import_chosen.connect(lambda unverified: self._import(dialog, unverified))
        dialog.read_unverified_requested.connect(lambda: self._read_unverified(dialog))
        dialog.add_key_requested.connect(lambda: self._add_signer_key(dialog, path))
        dialog.finished.connect(lambda _code: dialog.deleteLater())
        dialog.open()

    def _read_unverified(self, dialog: TrustDialog) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        installed, lang, check = list(workspace.installed), self.lang, dialog.check

        def failed(error: BaseException) -> None:
            dialog.show_error(
                tr("This pack cannot be used: {reason}").format(reason=user_message(error))
            )

        run_in_background(
            lambda: view.read_unverified(check, installed, lang),
            dialog,
            dialog.set_check,
            failed,
            still_wanted=self._still(),
        )

    def _add_signer_key(self, dialog: TrustDialog, path: Path) -> None:
        def added() -> None:
            dialog.reject()
            self.check_file(path)  # checked again: now signed by a trusted key

        self.ask_add_key(after=added, parent_dialog=dialog)

    def _import(self, dialog: TrustDialog, unverified: bool) -> None:
        self._import_check(dialog.check, unverified)

    def _import_check(
        self, check: view.ImportCheck, unverified: bool, *, rebind: bool = False
    ) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        try:
            result = view.import_checked(
                workspace, check, allow_unverified=unverified, lang=self.lang, rebind=rebind
            )
        except SafetyKitError as error:
            if error.code == "pack.signer_changed" and not rebind:
                self._ask_rebind(check, error)
                return
            self._banner(tr("Nothing was imported: {reason}").format(reason=user_message(error)))
            return
        pack = result.pack
        if result.previous_version is not None:
            text = tr("Imported {name}, version {version} (it replaces version {previous}).")
        else:
            text = tr("Imported {name}, version {version}.")
        text = text.format(
            name=pack.name,
            version=number(pack.version),
            previous=number(result.previous_version or 0),
        )
        if not result.status.trusted:
            text += " " + tr("It is marked UNVERIFIED everywhere.")
        if result.rebound_from is not None:
            text += " " + tr("From now on only the new key can update it.")
        self._changed()
        self._banner(text, error=not result.status.trusted)

    def _ask_rebind(self, check: view.ImportCheck, error: SafetyKitError) -> None:
        """Another trusted key signed an update of a pack bound to its first signer:
        both fingerprints, and the re-bind only if the person says so (issue 12 #8)."""
        params = error.params
        box = message_box(
            self.window,
            "rebindDialog",
            QMessageBox.Icon.Warning,
            tr("This pack is signed by a different key"),
        )
        box.setText(
            tr(
                "{pack} was first accepted signed by key {bound_key_id}, fingerprint "
                "{bound_fingerprint}.\nThis file is signed by key {signer_key_id}, "
                "fingerprint {signer_fingerprint}."
            ).format(
                pack=str(params.get("pack", "")),
                bound_key_id=ltr(str(params.get("bound_key_id", ""))),
                bound_fingerprint=ltr(str(params.get("bound_fingerprint", ""))),
                signer_key_id=ltr(str(params.get("signer_key_id", ""))),
                signer_fingerprint=ltr(str(params.get("signer_fingerprint", ""))),
            )
        )
        box.setInformativeText(
            tr(
                "A pack keeps the publisher who first signed it, so that another key you "
                "trust cannot take it over. Accept the new key for this pack only if the "
                "publisher told you themselves, in person or by a call, that they moved "
                "to it, and read you its fingerprint."
            )
        )
        accept = box.addButton(
            tr("&Accept the new key for this pack"), QMessageBox.ButtonRole.AcceptRole
        )
        accept.setObjectName("rebindConfirm")
        cancel = box.addButton(tr("&Cancel"), QMessageBox.ButtonRole.RejectRole)
        cancel.setObjectName("rebindCancel")
        box.setDefaultButton(cancel)
        self.window.dialog = box

        def chosen(button: object) -> None:
            if button is accept:
                self._import_check(check, False, rebind=True)
            else:
                self._banner(tr("Nothing was imported: the pack keeps its first signer."))

        box.buttonClicked.connect(chosen)
        box.open()

    # --- removing a pack ---

    def ask_remove(self, pack_id: str) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        line = next((x for x in view.pack_lines(workspace, self.lang) if x.id == pack_id), None)
        name = line.name if line is not None else pack_id
        count = view.answers_of(workspace, pack_id)
        box = message_box(
            self.window, "removePackDialog", QMessageBox.Icon.Question, tr("Remove this pack?")
        )
        box.setText(
            tr(
                "{name} leaves SafetyKit: its questions and checklists are no longer in "
                "the assessment or the plan. An older version of it stays refused."
            ).format(name=name)
        )
        keep = forget = None
        if count:
            box.setInformativeText(
                ntr(
                    "The vault holds {count} answer, note or profile value for it. "
                    "Keep it (it comes back if you import the pack again), or delete "
                    "it too. Deleted answers can still be carved from old blocks of the "
                    "disk until you use Settings › Erase deleted data for good.",
                    "The vault holds {count} answers, notes and profile values for it. "
                    "Keep them (they come back if you import the pack again), or delete "
                    "them too. Deleted answers can still be carved from old blocks of the "
                    "disk until you use Settings › Erase deleted data for good.",
                    count,
                ).format(count=number(count))
            )
            keep = box.addButton(tr("Remove, &keep my answers"), QMessageBox.ButtonRole.AcceptRole)
            keep.setObjectName("removePackKeep")
            forget = box.addButton(
                tr("Remove and &delete its answers"), QMessageBox.ButtonRole.DestructiveRole
            )
            forget.setObjectName("removePackForget")
        else:
            keep = box.addButton(tr("&Remove"), QMessageBox.ButtonRole.AcceptRole)
            keep.setObjectName("removePackKeep")
        cancel = box.addButton(tr("&Cancel"), QMessageBox.ButtonRole.RejectRole)
        cancel.setObjectName("removePackCancel")
        box.setDefaultButton(cancel)
        self.window.dialog = box

        def chosen(button: object) -> None:
            if button is keep or (forget is not None and button is forget):
                self._remove(pack_id, name, forget_answers=button is forget)

        box.buttonClicked.connect(chosen)
        box.open()

    def _remove(self, pack_id: str, name: str, *, forget_answers: bool) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        try:
            removed = view.remove_pack(
                workspace, pack_id, forget_answers=forget_answers, lang=self.lang
            )
        except SafetyKitError as error:
            self._banner(user_message(error))
            return
        self._changed()
        text = tr("Removed {name}.").format(name=name)
        if forget_answers:
            text += " " + ntr(
                "{count} answer was deleted with it.",
                "{count} answers were deleted with it.",
                removed,
            ).format(count=number(removed))
        self._banner(text, error=False)

    # --- trusted keys ---

    def ask_add_key(
        self, after: Callable[[], None] | None = None, parent_dialog: QObject | None = None
    ) -> None:
        def chosen(path: Path) -> None:
            workspace = self.workspace
            if workspace is None:
                return
            try:
                key = view.read_key(path)
            except SafetyKitError as error:
                self._banner(
                    tr("That is not a public key file: {reason}").format(
                        reason=user_message(error)
                    ),
                    keys=True,
                )
                return
            if view.is_trusted(workspace, key):
                self._banner(
                    tr("Key {key_id} is already trusted.").format(key_id=ltr(key.hex_id)),
                    error=False,
                    keys=True,
                )
                if after is not None:
                    after()
                return
            self._confirm_key(key, after)

        file_dialogs.open_file(
            self.window,
            tr("Choose the trainer's public key"),
            [tr("Public keys (*.pub)")],
            chosen,
        )

    def _confirm_key(self, key: object, after: Callable[[], None] | None) -> None:
        from safetykit.packs.minisign import PublicKey

        assert isinstance(key, PublicKey)
        box = message_box(
            self.window, "addKeyDialog", QMessageBox.Icon.Question, tr("Trust this key?")
        )
        box.setText(
            tr("Key {key_id}\nFingerprint: {fingerprint}").format(
                key_id=ltr(key.hex_id), fingerprint=ltr(key.fingerprint)
            )
        )
        box.setInformativeText(
            tr(
                "Ask the trainer to read their fingerprint to you, by phone or in person, "
                "and compare every group. Trust the key only if all of them match: packs "
                "it signs will then show as verified."
            )
        )
        trust = box.addButton(tr("&Trust this key"), QMessageBox.ButtonRole.AcceptRole)
        trust.setObjectName("addKeyConfirm")
        cancel = box.addButton(tr("&Cancel"), QMessageBox.ButtonRole.RejectRole)
        cancel.setObjectName("addKeyCancel")
        box.setDefaultButton(cancel)
        self.window.dialog = box

        def chosen(button: object) -> None:
            workspace = self.workspace
            if button is not trust or workspace is None:
                return
            try:
                view.add_key(workspace, key, self.lang)
            except SafetyKitError as error:
                self._banner(user_message(error), keys=True)
                return
            self._changed()
            self._banner(
                tr("Key {key_id} is now trusted.").format(key_id=ltr(key.hex_id)),
                error=False,
                keys=True,
            )
            if after is not None:
                after()

        box.buttonClicked.connect(chosen)
        box.open()

    def ask_remove_key(self, key_id: str) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        signed = [p.name for p in workspace.installed if p.signer == key_id and p.verified]
        box = message_box(
            self.window, "removeKeyDialog", QMessageBox.Icon.Warning, tr("Stop trusting this key?")
        )
        box.setText(tr("Stop trusting key {key_id}?").format(key_id=ltr(key_id)))
        box.setInformativeText(
            tr(
                "These packs it signed will show as unverified everywhere, the plan "
                "included: {packs}"
            ).format(packs=", ".join(signed))
            if signed
            else tr("No installed pack is signed by this key.")
        )
        stop = box.addButton(tr("&Stop trusting"), QMessageBox.ButtonRole.DestructiveRole)
        stop.setObjectName("removeKeyConfirm")
        cancel = box.addButton(tr("&Cancel"), QMessageBox.ButtonRole.RejectRole)
        cancel.setObjectName("removeKeyCancel")
        box.setDefaultButton(cancel)
        self.window.dialog = box

        def chosen(button: object) -> None:
            workspace = self.workspace
            if button is not stop or workspace is None:
                return
            try:
                view.remove_key(workspace, key_id, self.lang)
            except SafetyKitError as error:
                self._banner(user_message(error), keys=True)
                return
            self._changed()
            self._banner(
                tr("Key {key_id} is no longer trusted.").format(key_id=ltr(key_id)),
                error=False,
                keys=True,
            )

        box.buttonClicked.connect(chosen)
        box.open()
