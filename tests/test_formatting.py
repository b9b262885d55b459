"""Digits and calendars per language: one rule for the app and the plan (design decision
"Digits and calendars"). The comparison with Qt's own locale and calendar is in
tests/app/test_dates_and_digits.py."""

from __future__ import annotations

import datetime as dt

import pytest

from safetykit import formatting
from safetykit.assessment.records import Answer, Assessment, Status
from safetykit.plan.content import PlanOptions, build_plan
from safetykit.plan.render import render_html
from tests.plan.samples import english_pack

DAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("lang", "number", "percent", "day"),
    [
        ("en", "12,345", "27%", "December 1, 2026"),
        ("es", "12.345", "27\u00a0%", "1 de diciembre de 2026"),
        ("fr", "12\u202f345", "27\u00a0%", "1 décembre 2026"),
        ("ru", "12\u00a0345", "27\u00a0%", "1 декабря 2026\u202fг."),
        ("ar", "١٢٬٣٤٥", "٢٧٪", "١ ديسمبر ٢٠٢٦"),
        ("fa", "۱۲٬۳۴۵", "۲۷٪", "۱۰ آذر ۱۴۰۵"),
    ],
)
def test_each_language_writes_its_own_digits_and_calendar(
    lang: str, number: str, percent: str, day: str
) -> None:
    assert formatting.number(12345, lang) == number
    assert formatting.percent(27, lang) == percent
    assert formatting.date(DAY, lang) == day


def test_solar_hijri_new_years_and_leap_years() -> None:
    # Nowruz (1 Farvardin) falls on the March equinox: 21 March 2023, 20 March 2024,
    # 21 March 2025; 1403 was a leap year (30 Esfand 1403 = 20 March 2025).
    assert formatting.solar_hijri(dt.date(2023, 3, 21)) == (1402, 1, 1)
    assert formatting.solar_hijri(dt.date(2024, 3, 20)) == (1403, 1, 1)
    assert formatting.solar_hijri(dt.date(2025, 3, 20)) == (1403, 12, 30)
    assert formatting.solar_hijri(dt.date(2025, 3, 21)) == (1404, 1, 1)
    assert formatting.solar_hijri(dt.date(2024, 3, 19)) == (1402, 12, 29)
    assert formatting.solar_hijri(dt.date(1979, 2, 11)) == (1357, 11, 22)
    assert [y for y in range(1395, 1412) if formatting.solar_hijri_leap(y)] == [
        1395,
        1399,
        1403,
        1408,
    ]
    assert formatting.calendar("fa_IR") == "persian"
    assert formatting.calendar("ar") == "gregorian"


def test_signs_and_persian_digits_in_sentences() -> None:
    assert formatting.signed(12, "en") == "+12"
    assert formatting.signed(-3, "fa") == "−۳"
    assert formatting.signed(0, "ar") == "±٠"
    assert formatting.digits("2026-12-01", "fa") == "۲۰۲۶-۱۲-۰۱"
    assert formatting.date(DAY, "xx") == "2026-12-01"  # unknown to Babel: ISO, never wrong


@pytest.mark.parametrize(
    ("lang", "made_on", "latin_digits"),
    [
        ("en", "December 1, 2026", True),
        ("fa", "۱۰ آذر ۱۴۰۵", False),
        ("ar", "١ ديسمبر ٢٠٢٦", False),
    ],
)
def test_the_plan_uses_the_same_rule(lang: str, made_on: str, latin_digits: bool) -> None:
    pack = english_pack()
    answers = {f"{pack.id}/updates": Answer(Status.DONE, due=dt.date(2026, 12, 20))}
    current = Assessment("a", dt.datetime(2026, 11, 1, tzinfo=dt.UTC), answers)
    plan = build_plan([pack], {}, current, None, PlanOptions(lang=lang, today=DAY))
    html = render_html(plan)
    assert made_on in html
    assert formatting.percent(plan.overall or 0, lang) in html
    assert formatting.date(dt.date(2026, 11, 1), lang) in html  # "Answers as of ..."
    if not latin_digits:
        assert "2026" not in html.split("<body>", 1)[1]  # no Gregorian year in Latin digits


@pytest.mark.parametrize("lang", ["en", "es", "fr", "ar", "fa", "ru"])
def test_small_numbers_read_as_babel_writes_them(lang: str) -> None:
    """Below a thousand the short path (no Babel) gives exactly what Babel gives."""
    from babel.numbers import format_decimal

    system = formatting._NUMBERING.get(lang, "latn")
    for value in (0, 1, 7, 10, 42, 99, 100, 365, 999):
        expected = formatting.digits(
            str(format_decimal(value, locale=lang, numbering_system=system)), lang
        )
        assert formatting.number(value, lang) == expected
