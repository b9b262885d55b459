"""Qt's own strings in the dialogs SafetyKit uses are translated in every launch
language: by ``qtbase_<lang>.qm`` (from PySide6, as a checkout's venv and an installed
wheel have it) or, for what Qt's catalog leaves in English, by translations/qt/<lang>.po,
loaded after Qt's. The strings are found by asking Qt itself (tests/app/qt_strings.py).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from safetykit import resources
from safetykit.app import language as language_module
from safetykit.app.language import LanguageController
from safetykit.app.qt_translations import load_qtbase, qt_strings_catalog
from tests.app.qt_strings import Key, dialog_strings, missing
from tests.helpers import require_tool
from tests.test_translations import LAUNCH_LANGUAGES

# Window titles of Qt's designer forms, never shown.
NEVER_SHOWN = {("QPrintSettingsOutput", "Form", "")}


@pytest.fixture(scope="module")
def qt_keys(qapp: QApplication) -> set[Key]:
    keys = dialog_strings(qapp) - NEVER_SHOWN
    # The recording saw the dialogs: the file dialog's, print dialog's and buttons'.
    contexts = {context for context, _, _ in keys}
    assert {"QFileDialog", "QPrintDialog", "QPlatformTheme", "QPrintSettingsOutput"} <= contexts
    assert len(keys) > 100
    return keys


@pytest.mark.parametrize("lang", LAUNCH_LANGUAGES)
def test_qt_catalog_is_found_where_pyside_keeps_it(lang: str, qapp: QApplication) -> None:
    translator = load_qtbase(lang, qapp)
    assert translator is not None, lang
    assert translator.translate("QFileDialog", "Open")  # a string every catalog has
    assert Path(translator.filePath()).name == f"qtbase_{lang}.qm"


@pytest.mark.parametrize("lang", LAUNCH_LANGUAGES)
def test_every_qt_string_of_our_dialogs_is_translated(
    lang: str, qt_keys: set[Key], language: LanguageController
) -> None:
    left = missing(lang, qt_keys)
    ours = qt_strings_catalog(lang)
    # Our catalog holds exactly what Qt's leaves in English: no more, no less.
    wanted = {(f"{c}|{d}" if d else c, s) for c, s, d in left}
    assert set(ours) == wanted, (lang, sorted(wanted ^ set(ours)))
    language.set_language(lang)
    # Installed after Qt's, ours answers for what Qt's leaves out; Qt's answers the rest.
    for context, source, disambiguation in sorted(qt_keys):
        shown = QCoreApplication.translate(context, source, disambiguation or None)
        key = (f"{context}|{disambiguation}" if disambiguation else context, source)
        if key in ours:
            assert shown == ours[key], (lang, key)
    assert missing(lang, qt_keys, _Installed()) == []


class _Installed:
    """What the application's translators, Qt's and ours, give for a string."""

    def translate(self, context: str, source: str, disambiguation: str | None = None) -> str:
        shown = QCoreApplication.translate(context, source, disambiguation)
        # Qt gives the source back when no translator has the string: say "missing"
        # unless one of them has it (a translation may rightly equal the source).
        return shown if shown != source or _has(context, source, disambiguation) else ""


def _has(context: str, source: str, disambiguation: str | None) -> bool:
    lang = language_module.current_language()
    app = QCoreApplication.instance()
    assert app is not None
    qt = load_qtbase(lang, app)
    return bool(qt and qt.translate(context, source, disambiguation)) or (
        (f"{context}|{disambiguation}" if disambiguation else context, source)
        in qt_strings_catalog(lang)
    )


@pytest.mark.parametrize("lang", LAUNCH_LANGUAGES)
def test_our_qt_catalog_is_marked_and_keeps_accelerators(lang: str) -> None:
    path = resources.translations_dir() / "qt" / f"{lang}.po"
    text = path.read_text(encoding="utf-8")
    done = subprocess.run(
        [require_tool("msgfmt"), "--check", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert "X-Review-Status: machine-assisted, awaiting review" in text
    with path.open("rb") as handle:
        for message in read_po(handle, locale=lang):
            if isinstance(message.id, str) and message.id:
                assert isinstance(message.string, str)
                assert message.id.count("&") == message.string.count("&"), message.id
