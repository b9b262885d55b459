"""First run: language → what SafetyKit does → passphrase → a trainer's pack
(optional) → the profile questions → the vault is made and the dashboard opens.

Until the last step nothing is written but plain settings (the language). The vault is
created on a worker thread (the key derivation is calibrated to about a second) with a
busy indicator; the window stays responsive.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from safetykit import i18n
from safetykit.app import file_dialogs
from safetykit.app.errors import user_message
from safetykit.app.language import LanguageController, mark_direction, number, tr
from safetykit.app.widgets.banner import Banner
from safetykit.app.widgets.focus import focus_first_control
from safetykit.app.widgets.passphrase_field import PassphraseField
from safetykit.app.widgets.profile_form import ProfileForm
from safetykit.app.widgets.roles import set_role
from safetykit.app.worker import run_in_background
from safetykit.views import onboarding as flow
from safetykit.views.profile import merge_answers, question_views

if TYPE_CHECKING:  # the crypto loads at unlock, not with the first window
    from safetykit.vault.kdf import KdfParams


def _heading(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    set_role(label, "heading")
    label.setWordWrap(True)
    return label


def _text(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


class OnboardingPage(QWidget):
    created = Signal(object)  # a Workspace: the new vault unlocked, its packs loaded
    keychain_answered = Signal(bool)  # the probe's answer: may the vault be remembered?

    def __init__(
        self,
        folder: Path,
        language: LanguageController,
        *,
        kdf_params: KdfParams | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("onboardingPage")
        self.folder = folder
        self.language = language
        self.kdf_params = kdf_params  # tests only (composition root)
        self.flow = flow.Onboarding(language=language.language)
        self._busy = False
        self._keychain_checked = False
        self._generation = 0

        self.step_label = QLabel()
        self.step_label.setObjectName("onboardingStep")
        self.steps = QStackedWidget()
        self.steps.setObjectName("onboardingSteps")
        self.steps.addWidget(self._language_step())
        self.steps.addWidget(self._promise_step())
        self.steps.addWidget(self._passphrase_step())
        self.steps.addWidget(self._pack_step())
        self.steps.addWidget(self._profile_step())

        self.banner = Banner("onboardingBanner")
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("onboardingBusy")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.hide()
        self.busy_label = _text("onboardingBusyText")
        self.busy_label.hide()
        self.back_button = QPushButton()
        self.back_button.setObjectName("onboardingBack")
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton()
        self.next_button.setObjectName("onboardingNext")
        self.next_button.setDefault(True)
        self.next_button.setAutoDefault(True)
        self.next_button.clicked.connect(self.go_forward)

        footer = QHBoxLayout()
        footer.addWidget(self.step_label)
        footer.addStretch(1)
        footer.addWidget(self.back_button)
        footer.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 24, 36, 24)
        layout.setSpacing(12)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.banner)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy_bar)
        layout.addLayout(footer)
        self.language.changed.connect(self._language_changed)
        # Enter goes forward on every step (setDefault works in dialogs only).
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._enter)
        self.retranslate()
        self._show_step()

    # --- the steps ---

    def _language_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.language_title = _heading("onboardingLanguageTitle")
        self.language_list = QListWidget()
        self.language_list.setObjectName("onboardingLanguageList")
        for code in self.language.available():
            item = QListWidgetItem(i18n.language_name(code))  # each named in itself
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.language_list.addItem(item)
            if code == self.language.language:
                self.language_list.setCurrentItem(item)
        self.language_list.currentItemChanged.connect(self._language_chosen)
        self.language_label = _text("onboardingLanguageLabel")
        self.language_label.setBuddy(self.language_list)
        layout.addWidget(self.language_title)
        layout.addWidget(self.language_label)
        layout.addWidget(self.language_list, 1)
        return page

    def _promise_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.promise_title = _heading("onboardingPromiseTitle")
        self.promise_does = _text("onboardingPromiseDoes")
        self.promise_offline = _text("onboardingPromiseOffline")
        self.promise_encrypted = _text("onboardingPromiseEncrypted")
        self.promise_recovery = _text("onboardingPromiseRecovery")
        self.promise_limits = _text("onboardingPromiseLimits")
        for widget in (
            self.promise_title,
            self.promise_does,
            self.promise_offline,
            self.promise_encrypted,
            self.promise_recovery,
            self.promise_limits,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        return page

    def _passphrase_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        widgets: list[QWidget]
        self.passphrase_title = _heading("onboardingPassphraseTitle")
        self.passphrase_intro = _text("onboardingPassphraseIntro")
        self.new_label = _text("onboardingNewPassphraseLabel")
        self.new_passphrase = PassphraseField("onboardingNewPassphrase", meter=True)
        self.new_label.setBuddy(self.new_passphrase.edit)
        self.confirm_label = _text("onboardingConfirmLabel")
        self.confirm_passphrase = PassphraseField("onboardingConfirmPassphrase")
        self.confirm_label.setBuddy(self.confirm_passphrase.edit)
        self.match_label = _text("onboardingPassphraseMatch")
        self.no_recovery = QCheckBox()
        self.no_recovery.setObjectName("onboardingNoRecovery")
        self.remember = QCheckBox()
        self.remember.setObjectName("onboardingRemember")
        self.remember.hide()  # offered only when a keychain answers the probe
        self.remember_note = _text("onboardingRememberNote")
        self.remember_note.hide()
        widgets = [
            self.passphrase_title,
            self.passphrase_intro,
            self.new_label,
            self.new_passphrase,
            self.confirm_label,
            self.confirm_passphrase,
            self.match_label,
            self.no_recovery,
            self.remember,
            self.remember_note,
        ]
        for widget in widgets:
            layout.addWidget(widget)
        layout.addStretch(1)
        self.new_passphrase.changed.connect(self._update_buttons)
        self.confirm_passphrase.changed.connect(self._update_buttons)
        self.no_recovery.toggled.connect(self._update_buttons)
        return page

    def _pack_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.pack_title = _heading("onboardingPackTitle")
        self.pack_intro = _text("onboardingPackIntro")
        self.pack_choose = QPushButton()
        self.pack_choose.setObjectName("onboardingPackChoose")
        self.pack_choose.clicked.connect(self._choose_pack)
        self.pack_remove = QPushButton()
        self.pack_remove.setObjectName("onboardingPackRemove")
        self.pack_remove.clicked.connect(self._remove_pack)
        self.pack_summary = _text("onboardingPackSummary")
        self.pack_warning = _text("onboardingPackWarning")
        self.pack_unverified = QCheckBox()
        self.pack_unverified.setObjectName("onboardingPackUnverified")
        self.pack_unverified.toggled.connect(self._unverified_toggled)
        self.pack_check: flow.PackCheck | None = None  # who signed the chosen file
        self._pack_path: Path | None = None
        row = QHBoxLayout()
        row.addWidget(self.pack_choose)
        row.addWidget(self.pack_remove)
        row.addStretch(1)
        layout.addWidget(self.pack_title)
        layout.addWidget(self.pack_intro)
        layout.addLayout(row)
        layout.addWidget(self.pack_summary)
        layout.addWidget(self.pack_warning)
        layout.addWidget(self.pack_unverified)
        layout.addStretch(1)
        return page

    def _profile_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.profile_title = _heading("onboardingProfileTitle")
        self.profile_form = ProfileForm("onboardingProfileForm")
        layout.addWidget(self.profile_title)
        layout.addWidget(self.profile_form, 1)
        return page

    # --- moving between steps ---

    def _enter(self) -> None:
        if self.new_passphrase.edit.hasFocus():
            self.confirm_passphrase.focus()  # Enter in the first field: on to the second
            return
        focused = self.focusWidget()
        if isinstance(focused, QPushButton) and focused is not self.next_button:
            focused.click()  # Enter on Back or a pack button does what it says
            return
        self.go_forward()

    def go_forward(self) -> None:
        if self._busy or not self._can_go_forward():
            return
        self.banner.clear()
        if self.flow.step is flow.Step.PASSPHRASE:
            self.flow.passphrase = self.new_passphrase.text()
            self.flow.remember = self.remember.isVisible() and self.remember.isChecked()
        if self.flow.step is flow.Step.PROFILE:
            self._create()
            return
        if self.flow.forward() is flow.Step.PROFILE:
            self._load_questions()
        self._show_step()

    def go_back(self) -> None:
        if self._busy or self.flow.index == 0:
            return
        self.banner.clear()
        if self.flow.step is flow.Step.PROFILE:
            self._keep_profile_answers()
        self.flow.back()
        self._show_step()

    def _can_go_forward(self) -> bool:
        step = self.flow.step
        if step is flow.Step.PASSPHRASE:
            strength = self.new_passphrase.strength
            return (
                strength.acceptable
                and self.new_passphrase.text() == self.confirm_passphrase.text()
                and self.no_recovery.isChecked()
            )
        if step is flow.Step.PACK and self.pack_check is not None:
            return self.flow.pack is not None and (
                self.flow.pack.trusted or self.pack_unverified.isChecked()
            )
        return True

    def _show_step(self) -> None:
        self.steps.setCurrentIndex(self.flow.index)
        if self.flow.step is flow.Step.PASSPHRASE and not self._keychain_checked:
            self._probe_keychain()
        self.retranslate()
        focus = {
            flow.Step.LANGUAGE: self.language_list,
            flow.Step.PROMISE: self.next_button,
            flow.Step.PASSPHRASE: self.new_passphrase.edit,
            flow.Step.PACK: self.pack_choose,
            flow.Step.PROFILE: None,
        }[self.flow.step]
        if focus is None:
            focus_first_control(self.profile_form)  # the first question, not the form
        else:
            focus.setFocus()

    def _update_buttons(self) -> None:
        self.back_button.setEnabled(self.flow.index > 0 and not self._busy)
        self.next_button.setEnabled(self._can_go_forward() and not self._busy)
        if self.flow.step is flow.Step.PASSPHRASE:
            typed = self.confirm_passphrase.text()
            if typed and typed != self.new_passphrase.text():
                self.match_label.setText(tr("The two passphrases are not the same yet."))
            elif typed:
                self.match_label.setText(tr("The two passphrases are the same."))
            else:
                self.match_label.clear()

    # --- language ---

    def _language_chosen(self, item: QListWidgetItem | None, _old: object = None) -> None:
        if item is not None:
            code = item.data(Qt.ItemDataRole.UserRole)
            self.flow.language = code
            self.language.set_language(code)

    def _language_changed(self, _code: str) -> None:
        self.retranslate()
        if self.flow.step is flow.Step.PROFILE:
            self._keep_profile_answers()
            self._load_questions()

    # --- keychain ---

    def _probe_keychain(self) -> None:
        self._keychain_checked = True
        from safetykit.vault.keychain import probe

        run_in_background(
            probe, self, self._keychain_probed, lambda _e: self._keychain_probed(False)
        )

    def _keychain_probed(self, available: object) -> None:
        shown = bool(available)
        self.remember.setVisible(shown)
        self.remember_note.setVisible(shown)
        self.keychain_answered.emit(shown)

    # --- the trainer's pack ---

    def _choose_pack(self) -> None:
        file_dialogs.open_file(
            self,
            tr("Choose a checklist pack"),
            [tr("Checklist packs (*.skpack)")],
            self._pack_chosen,
        )

    def _pack_chosen(self, path: Path) -> None:
        """Check who signed the file first; its content is read at once only for a
        trusted signer, else after the person ticks "use it anyway" (issue 12 #7)."""
        from safetykit.errors import SafetyKitError

        self.banner.clear()
        self.flow.pack = None
        self.pack_check = None
        self._pack_path = path
        self.pack_unverified.blockSignals(True)
        self.pack_unverified.setChecked(False)
        self.pack_unverified.blockSignals(False)
        try:
            check = flow.check_pack_file(path)
            if check.trusted:
                self.flow.pack = flow.preview_pack(path, self.language.language)
            self.pack_check = check
        except SafetyKitError as error:
            self.pack_check = None
            self.banner.show_message(
                tr("This pack cannot be used: {reason}").format(reason=user_message(error))
            )
        self.retranslate()

    def _unverified_toggled(self, on: bool) -> None:
        from safetykit.errors import SafetyKitError

        if on and self.flow.pack is None and self._pack_path is not None:
            try:
                self.flow.pack = flow.preview_pack(
                    self._pack_path, self.language.language, allow_unverified=True
                )
            except SafetyKitError as error:
                self.pack_check = None
                self.banner.show_message(
                    tr("This pack cannot be used: {reason}").format(reason=user_message(error))
                )
        self.retranslate()

    def _remove_pack(self) -> None:
        self.flow.pack = None
        self.pack_check = None
        self._pack_path = None
        self.pack_unverified.blockSignals(True)
        self.pack_unverified.setChecked(False)
        self.pack_unverified.blockSignals(False)
        self.retranslate()
        self.pack_choose.setFocus()

    # --- profile ---

    def _packs(self) -> list[object]:
        from safetykit.packs.catalog import builtin_packs, org_packs

        packs: list[object] = [*builtin_packs(self.language.language)]
        packs += org_packs(self.language.language)
        if self.flow.pack is not None:
            packs.append(self.flow.pack.pack)
        return packs

    def _load_questions(self) -> None:
        packs = self._packs()
        self.profile_form.set_questions(question_views(packs, self.flow.profile))  # type: ignore[arg-type]
        # The questions join the focus chain last; put them before Back and Create.
        inner = self.profile_form.widget()
        chain = [
            w
            for w in (inner.findChildren(QWidget) if inner is not None else [])
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        chain += [self.back_button, self.next_button]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _keep_profile_answers(self) -> None:
        views = question_views(self._packs(), self.flow.profile)  # type: ignore[arg-type]
        self.flow.profile = merge_answers(views, self.profile_form.answers(), self.flow.profile)

    # --- creating the vault ---

    def _create(self) -> None:
        self._keep_profile_answers()
        self._set_busy(True)
        state = self.flow
        folder, params = self.folder, self.kdf_params
        self._generation += 1
        generation = self._generation
        allow_unverified = self.pack_unverified.isChecked()
        lang = self.language.language

        def make() -> object:
            from safetykit.views.workspace import Workspace

            return Workspace.opened(
                lambda: flow.create_vault(
                    folder,
                    state.passphrase,
                    remember=state.remember,
                    pack=state.pack,
                    allow_unverified=allow_unverified,
                    profile=state.profile,
                    kdf_params=params,
                ),
                lang,
            )

        run_in_background(
            make,
            self,
            self._created,
            self._failed,
            still_wanted=lambda: generation == self._generation,
        )

    def _created(self, workspace: object) -> None:
        self._set_busy(False)
        self.reset()
        self.created.emit(workspace)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.banner.show_message(
            tr("The vault could not be created: {reason}").format(reason=user_message(error))
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.steps.setEnabled(not busy)
        self._update_buttons()
        if busy:
            self.busy_label.setFocus()

    def reset(self) -> None:
        """Forget everything typed (after creation, or when the app locks)."""
        self._generation += 1
        self.flow.forget()
        self.flow.step = flow.Step.LANGUAGE
        self.new_passphrase.clear()
        self.confirm_passphrase.clear()
        self.no_recovery.setChecked(False)
        self.remember.setChecked(False)
        self.pack_check = None
        self._pack_path = None
        self.pack_unverified.blockSignals(True)
        self.pack_unverified.setChecked(False)
        self.pack_unverified.blockSignals(False)
        self.profile_form.clear()
        self.banner.clear()
        self._show_step()

    # --- words ---

    def retranslate(self) -> None:
        self.step_label.setText(
            tr("Step {number} of {total}").format(
                number=number(self.flow.index + 1), total=number(len(flow.STEPS))
            )
        )
        self.back_button.setText(tr("&Back"))
        last = self.flow.step is flow.Step.PROFILE
        self.next_button.setText(tr("&Create vault") if last else tr("&Next"))
        self.language_title.setText(tr("Welcome to SafetyKit"))
        self.language_label.setText(tr("Cho&ose your language:"))
        self.promise_title.setText(tr("What SafetyKit does"))
        self.promise_does.setText(
            tr(
                "SafetyKit asks a few questions about your work, shows you the privacy "
                "and safety checklists that fit, and turns your answers into a plan of "
                "what to do first."
            )
        )
        self.promise_offline.setText(
            tr("It never uses the network: no accounts, no updates, nothing is sent.")
        )
        self.promise_encrypted.setText(
            tr(
                "Your answers are kept on this computer in one encrypted file, opened "
                "with a passphrase that only you know."
            )
        )
        self.promise_recovery.setText(
            tr(
                "If you forget the passphrase, nobody can recover your answers, not even "
                "the people who make SafetyKit."
            )
        )
        self.promise_limits.setText(
            tr(
                "It cannot protect you from someone who watches your screen or has "
                "already installed spyware on this computer."
            )
        )
        self.passphrase_title.setText(tr("Create a passphrase"))
        self.passphrase_intro.setText(
            tr(
                "A passphrase is a long password made of several words. Four or five "
                "unrelated words are easy to remember and hard to guess."
            )
        )
        self.new_label.setText(tr("&Passphrase:"))
        self.new_passphrase.set_accessible_name(tr("Passphrase"))
        self.confirm_label.setText(tr("Type it &again:"))
        self.confirm_passphrase.set_accessible_name(tr("Type it again"))
        self.no_recovery.setText(tr("I understand that a lost passphrase cannot be recovered"))
        self.remember.setText(tr("&Remember on this device (the system keychain opens it)"))
        self.remember_note.setText(
            tr(
                "Anyone who can log in to this computer as you could then open SafetyKit "
                "without the passphrase. Leave this off if others use this account."
            )
        )
        self.new_passphrase.retranslate()
        self.confirm_passphrase.retranslate()
        self.pack_title.setText(tr("A checklist pack from your trainer (optional)"))
        self.pack_intro.setText(
            tr(
                "If a trainer or an organisation gave you a checklist pack (a file "
                "ending in .skpack), add it here. You can also skip this and add packs "
                "later."
            )
        )
        self.pack_choose.setText(tr("Choose a pac&k file…"))
        self.pack_remove.setText(tr("Do&n't use this pack"))
        preview = self.flow.pack
        check = self.pack_check
        self.pack_remove.setVisible(check is not None)
        if check is None:
            self.pack_summary.clear()
            self.pack_warning.hide()
            self.pack_unverified.hide()
        else:
            if preview is not None:
                self.pack_summary.setText(
                    mark_direction(
                        tr("{name}, version {version}, from {publisher}.").format(
                            name=preview.pack.name,
                            version=number(preview.pack.version),
                            publisher=preview.pack.publisher,
                        )
                    )
                )
            else:
                self.pack_summary.setText(
                    tr("SafetyKit does not read what is in it until you choose to use it anyway.")
                )
            if check.trusted:
                self.pack_warning.setText(tr("Signed by a key this copy of SafetyKit trusts."))
                self.pack_warning.show()
                self.pack_unverified.hide()
            else:
                self.pack_warning.setText(
                    tr(
                        "This pack is not signed by a key SafetyKit trusts, so nobody "
                        "can tell who wrote it or whether it was changed. Use it only if "
                        "you got it in person from someone you trust. It will be marked "
                        "unverified everywhere, the printed plan included."
                    )
                )
                self.pack_warning.show()
                self.pack_unverified.setText(tr("&Use it anyway, marked unverified"))
                self.pack_unverified.show()
        self.profile_title.setText(tr("About your situation"))
        self.profile_form.retranslate()
        self.busy_label.setText(tr("Creating your vault. This takes a few seconds…"))
        self.busy_bar.setAccessibleName(self.busy_label.text())
        self._update_buttons()
