"""Start the desktop app: one instance per data folder, language, style, main window."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from safetykit import APP_NAME, __version__, i18n, resources
from safetykit.oslock import LockHeld, OsLock
from safetykit.paths import ensure_private_dir, resolve_data_dir
from safetykit.settings import Settings, load_settings, save_settings

INSTANCE_LOCK = "app.lock"


def run_app(data_dir: str | None, lang: str | None) -> int:
    folder = ensure_private_dir(resolve_data_dir(data_dir))
    # An OS lock, not a PID file: the kernel releases it if we are killed.
    instance = OsLock(folder / INSTANCE_LOCK)
    try:
        instance.acquire()
    except LockHeld:
        print(
            f"safetykit: SafetyKit is already open for this data folder ({folder}); "
            "switch to that window",
            file=sys.stderr,
        )
        return 1
    try:
        return _run_qt(folder, lang, instance.release)
    finally:
        instance.release()


def _run_qt(folder: Path, lang: str | None, instance_release: Callable[[], None]) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from safetykit.app import gc_guard
    from safetykit.app.errors import install_excepthook
    from safetykit.app.file_dialogs import forget_qt_settings
    from safetykit.app.language import LanguageController
    from safetykit.app.main_window import MainWindow
    from safetykit.app.worker import favour_ui_thread

    forget_qt_settings()  # before any dialog: Qt's own settings file is never written
    install_excepthook()

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    gc_guard.install(app)
    favour_ui_thread()
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("org.safetykit.SafetyKit")
    icon = resources.ui_dir() / "icons" / "safetykit.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    style = resources.ui_dir() / "style.qss"
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))

    settings = load_settings(folder)
    language = LanguageController(app)
    language.set_language(i18n.choose_language(lang, settings.language, i18n.system_languages()))

    window = MainWindow(language, folder)
    window.resize(settings.window_width, settings.window_height)

    def remember_language(code: str) -> None:
        settings.language = code
        _save_quietly(folder, settings)

    language.changed.connect(remember_language)

    def end_now() -> None:
        # Quick exit: the window is hidden and the vault locked. Leave no process behind
        # (a worker still deriving a key would keep Qt's pool, and the instance lock,
        # alive for a second): release the lock and end here.
        instance_release()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)

    window.quick_exited.connect(end_now)
    window.show()
    from safetykit.app import preload

    preload.start(language.language)
    status = app.exec()
    settings.window_width, settings.window_height = window.width(), window.height()
    _save_quietly(folder, settings)
    return int(status)


def _save_quietly(folder: Path, settings: Settings) -> None:
    # A read-only or full disk must not stop the app; these are only preferences.
    with contextlib.suppress(OSError):
        save_settings(folder, settings)
