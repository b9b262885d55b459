"""The plan screen: the preview is the same HTML, options change it, and Print…,
Save as PDF… and Save as HTML… write what they say (the PDF read back with pdftotext)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from safetykit.app.language import LanguageController
from tests.app.journey import click, first_run, window
from tests.helpers import require_tool


def _to_plan(qtbot: QtBot, language: LanguageController, folder: Path):
    win = window(qtbot, language, folder)
    first_run(qtbot, win)
    assert win.private is not None
    click(qtbot, win.private.dashboard.continue_button)
    checklist = win.private.checklist
    checklist.setFocus()
    for _ in range(3):
        qtbot.keyClick(checklist, "1")
    click(qtbot, win.private.header.buttons["plan"])
    page = win.private.plan
    assert win.private.pages.currentWidget() is page
    return win, page


def _pdf_text(path: Path) -> str:
    tool = require_tool("pdftotext")
    return subprocess.run(
        [tool, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _choose(qtbot: QtBot, win: object, path: Path) -> None:
    dialog = win.findChild(QFileDialog, "saveFileDialog")  # type: ignore[attr-defined]
    assert dialog is not None and dialog.isVisible()
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.selectFile(str(path))
    dialog.accept()


def test_preview_options_and_saved_files(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win, page = _to_plan(qtbot, language, tmp_path / "data")
    assert "Action plan" in page.preview.toPlainText()
    assert "not encrypted" in page.warning.text()
    assert not page.notes.isChecked()  # notes are left out by default
    full = page.preview.toPlainText()
    page.detail.setCurrentIndex(page.detail.findData("actions"))
    assert page.html and page.preview.toPlainText() != full
    assert len(page.preview.toPlainText()) < len(full)

    out = tmp_path / "out"
    out.mkdir()
    click(qtbot, page.pdf_button)
    _choose(qtbot, win, out / "my plan.pdf")
    qtbot.waitUntil(lambda: (out / "my plan.pdf").exists() and page.busy.isHidden(), timeout=20_000)
    assert "not encrypted" in page.banner.text
    assert (out / "my plan.pdf").stat().st_mode & 0o777 == 0o600
    text = _pdf_text(out / "my plan.pdf")
    assert "Action plan" in text

    click(qtbot, page.html_button)
    _choose(qtbot, win, out / "plan.html")
    qtbot.waitUntil(lambda: (out / "plan.html").exists(), timeout=20_000)
    html = (out / "plan.html").read_text(encoding="utf-8")
    assert html == page.html
    assert "Content-Security-Policy" in html
    win.lock()


def test_print_goes_through_qt_printing(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    """CI has no printers: Qt's PDF printer output stands in for one."""
    win, page = _to_plan(qtbot, language, tmp_path / "data")
    page.set_paper("letter")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    page.print_to(printer)
    assert target.exists()
    assert "Action plan" in _pdf_text(target)
    assert "sent to the printer" in page.banner.text
    win.lock()


def test_the_print_dialog_opens(qtbot: QtBot, language: LanguageController, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    win, page = _to_plan(qtbot, language, tmp_path / "data")
    click(qtbot, page.print_button)
    dialog = win.findChild(QPrintDialog, "printDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.reject()
    win.lock()
