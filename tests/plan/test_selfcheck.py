from __future__ import annotations

import re

from safetykit.plan.selfcheck import check_plan


def test_self_test_plan_check_renders_html_and_pdf() -> None:
    detail = check_plan()
    assert "demo plan: HTML" in detail
    # "PDF 0 pages" used to pass: the count itself must show real pages.
    found = re.search(r"PDF (\d+) pages", detail)
    assert found is not None, detail
    assert int(found.group(1)) >= 2, detail  # the demo plan is more than one page
