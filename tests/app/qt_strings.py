"""Qt's own strings in the dialogs SafetyKit uses, found by asking Qt itself.

A translator that records every (context, source, disambiguation) Qt asks for is
installed while the dialogs are built and shown: Qt's file dialog (never the system's,
see safetykit/app/file_dialogs.py), the print dialog and its page options, message
boxes with the standard buttons the app uses, the date picker's calendar, and the
context menus of text fields. ``missing`` then asks ``qtbase_<lang>.qm`` for each."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtPrintSupport import QPageSetupDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

Key = tuple[str, str, str]  # context, source text, disambiguation


class _Recorder(QTranslator):
    def __init__(self) -> None:
        super().__init__()
        self.seen: set[Key] = set()

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if context and source:
            self.seen.add((context, source, disambiguation or ""))
        return ""

    def isEmpty(self) -> bool:
        return False


def dialog_strings(app: QApplication) -> set[Key]:
    recorder = _Recorder()
    app.installTranslator(recorder)
    keep: list[object] = []
    try:
        files = QFileDialog()
        files.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        files.setFileMode(QFileDialog.FileMode.ExistingFile)
        files.show()
        saving = QFileDialog()
        saving.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        saving.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        saving.show()
        printer = QPrinter()
        printing = QPrintDialog(printer)
        printing.show()
        page_setup = QPageSetupDialog(printer)  # the print dialog's "Properties"
        page_setup.show()
        box = QMessageBox()
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(
            buttons.Ok | buttons.Cancel | buttons.Close | buttons.Discard | buttons.Yes | buttons.No
        )
        box.show()
        closing = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        calendar = QCalendarWidget()
        calendar.show()
        menus = [
            QLineEdit().createStandardContextMenu(),
            QPlainTextEdit().createStandardContextMenu(),
        ]
        keep += [files, saving, printer, printing, page_setup, box, closing, calendar, *menus]
        app.processEvents()
        for widget in (files, saving, printing, page_setup, box, calendar):
            assert isinstance(widget, QWidget)
            widget.close()
    finally:
        app.removeTranslator(recorder)
    return recorder.seen


def qt_catalog(lang: str) -> QTranslator | None:
    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return translator if translator.load(f"qtbase_{lang}", folder) else None


def missing(lang: str, keys: set[Key], translator: Any = None) -> list[Key]:
    """The strings Qt's own catalog (or ``translator``) leaves in English for ``lang``."""
    qt = translator or qt_catalog(lang)
    return sorted(
        key for key in keys if qt is None or not qt.translate(key[0], key[1], key[2] or None)
    )
