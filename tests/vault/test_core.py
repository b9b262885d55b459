"""Create, open, save and lock: the basic contract of the Vault API."""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

import pytest

from safetykit.oslock import OsLock
from safetykit.vault import (
    Vault,
    VaultError,
    VaultExists,
    VaultLocked,
    VaultMissing,
    WrongPassphrase,
    storage,
)
from safetykit.vault import format as fmt
from safetykit.vault.kdf import TEST_PARAMS
from tests.helpers import make_vault

PASS = "correct horse battery staple"


def test_create_open_roundtrip(data_dir: Path) -> None:
    vault = make_vault(data_dir, PASS)
    assert vault.generation == 1
    assert set(vault.data) == {"profile", "assessments", "packs", "settings"}
    assert vault.data["packs"] == {
        "imported": {},
        "trusted_keys": {},
        "versions": {},
        "signers": {},
        "digests": {},
    }
    vault.data["profile"]["org.example/q"] = "yes"
    vault.data["packs"]["imported"]["org.example"] = {"opaque": [1, 2, 3]}
    vault.save()
    assert vault.generation == 2
    vault.lock()
    again = Vault.open(data_dir, PASS)
    assert again.data["profile"] == {"org.example/q": "yes"}
    assert again.data["packs"]["imported"] == {"org.example": {"opaque": [1, 2, 3]}}
    assert again.generation == 2
    assert again.created == vault.created


def test_generation_grows_and_backup_keeps_the_previous(data_dir: Path) -> None:
    vault = make_vault(data_dir, PASS)
    for expected in range(2, 6):
        vault.data["settings"]["n"] = expected
        vault.save()
        assert vault.generation == expected
        backup = fmt.parse_header(storage.backup_path(data_dir).read_bytes())
        assert backup.generation == expected - 1
    assert str(vault.check_backup()) == "generation 4, opens"


def test_files_are_private(data_dir: Path) -> None:
    # Under a permissive umask, over files that were 0644: the suite's own umask 077
    # would make a plain write_bytes pass this test.
    old = os.umask(0o022)
    try:
        folder = data_dir / "new"
        vault = make_vault(folder, PASS)
        for name in ("vault.skv",):
            (folder / name).chmod(0o644)
        vault.save()
        (folder / "vault.skv.bak").chmod(0o644)
        vault.save()
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in ("vault.skv", "vault.skv.bak"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600


def test_body_is_sealed(data_dir: Path) -> None:
    vault = make_vault(data_dir, PASS)
    vault.data["assessments"].append({"id": "secret-marker-123", "answers": {}})
    vault.save()
    raw = vault.path.read_bytes()
    assert b"secret-marker" not in raw
    assert PASS.encode() not in raw


def test_fresh_nonce_every_save(data_dir: Path) -> None:
    vault = make_vault(data_dir, PASS)
    nonces = set()
    for _ in range(5):
        vault.save()
        nonces.add(fmt.parse_header(vault.path.read_bytes()).nonce)
    assert len(nonces) == 5


def test_nfd_passphrase_opens_an_nfc_vault(data_dir: Path) -> None:
    word = "pässwörd café"
    make_vault(data_dir, unicodedata.normalize("NFC", word)).lock()
    assert Vault.open(data_dir, unicodedata.normalize("NFD", word)).generation == 1


def test_no_save_after_lock(data_dir: Path) -> None:
    vault = make_vault(data_dir, PASS)
    vault.lock()
    assert vault.locked and vault.data == {}
    with pytest.raises(VaultLocked):
        vault.save()
    with pytest.raises(VaultLocked):
        vault.set_remember(True)
    with pytest.raises(VaultLocked):
        vault.change_passphrase("other", kdf_params=TEST_PARAMS)


def test_create_refuses_an_existing_vault(data_dir: Path) -> None:
    make_vault(data_dir, PASS).lock()
    before = vault_bytes(data_dir)
    with pytest.raises(VaultExists):
        make_vault(data_dir, "other")
    assert vault_bytes(data_dir) == before


def test_empty_passphrase_refused_at_create(data_dir: Path) -> None:
    with pytest.raises(VaultError, match="empty"):
        make_vault(data_dir, "")
    assert not (data_dir / "vault.skv").exists()


def test_missing_vault(data_dir: Path) -> None:
    with pytest.raises(VaultMissing):
        Vault.open(data_dir, PASS)


def test_leftover_temp_files_removed_at_open(data_dir: Path) -> None:
    make_vault(data_dir, PASS).lock()
    leftover = data_dir / f"{storage.TMP_PREFIX}deadbeef"
    leftover.write_bytes(b"half a vault")
    Vault.open(data_dir, PASS)
    assert not leftover.exists()


def test_leftovers_kept_while_another_writer_holds_the_lock(data_dir: Path) -> None:
    make_vault(data_dir, PASS).lock()
    leftover = data_dir / f"{storage.TMP_PREFIX}in-progress"
    leftover.write_bytes(b"being written")
    with OsLock(storage.lock_path(data_dir)):
        Vault.open(data_dir, PASS)  # a read still works
    assert leftover.exists()  # another writer's file in progress is not touched


def test_wrong_passphrase(data_dir: Path) -> None:
    make_vault(data_dir, PASS).lock()
    with pytest.raises(WrongPassphrase, match="passphrase does not open this vault"):
        Vault.open(data_dir, PASS.upper())


def test_scrypt_vault(data_dir: Path) -> None:
    from safetykit.vault.kdf import TEST_SCRYPT_PARAMS, ScryptParams

    make_vault(data_dir, PASS, kdf_params=TEST_SCRYPT_PARAMS).lock()
    vault = Vault.open(data_dir, PASS)
    assert isinstance(vault.kdf_params, ScryptParams)
    with pytest.raises(WrongPassphrase):
        Vault.open(data_dir, "nope")


def vault_bytes(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in the folder with its bytes and mtime: 'nothing changed on disk'."""
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != storage.LOCK_NAME
    }


def test_vault_bytes_helper_sees_changes(data_dir: Path) -> None:
    vault = make_vault(data_dir, PASS)
    before = vault_bytes(data_dir)
    vault.save()
    assert vault_bytes(data_dir) != before
    assert os.path.exists(data_dir / "vault.skv.bak")
