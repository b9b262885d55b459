"""Turn a Plan into file bytes (HTML, or PDF through Qt) and write them privately.

Qt is imported only when a PDF is asked for. Files are written with mode 0600 via a
temporary file in the same folder and an atomic rename, so a crash never leaves half a
plan behind and nobody else on the machine can read it.
"""

from __future__ import annotations

from pathlib import Path

from safetykit import i18n
from safetykit.errors import SafetyKitError
from safetykit.plan.content import Plan
from safetykit.plan.render import render_html

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf"}


def output_format(path: Path) -> str | None:
    """The format ("html" or "pdf") named by the file suffix, or None."""
    return FORMATS.get(path.suffix.lower())


def plan_bytes(plan: Plan, fmt: str) -> bytes:
    html = render_html(plan)
    if fmt == "html":
        return html.encode("utf-8")
    return html_to_pdf_bytes(html, plan.options.paper, i18n.text_direction(plan.options.lang))


def html_to_pdf_bytes(html: str, paper: str, direction: str) -> bytes:
    try:
        from safetykit.app.pdf_export import html_to_pdf
    except ImportError as error:  # Qt missing or broken in this installation
        raise SafetyKitError(
            f"cannot write a PDF here (Qt is not available: {error}); write .html instead"
        ) from None
    return html_to_pdf(html, paper=paper, rtl=direction == "rtl")
