"""Unlocking for a screen: the order of attempts, and what each failure means.

Both attempts return a Vault that already holds the writer lock (the app keeps it from
unlock to lock), and each failure is sorted into the one thing the screen must say or
offer (DESIGN §5: wrong passphrase, damaged, not a vault, newer version, in use; the
backup when it opens). Runs on a worker thread: the derivation takes about a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from safetykit.errors import SafetyKitError
from safetykit.vault.errors import (
    KeychainUnavailable,
    NotAVault,
    VaultDamaged,
    VaultInUse,
    VaultMissing,
    VaultTooNew,
    WrongPassphrase,
)
from safetykit.vault.storage import remembered_on_disk, vault_exists

if TYPE_CHECKING:  # the crypto is loaded when an unlock starts, not with the window
    from safetykit.vault import Vault

KEYCHAIN_TIMEOUT = 10.0


class Problem(StrEnum):
    WRONG_PASSPHRASE = "wrong_passphrase"  # noqa: S105 - a failure kind
    DAMAGED = "damaged"
    NOT_A_VAULT = "not_a_vault"
    TOO_NEW = "too_new"
    IN_USE = "in_use"
    MISSING = "missing"
    KEYCHAIN = "keychain"
    OTHER = "other"


@dataclass(frozen=True)
class Failure:
    problem: Problem
    error: SafetyKitError
    backup_opens: bool  # the main file failed but the backup opens: offer it


def classify(error: SafetyKitError) -> Failure:
    kinds: list[tuple[type[SafetyKitError], Problem]] = [
        (WrongPassphrase, Problem.WRONG_PASSPHRASE),
        (VaultTooNew, Problem.TOO_NEW),
        (NotAVault, Problem.NOT_A_VAULT),
        (VaultDamaged, Problem.DAMAGED),
        (VaultInUse, Problem.IN_USE),
        (VaultMissing, Problem.MISSING),
        (KeychainUnavailable, Problem.KEYCHAIN),
    ]
    problem = next((p for kind, p in kinds if isinstance(error, kind)), Problem.OTHER)
    return Failure(problem, error, bool(getattr(error, "backup_opens", False)))


def can_use_keychain(folder: Path) -> bool:
    """Whether the vault has a keychain slot (the button is offered, never automatic)."""
    return remembered_on_disk(folder)


def exists(folder: Path) -> bool:
    return vault_exists(folder)


def _held(vault: Vault) -> Vault:
    try:
        vault.hold_writer_lock()
    except BaseException:
        vault.lock()
        raise
    return vault


def open_with_passphrase(folder: Path, passphrase: str) -> Vault:
    from safetykit.vault import Vault

    return _held(Vault.open(folder, passphrase))


def open_with_keychain(folder: Path, timeout: float = KEYCHAIN_TIMEOUT) -> Vault:
    from safetykit.vault import Vault

    return _held(Vault.open_with_keychain(folder, timeout=timeout))


def restore_from_backup(folder: Path, passphrase: str) -> Vault:
    """Make the backup the vault again (it opened with this passphrase) and open it."""
    from safetykit.vault.recovery import restore_backup

    return _held(restore_backup(folder, passphrase))
