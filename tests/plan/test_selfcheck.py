from __future__ import annotations

from safetykit.plan.selfcheck import check_plan


def test_self_test_plan_check_renders_html_and_pdf() -> None:
    detail = check_plan()
    assert "demo plan: HTML" in detail and "PDF" in detail and "pages" in detail
