"""When the main file fails: offer the backup, and restore it (DESIGN §5)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from safetykit.vault import format as fmt
from safetykit.vault import keychain, storage
from safetykit.vault.core import Vault, read_file
from safetykit.vault.errors import VaultDamaged, VaultError, VaultMissing, WrongPassphrase


def offer_backup(folder: Path, blob: bytes, passphrase: str, error: VaultError) -> None:
    """If the main file fails but the backup opens, raise an error that says so."""
    try:
        backup = storage.backup_path(folder).read_bytes()
    except OSError:
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
    """Make the backup the vault again, after checking that it opens.

    The restored vault gets a generation above both files, so generations never go
    backwards; the backup file itself stays as it is.
    """
    folder = Path(data_dir)
    path = storage.backup_path(folder)
    if not path.exists():
        raise VaultMissing("vault.no_backup", folder=folder)
    backup = read_file(path)
    vault = Vault._unlock(
        folder, backup, passphrase=passphrase, timeout=keychain_timeout, tidy=False
    )
    vault._take_lock()
    try:
        try:
            main_generation = fmt.parse_header(storage.vault_path(folder).read_bytes()).generation
        except (OSError, VaultError):
            main_generation = 0
        vault._header = replace(
            vault._header, generation=max(main_generation, vault._header.generation)
        )
        vault._write(keep_backup=False)
    except BaseException:
        vault.lock()
        raise
    return vault
