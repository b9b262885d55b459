"""The plan: an in-app preview of the same HTML the files get (Qt's rich text, no web
engine), its options, and Print…, Save as PDF…, Save as HTML…, each saying that the
file is not encrypted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from safetykit import i18n
from safetykit.app import file_dialogs
from safetykit.app.errors import user_message
from safetykit.app.language import tr
from safetykit.app.widgets.banner import Banner
from safetykit.app.widgets.roles import set_role
from safetykit.app.worker import run_in_background
from safetykit.plan.content import PlanOptions


class PlanPage(QWidget):
    options_changed = Signal()
    dashboard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planPage")
        self.html = ""
        self.lang = "en"
        self._busy = False
        self._focus_after: QWidget | None = None
        self.build_html: Callable[[PlanOptions], str] | None = None

        self.title = QLabel()
        self.title.setObjectName("planTitle")
        set_role(self.title, "heading")
        self.detail_label = QLabel()
        self.detail_label.setObjectName("planDetailLabel")
        self.detail = QComboBox()
        self.detail.setObjectName("planDetail")
        self.detail.addItem("", "actions")
        self.detail.addItem("", "full")
        self.detail.setCurrentIndex(1)
        self.detail_label.setBuddy(self.detail)
        self.paper_label = QLabel()
        self.paper_label.setObjectName("planPaperLabel")
        self.paper = QComboBox()
        self.paper.setObjectName("planPaper")
        self.paper.addItem("A4", "a4")
        self.paper.addItem("", "letter")
        self.paper_label.setBuddy(self.paper)
        self.notes = QCheckBox()
        self.notes.setObjectName("planNotes")
        self.notes_why = QLabel()
        self.notes_why.setObjectName("planNotesWhy")
        self.notes_why.setWordWrap(True)
        for widget in (self.detail, self.paper):
            widget.currentIndexChanged.connect(lambda _i: self.options_changed.emit())
        self.notes.toggled.connect(lambda _on: self.options_changed.emit())

        self.preview = QTextBrowser()
        self.preview.setObjectName("planPreview")
        self.preview.setOpenLinks(False)  # the plan's links are for the reader, not to follow
        self.preview.setOpenExternalLinks(False)
        self.warning = QLabel()
        self.warning.setObjectName("planNotEncrypted")
        self.warning.setWordWrap(True)
        self.banner = Banner("planBanner")
        self.busy = QProgressBar()
        self.busy.setObjectName("planBusy")
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.back_button = QPushButton()
        self.back_button.setObjectName("planDashboard")
        self.back_button.clicked.connect(self.dashboard_requested)
        self.print_button = QPushButton()
        self.print_button.setObjectName("planPrint")
        self.print_button.clicked.connect(self.print_plan)
        self.pdf_button = QPushButton()
        self.pdf_button.setObjectName("planSavePdf")
        self.pdf_button.setDefault(True)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.html_button = QPushButton()
        self.html_button.setObjectName("planSaveHtml")
        self.html_button.clicked.connect(self.save_html)

        options = QHBoxLayout()
        options.addWidget(self.detail_label)
        options.addWidget(self.detail)
        options.addSpacing(12)
        options.addWidget(self.paper_label)
        options.addWidget(self.paper)
        options.addSpacing(12)
        options.addWidget(self.notes)
        options.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.html_button)
        buttons.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 18)
        layout.addWidget(self.title)
        layout.addLayout(options)
        layout.addWidget(self.notes_why)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.warning)
        layout.addWidget(self.banner)
        layout.addWidget(self.busy)
        layout.addLayout(buttons)
        self.retranslate()

    def options(self, lang: str) -> PlanOptions:
        return PlanOptions(
            lang=lang,
            detail=str(self.detail.currentData()),
            notes=self.notes.isChecked(),
            paper=str(self.paper.currentData()),
        )

    def set_paper(self, paper: str) -> None:
        index = self.paper.findData(paper)
        if index >= 0:
            self.paper.blockSignals(True)
            self.paper.setCurrentIndex(index)
            self.paper.blockSignals(False)

    def show_html(self, html: str, lang: str) -> None:
        self.html, self.lang = html, lang
        self.preview.setHtml(html)
        self.banner.clear()

    def clear(self) -> None:
        self.html = ""
        self.preview.clear()
        self.preview.document().clearUndoRedoStacks()
        self.notes.setChecked(False)
        self.banner.clear()

    @property
    def _rtl(self) -> bool:
        return i18n.text_direction(self.lang) == "rtl"

    # --- files ---

    def _set_busy(self, busy: bool) -> None:
        buttons = (self.print_button, self.pdf_button, self.html_button)
        if busy:
            # Disabling the focused button would send the focus elsewhere for good.
            focused = self.focusWidget()
            self._focus_after = focused if focused in buttons else None
        self._busy = busy
        self.busy.setVisible(busy)
        for button in buttons:
            button.setEnabled(not busy)
        if not busy and self._focus_after is not None:
            self._focus_after.setFocus()
            self._focus_after = None

    def _saved(self, path: Path) -> None:
        self._set_busy(False)
        self.banner.show_message(
            tr("Saved {name}. It is not encrypted: keep it somewhere safe.").format(name=path.name),
            error=False,
        )

    def _not_saved(self, error: BaseException) -> None:
        self._set_busy(False)
        self.banner.show_message(
            tr("The plan was not saved: {reason}").format(reason=user_message(error))
        )

    def save_pdf(self) -> None:
        if self._busy or not self.html:
            return
        file_dialogs.save_file(
            self,
            tr("Save the plan as PDF"),
            [tr("PDF files (*.pdf)")],
            tr("plan") + ".pdf",
            "pdf",
            self._write_pdf,
        )

    def _write_pdf(self, path: Path) -> None:
        from safetykit.private_file import write_private_file
        from safetykit.qtprint import html_to_pdf

        html, rtl, paper = self.html, self._rtl, str(self.paper.currentData())
        self._set_busy(True)
        run_in_background(
            lambda: write_private_file(path, html_to_pdf(html, paper=paper, rtl=rtl)),
            self,
            lambda _r: self._saved(path),
            self._not_saved,
        )

    def save_html(self) -> None:
        if self._busy or not self.html:
            return
        file_dialogs.save_file(
            self,
            tr("Save the plan as HTML"),
            [tr("Web pages (*.html)")],
            tr("plan") + ".html",
            "html",
            self._write_html,
        )

    def _write_html(self, path: Path) -> None:
        from safetykit.private_file import write_private_file

        data = self.html.encode("utf-8")
        self._set_busy(True)
        run_in_background(
            lambda: write_private_file(path, data),
            self,
            lambda _r: self._saved(path),
            self._not_saved,
        )

    def print_plan(self) -> None:
        if self._busy or not self.html:
            return
        from safetykit.qtprint import page_size

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(page_size(str(self.paper.currentData())))
        printer.setCreator("")
        self.printer = printer
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("printDialog")
        dialog.accepted.connect(lambda: self.print_to(printer))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

    def print_to(self, printer: QPrinter) -> None:
        from safetykit.qtprint import plan_document

        document: QTextDocument = plan_document(self.html, rtl=self._rtl)
        document.print_(printer)
        self.banner.show_message(
            tr("The plan was sent to the printer. A printed plan is not encrypted."),
            error=False,
        )

    def retranslate(self, _lang: str = "") -> None:
        self.title.setText(tr("Your action plan"))
        self.preview.setAccessibleName(tr("Plan preview"))
        self.detail_label.setText(tr("&Detail:"))
        self.detail.setItemText(0, tr("One-page action list"))
        self.detail.setItemText(1, tr("Full plan"))
        self.paper_label.setText(tr("P&aper:"))
        self.paper.setItemText(1, tr("Letter"))
        self.notes.setText(tr("Include my &notes and profile answers"))
        self.notes_why.setText(
            tr(
                "Off by default: a plan found in a bag at a checkpoint should not say "
                "what its owner fears or wrote down."
            )
        )
        self.warning.setText(
            tr("Files you save and pages you print are not encrypted. Keep them safe.")
        )
        self.back_button.setText(tr("Dash&board"))
        self.print_button.setText(tr("&Print…"))
        self.pdf_button.setText(tr("&Save as PDF…"))
        self.html_button.setText(tr("Save as HT&ML…"))
        self.busy.setAccessibleName(tr("Saving…"))
