"""What ``safetykit self-test`` starts in a child process to try Qt (``--probe``).

``qt``: a bare QMainWindow on whatever platform the environment chooses, and Qt's own
catalogs for each launch language. ``window``: the app itself, exactly as
``safetykit --data-dir DIR`` starts it, until its first window is shown. ``about``:
the text of Help › About (an organisation's build shows its name there). Each prints
one line and exits; the parent reads it (safetykit/selftest.py). A child, so a broken
Qt cannot take the self-test down, and the same code runs in the frozen app, where
there is no Python to give ``-c`` to.
"""

from __future__ import annotations

import sys
from pathlib import Path


def probe_qt() -> int:
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtWidgets import QApplication, QMainWindow

    from safetykit import i18n

    app = QApplication(["safetykit-self-test"])
    window = QMainWindow()
    window.show()
    app.processEvents()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    missing = [
        lang
        for lang in i18n.available_languages()
        if lang != i18n.SOURCE_LANGUAGE and not QTranslator().load(f"qtbase_{lang}", folder)
    ]
    print(f"platform={app.platformName()} missing_qt_catalogs={','.join(missing)}")
    return 0


def probe_window(data_dir: Path) -> int:
    """Start the app as the user does; quit on the event loop's first turn after its
    first window is shown, printing that window's class and title."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from safetykit.app.application import run_app

    original = QApplication.exec
    shown: list[str] = []

    def report_then_quit() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and widget.isWindow() and widget.parent() is None:
                shown.append(f"{type(widget).__name__} {widget.windowTitle()!r}")
        QApplication.quit()

    def exec_once() -> int:
        QTimer.singleShot(0, report_then_quit)
        return original()

    QApplication.exec = staticmethod(exec_once)  # type: ignore[method-assign]
    status = run_app(data_dir=str(data_dir), lang="en")
    if not shown:
        print("window=none", flush=True)
        return 1
    print(f"window={shown[0]}", flush=True)
    return status


def probe_about() -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    from safetykit.app.about_dialog import AboutDialog

    app = QApplication(["safetykit-self-test"])
    dialog = AboutDialog()
    dialog.show()
    app.processEvents()
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    print("about=" + " | ".join(" ".join(text.split()) for text in texts))
    return 0


def main(kind: str, data_dir: str | None) -> int:
    if kind == "qt":
        return probe_qt()
    if kind == "about":
        return probe_about()
    if data_dir is None:
        print("the window probe needs --data-dir", file=sys.stderr)
        return 2
    return probe_window(Path(data_dir))
