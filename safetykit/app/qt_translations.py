"""Qt's own strings (standard buttons, the file and print dialogs) in the interface
language: Qt's ``qtbase_<lang>.qm``, then our small catalog for what it leaves in English.

``qtbase_<lang>.qm`` comes with PySide6: in a checkout's virtual environment and an
installed wheel it is in Qt's translations folder (``QLibraryInfo``); a frozen bundle
carries the same folder (``PySide6/Qt/translations`` inside the bundle). Qt's catalogs
are incomplete for some languages: ``translations/qt/<lang>.po`` (msgctxt = Qt's class,
with ``|disambiguation`` when Qt gives one) holds those strings, found by
tests/app/test_qt_strings.py. It is installed after Qt's catalog, so Qt asks it first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QObject, QTranslator

from safetykit import resources


def qt_translations_folders() -> list[Path]:
    """Where ``qtbase_<lang>.qm`` may be, in the order they are tried."""
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders.append(Path(bundle) / "PySide6" / "Qt" / "translations")
    return folders


def load_qtbase(lang: str, parent: QObject) -> QTranslator | None:
    translator = QTranslator(parent)
    for folder in qt_translations_folders():
        if translator.load(f"qtbase_{lang}", str(folder)):
            return translator
    return None


class CatalogTranslator(QTranslator):
    """Our PO catalog of Qt strings, answering Qt's ``translate`` calls."""

    def __init__(self, strings: dict[tuple[str, str], str], parent: QObject) -> None:
        super().__init__(parent)
        self.strings = strings

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        key = f"{context}|{disambiguation}" if disambiguation else context
        # None: "not here", so Qt goes on to its own catalog.
        return self.strings.get((key, source))

    def isEmpty(self) -> bool:
        return not self.strings


def qt_strings_catalog(lang: str) -> dict[tuple[str, str], str]:
    """``translations/qt/<lang>.po`` as {(context, source): translation}."""
    try:
        path = resources.translations_dir() / "qt" / f"{lang}.po"
    except resources.ResourceNotFound:
        return {}
    if not path.is_file():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    return {
        (message.context or "", message.id): message.string
        for message in catalog
        if isinstance(message.id, str)
        and message.id
        and isinstance(message.string, str)
        and message.string
        and not message.fuzzy
    }


def load_ours(lang: str, parent: QObject) -> CatalogTranslator | None:
    strings = qt_strings_catalog(lang)
    return CatalogTranslator(strings, parent) if strings else None
