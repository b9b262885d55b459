"""When the main file fails: offer the backup, and restore it (DESIGN §5)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from safetykit.vault import format as fmt
from safetykit.vault import keychain, seen, storage
from safetykit.vault.core import Vault, read_file
from safetykit.vault.errors import (
    NotAVault,
    VaultDamaged,
    VaultError,
    VaultMissing,
    WrongPassphrase,
)


def expected_vault_id(folder: Path, main: bytes | None = None) -> bytes | None:
    """The id a backup must have: the main file's, else the one this installation last
    saw (vault.seen); None when neither is known."""
    head = main if main is not None else storage.read_head(storage.vault_path(folder))
    if head.startswith(fmt.MAGIC) and len(head) >= fmt.FIXED_BYTES:
        return bytes(head[12:28])
    record = seen.read(folder)
    return record.vault_id if record is not None else None


def _same_vault(folder: Path, backup: bytes, main: bytes | None = None) -> bool:
    expected = expected_vault_id(folder, main)
    try:
        return expected is None or fmt.parse_header(backup).vault_id == expected
    except VaultError:
        return False


def offer_backup(folder: Path, blob: bytes, passphrase: str, error: VaultError) -> None:
    """If the main file fails but the backup opens, raise an error that says so. A
    backup with another vault id (a foreign file) is never offered."""
    try:
        backup = storage.read_bounded(storage.backup_path(folder))
    except OSError:
        return
    if not _same_vault(folder, backup, blob):
        return
    if isinstance(error, WrongPassphrase) and _same_passphrase_slot(blob, backup):
        return  # the backup's slot is the same one: it would fail the same way
    try:
        opened = Vault._unlock(folder, backup, passphrase=passphrase, tidy=False)
    except VaultError:
        return
    generation = opened.generation
    opened.lock()
    better = VaultDamaged(
        "vault.key_slot_damaged.backup_opens"
        if isinstance(error, WrongPassphrase)
        else "vault.damaged.backup_opens",
        generation=generation,
        cause=error.code,
    )
    better.backup_opens = True
    raise better from None


def _same_passphrase_slot(main: bytes, backup: bytes) -> bool:
    try:
        return fmt.parse_header(main).slots[0] == fmt.parse_header(backup).slots[0]
    except VaultError:
        return False


def restore_backup(
    data_dir: str | os.PathLike[str],
    passphrase: str | None,
    *,
    keychain_timeout: float = keychain.DEFAULT_TIMEOUT,
) -> Vault:
    """Make the backup the vault again, after checking that it opens and that it is
    this vault's (same vault id as the main file, or as the one this installation last
    saw).

    The restored vault gets a generation above both files and the record, so
    generations never go backwards; the replaced main file's key slots are overwritten;
    the backup file itself stays as it is.
    """
    folder = Path(data_dir)
    path = storage.backup_path(folder)
    if not os.path.lexists(path):
        raise VaultMissing("vault.no_backup", folder=folder)
    backup = read_file(path)
    if not _same_vault(folder, backup):
        raise NotAVault("vault.not_a_vault.foreign_backup")
    vault = Vault._unlock(
        folder, backup, passphrase=passphrase, timeout=keychain_timeout, tidy=False
    )
    vault._take_lock()
    try:
        try:
            head = storage.read_head(storage.vault_path(folder))
            main_generation = fmt.parse_header(head + b"\0" * fmt.TAG_BYTES).generation
        except VaultError:
            main_generation = 0
        record = seen.read(folder)
        if record is not None and record.vault_id == vault.vault_id:
            main_generation = max(main_generation, record.generation)
        vault._header = replace(
            vault._header, generation=max(main_generation, vault._header.generation)
        )
        vault._write(keep_backup=False)
    except BaseException:
        vault.lock()
        raise
    return vault
