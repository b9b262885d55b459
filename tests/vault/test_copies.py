"""Encrypted backup copies saved to a chosen file, and restoring one (issue 11, #2)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from safetykit.vault import NotAVault, Vault, WrongPassphrase, copies
from safetykit.vault import format as fmt
from safetykit.vault.kdf import TEST_PARAMS
from tests.helpers import make_vault

PASS = "copper kettle orchard"
NEW = "violet tram sparrow"


def _vault(folder: Path) -> Vault:
    vault = make_vault(folder, PASS)
    with vault.changing() as body:
        body["assessments"] = [{"id": "a1", "started": "2026-11-20T10:00:00Z", "answers": {}}]
        body["packs"] = {"imported": {}, "trusted_keys": {}, "versions": {"org.x": 3}}
        body["marker"] = "first"
    vault.save()
    return vault


def test_a_copy_opens_with_the_passphrase_it_was_saved_with(tmp_path: Path) -> None:
    vault = _vault(tmp_path / "data")
    copy = tmp_path / "usb" / "backup.skv"
    copy.parent.mkdir()
    old_umask = os.umask(0o022)
    try:
        copies.save_copy(vault, copy)
    finally:
        os.umask(old_umask)
    assert copy.stat().st_mode & 0o777 == 0o600
    header = fmt.parse_header(copy.read_bytes())
    assert [s.kind for s in header.slots] == [fmt.KIND_PASSPHRASE]  # no keychain slot
    assert header.vault_id == vault.vault_id and header.generation == vault.generation
    vault.change_passphrase(NEW, kdf_params=TEST_PARAMS)
    with pytest.raises(WrongPassphrase):
        copies.open_copy(copy, NEW)  # the copy keeps the passphrase it was saved with
    opened = copies.open_copy(copy, PASS)
    assert opened.content["marker"] == "first"
    assert opened.assessments() == 1 and opened.latest_started() == "2026-11-20"
    vault.lock()


def test_restoring_puts_the_copy_in_the_vault_under_the_current_passphrase(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    vault = _vault(folder)
    copy = tmp_path / "backup.skv"
    copies.save_copy(vault, copy)
    with vault.changing() as body:
        body["marker"] = "later"
        body["packs"]["versions"]["org.x"] = 5  # a newer pack accepted after the copy
        body["packs"]["signers"] = {"org.x": "NEWKEY"}  # and re-bound to another key
        body["packs"]["digests"] = {"org.x": {"5": "abc"}}
    vault.save()
    vault.change_passphrase(NEW, kdf_params=TEST_PARAMS)
    opened = copies.open_copy(copy, PASS)
    assert copies.check_copy(vault, opened) > 0  # older than the vault: reported
    copies.restore_copy(vault, opened)
    vault.save()
    generation = vault.generation
    vault.lock()
    again = Vault.open(folder, NEW)
    assert again.data["marker"] == "first"
    assert again.data["packs"]["versions"]["org.x"] == 5  # the ratchet never goes back
    assert again.data["packs"]["signers"] == {"org.x": "NEWKEY"}
    assert again.data["packs"]["digests"] == {"org.x": {"5": "abc"}}
    assert again.generation == generation and not again.warnings
    again.lock()
    with pytest.raises(WrongPassphrase):
        Vault.open(folder, PASS)


def test_a_copy_of_another_vault_or_a_stranger_file_is_refused(tmp_path: Path) -> None:
    mine = _vault(tmp_path / "mine")
    theirs = _vault(tmp_path / "theirs")
    copy = tmp_path / "theirs.skv"
    copies.save_copy(theirs, copy)
    theirs.lock()
    opened = copies.open_copy(copy, PASS)
    with pytest.raises(NotAVault) as refused:
        copies.restore_copy(mine, opened)
    assert refused.value.code == "vault.copy.foreign"
    assert mine.data["marker"] == "first"  # nothing changed
    junk = tmp_path / "holiday.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 100)
    with pytest.raises(NotAVault):
        copies.open_copy(junk, PASS)
    with pytest.raises(NotAVault) as missing:
        copies.open_copy(tmp_path / "gone.skv", PASS)
    assert missing.value.code == "vault.copy.missing"
    mine.lock()
