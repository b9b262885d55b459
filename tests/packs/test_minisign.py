"""minisign-compatible keys and signatures, and interop with the real minisign tool."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
from pathlib import Path

import pytest

from safetykit.packs.archive import MANIFEST, SIGNATURE, read_archive
from safetykit.packs.errors import PackError
from safetykit.packs.minisign import (
    DEFAULT_MEMLIMIT,
    DEFAULT_OPSLIMIT,
    PublicKey,
    SecretKey,
    Signature,
    _pick_params,
    same_fingerprint,
)
from safetykit.packs.signing import build, load_verified, verify_archive
from safetykit.packs.trust import TrustedKey
from tests.helpers import require_tool
from tests.packs.factory import base_files, encode, fixed_key, other_key, signed_archive

# Small scrypt limits (N = 2^10) keep the encrypted-key tests fast; minisign reads them.
FAST = {"opslimit": 32768, "memlimit": 1 << 20}


def test_scrypt_parameters_match_libsodium():
    assert _pick_params(DEFAULT_OPSLIMIT, DEFAULT_MEMLIMIT) == (20, 8, 1)
    assert _pick_params(32768, 1 << 20) == (10, 8, 1)


def test_key_files_round_trip():
    key = fixed_key()
    assert SecretKey.from_file(key.to_file("").encode()) == key
    encrypted = key.to_file("correct horse", **FAST).encode()
    assert SecretKey.is_encrypted(encrypted)
    assert SecretKey.from_file(encrypted, "correct horse") == key
    with pytest.raises(PackError, match="passphrase does not open the secret key"):
        SecretKey.from_file(encrypted, "wrong")
    public = key.public
    assert PublicKey.from_file(public.to_file().encode()) == public
    assert PublicKey.from_file(public.base64.encode()) == public
    assert public.hex_id == "0807060504030201"  # little-endian, as minisign prints it


def test_damaged_key_files_are_refused():
    blob = bytearray(base64.b64decode(fixed_key().to_file("").splitlines()[1]))
    blob[60] ^= 1  # inside the secret key: the checksum no longer matches
    damaged = b"untrusted comment: x\n" + base64.b64encode(bytes(blob)) + b"\n"
    with pytest.raises(PackError, match="checksum does not match"):
        SecretKey.from_file(damaged)
    for junk in (b"", b"untrusted comment: x\nnot base64!\n", b"\xff\xfe"):
        with pytest.raises(PackError):
            SecretKey.from_file(junk)
        with pytest.raises(PackError):
            PublicKey.from_file(junk)


def test_signature_checks():
    key = fixed_key()
    sig = Signature.parse(key.sign(b"message", "safetykit-pack id=a.b version=1", "u"))
    sig.verify(b"message", key.public)
    with pytest.raises(PackError, match="does not match MANIFEST"):
        sig.verify(b"massage", key.public)
    with pytest.raises(PackError, match="not by"):
        sig.verify(b"message", other_key().public)
    edited = Signature.parse(
        key.sign(b"message", "safetykit-pack id=a.b version=1", "u").replace(
            b"version=1", b"version=9"
        )
    )
    with pytest.raises(PackError, match="trusted comment was changed"):
        edited.verify(b"message", key.public)


def _legacy_signature(key: SecretKey, message: bytes, comment: str) -> bytes:
    """minisign's legacy format: Ed25519 over the whole message, algorithm 'Ed'."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.from_private_bytes(key.seed)
    signature = private.sign(message)
    glob = private.sign(signature + comment.encode())
    blob = base64.b64encode(b"Ed" + key.key_id + signature).decode()
    return (
        f"untrusted comment: legacy\n{blob}\ntrusted comment: {comment}\n"
        f"{base64.b64encode(glob).decode()}\n"
    ).encode()


def test_legacy_signatures_are_refused():
    key = fixed_key()
    legacy = Signature.parse(_legacy_signature(key, b"m", "c"))
    with pytest.raises(PackError, match="Legacy minisign signature"):
        legacy.verify(b"m", key.public)
    files = encode(base_files())
    signature = _legacy_signature(
        key, b"irrelevant", "safetykit-pack id=org.example.test version=2"
    )
    with pytest.raises(PackError, match="Legacy"):
        build(files, label="t", signature=signature)


def test_our_signature_verifies_with_minisign(tmp_path: Path):
    minisign = require_tool("minisign")
    files = read_archive(signed_archive())
    (tmp_path / "MANIFEST").write_bytes(files[MANIFEST])
    (tmp_path / "MANIFEST.minisig").write_bytes(files[SIGNATURE])
    (tmp_path / "key.pub").write_text(fixed_key().public.to_file())
    done = subprocess.run(
        [minisign, "-V", "-p", "key.pub", "-m", "MANIFEST"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Trusted comment: safetykit-pack id=org.example.test version=2" in done.stdout
    # And an encrypted secret key of ours is one minisign can use.
    (tmp_path / "enc.key").write_text(fixed_key().to_file("pw", **FAST))
    done = subprocess.run(
        [minisign, "-S", "-s", "enc.key", "-m", "MANIFEST", "-x", "again.minisig"],
        cwd=tmp_path,
        input="pw\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    again = Signature.parse((tmp_path / "again.minisig").read_bytes())
    again.verify(files[MANIFEST], fixed_key().public)


def test_minisign_signature_verifies_with_ours(tmp_path: Path):
    minisign = require_tool("minisign")
    subprocess.run(
        [minisign, "-G", "-W", "-p", "t.pub", "-s", "t.key"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    files = encode(base_files())
    from safetykit.packs.manifest import make_manifest

    (tmp_path / "MANIFEST").write_bytes(make_manifest(files))
    comment = "safetykit-pack id=org.example.test version=2"
    subprocess.run(
        [minisign, "-S", "-s", "t.key", "-m", "MANIFEST", "-t", comment],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    data = build(files, label="t", signature=(tmp_path / "MANIFEST.minisig").read_bytes())
    public = PublicKey.from_file((tmp_path / "t.pub").read_bytes())
    assert SecretKey.from_file((tmp_path / "t.key").read_bytes()).public == public
    verified = verify_archive(data, [TrustedKey(public, "test")])
    assert verified.status.trusted and verified.status.key_id == public.hex_id
    assert load_verified(verified, label="t").verified
    # minisign's default trusted comment (a timestamp) does not name the pack: refused.
    subprocess.run(
        [minisign, "-S", "-s", "t.key", "-m", "MANIFEST", "-x", "plain.minisig"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    with pytest.raises(PackError, match="trusted comment"):
        build(files, label="t", signature=(tmp_path / "plain.minisig").read_bytes())
    # minisign's legacy mode (-l) signs the whole file without prehashing: refused.
    subprocess.run(
        [
            minisign,
            "-S",
            "-l",
            "-s",
            "t.key",
            "-m",
            "MANIFEST",
            "-x",
            "legacy.minisig",
            "-t",
            comment,
        ],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    with pytest.raises(PackError, match="Legacy minisign signature"):
        build(files, label="t", signature=(tmp_path / "legacy.minisig").read_bytes())


def test_blake2b_prehash_is_what_is_signed():
    key = fixed_key()
    sig = Signature.parse(key.sign(b"abc", "c", "u"))
    assert sig.algorithm == b"ED"
    assert key.public.verify(sig.signature, hashlib.blake2b(b"abc", digest_size=64).digest())


def test_fingerprint_is_the_documented_readable_form():
    """SHA-256 of the domain string and the whole key, first 160 bits, Crockford base32
    in groups of four (docs/trainer-guide.md, "Fingerprints"); the app shows the same."""
    key = fixed_key().public
    assert key.fingerprint == "SAPB E1TK 7GD3 3W5B TPSX 0BR2 P9RM EQ1C"
    digest = hashlib.sha256(b"safetykit key fingerprint v1\x00" + base64.b64decode(key.base64))
    bits = int.from_bytes(digest.digest()[:20], "big")
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    by_hand = "".join(alphabet[(bits >> (5 * i)) & 31] for i in reversed(range(32)))
    assert key.fingerprint.replace(" ", "") == by_hand
    assert re.fullmatch(r"(?:[0-9A-HJKMNP-TV-Z]{4} ){7}[0-9A-HJKMNP-TV-Z]{4}", key.fingerprint)


def test_fingerprint_tells_apart_keys_that_share_a_key_id():
    key = fixed_key().public
    twin = PublicKey(key.key_id, bytes(32))  # same id, another key
    same_raw = PublicKey(b"\x00" * 8, key.raw)  # same key bytes, another id
    assert len({key.fingerprint, twin.fingerprint, same_raw.fingerprint}) == 3


def test_fingerprints_compare_as_read_aloud():
    fp = fixed_key().public.fingerprint  # "SAPB E1TK 7GD3 3W5B ..."
    assert same_fingerprint(fp.lower().replace(" ", ""), fp)
    assert same_fingerprint(fp.replace("1", "I").replace("0", "o").replace(" ", "-"), fp)
    assert not same_fingerprint(fp[:-1] + "D", fp)
    assert not same_fingerprint(fp[:20], fp)
