"""Vault file format v1: header, key slots and the sealed body (docs/security-model.md).

All integers are big-endian. The header is authenticated as the associated data of the
body's AEAD, so changing any header byte makes the body fail to open. Each key slot
wraps the data key with its own AEAD (associated data: the magic, the format version and
the slot's descriptor), so a changed KDF parameter or salt reads as a wrong passphrase.

    offset size  field
    0      8     magic  89 53 4B 56 0D 0A 1A 0A  ("\\x89SKV\\r\\n\\x1a\\n")
    8      2     format version (1)
    10     2     header length H = 58 + 90 × slot count
    12     16    vault id (random; names the keychain item)
    28     8     generation (grows with every save)
    36     8     created (Unix seconds, UTC)
    44     1     body AEAD (1 = ChaCha20-Poly1305)
    45     12    body nonce (fresh on every save)
    57     1     slot count (1 or 2)
    58     90×n  key slots
    H      …     body ciphertext + 16-byte tag

    slot:  0 kind (1 passphrase, 2 keychain) · 1 kdf (1 Argon2id, 2 scrypt, 0 none)
           2 p1 · 6 p2 · 10 p3 (u32: Argon2id iterations, memory KiB, lanes;
           scrypt log2 N, r, p; keychain: backend code, 0, 0)
           14 salt (16) · 30 nonce (12) · 42 wrapped data key (32 + 16 tag)
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from safetykit.vault import kdf as kdfs
from safetykit.vault.errors import NotAVault, VaultDamaged, VaultTooNew, WrongPassphrase

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305


def _aead(key: bytes) -> ChaCha20Poly1305:
    # The library loads at first use: the window reads a header (is a keychain slot
    # there?) before it is shown, and that needs no cipher.
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    return ChaCha20Poly1305(key)


MAGIC = b"\x89SKV\r\n\x1a\n"
FORMAT_VERSION = 1
FIXED_BYTES = 58
SLOT_BYTES = 90
NONCE_BYTES = 12
TAG_BYTES = 16
VAULT_ID_BYTES = 16
AEAD_CHACHA20_POLY1305 = 1

KIND_PASSPHRASE = 1
KIND_KEYCHAIN = 2
KDF_NONE = 0
KDF_ARGON2ID = 1
KDF_SCRYPT = 2

_FIXED = struct.Struct(">8sHH16sQQB12sB")
_SLOT = struct.Struct(">BBIII16s12s48s")
assert _FIXED.size == FIXED_BYTES and _SLOT.size == SLOT_BYTES


@dataclass(frozen=True)
class Slot:
    kind: int
    kdf: int
    p1: int
    p2: int
    p3: int
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def descriptor(self) -> bytes:
        """The bytes the slot's AEAD authenticates (everything but nonce and key)."""
        return _SLOT.pack(*self._fields())[:30]

    def pack(self) -> bytes:
        return _SLOT.pack(*self._fields())

    def _fields(self) -> tuple[int, int, int, int, int, bytes, bytes, bytes]:
        return (self.kind, self.kdf, self.p1, self.p2, self.p3, self.salt, self.nonce, self.wrapped)

    def kdf_params(self) -> kdfs.KdfParams:
        if self.kdf == KDF_ARGON2ID:
            return kdfs.Argon2Params(iterations=self.p1, memory_kib=self.p2, lanes=self.p3)
        if self.kdf == KDF_SCRYPT:
            return kdfs.ScryptParams(log2_n=self.p1, r=self.p2, p=self.p3)
        raise VaultDamaged("vault.damaged.key_slot")


@dataclass(frozen=True)
class Header:
    vault_id: bytes
    generation: int
    created: int
    nonce: bytes
    slots: tuple[Slot, ...]

    @property
    def length(self) -> int:
        return FIXED_BYTES + SLOT_BYTES * len(self.slots)

    def pack(self) -> bytes:
        fixed = _FIXED.pack(
            MAGIC,
            FORMAT_VERSION,
            self.length,
            self.vault_id,
            self.generation,
            self.created,
            AEAD_CHACHA20_POLY1305,
            self.nonce,
            len(self.slots),
        )
        return fixed + b"".join(slot.pack() for slot in self.slots)

    def slot(self, kind: int) -> Slot | None:
        return next((s for s in self.slots if s.kind == kind), None)


def _slot_aad(slot: Slot) -> bytes:
    return MAGIC + FORMAT_VERSION.to_bytes(2, "big") + slot.descriptor()


def make_slot(
    kind: int, kdf_code: int, params: tuple[int, int, int], kek: bytes, salt: bytes, data_key: bytes
) -> Slot:
    """A key slot wrapping ``data_key`` under ``kek`` (fresh nonce)."""
    slot = Slot(kind, kdf_code, *params, salt=salt, nonce=os.urandom(NONCE_BYTES), wrapped=b"")
    wrapped = _aead(kek).encrypt(slot.nonce, data_key, _slot_aad(slot))
    return replace(slot, wrapped=wrapped)


def unwrap_slot(slot: Slot, kek: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag

    try:
        return _aead(kek).decrypt(slot.nonce, slot.wrapped, _slot_aad(slot))
    except InvalidTag:
        raise WrongPassphrase("vault.wrong_passphrase") from None


def passphrase_slot_params(params: kdfs.KdfParams) -> tuple[int, tuple[int, int, int]]:
    if isinstance(params, kdfs.Argon2Params):
        return KDF_ARGON2ID, (params.iterations, params.memory_kib, params.lanes)
    return KDF_SCRYPT, (params.log2_n, params.r, params.p)


def parse_header(blob: bytes | bytearray) -> Header:
    """Read and check the header: everything but authentication, no KDF runs here.

    Raises NotAVault, VaultTooNew or VaultDamaged.
    """
    if len(blob) < len(MAGIC) or blob[: len(MAGIC)] != MAGIC:
        raise NotAVault("vault.not_a_vault")
    if len(blob) < FIXED_BYTES:
        raise VaultDamaged("vault.damaged.truncated")
    _, version, length, vault_id, generation, created, aead, nonce, count = _FIXED.unpack_from(blob)
    if version > FORMAT_VERSION:
        raise VaultTooNew("vault.too_new", format=version)
    if version != FORMAT_VERSION or aead != AEAD_CHACHA20_POLY1305 or count not in (1, 2):
        raise VaultDamaged("vault.damaged.header")
    if length != FIXED_BYTES + SLOT_BYTES * count:
        raise VaultDamaged("vault.damaged.header")
    if len(blob) < length + TAG_BYTES:
        raise VaultDamaged("vault.damaged.truncated")
    slots = tuple(
        Slot(*_SLOT.unpack_from(blob, FIXED_BYTES + i * SLOT_BYTES)) for i in range(count)
    )
    _check_slots(slots)
    return Header(vault_id, generation, created, nonce, slots)


def _check_slots(slots: tuple[Slot, ...]) -> None:
    first = slots[0]
    if first.kind != KIND_PASSPHRASE or first.kdf not in (KDF_ARGON2ID, KDF_SCRYPT):
        raise VaultDamaged("vault.damaged.key_slot")
    kdfs.check_limits(first.kdf_params())  # before any derivation can run
    for other in slots[1:]:
        if other.kind != KIND_KEYCHAIN or other.kdf != KDF_NONE or other.p2 or other.p3:
            raise VaultDamaged("vault.damaged.key_slot")


def seal(header: Header, body: bytes, data_key: bytes) -> bytes | bytearray:
    """The whole file: header, then the body sealed with the header as associated data."""
    head = header.pack()
    aead = _aead(data_key)
    if not hasattr(aead, "encrypt_into"):  # cryptography < 46
        return head + aead.encrypt(header.nonce, body, head)
    # Encrypt straight after the header in one buffer: no second copy of the body.
    blob = bytearray(len(head) + len(body) + TAG_BYTES)
    blob[: len(head)] = head
    aead.encrypt_into(header.nonce, body, head, memoryview(blob)[len(head) :])
    return blob


def open_body(blob: bytes | bytearray, header: Header, data_key: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag

    view = memoryview(blob)  # no copies of a body of hundreds of KiB
    try:
        return _aead(data_key).decrypt(header.nonce, view[header.length :], view[: header.length])
    except InvalidTag:
        raise VaultDamaged("vault.damaged.integrity") from None


def new_vault_id() -> bytes:
    return os.urandom(VAULT_ID_BYTES)


def new_nonce() -> bytes:
    return os.urandom(NONCE_BYTES)
