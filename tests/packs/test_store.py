"""The vault body's packs section, tested on a plain dict (no vault needed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from safetykit.packs import store
from safetykit.packs.errors import PackError
from safetykit.packs.model import Origin
from safetykit.packs.trust import TrustedKey
from tests.packs.factory import base_files, fixed_key, other_key, signed_archive

TODAY = dt.date(2026, 11, 28)


def body() -> dict[str, Any]:
    return {"profile": {}, "assessments": [], "settings": {}}


def version(n: int, key=None) -> bytes:
    files = base_files()
    files["pack.toml"] = files["pack.toml"].replace("version = 2", f"version = {n}")
    return signed_archive(files, key=key)


def test_import_needs_a_trusted_key_unless_allowed():
    data = body()
    with pytest.raises(PackError, match=r"not a trusted key.*--allow-unverified"):
        store.import_pack(data, version(2), label="t")
    assert data["packs"]["imported"] == {} and data["packs"]["versions"] == {}
    result = store.import_pack(data, version(2), label="t", allow_unverified=True, today=TODAY)
    assert not result.status.trusted and not result.pack.verified
    record = data["packs"]["imported"]["org.example.test"]
    assert record["verified"] is False and record["signer"] == "0807060504030201"
    assert record["imported"] == "2026-11-28"
    [pack] = store.imported_packs(data)
    assert pack.origin is Origin.IMPORTED and not pack.verified


def test_trusting_the_key_verifies_the_pack():
    data = body()
    assert store.add_key(data, fixed_key().public, today=TODAY)
    assert not store.add_key(data, fixed_key().public)  # already there
    [record] = store.list_keys(data)
    assert (record.key_id, record.public_key) == ("0807060504030201", fixed_key().public.base64)
    result = store.import_pack(data, version(2), label="t")
    assert result.status.trusted_by == "your trusted keys (vault)"
    assert store.imported_packs(data)[0].verified
    store.remove_key(data, "0807060504030201".lower())
    assert store.list_keys(data) == []
    # The key is gone: the pack shows as unverified from now on.
    assert not store.imported_packs(data)[0].verified
    with pytest.raises(PackError, match="not among your trusted keys"):
        store.remove_key(data, "0807060504030201")


def test_versions_only_go_up_even_after_removal():
    data = body()
    keys = [TrustedKey(fixed_key().public, "test")]
    store.import_pack(data, version(3), label="t", keys=keys)
    with pytest.raises(PackError, match="version 2 is older than version 3"):
        store.import_pack(data, version(2), label="t", keys=keys)
    again = store.import_pack(data, version(3), label="t", keys=keys)
    assert again.previous_version == 3
    newer = store.import_pack(data, version(4), label="t", keys=keys)
    assert newer.previous_version == 3 and data["packs"]["versions"] == {"org.example.test": 4}
    assert store.remove_pack(data, "org.example.test") == 4
    assert data["packs"]["imported"] == {}
    with pytest.raises(PackError, match="older than version 4"):
        store.import_pack(data, version(3), label="t", keys=keys)
    with pytest.raises(PackError, match="no imported pack"):
        store.remove_pack(data, "org.example.test")


def test_reserved_ids_and_bad_archives_are_refused():
    data = body()
    with pytest.raises(PackError, match="shipped with SafetyKit"):
        store.import_pack(
            data, version(2), label="t", allow_unverified=True, reserved_ids={"org.example.test"}
        )
    with pytest.raises(PackError, match="not a pack archive"):
        store.import_pack(data, b"not a zip", label="t", allow_unverified=True)
    assert data["packs"]["imported"] == {}


def test_other_signer_is_not_trusted_by_the_users_key():
    data = body()
    store.add_key(data, fixed_key().public)
    with pytest.raises(PackError, match="not a trusted key"):
        store.import_pack(data, version(2, key=other_key()), label="t")


def test_damaged_section_is_a_pack_error():
    with pytest.raises(PackError, match="damaged"):
        store.section({"packs": []})
    with pytest.raises(PackError, match="damaged"):
        store.import_pack(
            {"packs": {"versions": {"org.example.test": "9"}}},
            version(2),
            label="t",
            allow_unverified=True,
        )


class FakeVault:
    """What catalog.all_packs needs of a vault: its body."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data


def test_all_packs_adds_the_vaults_imported_packs():
    from safetykit.packs.catalog import all_packs, builtin_packs

    data = body()
    store.import_pack(data, version(2), label="t", allow_unverified=True)
    packs = all_packs(FakeVault(data), locale="es")
    assert [p.id for p in packs] == [p.id for p in builtin_packs()] + ["org.example.test"]
    imported = packs[-1]
    assert imported.origin is Origin.IMPORTED and not imported.verified
    assert imported.name == "Paquete de prueba"


def test_a_pack_that_no_longer_loads_can_be_listed_and_removed():
    data = body()
    store.import_pack(data, version(2), label="t", allow_unverified=True)
    data["packs"]["imported"]["org.example.test"]["archive"] = "bm90IGEgemlw"  # "not a zip"
    with pytest.raises(PackError, match="not a pack archive"):
        store.imported_packs(data)
    failures: list[tuple[str, PackError]] = []
    assert store.imported_packs(data, failures=failures) == []
    assert [pack_id for pack_id, _ in failures] == ["org.example.test"]
    store.remove_pack(data, "org.example.test")
    assert store.imported_packs(data) == []
