"""The HTML plan passes axe-core's WCAG 2.1 A/AA and best-practice rules in every
language, in headless Chromium, offline (so a screen-reader user can read the plan
they saved).

axe-core is one pinned release, fetched by ``packaging/test_assets.py`` with the npm
client and checked against its published sha512; the test only reads it from the
virtual environment. Chromium runs with the printing test's offline flags, and its
net log must show that nothing but loopback was tried.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from safetykit.plan.content import DETAILS, PlanOptions
from safetykit.plan.demo import demo_plan
from safetykit.plan.render import render_html
from tests.helpers import in_ci, load_tool
from tests.plan.devtools import Browser
from tests.plan.test_browser import assert_only_loopback, chromium_own, read_net_log
from tests.test_translations import LAUNCH_LANGUAGES

assets = load_tool("test_assets")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def _axe_script() -> str:
    path = assets.axe_path()
    if not path.is_file():
        message = f"axe-core is not installed: run 'python3 packaging/bootstrap.py setup' ({path})"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    script: str = path.read_text(encoding="utf-8")
    return script


def _run_axe(browser: Browser, page: Path, script: str) -> dict[str, Any]:
    session = browser.open(page.as_uri())
    browser.evaluate(session, script)
    assert browser.evaluate(session, "axe.version") == assets.AXE_VERSION
    options = json.dumps(
        {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    )
    found = browser.evaluate(
        session,
        f"axe.run(document, {options}).then(r => JSON.stringify("
        "{violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 160))})),"
        " passes: r.passes.length}))",
    )
    result: dict[str, Any] = json.loads(found)
    return result


@pytest.mark.timeout(300)
def test_axe_finds_problems_in_a_bad_page(tmp_path: Path) -> None:
    """The runner is not blind: a page without a language, a title, a main landmark or
    image text has each of those reported."""
    script = _axe_script()
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><head></head><body><img src='data:image/gif;base64,"
        "R0lGODlhAQABAAAAACw='><p style='color:#eee;background:#fff'>faint</p></body></html>",
        encoding="utf-8",
    )
    with Browser(tmp_path) as browser:
        found = {v["id"] for v in _run_axe(browser, bad, script)["violations"]}
    assert {"html-has-lang", "document-title", "image-alt", "color-contrast"} <= found, found
    assert "landmark-one-main" in found, found


@pytest.mark.timeout(600)
def test_the_plan_passes_axe_in_every_language(tmp_path: Path) -> None:
    script = _axe_script()
    failures: dict[str, list[dict[str, Any]]] = {}
    with Browser(tmp_path) as browser:
        for lang in ["en", *LAUNCH_LANGUAGES]:
            for detail in DETAILS:
                plan = demo_plan(PlanOptions(lang=lang, detail=detail, today=dt.date(2026, 12, 1)))
                page = tmp_path / f"plan-{lang}-{detail}.html"
                page.write_text(render_html(plan), encoding="utf-8")
                result = _run_axe(browser, page, script)
                assert result["passes"] > 10, (lang, result)  # axe really ran its rules
                if result["violations"]:
                    failures[f"{lang}/{detail}"] = result["violations"]
    log = read_net_log(json.loads(browser.netlog.read_text()))
    assert log.events > 50, log
    assert_only_loopback(log)
    assert log.page == []  # neither the plan nor axe asked the network for anything
    assert [url for url in log.other if not chromium_own(url)] == []
    summary = {
        key: [f"{v['id']} ({v['impact']}): {v['help']}: {v['nodes']}" for v in found]
        for key, found in failures.items()
    }
    assert summary == {}
