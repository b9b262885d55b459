"""Key slots: the data key wrapped under the passphrase or under the keychain secret."""

from __future__ import annotations

import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from safetykit.vault import format as fmt
from safetykit.vault import kdf, keychain
from safetykit.vault.errors import KeychainUnavailable, WrongPassphrase


def keychain_kek(secret: bytes, salt: bytes) -> bytes:
    """The keychain secret is already uniformly random: HKDF only separates its use."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"safetykit keychain slot")
    return hkdf.derive(secret)


def passphrase_slot(passphrase: str, params: kdf.KdfParams, data_key: bytes) -> fmt.Slot:
    return new_passphrase_slot(passphrase, params, data_key)[0]


def new_passphrase_slot(
    passphrase: str, params: kdf.KdfParams, data_key: bytes
) -> tuple[fmt.Slot, bytes]:
    """A passphrase slot with a fresh salt, and its key-encryption key."""
    salt = os.urandom(kdf.SALT_BYTES)
    kek = kdf.derive(kdf.normalize_passphrase(passphrase), salt, params)
    code, numbers = fmt.passphrase_slot_params(params)
    return fmt.make_slot(fmt.KIND_PASSPHRASE, code, numbers, kek, salt, data_key), kek


def passphrase_kek(header: fmt.Header, passphrase: str) -> bytes:
    """The key-encryption key ``passphrase`` gives for this header's passphrase slot."""
    slot = header.slots[0]
    return kdf.derive(kdf.normalize_passphrase(passphrase), slot.salt, slot.kdf_params())


def keychain_slot(vault_id: bytes, data_key: bytes, timeout: float) -> fmt.Slot:
    """Store a fresh random secret in the OS keychain and wrap the data key under it."""
    secret = os.urandom(keychain.SECRET_BYTES)
    code = keychain.store_secret(vault_id, secret, timeout)
    salt = os.urandom(kdf.SALT_BYTES)
    kek = keychain_kek(secret, salt)
    return fmt.make_slot(fmt.KIND_KEYCHAIN, fmt.KDF_NONE, (code, 0, 0), kek, salt, data_key)


def unlock_with_passphrase(header: fmt.Header, passphrase: str) -> bytes:
    return fmt.unwrap_slot(header.slots[0], passphrase_kek(header, passphrase))


def unlock_with_keychain(header: fmt.Header, timeout: float) -> bytes:
    slot = header.slot(fmt.KIND_KEYCHAIN)
    if slot is None:
        raise KeychainUnavailable("keychain.not_remembered")
    secret = keychain.load_secret(header.vault_id, slot.p1, timeout)
    try:
        return fmt.unwrap_slot(slot, keychain_kek(secret, slot.salt))
    except WrongPassphrase:
        raise KeychainUnavailable("keychain.entry_mismatch") from None
