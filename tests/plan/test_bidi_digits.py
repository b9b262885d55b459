"""Issue 12.12: invisible direction marks and right-to-left context do not reorder the
digit groups of a phone number in the plan, checked where it matters: the order in
which headless Chromium lays the glyphs out (x positions read back with pdftotext)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from safetykit.assessment.records import Answer, Assessment, Status
from safetykit.packs.model import Checklist
from safetykit.plan.content import PlanOptions, build_plan
from safetykit.plan.render import render_html
from safetykit.plan.text import clean
from tests.helpers import require_tool
from tests.plan.samples import item, pack
from tests.plan.test_browser import print_page

RLM, LRM, ALM = "\u200f", "\u200e", "\u061c"
_WORD = re.compile(r'<word xMin="([0-9.]+)" yMin="([0-9.]+)"[^>]*>([^<]*)</word>')
_DIGITS = re.compile(r"\d")

# (pack and plan language, step text, digits in writing order). Each step ends with
# the marker word ZQXW, which finds its line (Arabic comes back from the PDF in visual
# order, so a Latin marker is simpler); Arabic words sit between it and the digits.
CASES = {
    "ltr-rlm": ("en", f"Call 0800{RLM} 1234 5678 now ZQXW", "080012345678"),
    "ltr-marks-inside": ("en", f"Call 0800 {ALM}1234{RLM}-5678 now ZQXW", "080012345678"),
    "rtl-latin-digits": ("ar", "0800 1234 5678 اتصل بالرقم ZQXW", "080012345678"),
    "rtl-arabic-digits": ("ar", "اتصل بالرقم ٠٨٠٠ ١٢٣٤ ٥٦٧٨ الآن ZQXW", "٠٨٠٠١٢٣٤٥٦٧٨"),
    "rtl-persian-digits": ("fa", f"تماس ۰۸۰۰{RLM} ۱۲۳۴ ۵۶۷۸ بگیرید ZQXW", "۰۸۰۰۱۲۳۴۵۶۷۸"),
}
MARKER = "ZQXW"
_LIST_NUMBER = re.compile(r"\d+\.|\.\d+")  # "1." (or ".1" read back from right to left)


def plan_html(lang: str, step: str) -> str:
    checklist = Checklist("c", "Phones", "Numbers", (item("i", "Hotline", steps=(step,)),))
    the_pack = pack((checklist,), locale=lang)
    assessment = Assessment(
        "a", dt.datetime(2026, 11, 28, tzinfo=dt.UTC), {"org.example.test/i": Answer(Status.TODO)}
    )
    return render_html(build_plan([the_pack], {}, assessment, None, PlanOptions(lang=lang)))


def visual_digits(pdf: Path) -> str:
    """The digits of the line holding MARKER, left to right as laid out (the list's
    step number left out)."""
    tool = require_tool("pdftotext")
    done = subprocess.run(
        [tool, "-bbox", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    words = [(float(x), float(y), text) for x, y, text in _WORD.findall(done.stdout)]
    found = {round(y) for _, y, text in words if MARKER in text}
    assert len(found) == 1, f"{MARKER} not found on one line: {found}"
    [line_y] = found
    line = sorted(
        (x, text)
        for x, y, text in words
        if abs(y - line_y) < 3 and not _LIST_NUMBER.fullmatch(text.strip(LRM + RLM))
    )
    return "".join(_DIGITS.findall("".join(text for _, text in line)))


@pytest.mark.parametrize("case", list(CASES))
def test_digit_groups_show_in_writing_order(tmp_path: Path, case: str) -> None:
    lang, step, expected = CASES[case]
    page = tmp_path / "plan.html"
    page.write_text(plan_html(lang, step), encoding="utf-8")
    print_page(page, tmp_path / "plan.pdf")
    assert visual_digits(tmp_path / "plan.pdf") == expected


def test_the_rewrite_is_exactly_lrm_around_each_part() -> None:
    """The markup Chromium and Qt get (Qt's rich text has no <bdi>, but does honour
    LRM): marks inside the run are gone, each group and separator is held left to
    right, and single numbers and other text are left alone."""
    assert clean(f"call 0800{RLM} 1234-5678") == (
        f"call {LRM}0800{LRM} {LRM}1234{LRM}-{LRM}5678{LRM}"
    )
    assert clean(f"08{RLM}00") == f"{LRM}0800{LRM}"
    assert clean("+44 20 7946") == f"{LRM}+44{LRM} {LRM}20{LRM} {LRM}7946{LRM}"
    assert clean(f"version 3, step 12{RLM} then") == f"version 3, step 12{RLM} then"
