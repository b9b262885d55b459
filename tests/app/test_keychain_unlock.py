"""The keychain in the app, with a real Secret Service (gnome-keyring under D-Bus):
"remember on this device" is offered when an unlocked keychain answers, the keychain
unlock is a button (never automatic), and it serves the first unlock after start only."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from safetykit.app.language import LanguageController
from safetykit.vault import Vault
from safetykit.vault.kdf import TEST_PARAMS
from tests.app.journey import PASS, arrived, click, window
from tests.vault.keychain_support import SecretService


def test_remember_is_offered_and_used(
    qtbot: QtBot, language: LanguageController, data_dir: Path, secret_service: SecretService
) -> None:
    folder = data_dir / "fresh"
    win = window(qtbot, language, folder)
    page = win.onboarding_page
    click(qtbot, page.next_button)
    with qtbot.waitSignal(page.keychain_answered, timeout=10_000) as probed:
        click(qtbot, page.next_button)
    assert probed.args == [True]
    assert page.remember.isVisible()
    page.new_passphrase.edit.setText(PASS)
    page.confirm_passphrase.edit.setText(PASS)
    page.new_passphrase.estimate_now()
    page.no_recovery.setChecked(True)
    page.remember.setChecked(True)
    click(qtbot, page.next_button)
    click(qtbot, page.next_button)
    click(qtbot, page.next_button)
    arrived(qtbot, win)
    assert win.session.require().vault.remembered
    win.close()


def test_keychain_unlock_is_a_button_for_the_first_unlock_only(
    qtbot: QtBot, language: LanguageController, data_dir: Path, secret_service: SecretService
) -> None:
    Vault.create(data_dir, PASS, remember=True, kdf_params=TEST_PARAMS).lock()
    win = window(qtbot, language, data_dir)
    page = win.unlock_page
    assert win.private is None  # never unlocked by itself
    assert page.keychain_button.isVisible()
    click(qtbot, page.keychain_button)
    arrived(qtbot, win)
    win.lock()
    assert not page.keychain_button.isVisible()  # after a lock: the passphrase only
    win.close()


def test_no_keychain_means_no_remember_box(
    qtbot: QtBot, language: LanguageController, data_dir: Path, monkeypatch: object
) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    win = window(qtbot, language, data_dir / "fresh")
    page = win.onboarding_page
    click(qtbot, page.next_button)
    with qtbot.waitSignal(page.keychain_answered, timeout=10_000) as probed:
        click(qtbot, page.next_button)
    assert probed.args == [False]
    assert not page.remember.isVisible()
