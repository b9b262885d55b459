"""The pseudo-locale (tests only, DESIGN §7): every string of ours is marked ⟦…⟧, its
letters accented and the whole about 40 % longer. The tour (tests/app/tour.py) opens
every screen of the registry in it and fails on

- a visible string of ours that is not marked: it did not go through gettext, or was
  set before the language changed and never retranslated (Qt's own strings, the
  packs' wording and what the user typed are not ours and are left alone);
- text cut off: a label, button, check box, tab, table header or menu-bar item whose
  text is wider than its widget, and a wrapped label taller than its space.
"""

from __future__ import annotations

import gettext
import math
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMenuBar,
    QPushButton,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from safetykit import i18n, resources
from safetykit.app.language import RLM, LanguageController
from tests.app.journey import window
from tests.app.test_accessibility import SCREENS, walk_files
from tests.app.tour import tour

PSEUDO = "qps-ploc"  # the code Windows and CLDR use for a pseudo-locale
OPEN, CLOSE = "⟦", "⟧"
_ACCENTS = str.maketrans(
    "aeiouyAEIOUYcnsz", "áéíóúýÁÉÍÓÚÝçñšž"
)  # readable, still Latin: a reviewer sees the words
_PLACEHOLDER = re.compile(r"(\{[a-z_]+\}|%\([a-z_]+\)s|%%|&&|&(?=\w)|\n)")


def pseudo(text: str) -> str:
    """⟦Áççéñtéd, 40 % lóñgér~~~~⟧ with placeholders, accelerators and newlines kept."""
    parts = _PLACEHOLDER.split(text)
    body = "".join(p if _PLACEHOLDER.fullmatch(p) else p.translate(_ACCENTS) for p in parts)
    # Padding in short words, so wrapping behaves as with real words.
    extra = math.ceil(len(text) * 0.4)
    padding = " ".join("~" * 4 for _ in range(extra // 5))
    padding += "~" * (extra - len(padding)) if extra > len(padding) else ""
    return OPEN + body + (" " + padding if padding else "") + CLOSE


class PseudoTranslations(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)


def _templates() -> list[re.Pattern[str]]:
    """Our strings as patterns (placeholders match anything), for spotting them raw."""
    with (resources.translations_dir() / "safetykit.pot").open("rb") as handle:
        catalog = read_po(handle)
    patterns = []
    for message in catalog:
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            if not isinstance(msgid, str) or not msgid:
                continue
            plain = msgid.replace("&&", "\0").replace("&", "").replace("\0", "&")
            if len(re.sub(r"\{[a-z_]+\}|%\([a-z_]+\)s|[^A-Za-z]", "", plain)) < 4:
                continue  # "{title} ({risk}, {effort})": nothing of ours to see
            pieces = re.split(r"\{[a-z_]+\}|%\([a-z_]+\)s", plain)
            patterns.append(re.compile(".+?".join(re.escape(p) for p in pieces), re.DOTALL))
    return patterns


@pytest.fixture
def pseudo_language(
    language: LanguageController, monkeypatch: pytest.MonkeyPatch
) -> Iterator[LanguageController]:
    real_translations, real_available = i18n.translations, i18n.available_languages
    monkeypatch.setattr(
        i18n,
        "translations",
        lambda lang: PseudoTranslations() if lang == PSEUDO else real_translations(lang),
    )
    monkeypatch.setattr(i18n, "available_languages", lambda: [*real_available(), PSEUDO])
    language.set_language(PSEUDO)
    yield language
    language.set_language("en")


def _texts(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel):
        return [widget.text()]
    if isinstance(widget, QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QHeaderView):
        model = widget.model()
        if model is None:
            return []
        orientation = widget.orientation()
        return [str(model.headerData(i, orientation) or "") for i in range(widget.count())]
    if isinstance(widget, QLineEdit):
        return [widget.placeholderText()]
    if isinstance(widget, QComboBox):
        return [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QMenuBar):
        texts = []
        for top in widget.actions():
            texts.append(top.text())
            menu = top.menu()
            if isinstance(menu, QMenu):
                texts += [a.text() for a in menu.actions() if isinstance(a, QAction)]
        return texts
    return []


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).replace(RLM, "").replace("&&", "&")


def _qts_own(widget: QWidget) -> bool:
    """Qt's file dialog and standard buttons: Qt's strings (tests/app/test_qt_strings.py)."""
    parent: QWidget | None = widget
    while parent is not None:
        if isinstance(parent, QFileDialog):
            return True
        parent = parent.parentWidget()
    box = widget.parentWidget()
    return (
        isinstance(widget, QPushButton)
        and isinstance(box, QDialogButtonBox)
        and box.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton
    )


def untranslated(root: QWidget, patterns: list[re.Pattern[str]], where: str) -> list[str]:
    found = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        if _qts_own(widget):
            continue
        texts = _texts(widget) + ([widget.windowTitle()] if widget is root else [])
        for text in texts:
            shown = _plain(text)
            if not shown or OPEN in shown:
                continue
            clean = shown.replace("&", "")
            if any(p.fullmatch(clean) for p in patterns):
                name = widget.objectName() or type(widget).__name__
                found.append(f"{where}: {name} shows {clean[:60]!r} untranslated")
    return found


def cut_off(root: QWidget, where: str) -> list[str]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        if _qts_own(widget):
            continue
        name = widget.objectName() or type(widget).__name__
        metrics = widget.fontMetrics()
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            space = widget.contentsRect()
            if widget.wordWrap():
                needed = widget.heightForWidth(space.width())
                if needed > space.height() + 1:
                    found.append(
                        f"{where}: {name}: wrapped text needs {needed} px, has {space.height()}"
                    )
            else:
                lines = _plain(widget.text()).replace("&", "").split("\n")
                wide = max(metrics.horizontalAdvance(line) for line in lines)
                if wide > space.width() + 1:
                    found.append(f"{where}: {name}: text {wide} px wide in {space.width()} px")
        elif isinstance(widget, QPushButton | QAbstractButton) and widget.text():
            if widget.sizeHint().width() > widget.width() + 1:
                found.append(
                    f"{where}: {name}: button needs {widget.sizeHint().width()} px, "
                    f"has {widget.width()}"
                )
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if widget.tabRect(i).width() + 1 < widget.tabSizeHint(i).width():
                    found.append(f"{where}: {name}: tab {i} is cut")
        elif isinstance(widget, QHeaderView):
            model = widget.model()
            if model is not None and widget.orientation().name == "Horizontal":
                for i in range(widget.count()):
                    if widget.isSectionHidden(i):
                        continue
                    text = str(model.headerData(i, widget.orientation()) or "")
                    if text and widget.sectionSize(i) < widget.sectionSizeHint(i):
                        found.append(
                            f"{where}: {name}: column header {i} is cut "
                            f"({widget.sectionSize(i)} px of {widget.sectionSizeHint(i)})"
                        )
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                text = action.text().replace("&", "")
                if text and widget.actionGeometry(action).width() < metrics.horizontalAdvance(text):
                    found.append(f"{where}: {name}: menu {text[:20]!r} is cut")
    return found


def test_pseudo_marks_keep_what_formatting_needs() -> None:
    text = pseudo("Imported {count} from %(file)s: &Open 100%%\nnext")
    assert text.startswith(OPEN) and text.endswith(CLOSE)
    assert "{count}" in text and "%(file)s" in text and "&Ó" in text and "%%" in text
    assert "\n" in text
    assert len(text) >= 1.4 * len("Imported {count} from %(file)s: &Open 100%%\nnext")
    assert text.format(count=3) or True


def test_every_screen_in_the_pseudo_locale(
    qtbot: QtBot, pseudo_language: LanguageController, tmp_path: Path
) -> None:
    walk_files(tmp_path / "files")
    win = window(qtbot, pseudo_language, tmp_path / "data")
    assert isinstance(win, QMainWindow)
    win.resize(1100, 800)
    patterns = _templates()
    names: list[str] = []
    problems: list[str] = []
    for stop in tour(qtbot, win, tmp_path / "files"):
        names.append(stop.name)
        qtbot.wait(30)  # let layouts settle after the last change
        problems += untranslated(stop.window, patterns, stop.name)
        problems += cut_off(stop.window, stop.name)
    menus = win.menuBar()
    problems += untranslated(menus, patterns, "menus") + cut_off(menus, "menus")
    assert names == [screen.name for screen in SCREENS]
    assert problems == [], "\n".join(problems)


def test_the_checks_see_a_raw_string_and_a_cut_label(qtbot: QtBot) -> None:
    """Not blind: an English string of ours and a label too narrow are both reported."""
    root = QWidget()
    qtbot.addWidget(root)
    raw = QLabel("Your progress", root)  # an msgid, never translated
    narrow = QLabel(pseudo("Score per category"), root)
    narrow.setGeometry(0, 30, 20, 20)
    root.resize(300, 100)
    root.show()
    qtbot.waitExposed(root)
    assert untranslated(root, _templates(), "t") == ["t: QLabel shows 'Your progress' untranslated"]
    assert any("text" in p and "wide" in p for p in cut_off(root, "t")), cut_off(root, "t")
    assert raw.isVisible()
