"""The PDF through Qt: every priority's title readable, fonts embedded, Arabic shaped."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest

from safetykit.assessment.records import Answer, Assessment, Status
from safetykit.commands.plan import plan_bytes
from safetykit.packs.model import Pack
from safetykit.plan.content import PlanOptions, build_plan
from tests.helpers import require_tool
from tests.plan.pdftext import normalise, pdf_fonts, pdf_text
from tests.plan.samples import arabic_pack, english_pack

T0 = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def write_pdf(tmp_path: Path, pack: Pack, lang: str, **kw: Any) -> tuple[Path, list[str]]:
    answers = {f"{pack.id}/updates": Answer(Status.DONE)}
    plan = build_plan([pack], {}, Assessment("a", T0, answers), None, PlanOptions(lang=lang, **kw))
    path = tmp_path / f"plan-{lang}.pdf"
    path.write_bytes(plan_bytes(plan, "pdf"))
    return path, [p.title for p in plan.priorities]


@pytest.mark.parametrize(("lang", "make"), [("en", english_pack), ("ar", arabic_pack)])
def test_pdf_has_every_priority_title_and_embedded_fonts(
    qapp: Any, tmp_path: Path, lang: str, make: Any
) -> None:
    path, titles = write_pdf(tmp_path, make(), lang)
    assert path.read_bytes().startswith(b"%PDF-")
    assert titles
    text = pdf_text(path)
    for title in titles:
        assert normalise(title) in text, (title, text[:400])
    fonts = pdf_fonts(path)
    assert fonts, "no fonts in the PDF"
    assert all(embedded == "yes" for _, embedded in fonts), fonts


def test_arabic_comes_out_shaped_and_in_logical_order(qapp: Any, tmp_path: Path) -> None:
    path, _ = write_pdf(tmp_path, arabic_pack(), "ar")
    text = pdf_text(path)
    # Letters come back in reading order, not reversed ...
    assert "فعل التحقق بخطوتين" in text
    assert "نيتوطخب" not in text
    # ... and steps too, whole sentences.
    assert "ثبت مدير كلمات مرور موثوقا" in text
    # The PDF drew joined (contextual) forms, not isolated letters: shaping happened.
    raw = subprocess.run(
        [require_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert any("\ufe70" <= ch <= "\ufeff" for ch in raw)


@pytest.mark.xfail(
    reason="pdftotext (poppler) detaches Arabic diacritics that the font raises with "
    "mark positioning; the page prints correctly. Chromium's PDFs fare worse.",
    strict=False,
)
def test_vocalised_arabic_reads_back(qapp: Any, tmp_path: Path) -> None:
    vocalised = "شفّر القرص"
    pack = arabic_pack()
    checklist = dataclasses.replace(
        pack.checklists[1],
        items=(dataclasses.replace(pack.checklists[1].items[1], title=vocalised),),
    )
    path, _ = write_pdf(tmp_path, dataclasses.replace(pack, checklists=(checklist,)), "ar")
    assert vocalised in pdf_text(path)


@pytest.mark.parametrize(("paper", "size"), [("a4", "595 x 842"), ("letter", "612 x 792")])
def test_paper_sizes(qapp: Any, tmp_path: Path, paper: str, size: str) -> None:
    path, _ = write_pdf(tmp_path, english_pack(), "en", paper=paper)
    info = subprocess.run(
        [require_tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert f"{size} pts" in info


def test_hostile_text_prints_as_text(qapp: Any, tmp_path: Path) -> None:
    from tests.plan.corpus import HOSTILE
    from tests.plan.test_injection import hostile_plan

    html = hostile_plan(HOSTILE, notes=True)
    from safetykit.qtprint import html_to_pdf

    path = tmp_path / "hostile.pdf"
    path.write_bytes(html_to_pdf(html))
    text = pdf_text(path)
    assert "<script>alert(1)</script>" in text
    assert "{{ 7*7 }}" in text


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_demo_action_list_fits_on_one_page(
    qapp: Any, tmp_path: Path, lang: str, paper: str
) -> None:
    """``--detail actions`` is the one-sheet list (with the built-in content)."""
    from safetykit.plan.demo import demo_plan

    plan = demo_plan(PlanOptions(lang=lang, detail="actions", paper=paper, demo=True))
    path = tmp_path / "actions.pdf"
    path.write_bytes(plan_bytes(plan, "pdf"))
    info = subprocess.run(
        [require_tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert pages == 1, f"{pages} pages"
    assert plan.priorities


def test_pdf_metadata_is_neutral(qapp: Any, tmp_path: Path) -> None:
    """The document properties name no title, author or tool (DESIGN §6: neutral)."""
    path, _ = write_pdf(tmp_path, english_pack(), "en", notes=True)
    info = subprocess.run(
        [require_tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    for name in ("Title", "Author", "Creator", "Subject", "Keywords"):
        assert fields.get(name, "").strip() == "", (name, fields.get(name))
    assert "safetykit" not in info.lower()
