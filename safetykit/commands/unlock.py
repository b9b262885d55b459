"""Unlock the vault for a command: the OS keychain slot first, then the passphrase."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from safetykit.commands.common import _, data_dir, info, read_secret, shown, warn
from safetykit.coredump import no_crash_dumps

if TYPE_CHECKING:
    from safetykit.vault import Vault


def unlock_vault(args: argparse.Namespace) -> Vault:
    """An unlocked Vault for ``args.data_dir``; asks for the passphrase only if needed.

    Any keychain problem (no Secret Service, locked collection, missing or garbage entry,
    changed backend, timeout) is reported in one line and the passphrase is asked instead.
    """
    from safetykit.vault import KeychainUnavailable, NotAVault, Vault, VaultDamaged, VaultMissing
    from safetykit.vault.storage import backup_path, remembered_on_disk, vault_exists

    no_crash_dumps()  # before the keychain or the passphrase unlocks anything
    folder = data_dir(args, create=False)
    if not vault_exists(folder):
        raise VaultMissing("vault.missing", folder=folder)
    if remembered_on_disk(folder):
        try:
            return _told(Vault.open_with_keychain(folder))
        except KeychainUnavailable as error:
            info(
                _(
                    "safetykit: the OS keychain could not unlock the vault. %(problem)s",
                    problem=error,
                )
            )
            info(_("safetykit: using the passphrase instead."))
        except (VaultDamaged, NotAVault):
            if not backup_path(folder).exists():
                raise
            # The passphrase path can check the backup and offer it (DESIGN §5).
    passphrase = read_secret(_("Vault passphrase: "))
    return _told(Vault.open(folder, passphrase))


def _told(vault: Vault) -> Vault:
    """Say what the unlock found (an interrupted passphrase change and which passphrase
    is in effect, an older or foreign vault than this computer last saw)."""
    for message in vault.warnings:
        warn(shown(message))
    vault.warnings.clear()
    return vault
