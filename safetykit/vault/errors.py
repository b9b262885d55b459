"""The vault's failures, one type per thing that went wrong (DESIGN §5).

Each is a SafetyKitError, so the command line prints it as one line and exits 1.
Each type has a default code; a raise may name a more precise one
("vault.damaged.truncated"). Parameters never hold a passphrase, a key or any of the
vault's content.
"""

from __future__ import annotations

from safetykit.errors import SafetyKitError


class VaultError(SafetyKitError):
    """Any failure of the vault."""

    default_code = "vault.failed"


class WrongPassphrase(VaultError):
    """The passphrase does not unlock the key slot (or the key slot is damaged)."""

    default_code = "vault.wrong_passphrase"


class VaultDamaged(VaultError):
    """The file looks like a vault but fails its checks: truncated, altered or corrupt."""

    default_code = "vault.damaged"

    #: Set when the main file failed but its backup opens with the same passphrase.
    backup_opens: bool = False


class NotAVault(VaultError):
    """The file is not a SafetyKit vault at all."""

    default_code = "vault.not_a_vault"

    backup_opens: bool = False


class VaultTooNew(VaultError):
    """The vault was written by a newer version of SafetyKit."""

    default_code = "vault.too_new"


class VaultInUse(VaultError):
    """Another process holds the writer lock, or changed the vault since we read it."""

    default_code = "vault.in_use"


class VaultLocked(VaultError):
    """The vault was locked: its key is gone and nothing more can be read or saved."""

    default_code = "vault.locked"


class VaultMissing(VaultError):
    """There is no vault in the data folder."""

    default_code = "vault.missing"


class VaultExists(VaultError):
    """A vault already exists where a new one was to be created."""

    default_code = "vault.exists"


class VaultSaveFailed(VaultError):
    """Writing failed (disk full, I/O error…); the previous vault is left as it was.

    ``committed`` is True in the one case where the new file is already in place and
    only the final folder flush failed.
    """

    default_code = "vault.save_failed"

    committed: bool = False


class KeychainUnavailable(VaultError):
    """The OS keychain could not unlock the vault; the passphrase is needed instead."""

    default_code = "keychain.unavailable"


class KdfUnavailable(VaultError):
    """This system's cryptography library lacks the key derivation the vault uses."""

    default_code = "vault.kdf_unavailable"
