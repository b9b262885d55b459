"""minisign-compatible keys and signatures, with ``cryptography`` (no network, no C glue).

Formats (https://jedisct1.github.io/minisign/):

- public key: ``"Ed" || key id (8) || Ed25519 public key (32)``, base64, under an
  untrusted comment line;
- secret key: ``"Ed" || kdf "Sc" or 0x0000 || checksum "B2" || salt (32) || opslimit
  (8, LE) || memlimit (8, LE) || [key id (8) || Ed25519 secret key (64) || checksum
  (32)]``, where the bracket is XORed with scrypt(passphrase) when the kdf is "Sc" and
  the checksum is BLAKE2b-256 of ``"Ed" || key id || secret key``;
- signature: ``"ED" || key id || Ed25519(BLAKE2b-512(file))`` and a global signature
  ``Ed25519(signature || trusted comment)``, which authenticates the trusted comment.

Only prehashed signatures ("ED") are accepted; legacy "Ed" signatures of the whole
file are refused. Key ids are shown as minisign shows them: the 8 bytes read as a
little-endian integer, 16 upper-case hex digits.

The key id is chosen by whoever makes the key, so it names a key but cannot tell two
keys apart. ``PublicKey.fingerprint`` can: see its docstring for the derivation.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from safetykit.packs.errors import PackError

ALG = b"Ed"
PREHASHED = b"ED"
KDF_SCRYPT = b"Sc"
KDF_NONE = b"\x00\x00"
CHK_BLAKE2B = b"B2"
# minisign's defaults (libsodium's "sensitive" scrypt limits): N = 2^20, r = 8, p = 1.
DEFAULT_OPSLIMIT = 33_554_432
DEFAULT_MEMLIMIT = 1_073_741_824
# Refuse a key file asking for more than this before running the KDF on it.
MAX_SCRYPT_MEMORY = 2 * 1_073_741_824
MAX_SIGNATURE_FILE = 4096
CANONICAL_UNTRUSTED_COMMENT = "safetykit pack signature"
FINGERPRINT_DOMAIN = b"safetykit key fingerprint v1\x00"
FINGERPRINT_BYTES = 20  # 160 bits: 32 characters in 8 groups of 4
# Crockford's base32: digits and upper-case letters without I, L, O and U, so it reads
# aloud without "is that an O or a zero?"; readers accept either case.
_RFC4648 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_CROCKFORD = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TO_CROCKFORD = bytes.maketrans(_RFC4648, _CROCKFORD)


@dataclass(frozen=True)
class PublicKey:
    key_id: bytes  # 8 bytes, as stored
    raw: bytes  # 32 bytes

    @property
    def hex_id(self) -> str:
        return f"{int.from_bytes(self.key_id, 'little'):016X}"

    @property
    def base64(self) -> str:
        """The one-line form trainers share (``minisign -P <this>``)."""
        return base64.b64encode(self.blob).decode("ascii")

    @property
    def blob(self) -> bytes:
        """The whole key as minisign encodes it: ``"Ed" || key id || Ed25519 key``."""
        return ALG + self.key_id + self.raw

    @property
    def fingerprint(self) -> str:
        """The whole key's fingerprint, to read aloud: eight groups of four characters.

        SHA-256 of ``"safetykit key fingerprint v1\\0" || blob`` (the domain string keeps
        it from equalling any other use of that hash), its first 160 bits in Crockford's
        base32, grouped by four, e.g. ``"7K2M 9QXA …"``. Making a second key with the same
        fingerprint is a 2^160 search, far beyond a chosen-key attacker; someone who
        compares only some groups gets 20 bits per group compared.
        """
        digest = hashlib.sha256(FINGERPRINT_DOMAIN + self.blob).digest()[:FINGERPRINT_BYTES]
        text = base64.b32encode(digest).translate(_TO_CROCKFORD).decode("ascii")
        return " ".join(text[i : i + 4] for i in range(0, len(text), 4))

    def to_file(self) -> str:
        return f"untrusted comment: minisign public key {self.hex_id}\n{self.base64}\n"

    @classmethod
    def from_base64(cls, text: str) -> PublicKey:
        blob = _b64(text.strip(), "pack.key.bad_base64")
        if len(blob) != 42 or blob[:2] != ALG:
            raise PackError("pack.key.not_public_key")
        return cls(blob[2:10], blob[10:])

    @classmethod
    def from_file(cls, data: bytes) -> PublicKey:
        """A ``.pub`` file, or just its base64 line."""
        lines = _lines(data, "pack.key.not_text")
        body = [line for line in lines if line and not line.startswith("untrusted comment:")]
        if len(body) != 1:
            raise PackError("pack.key.not_public_key_file")
        return cls.from_base64(body[0])

    def verify(self, signature: bytes, message: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.raw).verify(signature, message)
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True)
class SecretKey:
    key_id: bytes
    seed: bytes  # the 32-byte Ed25519 private key

    @property
    def public(self) -> PublicKey:
        raw = (
            Ed25519PrivateKey.from_private_bytes(self.seed)
            .public_key()
            .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        )
        return PublicKey(self.key_id, raw)

    @classmethod
    def generate(cls) -> SecretKey:
        private = Ed25519PrivateKey.generate()
        seed = private.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        return cls(os.urandom(8), seed)

    def sign(self, message: bytes, trusted_comment: str, untrusted_comment: str) -> bytes:
        """A ``.minisig`` file for ``message``, in minisign's layout."""
        if "\n" in trusted_comment or "\r" in trusted_comment:
            raise PackError("pack.signature.comment_multiline")
        private = Ed25519PrivateKey.from_private_bytes(self.seed)
        signature = private.sign(hashlib.blake2b(message, digest_size=64).digest())
        trusted = trusted_comment.encode("utf-8")
        global_signature = private.sign(signature + trusted)
        blob = base64.b64encode(PREHASHED + self.key_id + signature).decode("ascii")
        glob = base64.b64encode(global_signature).decode("ascii")
        return (
            f"untrusted comment: {untrusted_comment}\n{blob}\n"
            f"trusted comment: {trusted_comment}\n{glob}\n"
        ).encode()

    def to_file(
        self, passphrase: str, *, opslimit: int = DEFAULT_OPSLIMIT, memlimit: int = DEFAULT_MEMLIMIT
    ) -> str:
        """The secret key file; an empty passphrase leaves the key unencrypted (``-W``)."""
        public = self.public
        secret64 = self.seed + public.raw  # libsodium's 64-byte secret key
        checksum = hashlib.blake2b(ALG + self.key_id + secret64, digest_size=32).digest()
        inner = self.key_id + secret64 + checksum
        salt = os.urandom(32)
        if passphrase:
            kdf = KDF_SCRYPT
            inner = _xor(inner, _scrypt(passphrase, salt, opslimit, memlimit, len(inner)))
        else:
            kdf, opslimit, memlimit = KDF_NONE, 0, 0
        blob = (
            ALG
            + kdf
            + CHK_BLAKE2B
            + salt
            + opslimit.to_bytes(8, "little")
            + memlimit.to_bytes(8, "little")
            + inner
        )
        comment = "minisign encrypted secret key" if passphrase else "minisign secret key"
        return f"untrusted comment: {comment}\n{base64.b64encode(blob).decode('ascii')}\n"

    @staticmethod
    def is_encrypted(data: bytes) -> bool:
        return _secret_blob(data)[2:4] == KDF_SCRYPT

    @classmethod
    def from_file(cls, data: bytes, passphrase: str = "") -> SecretKey:
        blob = _secret_blob(data)
        if blob[:2] != ALG or blob[4:6] != CHK_BLAKE2B:
            raise PackError("pack.secret_key.unsupported")
        kdf, salt = blob[2:4], blob[6:38]
        opslimit = int.from_bytes(blob[38:46], "little")
        memlimit = int.from_bytes(blob[46:54], "little")
        inner = blob[54:]
        if kdf == KDF_SCRYPT:
            inner = _xor(inner, _scrypt(passphrase, salt, opslimit, memlimit, len(inner)))
        elif kdf != KDF_NONE:
            raise PackError("pack.secret_key.unsupported_kdf")
        key_id, secret64, checksum = inner[:8], inner[8:72], inner[72:]
        expected = hashlib.blake2b(ALG + key_id + secret64, digest_size=32).digest()
        # ``minisign -G -W`` leaves the checksum of an unencrypted key zeroed.
        unchecked = kdf == KDF_NONE and checksum == bytes(32)
        if checksum != expected and not unchecked:
            if kdf == KDF_SCRYPT:
                raise PackError("pack.secret_key.wrong_passphrase")
            raise PackError("pack.secret_key.damaged_checksum")
        key = cls(key_id, secret64[:32])
        if key.public.raw != secret64[32:]:
            raise PackError("pack.secret_key.damaged_public")
        return key


@dataclass(frozen=True)
class Signature:
    algorithm: bytes
    key_id: bytes
    signature: bytes
    trusted_comment: str
    trusted_raw: bytes
    global_signature: bytes

    @property
    def hex_id(self) -> str:
        return f"{int.from_bytes(self.key_id, 'little'):016X}"

    @classmethod
    def parse(cls, data: bytes) -> Signature:
        if len(data) > MAX_SIGNATURE_FILE:
            raise PackError("pack.signature.too_large")
        lines = _lines(data, "pack.signature.not_text")
        while lines and lines[-1] == "":
            lines.pop()
        if (
            len(lines) != 4
            or not lines[0].startswith("untrusted comment:")
            or not lines[2].startswith("trusted comment: ")
        ):
            raise PackError("pack.signature.not_minisign")
        blob = _b64(lines[1], "pack.signature.bad_base64")
        glob = _b64(lines[3], "pack.signature.bad_base64")
        if len(blob) != 74 or len(glob) != 64:
            raise PackError("pack.signature.wrong_length")
        trusted = lines[2][len("trusted comment: ") :]
        return cls(blob[:2], blob[2:10], blob[10:], trusted, trusted.encode("utf-8"), glob)

    def canonical(self) -> bytes:
        """The one form a pack carries: minisign's four lines with a fixed untrusted
        comment. minisign does not sign that comment, so fixing it makes every byte of
        a pack matter (pack build rewrites it; the reader refuses any other form)."""
        blob = base64.b64encode(self.algorithm + self.key_id + self.signature).decode("ascii")
        glob = base64.b64encode(self.global_signature).decode("ascii")
        return (
            f"untrusted comment: {CANONICAL_UNTRUSTED_COMMENT}\n{blob}\n"
            f"trusted comment: {self.trusted_comment}\n{glob}\n"
        ).encode()

    def check_algorithm(self) -> None:
        """PackError unless this is a prehashed ("ED") signature."""
        if self.algorithm == ALG:
            raise PackError("pack.signature.legacy")
        if self.algorithm != PREHASHED:
            raise PackError("pack.signature.unknown_algorithm")

    def verify(self, message: bytes, key: PublicKey) -> None:
        """PackError unless ``key`` made this signature of ``message``."""
        self.check_algorithm()
        if self.key_id != key.key_id:
            raise PackError("pack.signature.other_key", signer=self.hex_id, key_id=key.hex_id)
        digest = hashlib.blake2b(message, digest_size=64).digest()
        if not key.verify(self.signature, digest):
            raise PackError("pack.signature.mismatch")
        if not key.verify(self.global_signature, self.signature + self.trusted_raw):
            raise PackError("pack.signature.comment_changed")


def same_fingerprint(typed: str, fingerprint: str) -> bool:
    """Whether ``typed`` is ``fingerprint``, ignoring case, spaces and hyphens and
    reading O as 0 and I or L as 1, as Crockford's base32 prescribes."""
    table = str.maketrans("OIL", "011", " -\t")
    return typed.upper().translate(table) == fingerprint.upper().translate(table)


def _scrypt(passphrase: str, salt: bytes, opslimit: int, memlimit: int, length: int) -> bytes:
    log_n, r, p = _pick_params(opslimit, memlimit)
    memory = 128 * r * (2**log_n) * p
    if log_n > 30 or memory > MAX_SCRYPT_MEMORY:
        raise PackError("pack.secret_key.kdf_too_large")
    try:
        return hashlib.scrypt(
            passphrase.encode("utf-8"),
            salt=salt,
            n=2**log_n,
            r=r,
            p=p,
            maxmem=memory + 16 * 1024 * 1024,
            dklen=length,
        )
    except (ValueError, MemoryError) as exc:
        raise PackError("pack.secret_key.kdf_failed", reason=str(exc)) from None


def _pick_params(opslimit: int, memlimit: int) -> tuple[int, int, int]:
    """libsodium's crypto_pwhash_scryptsalsa208sha256 mapping of limits to N, r, p."""
    opslimit = max(opslimit, 32768)
    r = 8
    if opslimit < memlimit // 32:
        p = 1
        max_n = opslimit // (r * 4)
    else:
        max_n = memlimit // (r * 128)
    log_n = 1
    while log_n < 63 and (1 << log_n) <= max_n // 2:
        log_n += 1
    if not opslimit < memlimit // 32:
        max_rp = min((opslimit // 4) // (1 << log_n), 0x3FFFFFFF)
        p = max(max_rp // r, 1)
    return log_n, r, p


def _xor(data: bytes, stream: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(data, stream, strict=True))


def _b64(text: str, code: str) -> bytes:
    """Decoded base64; PackError ``code`` (e.g. "pack.key.bad_base64") if it is not."""
    try:
        return base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise PackError(code) from None


def _lines(data: bytes, code: str) -> list[str]:
    """Lines of UTF-8 text; PackError ``code`` (e.g. "pack.key.not_text") if it is not."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise PackError(code) from None
    return [line.removesuffix("\r") for line in text.split("\n")]


def _secret_blob(data: bytes) -> bytes:
    lines = [line for line in _lines(data, "pack.secret_key.not_text") if line]
    body = [line for line in lines if not line.startswith("untrusted comment:")]
    if len(body) != 1:
        raise PackError("pack.secret_key.not_file")
    blob = _b64(body[0], "pack.secret_key.bad_base64")
    if len(blob) != 158:
        raise PackError("pack.secret_key.wrong_length")
    return blob
