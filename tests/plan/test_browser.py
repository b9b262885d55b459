"""A real browser prints the HTML plan, and asks the network for nothing.

Headless Chromium prints the plan to PDF with a net log. A control page with one
external image (TEST-NET-1, 192.0.2.1: reserved, never routed, so no traffic leaves)
shows that the net log does catch a page's request; the plan's log then has none.
Chromium makes some requests of its own (update checks) that no flag fully stops, so
only requests made on behalf of the page count: those whose network isolation key
is the page's own site (file://).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

from safetykit.assessment.records import Answer, Assessment, Status
from safetykit.plan.content import PlanOptions, build_plan
from safetykit.plan.render import render_html
from tests.helpers import require_tool
from tests.plan.pdftext import normalise, pdf_text
from tests.plan.samples import arabic_pack, english_pack

# Chromium (Skia) writes the lam-alef ligature's ToUnicode entry in visual order, so
# pdftotext reads "ال" back as "اال". The Qt PDF reads back right (test_pdf.py).
LAM_ALEF = ("لا", "لأ", "لإ", "لآ")

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-pdf-header-footer",
    "--timeout=3000",  # the control page's image can never load: do not wait long
)


def print_page(page: Path, out: Path) -> list[str]:
    """Print ``page`` to ``out`` with Chromium; the URLs the page itself requested."""
    chromium = require_tool("chromium")
    profile = out.parent / f"{out.stem}-profile"
    netlog = out.parent / f"{out.stem}-net.json"
    done = subprocess.run(
        [
            chromium,
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--log-net-log={netlog}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert out.is_file(), done.stderr[-2000:]
    return page_requests(json.loads(netlog.read_text()))


def page_requests(log: dict) -> list[str]:  # type: ignore[type-arg]
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    found = []
    for event in log["events"]:
        if names.get(event["type"]) != "URL_REQUEST_START_JOB":
            continue
        params = event.get("params", {})
        if params.get("network_isolation_key", "").startswith("file://"):
            found.append(params.get("url", ""))
    return found


def test_chromium_prints_the_plan_without_network(tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text(
        '<!DOCTYPE html><html><body><p>control</p><img src="http://192.0.2.1/x.png"></body></html>',
        encoding="utf-8",
    )
    requested = print_page(control, tmp_path / "control.pdf")
    assert "http://192.0.2.1/x.png" in requested  # the log sees what a page asks for

    for lang, pack in (("en", english_pack()), ("ar", arabic_pack())):
        answers = {f"{pack.id}/updates": Answer(Status.DONE)}
        current = Assessment("a", dt.datetime(2026, 11, 1, tzinfo=dt.UTC), answers)
        plan = build_plan([pack], {}, current, None, PlanOptions(lang=lang))
        page = tmp_path / f"plan-{lang}.html"
        page.write_text(render_html(plan), encoding="utf-8")
        out = tmp_path / f"plan-{lang}.pdf"
        assert print_page(page, out) == []  # the plan asked the network for nothing
        text = pdf_text(out)
        for priority in plan.priorities:
            if any(lam_alef in priority.title for lam_alef in LAM_ALEF):
                continue  # Chromium's PDF maps this ligature's glyph back wrongly
            assert normalise(priority.title) in text, (lang, priority.title)
        assert "Do the first thing." in text or "اختر التحقق بخطوتين" in text
