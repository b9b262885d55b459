"""The encrypted vault (DESIGN §5): format, key derivation, key slots, atomic storage,
OS keychain, panic wipe and JSON export. Qt-free.

Names are loaded on first use (PEP 562): the desktop app asks whether a vault exists
before its first window, and must not pay for the crypto library to find out.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from safetykit.vault.core import Vault
    from safetykit.vault.errors import (
        KdfUnavailable,
        KeychainUnavailable,
        NotAVault,
        VaultDamaged,
        VaultError,
        VaultExists,
        VaultInUse,
        VaultLocked,
        VaultMissing,
        VaultSaveFailed,
        VaultTooNew,
        WrongPassphrase,
    )
    from safetykit.vault.recovery import restore_backup
    from safetykit.vault.storage import vault_exists

_WHERE = {
    "Vault": "core",
    "vault_exists": "storage",
    "restore_backup": "recovery",
    **{
        name: "errors"
        for name in (
            "KdfUnavailable",
            "KeychainUnavailable",
            "NotAVault",
            "VaultDamaged",
            "VaultError",
            "VaultExists",
            "VaultInUse",
            "VaultLocked",
            "VaultMissing",
            "VaultSaveFailed",
            "VaultTooNew",
            "WrongPassphrase",
        )
    },
}

__all__ = [
    "KdfUnavailable",
    "KeychainUnavailable",
    "NotAVault",
    "Vault",
    "VaultDamaged",
    "VaultError",
    "VaultExists",
    "VaultInUse",
    "VaultLocked",
    "VaultMissing",
    "VaultSaveFailed",
    "VaultTooNew",
    "WrongPassphrase",
    "restore_backup",
    "vault_exists",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'safetykit.vault' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"safetykit.vault.{module}"), name)
    globals()[name] = value
    return value
