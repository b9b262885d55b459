"""Issues 12.8 and 12.9: a pack id belongs to the key that signed its first accepted
version; content per version is fixed; unverified files move no record; the trust
store is keyed by the whole key. On a plain dict body (the vault seals it)."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from safetykit.messages import message_for
from safetykit.packs import store
from safetykit.packs.errors import PackError
from safetykit.packs.minisign import PublicKey, SecretKey
from safetykit.packs.trust import TrustedKey
from tests.packs.factory import (
    base_files,
    encode,
    fixed_key,
    other_key,
    raw_archive,
    signed_archive,
)

TODAY = dt.date(2026, 11, 28)
# A third key that takes the fixed key's id: whoever makes a key chooses its id.
IMPOSTOR = SecretKey(fixed_key().key_id, bytes(range(200, 232)))


def archive(version: int, key: SecretKey, *, name: str = "Test pack") -> bytes:
    files = base_files()
    toml = files["pack.toml"].replace("version = 2", f"version = {version}")
    files["pack.toml"] = toml.replace('name = "Test pack"', f'name = "{name}"')
    return signed_archive(files, key=key)


def trusting(*keys: SecretKey) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for key in keys:
        assert store.add_key(body, key.public, today=TODAY)
    return body


def test_an_update_signed_by_another_trusted_key_is_refused_until_rebound():
    body = trusting(fixed_key(), other_key())
    store.import_pack(body, archive(2, fixed_key()), label="t", today=TODAY)
    assert store.bound_signer(body, "org.example.test") == fixed_key().public
    before = copy.deepcopy(body)
    with pytest.raises(PackError) as refused:
        store.import_pack(body, archive(3, other_key()), label="t")
    error = refused.value
    assert error.code == "pack.signer_changed"
    assert error.params == {
        "pack": "org.example.test",
        "bound_key_id": fixed_key().public.hex_id,
        "bound_fingerprint": fixed_key().public.fingerprint,
        "signer_key_id": other_key().public.hex_id,
        "signer_fingerprint": other_key().public.fingerprint,
    }
    text = str(error)
    assert fixed_key().public.fingerprint in text and other_key().public.fingerprint in text
    assert "--rebind" in message_for(error, "en", cli=True)
    assert body == before  # nothing recorded by a refusal
    done = store.import_pack(body, archive(3, other_key()), label="t", rebind=True)
    assert done.rebound_from == fixed_key().public
    assert store.bound_signer(body, "org.example.test") == other_key().public
    # Now the old key is the stranger: the binding moved, it does not widen.
    with pytest.raises(PackError, match="first accepted signed by key 1817161514131211"):
        store.import_pack(body, archive(4, fixed_key()), label="t")


def test_the_binding_survives_removing_the_pack():
    body = trusting(fixed_key(), other_key())
    store.import_pack(body, archive(2, fixed_key()), label="t")
    store.remove_pack(body, "org.example.test")
    with pytest.raises(PackError) as refused:
        store.import_pack(body, archive(3, other_key()), label="t")
    assert refused.value.code == "pack.signer_changed"


def test_the_same_version_with_other_content_is_refused():
    body = trusting(fixed_key(), other_key())
    store.import_pack(body, archive(2, fixed_key()), label="t")
    store.import_pack(body, archive(2, fixed_key()), label="t")  # the same file again: fine
    with pytest.raises(PackError) as refused:
        store.import_pack(body, archive(2, fixed_key(), name="Changed"), label="t")
    assert refused.value.code == "pack.version_content_changed"
    assert refused.value.params == {"pack": "org.example.test", "version": 2}
    # Not even with a re-bind, and not after removing the pack.
    store.remove_pack(body, "org.example.test")
    for key in (fixed_key(), other_key()):
        with pytest.raises(PackError, match="already accepted with different content"):
            store.import_pack(body, archive(2, key, name="Changed"), label="t", rebind=True)
    # The same content re-signed by the new key (a publisher moving keys) is accepted.
    moved = store.import_pack(body, archive(2, other_key()), label="t", rebind=True)
    assert moved.rebound_from == fixed_key().public


def test_an_unverified_file_never_replaces_a_verified_pack_nor_moves_a_record():
    body = trusting(fixed_key())
    store.import_pack(body, archive(2, fixed_key()), label="t")
    records = copy.deepcopy({k: body["packs"][k] for k in ("versions", "signers", "digests")})
    stranger = archive(9, other_key())
    with pytest.raises(PackError) as refused:
        store.import_pack(body, stranger, label="t", allow_unverified=True)
    assert refused.value.code == "pack.unverified_over_verified"
    assert body["packs"]["imported"]["org.example.test"]["verified"] is True
    # Once the verified copy is removed the user may take an unverified one, but it
    # raises no ratchet and binds nothing: the real version 3 still comes in.
    store.remove_pack(body, "org.example.test")
    taken = store.import_pack(body, stranger, label="t", allow_unverified=True)
    assert not taken.status.trusted
    assert {k: body["packs"][k] for k in ("versions", "signers", "digests")} == records
    real = store.import_pack(body, archive(3, fixed_key()), label="t")
    assert real.status.trusted and real.previous_version == 9


def test_an_unverified_file_cannot_poison_a_version_for_the_real_publisher():
    body = trusting(fixed_key())
    store.import_pack(body, archive(5, other_key(), name="Fake"), label="t", allow_unverified=True)
    real = store.import_pack(body, archive(5, fixed_key()), label="t")
    assert real.status.trusted and store.bound_signer(body, "org.example.test") == (
        fixed_key().public
    )


def test_builtin_and_org_keys_bind_too():
    body: dict[str, Any] = {}
    org = [TrustedKey(fixed_key().public, "org"), TrustedKey(other_key().public, "org")]
    store.import_pack(body, archive(2, fixed_key()), label="t", keys=org)
    with pytest.raises(PackError, match="first accepted signed by key 0807060504030201"):
        store.import_pack(body, archive(3, other_key()), label="t", keys=org)


# -- 12.9: the trust store keyed by the whole key -----------------------------------


def test_a_different_key_with_a_trusted_key_id_is_refused_with_both_fingerprints():
    body = trusting(fixed_key())
    assert IMPOSTOR.public.hex_id == fixed_key().public.hex_id
    assert IMPOSTOR.public.fingerprint != fixed_key().public.fingerprint
    with pytest.raises(PackError) as refused:
        store.add_key(body, IMPOSTOR.public)
    assert refused.value.code == "pack.key.id_taken"
    assert refused.value.params == {
        "key_id": fixed_key().public.hex_id,
        "fingerprint": IMPOSTOR.public.fingerprint,
        "trusted_fingerprint": fixed_key().public.fingerprint,
    }
    assert [r.public_key for r in store.list_keys(body)] == [fixed_key().public.base64]
    # A pack the impostor signed names the trusted id, and is refused with its fingerprint.
    with pytest.raises(PackError) as bad:
        store.import_pack(body, archive(2, IMPOSTOR), label="t", allow_unverified=True)
    assert bad.value.code == "pack.signature.not_by_trusted_key"
    assert bad.value.params["fingerprint"] == fixed_key().public.fingerprint


def test_org_and_user_keys_sharing_an_id_each_verify_their_own_packs():
    """Two trusted sources may hold keys with one id: each signature finds its key."""
    body = trusting(IMPOSTOR)  # here just another publisher that happens to share the id
    org = [TrustedKey(fixed_key().public, "org")]
    done = store.import_pack(
        body, archive(2, fixed_key()), label="t", keys=org + store.trusted_keys(body)
    )
    assert done.status.key == fixed_key().public and done.status.trusted_by == "org"


def test_keys_are_stored_by_the_whole_key_and_listed_with_fingerprints():
    body = trusting(fixed_key(), other_key())
    assert set(body["packs"]["trusted_keys"]) == {
        fixed_key().public.base64,
        other_key().public.base64,
    }
    [first, second] = store.list_keys(body)
    assert (first.key_id, first.fingerprint, first.added) == (
        "0807060504030201",
        fixed_key().public.fingerprint,
        "2026-11-28",
    )
    assert second.public_key == other_key().public.base64
    # Removed by fingerprint, typed in any case and spacing, or by key id.
    typed = other_key().public.fingerprint.replace(" ", "").lower()
    assert store.remove_key(body, typed).public_key == other_key().public.base64
    assert store.remove_key(body, "0807060504030201").fingerprint == first.fingerprint
    assert store.list_keys(body) == []


def test_a_vault_keyed_by_key_id_is_migrated_and_its_packs_bound():
    """The shape written before 12.9: trusted keys under their hex id, no signers."""
    key = fixed_key().public
    old: dict[str, Any] = {
        "packs": {
            "imported": {},
            "trusted_keys": {key.hex_id: {"public_key": key.base64, "added": "2026-01-02"}},
            "versions": {},
        }
    }
    # An imported verified pack as the old code recorded it.
    scratch = trusting(fixed_key())
    store.import_pack(scratch, archive(2, fixed_key()), label="t", today=TODAY)
    record = dict(scratch["packs"]["imported"]["org.example.test"])
    del record["signer_key"]
    old["packs"]["imported"]["org.example.test"] = record
    old["packs"]["versions"]["org.example.test"] = 2

    [listed] = store.list_keys(old)
    assert (listed.public_key, listed.added) == (key.base64, "2026-01-02")
    assert set(old["packs"]["trusted_keys"]) == {key.base64}
    assert store.bound_signer(old, "org.example.test") == key
    store.add_key(old, other_key().public)
    with pytest.raises(PackError) as refused:
        store.import_pack(old, archive(3, other_key()), label="t")
    assert refused.value.code == "pack.signer_changed"


def test_damaged_key_records_are_a_pack_error():
    body: dict[str, Any] = {"packs": {"trusted_keys": {"0807060504030201": {"public_key": 5}}}}
    with pytest.raises(PackError, match="trusted keys are damaged"):
        store.list_keys(body)


def test_public_key_from_the_store_round_trips():
    body = trusting(fixed_key())
    [record] = store.list_keys(body)
    assert PublicKey.from_base64(record.public_key) == fixed_key().public


def test_a_pack_for_a_newer_safetykit_is_refused_plainly():
    """min_app is checked against the running version first: a newer pack's other
    errors (fields this version does not know) are not what the user needs to read."""
    from safetykit import __version__
    from safetykit.packs.loader import analyse

    files = base_files()
    files["pack.toml"] = files["pack.toml"].replace('min_app = "0.1.0"', 'min_app = "99.0"')
    files["pack.toml"] += '\nfuture_field = "from format 9"\n'
    body = trusting(fixed_key())
    with pytest.raises(PackError) as refused:
        store.import_pack(body, raw_archive(encode(files), fixed_key()), label="t")
    assert refused.value.code == "pack.needs_newer_app"
    assert refused.value.params == {
        "pack": "org.example.test",
        "needed": "99.0",
        "running": __version__,
    }
    assert str(refused.value) == (
        f"'org.example.test' needs SafetyKit 99.0 or later; this is SafetyKit {__version__}. "
        "Update SafetyKit, then add the pack again."
    )
    assert body["packs"]["imported"] == {}
    # Lint still lists every problem for the trainer.
    problems = [
        str(p) for p in analyse({k: v.encode() for k, v in files.items()}, label="p").problems
    ]
    assert any("needs SafetyKit 99.0 or later" in p for p in problems)
    assert any("unknown key 'future_field'" in p for p in problems)
