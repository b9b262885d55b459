"""The main window: the frame every screen lives in, with its menus.

File (Lock, Quit), Language (every language with a catalog, switched live) and Help
(About). Widgets are found by objectName in tests.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget, QWidget

from safetykit import APP_NAME, i18n
from safetykit.app.about_dialog import AboutDialog
from safetykit.app.language import LanguageController, tr
from safetykit.app.locked_page import LockedPage
from safetykit.app.session import Session
from safetykit.app.welcome_page import WelcomePage


class MainWindow(QMainWindow):
    def __init__(
        self,
        language: LanguageController,
        session: Session | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.language = language
        self.session = session or Session(self)
        self.about_dialog: AboutDialog | None = None

        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.welcome_page = WelcomePage()
        self.locked_page = LockedPage()
        self.locked_page.open_requested.connect(self.show_welcome)
        self.pages.addWidget(self.welcome_page)
        self.pages.addWidget(self.locked_page)
        self.setCentralWidget(self.pages)

        self._build_menus()
        self.session.locked.connect(self._show_locked)
        language.changed.connect(self.retranslate)
        self.retranslate()
        self.resize(QSize(960, 680))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = QMenu(self)
        self.file_menu.setObjectName("fileMenu")
        self.lock_action = QAction(self)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.session.lock)
        self.quit_action = QAction(self)
        self.quit_action.setObjectName("quitAction")
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        bar.addMenu(self.file_menu)

        self.language_menu = QMenu(self)
        self.language_menu.setObjectName("languageMenu")
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code in self.language.available():
            # Each language is named in itself, so anyone can find their own.
            action = QAction(i18n.language_name(code), self)
            action.setObjectName(f"languageAction_{code}")
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: self.language.set_language(c))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        bar.addMenu(self.language_menu)

        self.help_menu = QMenu(self)
        self.help_menu.setObjectName("helpMenu")
        self.about_action = QAction(self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)
        bar.addMenu(self.help_menu)

    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(APP_NAME)
        self.file_menu.setTitle(tr("&File"))
        self.lock_action.setText(tr("&Lock"))
        self.quit_action.setText(tr("&Quit"))
        self.language_menu.setTitle(tr("&Language"))
        self.help_menu.setTitle(tr("&Help"))
        self.about_action.setText(tr("&About SafetyKit"))
        current = self.language_actions.get(self.language.language)
        if current is not None:
            current.setChecked(True)
        self.welcome_page.retranslate()
        self.locked_page.retranslate()

    def show_about(self) -> None:
        # Built anew each time so it is in the current language.
        self.about_dialog = AboutDialog(self)
        self.about_dialog.open()

    def show_welcome(self) -> None:
        self.pages.setCurrentWidget(self.welcome_page)

    def _show_locked(self) -> None:
        self.pages.setCurrentWidget(self.locked_page)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session.lock()
        super().closeEvent(event)
