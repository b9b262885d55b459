"""The interface language: gettext for our strings, Qt's catalog for its dialogs.

Widgets call ``tr("…")`` for every visible string and rebuild their text when
``LanguageController.changed`` fires, so the language switches live. Right-to-left
languages flip the whole layout.
"""

from __future__ import annotations

import datetime as dt
import gettext

from PySide6.QtCore import QCalendar, QLocale, QObject, Qt, QTranslator, Signal
from PySide6.QtWidgets import QApplication, QDateTimeEdit

from safetykit import formatting, i18n
from safetykit.app.qt_translations import load_ours, load_qtbase

_current: gettext.NullTranslations = gettext.NullTranslations()
_rtl = False
_lang = i18n.SOURCE_LANGUAGE
# Qt picks a paragraph's direction from its first strong letter, so an Arabic sentence
# that starts with "SafetyKit" would be laid out left to right. A leading invisible
# RIGHT-TO-LEFT MARK makes every string of a right-to-left language read as such.
RLM = "\u200f"


def tr(message: str) -> str:
    """Translate an interface string into the current language."""
    return mark_direction(_current.gettext(message))


def ntr(singular: str, plural: str, count: int) -> str:
    """Translate a string that holds a number: the plural form the language's rule
    picks for ``count`` (Arabic has six, Russian three)."""
    return mark_direction(_current.ngettext(singular, plural, count))


def number(value: int) -> str:
    """A number in the current language's digits (safetykit.formatting)."""
    return formatting.number(value, _lang)


def percent(value: int) -> str:
    """A percentage as the current language writes it: "27 %", "٢٧٪", "۲۷٪"."""
    return formatting.percent(value, _lang)


def signed(value: int) -> str:
    return formatting.signed(value, _lang)


def date_text(day: dt.date) -> str:
    """A date in the current language's calendar and digits (the plan's rule)."""
    return formatting.date(day, _lang)


def iso_date_text(value: str) -> str:
    """A date kept as YYYY-MM-DD, shown as ``date_text`` does ("" and odd values as is)."""
    try:
        return formatting.date(dt.date.fromisoformat(value[:10]), _lang)
    except ValueError:
        return value


def date_time_text(moment: dt.datetime) -> str:
    return formatting.date_time(moment, _lang)


def qt_calendar(lang: str | None = None) -> QCalendar:
    """Qt's calendar for the language's dates (the plan's rule: Solar Hijri for Persian)."""
    system = formatting.calendar(lang or _lang)
    return QCalendar(QCalendar.System.Jalali if system == "persian" else QCalendar.System.Gregorian)


def follow_language(edit: QDateTimeEdit) -> None:
    """A date picker in the current language's calendar, digits and month names."""
    edit.setLocale(QLocale(_lang))
    edit.setCalendar(qt_calendar())
    popup = edit.calendarWidget()
    if popup is not None:
        popup.setLocale(QLocale(_lang))
        popup.setCalendar(qt_calendar())


def N_(message: str) -> str:  # gettext's usual name for "mark, translate later"
    """Mark a string for extraction; it is translated where it is used."""
    return message


def review_text(lang: str, short: bool = False, in_language: str | None = None) -> str:
    """A language's translation status in words (About, the Language menu), in the
    current language or in ``in_language`` (the menu says it in each language itself)."""
    state = i18n.review(lang)
    catalog = _current if in_language is None else i18n.translations(in_language)
    if state.kind == "source":
        text = catalog.gettext(N_("the original wording"))
    elif state.kind == "reviewed":
        text = (
            catalog.gettext(N_("reviewed"))
            if short
            else catalog.gettext(N_("reviewed by {name} on {date}")).format(
                name=state.by,
                date=formatting.date(dt.date.fromisoformat(state.date), in_language or _lang),
            )
        )
    elif state.kind == "awaiting":
        text = (
            catalog.gettext(N_("awaiting review"))
            if short
            else catalog.gettext(N_("machine-assisted, awaiting review by a native speaker"))
        )
    else:
        text = catalog.gettext(N_("no review recorded"))
    return text


def current_language() -> str:
    """The interface language now (for core messages rendered in it)."""
    return _lang


def mark_direction(text: str) -> str:
    """``text`` as a paragraph in the current language's direction (names, numbers)."""
    return RLM + text if _rtl and not text.startswith(RLM) else text


class LanguageController(QObject):
    changed = Signal(str)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._qt_translators: list[QTranslator] = []
        self.language = i18n.SOURCE_LANGUAGE

    def available(self) -> list[str]:
        return i18n.available_languages()

    def set_language(self, lang: str) -> None:
        global _current, _rtl, _lang
        if lang not in self.available():
            lang = i18n.SOURCE_LANGUAGE
        _current = i18n.translations(lang)
        _lang = lang
        self._install_qt_catalog(lang)
        self.language = lang
        rtl = _rtl = i18n.text_direction(lang) == "rtl"
        self._app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        QLocale.setDefault(QLocale(lang))
        self.changed.emit(lang)

    def _install_qt_catalog(self, lang: str) -> None:
        # Qt's own strings (standard buttons, file and print dialogs): qtbase_<lang>.qm,
        # then ours for what it leaves in English (installed last: asked first).
        for installed in self._qt_translators:
            self._app.removeTranslator(installed)
        self._qt_translators = []
        if lang == i18n.SOURCE_LANGUAGE:
            return
        found: list[QTranslator | None] = [load_qtbase(lang, self), load_ours(lang, self)]
        for candidate in found:
            if candidate is not None:
                self._app.installTranslator(candidate)
                self._qt_translators.append(candidate)
