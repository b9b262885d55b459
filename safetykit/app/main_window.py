"""The main window: menus, and the router between screens.

Public screens (first run, unlock) live for the whole run; the private ones (dashboard,
checklist, plan, profile) are built when the vault is unlocked and deleted when it
locks, so nothing of the user's survives a lock in a widget (DESIGN §12).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from safetykit import APP_NAME, i18n
from safetykit.app.dialogs.wipe_dialog import WipeDialog
from safetykit.app.errors import user_message
from safetykit.app.help import help_text
from safetykit.app.language import (
    LanguageController,
    current_language,
    mark_direction,
    ntr,
    number,
    review_text,
    tr,
)
from safetykit.app.session import Session
from safetykit.app.widgets.focus import focus_first_control
from safetykit.app.widgets.message_box import message_box
from safetykit.app.worker import run_in_background
from safetykit.errors import SafetyKitError
from safetykit.views.preferences import DEFAULT_QUICK_EXIT, Preferences

if TYPE_CHECKING:  # loaded at unlock, not with the first window
    from safetykit.app.about_dialog import AboutDialog
    from safetykit.app.pack_actions import PackActions
    from safetykit.app.pages.onboarding_page import OnboardingPage
    from safetykit.app.pages.unlock_page import UnlockPage
    from safetykit.app.private_area import PrivateArea
    from safetykit.vault.kdf import KdfParams


class MainWindow(QMainWindow):
    quick_exited = Signal()  # the window is hidden and locked: the process should end now

    def __init__(
        self,
        language: LanguageController,
        folder: Path,
        *,
        session: Session | None = None,
        kdf_params: KdfParams | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.language = language
        self.folder = folder
        self.session = session or Session(folder, self)
        self.about_dialog: AboutDialog | None = None  # built when first asked for
        self.dialog: QWidget | None = None
        self.private: PrivateArea | None = None  # built at unlock, deleted at lock
        # Kept for the rest of the run once the vault said so, so the title does not
        # turn back to "SafetyKit" when the vault locks.
        self.neutral_title = False
        self._navigated = False  # a private screen was chosen since the unlock

        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.kdf_params = kdf_params  # tests only (the composition root passes it)
        # Built when first shown: a start with a vault never builds the first-run wizard.
        self._onboarding: OnboardingPage | None = None
        self._unlock: UnlockPage | None = None
        self.setCentralWidget(self.pages)

        self._build_menus()
        self._pack_actions: PackActions | None = None  # made at first use (its imports
        # load the pack and signature modules, which the first window does not need)
        from safetykit.app.safety import ClipboardGuard, IdleWatcher, SystemLockWatcher

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.idle = IdleWatcher(app, parent=self)
        self.idle.idle.connect(self.auto_lock)
        self.system_lock = SystemLockWatcher(self)
        self.system_lock.locked.connect(self.auto_lock)
        self.clipboard_guard = ClipboardGuard(app, parent=self)
        self.session.locked.connect(self._after_lock)
        self.session.save_started.connect(self._save_started)
        self.session.saved.connect(self._saved)
        self.session.save_failed.connect(self._save_failed)
        language.changed.connect(self.retranslate)
        self.retranslate()
        self.resize(QSize(960, 680))
        self.setMinimumSize(QSize(800, 600))
        self.show_start()

    @property
    def pack_actions(self) -> PackActions:
        if self._pack_actions is None:
            from safetykit.app.pack_actions import PackActions

            self._pack_actions = PackActions(self)
        return self._pack_actions

    # --- the public pages, built on first use ---

    @property
    def onboarding_page(self) -> OnboardingPage:
        if self._onboarding is None:
            from safetykit.app.pages import onboarding_page

            page = self._onboarding = onboarding_page.OnboardingPage(
                self.folder, self.language, kdf_params=self.kdf_params
            )
            page.created.connect(self._unlocked)
            self.pages.addWidget(page)
        return self._onboarding

    @property
    def unlock_page(self) -> UnlockPage:
        if self._unlock is None:
            from safetykit.app.pages import unlock_page

            page = self._unlock = unlock_page.UnlockPage(
                self.folder, lambda: self.language.language
            )
            page.unlocked.connect(self._unlocked)
            page.wipe_requested.connect(self.ask_wipe)
            self.pages.addWidget(page)
        return self._unlock

    # --- menus ---

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = QMenu(self)
        self.file_menu.setObjectName("fileMenu")
        self.lock_action = QAction(self)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.quit_action = QAction(self)
        self.quit_action.setObjectName("quitAction")
        quit_keys = QKeySequence(QKeySequence.StandardKey.Quit)
        # Windows (and the offscreen platform) have no standard Quit key.
        self.quit_action.setShortcut(
            quit_keys if not quit_keys.isEmpty() else QKeySequence("Ctrl+Q")
        )
        self.quit_action.triggered.connect(self.close)
        self.quick_exit_action = QAction(self)
        self.quick_exit_action.setObjectName("quickExitAction")
        self.quick_exit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quick_exit_action.triggered.connect(self.quick_exit)
        self.addAction(self.quick_exit_action)  # works with the menus closed, too
        self.set_quick_exit_shortcut(DEFAULT_QUICK_EXIT)
        self.file_menu.addAction(self.quick_exit_action)
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        bar.addMenu(self.file_menu)

        self.go_menu = QMenu(self)
        self.go_menu.setObjectName("goMenu")
        self.go_actions: dict[str, QAction] = {}
        for key, shortcut in (
            ("dashboard", "Ctrl+1"),
            ("checklist", "Ctrl+2"),
            ("plan", "Ctrl+3"),
            ("profile", "Ctrl+4"),
            ("history", "Ctrl+5"),
            ("packs", "Ctrl+6"),
            ("keys", "Ctrl+7"),
            ("settings", "Ctrl+,"),
        ):
            action = QAction(self)
            action.setObjectName(f"goAction_{key}")
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _=False, k=key: self.navigate(k))
            self.go_menu.addAction(action)
            self.go_actions[key] = action
        bar.addMenu(self.go_menu)

        self.language_menu = QMenu(self)
        self.language_menu.setObjectName("languageMenu")
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code in self.language.available():
            # Each language is named in itself, so anyone can find their own, with its
            # translation's review status, also in that language.
            # (The status is added when the menu first opens: it reads every
            # language's catalog, which the first window must not wait for.)
            action = QAction(i18n.language_name(code).replace("&", "&&"), self)
            action.setObjectName(f"languageAction_{code}")
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: self.language.set_language(c))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.language_menu.aboutToShow.connect(self._name_review_status)
        bar.addMenu(self.language_menu)

        self.help_menu = QMenu(self)
        self.help_menu.setObjectName("helpMenu")
        self.screen_help_action = QAction(self)
        self.screen_help_action.setObjectName("screenHelpAction")
        self.screen_help_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.screen_help_action.triggered.connect(self.show_screen_help)
        self.about_action = QAction(self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.triggered.connect(self.show_about)
        self.helplines_action = QAction(self)
        self.helplines_action.setObjectName("helplinesAction")
        self.helplines_action.triggered.connect(self.show_helplines)
        self.help_menu.addAction(self.screen_help_action)
        self.help_menu.addAction(self.helplines_action)
        self.help_menu.addAction(self.about_action)
        bar.addMenu(self.help_menu)

    def _name_review_status(self) -> None:
        """Each language in the menu, named in itself, with its translation's review
        status in that language too ("العربية — بانتظار المراجعة")."""
        for code, action in self.language_actions.items():
            name = i18n.language_name(code)
            if code != i18n.SOURCE_LANGUAGE:
                name += " — " + review_text(code, short=True, in_language=code)
            action.setText(name.replace("&", "&&"))
        self.language_menu.aboutToShow.disconnect(self._name_review_status)

    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(tr("Notes") if self.neutral_title else APP_NAME)
        self.file_menu.setTitle(tr("&File"))
        self.lock_action.setText(tr("&Lock"))
        self.quick_exit_action.setText(tr("Quick e&xit"))
        self.quit_action.setText(tr("&Quit"))
        self.go_menu.setTitle(tr("&Go"))
        self.go_actions["dashboard"].setText(tr("&Dashboard"))
        self.go_actions["checklist"].setText(tr("&Checklist"))
        self.go_actions["plan"].setText(tr("&Plan"))
        self.go_actions["profile"].setText(tr("P&rofile"))
        self.go_actions["history"].setText(tr("&History"))
        self.go_actions["packs"].setText(tr("P&acks"))
        self.go_actions["keys"].setText(tr("Trusted &keys"))
        self.go_actions["settings"].setText(tr("&Settings"))
        self.language_menu.setTitle(tr("&Language"))
        self.help_menu.setTitle(tr("&Help"))
        self.screen_help_action.setText(tr("Help for &this screen"))
        self.about_action.setText(tr("&About SafetyKit"))
        self.helplines_action.setText(tr("Help&lines…"))
        current = self.language_actions.get(self.language.language)
        if current is not None:
            current.setChecked(True)
        if self.about_dialog is not None and self.about_dialog.isVisible():
            self.about_dialog.retranslate()  # an open dialog follows the language too
        for public in (self._onboarding, self._unlock):
            if public is not None:
                public.retranslate()
        if self.private is not None:
            workspace = self.session.workspace
            if workspace is not None and _lang:
                workspace.reload_packs(self.language.language)
            self.private.retranslate()
            self._refresh_current()
        self._update_actions()

    def _update_actions(self) -> None:
        unlocked = self.private is not None
        self.lock_action.setEnabled(unlocked)
        for action in self.go_actions.values():
            action.setEnabled(unlocked)

    # --- public screens ---

    def show_start(self) -> None:
        from safetykit.vault import vault_exists

        if vault_exists(self.folder):
            self.unlock_page.prepare()
            self.pages.setCurrentWidget(self.unlock_page)
            self.unlock_page.passphrase.focus()
        else:
            self.onboarding_page.reset()
            self.pages.setCurrentWidget(self.onboarding_page)

    def ask_wipe(self, forgot: bool = True) -> None:
        dialog = WipeDialog(self, forgot=forgot)
        self.dialog = dialog
        dialog.accepted.connect(self._wipe)
        dialog.open()

    def _wipe(self) -> None:
        from safetykit.vault.wipe import wipe

        self.session.lock()
        wipe(self.folder)
        self.show_start()

    # --- unlocking and locking ---

    def _unlocked(self, opened: object) -> None:
        """A workspace from the unlock or first-run worker (vault open, packs loaded)."""
        from safetykit.views.workspace import Workspace

        assert isinstance(opened, Workspace)
        self.session.adopt(opened)
        if self._unlock is not None:
            self._unlock.forget()
        # In four turns of the event loop, so the window keeps answering (each turn
        # stays short; all at once stalled it for about 100 ms, issue 10): the frame
        # and header, then the dashboard page, then its content, then the switch to it.
        # The unlock screen stays up, saying "Unlocking…", until the dashboard is ready.
        generation = self.session.generation
        self._navigated = False
        self._build_private(show=False)

        def build_dashboard() -> None:
            if self.private is not None and self.session.current(generation):
                _ = self.private.dashboard
                QTimer.singleShot(0, fill_dashboard)

        def fill_dashboard() -> None:
            if self.private is not None and self.session.current(generation):
                self._refresh_dashboard()
                QTimer.singleShot(0, show_dashboard)

        def show_dashboard() -> None:
            if self.private is not None and self.session.current(generation):
                if not self._navigated:  # a Go shortcut pressed meanwhile wins
                    self.navigate("dashboard", refresh=False)
                self._show_vault_warnings()

        QTimer.singleShot(0, build_dashboard)

    def _show_vault_warnings(self) -> None:
        """What the vault noticed while opening (an older copy than last seen, a
        passphrase change that was interrupted, a keychain that could not be used),
        said once, calmly, above the dashboard."""
        workspace = self.session.workspace
        if workspace is None or self.private is None:
            return
        from safetykit.text import in_language

        # Kept as message ids by the vault; worded here, in the interface language.
        lang = current_language()
        notes = list(dict.fromkeys(in_language(note, lang) for note in workspace.vault.warnings))
        workspace.vault.warnings.clear()
        if notes:
            self.private.save_banner.show_message(mark_direction(" ".join(notes)), error=False)

    def _build_private(self, *, show: bool = True) -> None:
        from safetykit.app.private_area import PrivateArea

        area = self.private = PrivateArea(wire=self._wire)
        area.header.lock_requested.connect(self.lock)
        area.header.quick_exit_requested.connect(self.quick_exit)
        area.header.quick_exit_shortcut = self.quick_exit_action.shortcut().toString(
            QKeySequence.SequenceFormat.NativeText
        )
        area.header.navigate.connect(self.navigate)
        area.retry_button.clicked.connect(self._retry_save)
        self._apply_preferences()
        area.retranslate()
        self.pages.addWidget(area)
        if show:
            self.pages.setCurrentWidget(area)
        self._update_actions()
        self.idle.arm(True)

    def _wire(self, key: str, page: QWidget) -> None:
        """Connect a private page when it is first built (PrivateArea builds each on
        first use)."""
        from safetykit.app.pages import (
            checklist_page,
            dashboard_page,
            history_page,
            keys_page,
            packs_page,
            plan_page,
            profile_page,
            settings_page,
        )

        if isinstance(page, dashboard_page.DashboardPage):
            page.open_item.connect(self.open_item)
            page.continue_requested.connect(lambda: self.navigate("checklist"))
            page.plan_requested.connect(lambda: self.navigate("plan"))
            page.edit_profile_requested.connect(lambda: self.navigate("profile"))
            page.new_assessment_requested.connect(self.ask_new_assessment)
        elif isinstance(page, checklist_page.ChecklistPage):
            page.changed.connect(self.session.changed)
            page.dashboard_requested.connect(lambda: self.navigate("dashboard"))
        elif isinstance(page, plan_page.PlanPage):
            from safetykit.plan.paper import default_paper

            page.options_changed.connect(self._refresh_plan)
            page.dashboard_requested.connect(lambda: self.navigate("dashboard"))
            chosen = self.preferences().paper
            page.set_paper(chosen or default_paper(i18n.system_languages()))
        elif isinstance(page, profile_page.ProfilePage):
            page.saved.connect(self._profile_saved)
            page.cancelled.connect(lambda: self.navigate("dashboard"))
        elif isinstance(page, history_page.HistoryPage):
            page.open_requested.connect(self._open_assessment)
            page.compare_requested.connect(self._compare_assessments)
            page.delete_requested.connect(self.ask_delete_assessment)
        elif isinstance(page, settings_page.SettingsPage):
            page.preferences_changed.connect(self._preferences_changed)
            page.language_chosen.connect(self.language.set_language)
            page.remember_changed.connect(self._set_remember)
            page.change_passphrase_requested.connect(self.ask_change_passphrase)
            page.export_requested.connect(self.export_answers)
            page.import_requested.connect(self.import_answers)
            page.wipe_requested.connect(lambda: self.ask_wipe(forgot=False))
            page.save_copy_requested.connect(self.save_copy)
            page.restore_copy_requested.connect(self.ask_restore_copy)
            page.erase_requested.connect(self.ask_erase)
        elif isinstance(page, packs_page.PacksPage):
            page.used_changed.connect(self.pack_actions.set_used)
            page.import_requested.connect(self.pack_actions.ask_import)
            page.remove_requested.connect(self.pack_actions.ask_remove)
            page.keys_requested.connect(lambda: self.navigate("keys"))
        elif isinstance(page, keys_page.KeysPage):
            page.add_requested.connect(lambda: self.pack_actions.ask_add_key())
            page.remove_requested.connect(self.pack_actions.ask_remove_key)
            page.back_requested.connect(lambda: self.navigate("packs"))

    def lock(self) -> None:
        self.session.lock()

    def auto_lock(self) -> None:
        """Idle time, or the system's screen lock or sleep: lock and clear."""
        if self.session.is_unlocked:
            self.session.lock()

    def quick_exit(self) -> None:
        """Hide at once, lock, clear every view; the process then ends (quick_exited)."""
        self.hide()
        self._close_dialogs()
        try:
            self.session.lock()
        finally:
            self.clipboard_guard.forget()
            self.quick_exited.emit()

    def set_quick_exit_shortcut(self, text: str) -> None:
        sequence = QKeySequence(text)
        if sequence.isEmpty():
            sequence = QKeySequence(DEFAULT_QUICK_EXIT)
        self.quick_exit_action.setShortcut(sequence)
        if self.private is not None:
            self.private.header.quick_exit_shortcut = sequence.toString(
                QKeySequence.SequenceFormat.NativeText
            )
            self.private.header.retranslate()

    def _after_lock(self) -> None:
        self.idle.arm(False)
        self.clipboard_guard.forget()
        self._close_dialogs()
        area, self.private = self.private, None
        if area is not None:
            for page in area.all_pages():
                page.clear()
            self.pages.removeWidget(area)
            area.deleteLater()
        self.unlock_page.keychain_allowed = False  # the keychain serves the first unlock only
        self._update_actions()
        self.show_start()

    def _close_dialogs(self) -> None:
        """Every dialog goes on lock (file choosers, confirmations, a passphrase change
        under way): deleted, so a late worker result has nowhere to arrive."""
        for dialog in self.findChildren(QDialog):
            dialog.hide()
            dialog.deleteLater()
        self.dialog = None
        self.about_dialog = None

    # --- private screens ---

    def navigate(self, key: str, *, refresh: bool = True) -> None:
        """Show a private screen, brought up to date (``refresh=False``: the dashboard
        was filled a moment ago, at unlock)."""
        area = self.private
        workspace = self.session.workspace
        if area is None or workspace is None:
            return
        page: QWidget
        if key == "checklist":
            from safetykit.views.checklist import GuidedChecklist

            if area.checklist.guide is None:
                area.checklist.start(GuidedChecklist(workspace))
            else:
                area.checklist.guide.refresh()
                area.checklist.refresh()
            page = area.checklist
        elif key == "plan":
            self._refresh_plan()
            page = area.plan
        elif key == "history":
            from safetykit.views.history import history_lines

            area.history.show_lines(history_lines(workspace))
            page = area.history
        elif key == "settings":
            self._show_settings()
            page = area.settings
        elif key == "packs":
            page = area.packs
            self.pack_actions.show_packs()
        elif key == "keys":
            page = area.keys
            self.pack_actions.show_keys()
        elif key == "profile":
            from safetykit.views.profile import question_views

            area.profile.show_questions(question_views(workspace.packs, workspace.profile()))
            page = area.profile
        else:
            if refresh or area.dashboard.view is None:
                self._refresh_dashboard()
            page = area.dashboard
        area.pages.setCurrentWidget(page)
        self.pages.setCurrentWidget(area)
        self._navigated = True
        current = "packs" if key == "keys" else key
        area.header.set_current(current if current in area.header.buttons else "")
        focus_first_control(page)
        self._current = key

    def _refresh_guide(self) -> None:
        """The guided checklist, if open, follows a change made elsewhere."""
        page = self.private.guided_checklist_open() if self.private is not None else None
        if page is not None and page.guide is not None:
            page.guide.refresh()

    def _refresh_current(self) -> None:
        self.navigate(getattr(self, "_current", "dashboard"))

    def _refresh_dashboard(self) -> None:
        from safetykit.views.dashboard import build_dashboard_view

        workspace = self.session.workspace
        if workspace is None or self.private is None:
            return
        view = workspace.take_prepared_dashboard()
        if view is None:
            current, previous = workspace.current_and_previous()
            view = build_dashboard_view(workspace.applicable(), current, previous, dt.date.today())
        self.private.dashboard.show_view(view)

    def _refresh_plan(self) -> None:
        from safetykit.plan.content import build_plan
        from safetykit.plan.render import render_html

        workspace = self.session.workspace
        if workspace is None or self.private is None:
            return
        lang = self.language.language
        options = self.private.plan.options(lang)
        current, previous = workspace.current_and_previous()
        plan = build_plan(workspace.packs, workspace.profile(), current, previous, options)
        self.private.plan.show_html(render_html(plan), lang)

    def open_item(self, qualified_id: str) -> None:
        self.navigate("checklist")
        if self.private is not None:
            self.private.checklist.show_item(qualified_id)

    def ask_new_assessment(self) -> None:
        box = message_box(
            self, "newAssessmentDialog", QMessageBox.Icon.Question, tr("Start a new assessment?")
        )
        box.setText(
            tr(
                "A new assessment starts from your current answers, so you only change "
                "what moved. The current one is kept, and the dashboard shows the change."
            )
        )
        start = box.addButton(tr("&Start new assessment"), QMessageBox.ButtonRole.AcceptRole)
        start.setObjectName("newAssessmentStart")
        cancel = box.addButton(tr("&Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        self.dialog = box

        def chosen(button: object) -> None:
            if button is start and self.session.workspace is not None:
                self.session.workspace.start_new()
                self.session.changed()
                self._refresh_guide()
                self.navigate("dashboard")

        box.buttonClicked.connect(chosen)
        box.open()

    def _profile_saved(self, answers: dict[str, object]) -> None:
        from safetykit.views.profile import merge_answers, question_views

        workspace = self.session.workspace
        if workspace is None:
            return
        existing = workspace.profile()
        views = question_views(workspace.packs, existing)
        workspace.set_profile(merge_answers(views, answers, existing))  # type: ignore[arg-type]
        self.session.changed()
        self._refresh_guide()
        self.navigate("dashboard")

    # --- settings ---

    def preferences(self) -> Preferences:
        from safetykit.views import preferences

        workspace = self.session.workspace
        if workspace is None:
            return preferences.defaults()  # an organisation's build starts from its own
        return preferences.read(workspace.vault.data.get("settings", {}))

    def _apply_preferences(self) -> None:
        chosen = self.preferences()
        self.idle.set_minutes(chosen.auto_lock_minutes)
        self.set_quick_exit_shortcut(chosen.quick_exit_shortcut)
        if chosen.neutral_title:
            self.neutral_title = True
        self.setWindowTitle(tr("Notes") if self.neutral_title else APP_NAME)
        if self.private is not None:
            from safetykit.app.pages.plan_page import PlanPage
            from safetykit.plan.paper import default_paper

            plan = self.private.built("plan")
            if isinstance(plan, PlanPage):
                plan.set_paper(chosen.paper or default_paper(i18n.system_languages()))

    def _preferences_changed(self, chosen: object) -> None:
        from safetykit.views import preferences

        workspace = self.session.workspace
        if workspace is None or not isinstance(chosen, Preferences):
            return
        with workspace.vault.changing() as body:
            preferences.write(body.setdefault("settings", {}), chosen)
        self.session.changed()
        self.neutral_title = chosen.neutral_title
        self._apply_preferences()

    def _show_settings(self) -> None:
        from safetykit.vault.keychain import probe

        workspace = self.session.workspace
        if workspace is None or self.private is None:
            return
        page = self.private.settings
        remembered = workspace.vault.remembered
        page.show_state(self.preferences(), self.language.language, remembered, remembered)
        generation = self.session.generation

        def answered(ok: object) -> None:
            if self.private is not None and self.session.current(generation):
                self.private.settings.remember.setEnabled(bool(ok) or remembered)

        run_in_background(probe, page, answered, lambda _e: None)

    def _set_remember(self, on: bool) -> None:
        workspace = self.session.workspace
        if workspace is None or self.private is None:
            return
        page = self.private.settings
        page.set_remember_busy(True)
        vault = workspace.vault
        generation = self.session.generation

        def done(_result: object) -> None:
            page.set_remember_busy(False)
            page.banner.show_message(
                tr("This device now remembers the vault.")
                if on
                else tr("This device no longer remembers the vault."),
                error=False,
            )

        def failed(error: BaseException) -> None:
            page.set_remember_busy(False)
            page.show_state(self.preferences(), self.language.language, vault.remembered, True)
            page.banner.show_message(
                tr("The keychain could not be changed: {reason}").format(reason=user_message(error))
            )

        run_in_background(
            lambda: vault.set_remember(on),
            page,
            done,
            failed,
            still_wanted=lambda: self.session.current(generation),
        )

    def ask_change_passphrase(self) -> None:
        from safetykit.app.dialogs.passphrase_dialog import PassphraseDialog

        workspace = self.session.workspace
        if workspace is None:
            return
        dialog = PassphraseDialog(workspace.vault, kdf_params=self.kdf_params, parent=self)
        self.dialog = dialog

        def changed() -> None:
            if self.private is not None:
                self.private.settings.banner.show_message(
                    tr(
                        "The passphrase was changed. The old one no longer opens this "
                        "vault; a backup copy you saved earlier still opens with the old one."
                    ),
                    error=False,
                )

        dialog.changed.connect(changed)
        dialog.open()

    def save_copy(self) -> None:
        from safetykit.app import file_dialogs
        from safetykit.vault import copies

        def write(path: Path) -> None:
            workspace = self.session.workspace
            if workspace is None or self.private is None:
                return
            page = self.private.settings
            # Sealed on the UI thread (a copy of the body as it is now, milliseconds);
            # written on a worker: a USB stick can take seconds.
            blob = bytes(workspace.vault.sealed_copy())

            def done(_result: object) -> None:
                page.banner.show_message(
                    tr(
                        "Saved an encrypted backup copy to {name}. It opens with your "
                        "current passphrase."
                    ).format(name=path.name),
                    error=False,
                )

            def failed(error: BaseException) -> None:
                page.banner.show_message(
                    tr("The backup copy was not saved: {reason}").format(reason=user_message(error))
                )

            from safetykit.private_file import write_private_file

            run_in_background(
                lambda: write_private_file(path, blob),
                page,
                done,
                failed,
                still_wanted=self._still_unlocked(),
            )

        file_dialogs.save_file(
            self,
            tr("Save an encrypted backup copy"),
            [tr("SafetyKit backup copies (*.skv)")],
            copies.suggested_name(),
            "skv",
            write,
        )

    def ask_restore_copy(self) -> None:
        from safetykit.app import file_dialogs

        def chosen(path: Path) -> None:
            from safetykit.app.dialogs.restore_dialog import RestoreDialog

            workspace = self.session.workspace
            if workspace is None:
                return
            dialog = RestoreDialog(workspace.vault, path, self)
            self.dialog = dialog
            dialog.restore_chosen.connect(self._restore_copy)
            dialog.open()

        file_dialogs.open_file(
            self,
            tr("Restore from a backup copy"),
            [tr("SafetyKit backup copies (*.skv)")],
            chosen,
        )

    def _restore_copy(self, opened: object) -> None:
        from safetykit.vault import copies

        workspace = self.session.workspace
        if workspace is None or self.private is None:
            return
        assert isinstance(opened, copies.OpenedCopy)
        try:
            copies.restore_copy(workspace.vault, opened)
        except SafetyKitError as error:
            self.private.settings.banner.show_message(user_message(error))
            return
        workspace.reload_packs(self.language.language)
        self.session.changed()
        checklist = self.private.built("checklist")
        if checklist is not None:
            checklist.clear()
        self._apply_preferences()
        self._show_settings()
        self.private.settings.banner.show_message(
            tr("The backup copy {name} was restored.").format(name=opened.name), error=False
        )

    def ask_erase(self) -> None:
        from safetykit.app.dialogs.erase_dialog import EraseDialog

        workspace = self.session.workspace
        if workspace is None:
            return
        dialog = EraseDialog(workspace.vault, self)
        self.dialog = dialog

        def erased() -> None:
            if self.private is not None:
                self.private.settings.banner.show_message(
                    tr(
                        "The vault has a new key. Deleted data left in old blocks of the "
                        "disk no longer opens with your passphrase."
                    ),
                    error=False,
                )

        dialog.erased.connect(erased)
        dialog.open()

    def _still_unlocked(self) -> Callable[[], bool]:
        generation = self.session.generation
        return lambda: self.session.current(generation)

    def export_answers(self, notes: bool) -> None:
        from safetykit.app import file_dialogs

        def write(path: Path) -> None:
            from safetykit.private_file import write_private_file
            from safetykit.vault.export import dumps, export_document

            workspace = self.session.workspace
            if workspace is None or self.private is None:
                return
            try:
                document = export_document(workspace.vault.data, notes=notes)
                write_private_file(path, dumps(document).encode("utf-8"))
            except SafetyKitError as error:
                self.private.settings.banner.show_message(user_message(error))
                return
            self.private.settings.banner.show_message(
                tr("Saved {name}. It is not encrypted: keep it somewhere safe.").format(
                    name=path.name
                ),
                error=False,
            )

        file_dialogs.save_file(
            self,
            tr("Export your answers (not encrypted)"),
            [tr("JSON files (*.json)")],
            tr("answers") + ".json",
            "json",
            write,
        )

    def import_answers(self, replace: bool) -> None:
        from safetykit.app import file_dialogs

        def read(path: Path) -> None:
            from safetykit.vault.export import merge, parse_export

            workspace = self.session.workspace
            if workspace is None or self.private is None:
                return
            page = self.private.settings
            try:
                with path.open("rb") as handle:
                    raw = handle.read(64 * 1024 * 1024 + 1)
                content = parse_export(raw)
                with workspace.vault.changing() as body:
                    result = merge(body, content, replace=replace)
            except SafetyKitError as error:
                page.banner.show_message(
                    tr("Nothing was imported: {reason}").format(reason=user_message(error))
                )
                return
            except OSError:
                page.banner.show_message(tr("That file could not be read. Nothing was imported."))
                return
            self.session.changed()
            self._refresh_guide()
            page.banner.show_message(
                ntr(
                    "Imported {count} assessment: {added} new, {replaced} replaced.",
                    "Imported {count} assessments: {added} new, {replaced} replaced.",
                    result.added + result.replaced,
                ).format(
                    count=number(result.added + result.replaced),
                    added=number(result.added),
                    replaced=number(result.replaced),
                ),
                error=False,
            )

        file_dialogs.open_file(
            self, tr("Import answers from an export"), [tr("JSON files (*.json)")], read
        )

    # --- history ---

    def _open_assessment(self, assessment_id: str) -> None:
        from safetykit.views.history import history_lines, open_read_only

        workspace = self.session.workspace
        if workspace is None or self.private is None:
            return
        line = next(x for x in history_lines(workspace) if x.id == assessment_id)
        view = open_read_only(workspace, assessment_id, dt.date.today())
        self.private.history.show_assessment(line, view)

    def _compare_assessments(self, first: str, second: str) -> None:
        from safetykit.views.history import compare

        workspace = self.session.workspace
        if workspace is None or self.private is None:
            return
        self.private.history.show_comparison(compare(workspace, first, second))

    def ask_delete_assessment(self, assessment_id: str) -> None:
        box = message_box(
            self, "deleteAssessmentDialog", QMessageBox.Icon.Warning, tr("Delete this assessment?")
        )
        box.setText(
            tr(
                "This removes the assessment, its answers and notes from the vault. It "
                "cannot be undone."
            )
        )
        box.setInformativeText(
            tr(
                "What deletion does not do: until SafetyKit saves a few more times, the "
                "vault's backup copy still holds it, and old blocks on the disk may keep "
                "it, encrypted with your passphrase, until you use Settings › Erase "
                "deleted data for good. Backup copies you saved before keep it too."
            )
        )
        delete = box.addButton(tr("&Delete assessment"), QMessageBox.ButtonRole.DestructiveRole)
        delete.setObjectName("deleteAssessmentConfirm")
        cancel = box.addButton(tr("&Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        self.dialog = box

        def chosen(button: object) -> None:
            from safetykit.views.history import delete as delete_assessment

            workspace = self.session.workspace
            if button is delete and workspace is not None:
                delete_assessment(workspace, assessment_id)
                self.session.changed()
                self._refresh_guide()
                self.navigate("history")

        box.buttonClicked.connect(chosen)
        box.open()

    # --- saving ---

    def _save_started(self) -> None:
        if self.private is not None:
            self.private.header.show_saving()

    def _saved(self) -> None:
        if self.private is not None:
            self.private.header.show_saved()
            self.private.save_banner.clear()
            self.private.retry_button.hide()

    def _save_failed(self, error: object) -> None:
        if self.private is None:
            return
        self.private.header.show_failed()
        reason = user_message(error) if isinstance(error, BaseException) else ""
        self.private.save_banner.show_message(
            tr(
                "Your latest changes could not be saved: {reason} They are still here; "
                "SafetyKit tries again with your next change."
            ).format(reason=reason)
        )
        self.private.retry_button.show()

    def _retry_save(self) -> None:
        self.session.changed()

    # --- help ---

    def show_screen_help(self) -> None:
        current = self.pages.currentWidget()
        if current is self.private and self.private is not None:
            current = self.private.pages.currentWidget()
        name = current.objectName() if current is not None else ""
        box = message_box(
            self, "screenHelpDialog", QMessageBox.Icon.Information, tr("Help for this screen")
        )
        box.setText(help_text(name))
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        self.dialog = box
        box.open()

    def show_helplines(self) -> None:
        from safetykit.app.dialogs.helpline_dialog import HelplineDialog

        self.helpline_dialog = HelplineDialog(self)
        self.helpline_dialog.open()

    def show_about(self) -> None:
        # Built anew each time so it is in the current language.
        from safetykit.app.about_dialog import AboutDialog

        self.about_dialog = AboutDialog(self)
        self.about_dialog.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session.has_unsaved_changes:
            try:
                self.session.save_now()
            except SafetyKitError as error:
                answer = QMessageBox.warning(
                    self,
                    tr("Your latest changes are not saved"),
                    tr("They could not be saved: {reason} Close anyway and lose them?").format(
                        reason=user_message(error)
                    ),
                    QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Cancel,
                )
                if answer != QMessageBox.StandardButton.Discard:
                    event.ignore()
                    return
        self.session.lock()
        self.clipboard_guard.forget()
        super().closeEvent(event)
