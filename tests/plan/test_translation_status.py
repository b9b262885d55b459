"""The printed plan's footer: the review status of the plan's own wording and of each
pack's translation, read from the catalogs' X-Review-Status headers (DESIGN §7)."""

from __future__ import annotations

import datetime as dt
import shutil
from html import unescape
from pathlib import Path

import pytest

from safetykit import i18n, resources
from safetykit.assessment.records import Assessment
from safetykit.packs.loader import load_pack_dir
from safetykit.plan import render
from safetykit.plan.content import PlanOptions, build_plan
from tests.helpers import REPO

EXAMPLE = REPO / "docs/examples/field-reporting"
TODAY = dt.date(2026, 12, 1)


def _footer(folder: Path, lang: str) -> str:
    pack = load_pack_dir(folder, locale=lang)
    current = Assessment("a", dt.datetime(2026, 11, 1, tzinfo=dt.UTC), {})
    html = render.render_html(
        build_plan([pack], {}, current, None, PlanOptions(lang=lang, today=TODAY))
    )
    # Translations are escaped into the page (an apostrophe is &#39;): read it as text.
    return unescape(html.split("<footer>", 1)[1].split("</footer>", 1)[0])


def _with_review(tmp_path: Path, status: str) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(EXAMPLE, folder)
    po = folder / "locales/es.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text.replace('"Generated-By:', f'"X-Review-Status: {status}\\n"\n"Generated-By:', 1),
        encoding="utf-8",
    )
    return folder


def test_footer_names_the_interface_and_pack_status(tmp_path: Path) -> None:
    english = _footer(EXAMPLE, "en")
    assert "This plan's own wording is the original English." in english
    assert "in its original language." in english

    spanish = _footer(EXAMPLE, "es")  # the example's Spanish records no review
    assert "se tradujeron con ayuda automática y esperan la revisión" in spanish
    assert "traducido; no consta ninguna revisión." in spanish

    reviewed = _footer(_with_review(tmp_path, "reviewed by Ana Ruiz, 2027-01-15"), "es")
    assert "traducido y revisado por Ana Ruiz el 15 de enero de 2027." in reviewed
    awaiting = _footer(_with_review(tmp_path / "b", "machine-assisted, awaiting review"), "es")
    assert "pendiente de revisión por un hablante nativo" in awaiting

    persian = _footer(EXAMPLE, "fa")  # no Persian translation: shown in English
    assert "به این زبان ترجمه نشده است؛ به زبان English نمایش داده می‌شود." in persian
    assert "در انتظار بازبینی یک گویشور بومی" in persian


def test_a_recorded_interface_review_reaches_the_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "translations"
    shutil.copytree(resources.translations_dir(), folder)
    catalog = folder / "ar.po"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace(
            "X-Review-Status: machine-assisted, awaiting review",
            "X-Review-Status: reviewed by Samir, 2027-02-03",
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(resources, "translations_dir", lambda: folder)
    assert i18n.review("ar") == i18n.Review("reviewed", "Samir", "2027-02-03")
    footer = _footer(EXAMPLE, "ar")
    assert "تُرجمت نصوص هذه الخطة نفسها وراجعها Samir في ٣ فبراير ٢٠٢٧." in footer


def test_review_values_are_read_strictly() -> None:
    assert i18n.parse_review("reviewed by Leila K., 2027-01-15") == i18n.Review(
        "reviewed", "Leila K.", "2027-01-15"
    )
    assert i18n.parse_review("machine-assisted, awaiting review").kind == "awaiting"
    assert i18n.parse_review("reviewed by nobody").kind == "unknown"  # no date: not a review
    assert i18n.parse_review(None).kind == "unknown"
    assert i18n.review("en").kind == "source"
