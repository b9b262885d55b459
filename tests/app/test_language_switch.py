"""Switching the language at run time: every screen of the unlocked window, an open
About dialog, the Language menu's review statuses, and the next printed plan follow."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from safetykit import i18n
from safetykit.app.language import RLM, LanguageController
from tests.app.journey import first_run, window

SCREENS = ("dashboard", "checklist", "plan", "profile", "history", "packs", "keys", "settings")


def _visible_texts(root: QWidget) -> list[str]:
    texts = [root.windowTitle()]
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(column)
                if header is not None:
                    texts.append(header.text())
    return [t.removeprefix(RLM) for t in texts if t]


def _left_in_english(root: QWidget, lang: str) -> list[str]:
    """Visible texts that are still an English interface string with a translation."""
    catalog = i18n.translations(lang)
    left = []
    for text in _visible_texts(root):
        translated = catalog.gettext(text)
        if translated != text and translated.removeprefix(RLM) != text:
            left.append(text)
    return left


def test_every_screen_and_the_about_dialog_follow_a_switch(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = window(qtbot, language, tmp_path)
    first_run(qtbot, win)
    assert win.private is not None
    for key in SCREENS:  # every screen built (and shown once) in English first
        win.navigate(key)
    win.show_about()
    about = win.about_dialog
    assert about is not None and about.isVisible()
    # The check is not blind: in English, it sees French-translatable texts everywhere.
    assert len(_left_in_english(win, "fr")) > 10
    assert len(_left_in_english(about, "fr")) >= 2
    for lang in ("fr", "ar", "ru"):
        language.set_language(lang)
        QApplication.processEvents()
        assert _left_in_english(about, lang) == [], lang
        assert i18n.translations(lang).gettext("About SafetyKit") in about.windowTitle()
        for key in SCREENS:
            win.navigate(key)
            QApplication.processEvents()
            assert _left_in_english(win, lang) == [], (lang, key)
    # The next plan is printed in the language now in use.
    language.set_language("fa")
    win.navigate("plan")
    plan = win.private.plan
    assert plan.lang == "fa"
    assert '<html lang="fa" dir="rtl">' in plan.html
    assert i18n.translations("fa").gettext("Action plan") in plan.html
    language.set_language("en")
    win.navigate("plan")
    assert plan.lang == "en" and "Action plan" in plan.html


def test_review_status_in_the_language_menu_and_about(
    qtbot: QtBot, language: LanguageController, tmp_path: Path
) -> None:
    win = window(qtbot, language, tmp_path)
    # Named when the menu opens (reading every catalog is not the first window's job).
    win.language_menu.aboutToShow.emit()
    # Each language says its own status in itself, whatever the interface language.
    assert win.language_actions["en"].text() == "English"
    assert win.language_actions["ar"].text() == "العربية — بانتظار المراجعة"
    assert win.language_actions["fa"].text() == "فارسی — در انتظار بازبینی"
    assert win.language_actions["es"].text() == "Español — pendiente de revisión"
    win.show_about()
    assert win.about_dialog is not None
    lines = win.about_dialog.translations.text().splitlines()
    assert "English: the original wording" in lines
    assert "Русский: machine-assisted, awaiting review by a native speaker" in lines
    assert len(lines) == 1 + len(i18n.available_languages())
