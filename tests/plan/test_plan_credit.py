"""Credit reaches the reader (issue 14, point 3): the pack's licence, description and
credit, and each item's sources, in the full plan; the "Checklists used" table's
columns apart and its headers whole in every launch language (read back from the PDF)."""

from __future__ import annotations

import dataclasses
import itertools
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from safetykit import i18n
from safetykit.commands.plan import plan_bytes
from safetykit.plan.content import PlanOptions, build_plan
from safetykit.plan.render import render_html
from tests.helpers import require_tool
from tests.plan.pdftext import normalise, pdf_text
from tests.plan.samples import english_pack

CREDIT = "Adapted from the Example Guide by Example Org under CC BY-NC-SA 4.0"
DESCRIPTION = "Steps for reporters covering protests."
SOURCE = "Example Guide, chapter 3"
LANGS = ("en", "es", "fr", "ar", "fa", "ru")
HEADERS = ("Checklist", "Version", "Reviewed", "Licence and signature")


def _pack() -> Any:
    base = english_pack()
    first = base.checklists[0]
    items = (dataclasses.replace(first.items[0], sources=(SOURCE, "Security in-a-Box")),)
    checklists = (dataclasses.replace(first, items=items + first.items[1:]), *base.checklists[1:])
    return dataclasses.replace(
        base, credit=CREDIT, description=DESCRIPTION, checklists=checklists, format=2
    )


def _plan(lang: str, detail: str = "full") -> Any:
    return build_plan([_pack()], {}, None, None, PlanOptions(lang=lang, detail=detail))


def _visible(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_the_full_plan_shows_licence_credit_description_and_sources() -> None:
    text = _visible(render_html(_plan("en")))
    assert "Licence: CC-BY-SA-4.0" in text
    assert CREDIT in text and DESCRIPTION in text
    assert f"Sources: {SOURCE}; Security in-a-Box" in text
    # The one-page action list stays short: no sources there.
    assert SOURCE not in _visible(render_html(_plan("en", "actions")))


@pytest.mark.parametrize("lang", LANGS)
def test_checklists_used_columns_apart_and_headers_whole(
    qapp: Any, tmp_path: Path, lang: str
) -> None:
    require_tool("pdftotext")
    path = tmp_path / f"plan-{lang}.pdf"
    path.write_bytes(plan_bytes(_plan(lang), "pdf"))
    gettext = i18n.translations(lang).gettext
    text = pdf_text(path)
    # Every word of every header comes back whole: none was broken inside a word.
    for header in HEADERS:
        for word in normalise(gettext(header)).split():
            assert re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text), (lang, header, word)
    # On the page, the row's four cells stay apart: between the name, the version, the
    # date and the licence there are three gaps far wider than a space.
    boxes = subprocess.run(
        [require_tool("pdftotext"), "-bbox", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = [
        (float(x0), float(y0), float(x1), word)
        for x0, y0, x1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            boxes,
        )
    ]
    licence = next(w for w in words if "CC-BY-SA-4.0" in w[3])
    row = sorted(w for w in words if abs(w[1] - licence[1]) < 2)
    gaps = [b[0] - a[2] for a, b in itertools.pairwise(row)]
    assert sum(gap > 6 for gap in gaps) >= 3, (lang, [w[3] for w in row], gaps)
    assert all(gap > -0.5 for gap in gaps), (lang, [w[3] for w in row], gaps)  # no overlap
