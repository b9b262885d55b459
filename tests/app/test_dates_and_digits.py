"""The app's dates and numbers follow the plan's rule (safetykit.formatting), and that
rule agrees with Qt's own locale and calendar, which the date picker shows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QCalendar, QDate, QLocale
from pytestqt.qtbot import QtBot

from safetykit import formatting
from safetykit.app import language as language_module
from safetykit.app.language import LanguageController
from tests.app.journey import click, first_run, window


def test_solar_hijri_agrees_with_qt_for_two_centuries() -> None:
    jalali = QCalendar(QCalendar.System.Jalali)
    day = dt.date(1925, 1, 1)
    checked = 0
    while day <= dt.date(2125, 12, 31):
        parts = jalali.partsFromDate(QDate(day.year, day.month, day.day))
        assert (parts.year, parts.month, parts.day) == formatting.solar_hijri(day), day
        day += dt.timedelta(days=1)
        checked += 1
    assert checked > 73_000


@pytest.mark.parametrize("lang", ["en", "ar", "fa"])
def test_numbers_and_percent_sign_are_qts(lang: str) -> None:
    qt = QLocale(lang)
    for value in (0, 7, 42, 12345, 1_000_000):
        assert formatting.number(value, lang) == qt.toString(value), (lang, value)
    # Qt adds a bidi mark to the Arabic sign; ours leaves marks out (see formatting).
    assert qt.percent().strip("\u061c\u200e\u200f") in formatting.percent(27, lang)
    assert formatting.digits("0123456789", lang) == "".join(qt.toString(n) for n in range(10))


@pytest.mark.parametrize(
    ("lang", "shown"), [("en", "2026-12-01"), ("ar", "٢٠٢٦-١٢-٠١"), ("fa", "۱۴۰۵-۰۹-۱۰")]
)
def test_the_due_date_picker_uses_the_languages_calendar(
    qtbot: QtBot, language: LanguageController, tmp_path: Path, lang: str, shown: str
) -> None:
    win = window(qtbot, language, tmp_path)
    first_run(qtbot, win)
    assert win.private is not None
    click(qtbot, win.private.dashboard.continue_button)
    language.set_language(lang)
    page = win.private.checklist
    page.due.setDate(QDate(2026, 12, 1))
    assert page.due.text() == shown
    assert page.due.date() == QDate(2026, 12, 1)  # stored as the same day, whatever is shown
    popup = page.due.calendarWidget()
    assert popup is not None
    expected = QCalendar.System.Jalali if lang == "fa" else QCalendar.System.Gregorian
    assert popup.calendar().name() == QCalendar(expected).name()
    # The texts the app writes itself use the same rule.
    assert language_module.date_text(dt.date(2026, 12, 1)) == formatting.date(
        dt.date(2026, 12, 1), lang
    )
