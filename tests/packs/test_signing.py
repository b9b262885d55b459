"""Verifying signed archives: trust, trusted comments, and every byte mattering."""

from __future__ import annotations

import pytest

from safetykit.packs.archive import MANIFEST, SIGNATURE, build_archive, read_archive
from safetykit.packs.errors import PackError
from safetykit.packs.minisign import CANONICAL_UNTRUSTED_COMMENT
from safetykit.packs.signing import (
    build,
    load_verified,
    require_trusted,
    sign_archive,
    verify_archive,
)
from safetykit.packs.trust import TrustedKey
from tests.packs.factory import base_files, encode, fixed_key, other_key, signed_archive

KEYS = [TrustedKey(fixed_key().public, "test key")]
SMALL = {
    "pack.toml": base_files()["pack.toml"],
    "checklists/01-basics.toml": base_files()["checklists/01-basics.toml"].split(
        '[[item]]\nid = "border'
    )[0],
}


def test_trusted_signature_loads_as_verified():
    verified = require_trusted(verify_archive(signed_archive(), KEYS))
    assert verified.status.describe() == (
        f"signed by key 0807060504030201 (fingerprint {fixed_key().public.fingerprint}), "
        "trusted: test key"
    )
    pack = load_verified(verified, label="t")
    assert pack.verified and pack.signer == "0807060504030201"


def test_unknown_key_and_unsigned_are_not_trusted():
    unknown = verify_archive(signed_archive(key=other_key()), KEYS)
    assert unknown.status.signed and not unknown.status.trusted
    assert not load_verified(unknown, label="t").verified
    with pytest.raises(PackError, match="which is not a trusted key"):
        require_trusted(unknown)
    files = read_archive(signed_archive())
    del files[SIGNATURE]
    unsigned = verify_archive(build_archive(files), KEYS)
    assert not unsigned.status.signed
    with pytest.raises(PackError, match="not signed"):
        require_trusted(unsigned)


def test_trusted_comment_must_match_pack_toml():
    files = encode(base_files())
    files["pack.toml"] = files["pack.toml"].replace(b"version = 2", b"version = 3")
    entries = read_archive(signed_archive())
    entries["pack.toml"] = files["pack.toml"]
    from safetykit.packs.manifest import make_manifest

    entries[MANIFEST] = make_manifest(entries)
    entries[SIGNATURE] = fixed_key().sign(
        entries[MANIFEST],
        "safetykit-pack id=org.example.test version=2",
        CANONICAL_UNTRUSTED_COMMENT,
    )
    verified = verify_archive(build_archive(entries), KEYS)
    with pytest.raises(PackError, match=r"does not match pack.toml"):
        load_verified(verified, label="t")


def test_changed_file_fails_the_hash_check():
    entries = read_archive(signed_archive())
    entries["pack.toml"] = entries["pack.toml"].replace(b"Test pack", b"Evil pack")
    with pytest.raises(PackError, match="does not match its hash in MANIFEST"):
        verify_archive(build_archive(entries), KEYS)


def test_sign_replaces_a_signature():
    resigned = sign_archive(signed_archive(key=other_key()), fixed_key(), label="t")
    assert resigned == signed_archive()


def test_every_byte_matters():
    data = signed_archive(SMALL)
    require_trusted(verify_archive(data, KEYS))
    survivors = []
    for index in range(len(data)):
        for mask in (0x01, 0x80, 0xFF):
            mutated = bytearray(data)
            mutated[index] ^= mask
            try:
                require_trusted(verify_archive(bytes(mutated), KEYS))
            except PackError:
                continue
            survivors.append((index, mask))
    assert survivors == []
    assert len(data) > 1000


@pytest.mark.parametrize(
    "change",
    [
        lambda sig: sig.replace(b"safetykit pack signature", b"safetykit pack signaturE"),
        lambda sig: sig.replace(b"safetykit pack signature", b"from a friend"),
        lambda sig: sig.replace(b"\n", b"\r\n"),
        lambda sig: sig + b"\n",
    ],
    ids=["one-letter", "other-comment", "crlf", "trailing-line"],
)
def test_unsigned_parts_of_the_signature_file_are_fixed(change):
    """minisign does not sign its untrusted comment; a pack carries one fixed form, so
    even a rebuilt archive (fresh zip checksums) with another comment is refused."""
    entries = read_archive(signed_archive())
    entries[SIGNATURE] = change(entries[SIGNATURE])
    with pytest.raises(PackError, match="not in the form pack build writes"):
        verify_archive(build_archive(entries), KEYS)


def test_build_with_a_minisign_signature_stores_the_fixed_form():
    entries = read_archive(signed_archive())
    foreign = entries[SIGNATURE].replace(
        b"safetykit pack signature", b"signature from minisign secret key"
    )
    files = {k: v for k, v in entries.items() if k not in (MANIFEST, SIGNATURE)}
    rebuilt = build(files, label="t", signature=foreign)
    assert rebuilt == signed_archive()
