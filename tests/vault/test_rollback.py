"""Rollback and foreign files (issue 12 #4): a backup is offered or restored only if it
is this vault's; an older generation than this installation saw is reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from safetykit.vault import NotAVault, Vault, VaultDamaged, restore_backup, storage
from safetykit.vault import format as fmt
from safetykit.vault.wipe import wipe
from tests.helpers import make_vault, run_cli

PASS = "rollback test passphrase"
RECORD = "vault.seen"


def test_an_older_copy_put_back_is_reported(data_dir: Path, tmp_path: Path) -> None:
    vault = make_vault(data_dir, PASS)
    vault.save()
    old = tmp_path / "old.skv"
    shutil.copy(storage.vault_path(data_dir), old)
    for _ in range(3):
        vault.save()
    vault.lock()
    shutil.copy(old, storage.vault_path(data_dir))  # an attacker's rollback
    rolled = Vault.open(data_dir, PASS)
    assert rolled.rollback is not None and "older" in str(rolled.rollback)
    assert any("generation 2, but 5 was seen" in str(w) for w in rolled.warnings), rolled.warnings
    rolled.save()  # the user goes on: the generation resumes above what was seen
    assert rolled.generation == 6
    rolled.lock()
    again = Vault.open(data_dir, PASS)
    assert again.rollback is None and again.warnings == []


def test_cli_says_so(data_dir: Path, tmp_path: Path) -> None:
    vault = make_vault(data_dir, PASS)
    old = tmp_path / "old.skv"
    shutil.copy(storage.vault_path(data_dir), old)
    vault.save()
    vault.save()
    vault.lock()
    shutil.copy(old, storage.vault_path(data_dir))
    done = run_cli("vault", "check", "--data-dir", data_dir, input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    assert "older than the one this computer last saw" in done.stderr


def _foreign_backup(data_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    make_vault(other, PASS).save()  # another vault, same passphrase
    make_vault(data_dir, PASS).save()
    shutil.copy(storage.backup_path(other), storage.backup_path(data_dir))


def test_a_foreign_backup_is_not_offered(data_dir: Path, tmp_path: Path) -> None:
    _foreign_backup(data_dir, tmp_path)
    main = storage.vault_path(data_dir)
    blob = bytearray(main.read_bytes())
    blob[-1] ^= 1  # the main file is damaged
    main.write_bytes(bytes(blob))
    with pytest.raises(VaultDamaged) as failure:
        Vault.open(data_dir, PASS)
    assert not failure.value.backup_opens
    assert "restore-backup" not in str(failure.value)


def test_a_foreign_backup_is_not_restored(data_dir: Path, tmp_path: Path) -> None:
    _foreign_backup(data_dir, tmp_path)
    before = storage.vault_path(data_dir).read_bytes()
    with pytest.raises(NotAVault, match="another vault"):
        restore_backup(data_dir, PASS)
    assert storage.vault_path(data_dir).read_bytes() == before


def test_a_foreign_backup_is_not_restored_when_the_main_file_is_gone(
    data_dir: Path, tmp_path: Path
) -> None:
    _foreign_backup(data_dir, tmp_path)
    storage.vault_path(data_dir).unlink()  # the record still knows this vault's id
    with pytest.raises(NotAVault, match="another vault"):
        restore_backup(data_dir, PASS)


def test_restore_updates_the_record_and_wipe_removes_it(data_dir: Path) -> None:
    vault = make_vault(data_dir, PASS)
    for _ in range(3):
        vault.save()
    vault.lock()
    restored = restore_backup(data_dir, PASS)
    restored.lock()
    record = (data_dir / RECORD).read_text()
    assert record.split()[-1] == str(restored.generation)
    assert restored.generation == 5
    assert fmt.parse_header(storage.vault_path(data_dir).read_bytes()).generation == 5
    assert Vault.open(data_dir, PASS).warnings == []
    wipe(data_dir)
    assert list(data_dir.iterdir()) == []
