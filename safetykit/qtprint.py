"""Print the plan's HTML to PDF through headless Qt (DESIGN §6: the same HTML as the
browser), for the command line and the desktop app alike.

The one module outside ``safetykit/app/`` that may import Qt (tests/test_architecture.py
holds that list); no core package imports it: the layer that wants a PDF renders the
core's HTML and hands it here. Imported only when a PDF is asked for, so the command
line stays Qt-free otherwise.
QTextDocument lays the HTML out with HarfBuzz shaping, so Arabic and Persian join
and order correctly, and QPdfWriter embeds the fonts it used as TrueType subsets
(with ToUnicode maps, so the text can be searched and read back). The PDF is built in
memory and returned as bytes: the caller decides how and where it is written.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
# QTextDocument.print_ adds its own 2 cm margins (and puts the page number in the
# bottom one), so the writer adds none.
MARGINS_MM = QMarginsF(0, 0, 0, 0)
# DejaVu Sans covers Latin, Cyrillic and Arabic and is on most Linux systems; Qt falls
# back through fontconfig (or the OS) for anything it lacks.
BASE_FONT = "DejaVu Sans"
BASE_POINT_SIZE = 10

_app: QGuiApplication | None = None


def ensure_gui_application() -> None:
    """Qt needs a QGuiApplication for fonts; make an offscreen one if none exists."""
    global _app  # kept alive for the process: Qt must not lose it while printing
    if QGuiApplication.instance() is not None:
        return
    # Printing needs no window: the offscreen platform works everywhere, even where
    # DISPLAY names an X server that is gone (Qt would abort, not raise).
    if not os.environ.get("QT_QPA_PLATFORM") and sys.platform.startswith("linux"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QGuiApplication(["safetykit-pdf"])


def plan_document(html: str, *, rtl: bool = False) -> QTextDocument:
    """The plan laid out for paper: the same document the PDF, the print dialog and the
    app's preview use, so they cannot differ."""
    ensure_gui_application()
    document = QTextDocument()
    document.setDefaultFont(QFont(BASE_FONT, BASE_POINT_SIZE))
    if rtl:
        option = QTextOption(document.defaultTextOption())
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        document.setDefaultTextOption(option)
    document.setHtml(html)
    return document


def page_size(paper: str) -> QPageSize:
    return QPageSize(PAPERS.get(paper, QPageSize.PageSizeId.A4))


def html_to_pdf(html: str, *, paper: str = "a4", rtl: bool = False, title: str = "") -> bytes:
    """The PDF of ``html`` on A4 or Letter paper."""
    document = plan_document(html, rtl=rtl)

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(page_size(paper))
    writer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    writer.setTitle(title)
    writer.setCreator("")  # say nothing about which tool made it (DESIGN §6, neutral)
    document.print_(writer)
    del writer  # finishes the PDF into the buffer
    buffer.close()
    return bytes(data.data())
