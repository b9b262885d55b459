"""The encrypted vault (DESIGN §5): format, key derivation, key slots, atomic storage,
OS keychain, panic wipe and JSON export. Qt-free.
"""

from safetykit.vault.core import Vault, vault_exists
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
