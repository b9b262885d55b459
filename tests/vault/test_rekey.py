"""Deleted is deleted (issue 12 #15): Vault.rekey() puts the vault under a new data key
with the same passphrase, so an old body (a copy made before the deletion) no longer
decrypts with the key the passphrase now unlocks, and the old key slots are gone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from safetykit.vault import Vault, VaultDamaged, VaultError, WrongPassphrase, storage
from safetykit.vault import format as fmt
from tests.helpers import make_vault
from tests.vault.test_carving import opens

PASS = "rekey test passphrase"
NOTE = "the note that was deleted"


def test_after_rekey_an_old_body_does_not_decrypt_with_the_current_key(
    data_dir: Path, tmp_path: Path
) -> None:
    vault = make_vault(data_dir, PASS)
    vault.data["settings"]["note"] = NOTE
    vault.save()
    old = storage.vault_path(data_dir).read_bytes()  # e.g. carved, or a block kept by an SSD
    held = tmp_path / "held"
    os.link(storage.vault_path(data_dir), held)
    with vault.changing() as data:
        del data["settings"]["note"]  # "delete permanently"
    vault.save()
    vault.rekey()  # no second prompt: the vault was unlocked with the passphrase
    vault.lock()
    now = Vault.open(data_dir, PASS)  # the same passphrase still opens it
    assert "note" not in now.data["settings"]
    key = now._key
    assert key is not None
    with pytest.raises(VaultDamaged):
        fmt.open_body(old, fmt.parse_header(old), key)
    for path in (storage.vault_path(data_dir), storage.backup_path(data_dir)):
        assert NOTE.encode() not in path.read_bytes()
        blob = path.read_bytes()
        fmt.open_body(blob, fmt.parse_header(blob), key)  # both files: the new key
    assert not opens(held.read_bytes(), PASS)  # the replaced file's slots are overwritten
    now.lock()


def test_rekey_after_a_keychain_unlock_needs_the_passphrase(data_dir: Path) -> None:
    vault = make_vault(data_dir, PASS)
    vault._kek = None  # as after Vault.open_with_keychain
    with pytest.raises(VaultError, match="needs the passphrase"):
        vault.rekey()
    with pytest.raises(WrongPassphrase):
        vault.rekey("not the passphrase")
    vault.rekey(PASS)
    vault.lock()
    assert Vault.open(data_dir, PASS).generation >= 2
