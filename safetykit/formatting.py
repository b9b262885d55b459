"""Numbers, percentages and dates in the reader's language: one path for the app and the plan.

The rule (docs/design-decisions.md, "Digits and calendars"): each language's digits and
calendar are those of Qt's locale for it, which the app's date picker shows, so what
the app writes, what its picker shows and what the plan prints agree.

- Arabic: Arabic-Indic digits (٠١٢), Gregorian calendar.
- Persian: Persian digits (۰۱۲), Solar Hijri calendar (1 Farvardin at the March equinox).
- Every other language: Latin digits, Gregorian calendar.

Babel formats separators, month names and word order; the digits are then written in
the language's own set. Babel has no Solar Hijri calendar, so that conversion is here
(see ``solar_hijri``); a test checks it against Qt's ``QCalendar`` for every day of
two centuries. The core imports no Qt.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Literal

from safetykit.i18n import base_language

Calendar = Literal["gregorian", "persian"]

_DIGITS = {"ar": "٠١٢٣٤٥٦٧٨٩", "fa": "۰۱۲۳۴۵۶۷۸۹"}
# Babel's numbering system for the separators that go with those digits.
_NUMBERING = {"ar": "arab", "fa": "arabext"}
_CALENDARS: dict[str, Calendar] = {"fa": "persian"}
PERSIAN_MONTHS = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)


def _short(lang: str) -> str:
    return base_language(lang).split("_")[0]


def _babel_locale(lang: str) -> str:
    return lang.replace("-", "_")


def calendar(lang: str) -> Calendar:
    """The calendar the language's readers expect for dates."""
    return _CALENDARS.get(_short(lang), "gregorian")


def digits(text: str, lang: str) -> str:
    """``text`` with its Latin digits written in the language's own digits."""
    own = _DIGITS.get(_short(lang))
    return text.translate(str.maketrans("0123456789", own)) if own else text


@functools.lru_cache(maxsize=4096)
def number(value: int, lang: str) -> str:
    """12345 → "12,345", "12 345", "١٢٬٣٤٥", "۱۲٬۳۴۵"."""
    if 0 <= value < 1000:
        # No locale groups digits below a thousand: the language's own digits are the
        # whole answer, without Babel reading its locale data (tens of milliseconds,
        # before the first window, for the first-run wizard's "step 1 of 5").
        return digits(str(value), lang)
    from babel import UnknownLocaleError
    from babel.numbers import format_decimal

    try:
        text = format_decimal(
            value,
            locale=_babel_locale(lang),
            numbering_system=_NUMBERING.get(_short(lang), "latn"),
        )
    except (ValueError, LookupError, UnknownLocaleError):
        text = str(value)
    return digits(str(text), lang)


@functools.lru_cache(maxsize=512)
def percent(value: int, lang: str) -> str:
    """A whole percentage: 27 → "27%", "27 %", "٢٧٪", "۲۷٪"."""
    from babel import UnknownLocaleError
    from babel.numbers import format_percent

    try:
        text = format_percent(
            value / 100,
            locale=_babel_locale(lang),
            numbering_system=_NUMBERING.get(_short(lang), "latn"),
        )
    except (ValueError, LookupError, UnknownLocaleError):
        text = f"{value} %"
    # Bidi marks in CLDR's Arabic percent pattern would let the sign drift to the
    # wrong side of a number inside a right-to-left sentence; the sign follows the
    # digits as the reader reads them.
    text = str(text).replace("\u200e", "").replace("\u200f", "").replace("\u061c", "")
    if _short(lang) in _DIGITS:
        text = text.replace("%", "\u066a")  # ARABIC PERCENT SIGN, as Qt's locale writes it
    return digits(text, lang)


def signed(value: int, lang: str) -> str:
    """A change in points, with its sign: +12, −3, ±0 (in the language's digits)."""
    if value > 0:
        return "+" + number(value, lang)
    if value < 0:
        return "−" + number(-value, lang)
    return "±" + digits("0", lang)


# --- Solar Hijri -----------------------------------------------------------------

# 1 Farvardin 1403 was 20 March 2024; other years are counted from it.
_ANCHOR_YEAR = 1403
_ANCHOR = dt.date(2024, 3, 20)


def solar_hijri_leap(year: int) -> bool:
    """Whether Esfand of ``year`` has 30 days: the 2820-year arithmetic rule that Qt's
    QJalaliCalendar uses (it matches the astronomical calendar for 1178–1634)."""
    return ((year + 2346) * 683) % 2820 < 683


def _year_length(year: int) -> int:
    return 366 if solar_hijri_leap(year) else 365


@functools.lru_cache(maxsize=1024)
def _year_start(year: int) -> dt.date:
    start = _ANCHOR
    if year >= _ANCHOR_YEAR:
        for y in range(_ANCHOR_YEAR, year):
            start += dt.timedelta(days=_year_length(y))
    else:
        for y in range(year, _ANCHOR_YEAR):
            start -= dt.timedelta(days=_year_length(y))
    return start


def solar_hijri(day: dt.date) -> tuple[int, int, int]:
    """The Solar Hijri (year, month, day) of a Gregorian date."""
    year = day.year - 621
    if day < _year_start(year):
        year -= 1
    offset = (day - _year_start(year)).days
    if offset < 186:  # six months of 31 days
        return year, offset // 31 + 1, offset % 31 + 1
    offset -= 186  # then five of 30 and Esfand of 29 or 30
    return year, offset // 30 + 7, offset % 30 + 1


# --- dates -------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def date(day: dt.date, lang: str) -> str:
    """A date in words: "December 1, 2026", "1 декабря 2026 г.", "١ ديسمبر ٢٠٢٦",
    "۱۰ آذر ۱۴۰۵"."""
    if calendar(lang) == "persian":
        year, month, dom = solar_hijri(day)
        return digits(f"{dom} {PERSIAN_MONTHS[month - 1]} {year}", lang)
    from babel import UnknownLocaleError
    from babel.dates import format_date

    try:
        text = str(format_date(day, format="long", locale=_babel_locale(lang)))
    except (ValueError, LookupError, UnknownLocaleError):
        text = day.isoformat()  # a language Babel does not know: ISO is never wrong
    return digits(text, lang)


@functools.lru_cache(maxsize=1024)
def short_date(day: dt.date, lang: str) -> str:
    """A date for a narrow column: "1 dic 2026", "١ ديسمبر ٢٠٢٦", "۱۰ آذر ۱۴۰۵"."""
    if calendar(lang) == "persian":
        return date(day, lang)  # Persian month names have no shorter form
    from babel import UnknownLocaleError
    from babel.dates import format_date

    try:
        text = str(format_date(day, format="medium", locale=_babel_locale(lang)))
    except (ValueError, LookupError, UnknownLocaleError):
        text = day.isoformat()
    return digits(text, lang)


def date_time(moment: dt.datetime, lang: str) -> str:
    """A local date and time (history): the date in words, then hours:minutes."""
    local = moment.astimezone() if moment.tzinfo else moment
    return date(local.date(), lang) + " " + digits(local.strftime("%H:%M"), lang)
