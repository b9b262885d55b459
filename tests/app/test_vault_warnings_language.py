"""What the vault noticed while opening is said in the interface language (issue 15):
the vault keeps message ids, the main window words them at display time."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from safetykit import i18n
from safetykit.app.language import RLM, LanguageController
from safetykit.vault import Vault, storage
from tests.app.journey import PASS, unlock, window
from tests.helpers import make_vault

OLDER = (
    "This vault is older than the one this computer last saw (generation "
    "%(generation)s, but %(seen)s was seen): it may have been replaced by an older "
    "copy, and recent answers may be missing."
)


def test_an_older_copy_is_reported_in_arabic(
    qtbot: QtBot, language: LanguageController, data_dir: Path
) -> None:
    vault = make_vault(data_dir, PASS)
    vault.save()
    old = data_dir / "old-copy.skv"
    shutil.copy(storage.vault_path(data_dir), old)
    vault.save()
    vault.save()
    vault.lock()
    Vault.open(data_dir, PASS).lock()  # this installation has seen generation 4
    shutil.copy(old, storage.vault_path(data_dir))
    language.set_language("ar")
    win = window(qtbot, language, data_dir)
    unlock(qtbot, win)
    assert win.private is not None
    banner = win.private.save_banner
    qtbot.waitUntil(banner.isVisible)
    arabic = i18n.translations("ar").gettext(OLDER)
    assert arabic != OLDER
    assert banner.label.text() == RLM + arabic % {"generation": 2, "seen": 4}
    assert "older than" not in banner.label.text()
    win.lock()
