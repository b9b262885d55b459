"""JSON export and import (DESIGN §8), and property tests of the two readers."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from safetykit.errors import SafetyKitError
from safetykit.vault import Vault, VaultError, kdf
from safetykit.vault import format as fmt
from safetykit.vault.export import (
    FORMAT,
    ExportInvalid,
    dumps,
    export_document,
    merge,
    parse_export,
)
from tests.helpers import make_vault

PASS = "export test passphrase"


def sample_body(vault: Vault) -> None:
    vault.data["profile"] = {"org.example/devices": ["laptop", "android"], "org.example/t": "yes"}
    vault.data["assessments"] = [
        {
            "id": "first",
            "started": "2026-10-01T09:00:00Z",
            "answers": {
                "org.example/pm": {"status": "partly", "note": "ask Ana", "due": "2026-12-01"},
                "org.example/fde": {"status": "done", "note": "", "due": None},
            },
        },
        {
            "id": "second",
            "started": "2026-11-28T21:00:00Z",
            "answers": {"org.example/pm": {"status": "done", "note": "é ☂", "due": None}},
        },
    ]


def test_export_import_export_is_identical(data_dir: Path, tmp_path: Path) -> None:
    vault = make_vault(data_dir, PASS)
    sample_body(vault)
    first = dumps(export_document(vault.data))
    assert json.loads(first)["format"] == FORMAT
    fresh = make_vault(tmp_path / "fresh", PASS)
    result = merge(fresh.data, parse_export(first.encode()), replace=False)
    assert (result.added, result.replaced, result.profile) == (2, 0, "set")
    fresh.save()
    fresh.lock()
    reopened = Vault.open(tmp_path / "fresh", PASS)
    assert dumps(export_document(reopened.data)) == first


def test_no_notes(data_dir: Path) -> None:
    vault = make_vault(data_dir, PASS)
    sample_body(vault)
    text = dumps(export_document(vault.data, notes=False))
    assert "ask Ana" not in text and "☂" not in text
    notes = [a["note"] for s in json.loads(text)["assessments"] for a in s["answers"].values()]
    assert set(notes) == {""}


def test_import_rules(data_dir: Path) -> None:
    vault = make_vault(data_dir, PASS)
    sample_body(vault)
    exported = parse_export(dumps(export_document(vault.data)).encode())
    before = json.dumps(vault.data, sort_keys=True)
    with pytest.raises(ExportInvalid, match=r"already in the vault.*--replace"):
        merge(vault.data, exported, replace=False)
    assert json.dumps(vault.data, sort_keys=True) == before  # nothing changed on refusal
    vault.data["profile"] = {"org.example/t": "no"}
    result = merge(vault.data, exported, replace=True)
    assert (result.added, result.replaced, result.profile) == (0, 2, "kept")
    assert vault.data["profile"] == {"org.example/t": "no"}
    assert [a["id"] for a in vault.data["assessments"]] == ["first", "second"]


def test_new_ids_are_added_oldest_first(data_dir: Path) -> None:
    vault = make_vault(data_dir, PASS)
    sample_body(vault)
    older = {
        "format": FORMAT,
        "profile": {},
        "assessments": [{"id": "older", "started": "2025-01-01T00:00:00Z", "answers": {}}],
    }
    result = merge(vault.data, parse_export(json.dumps(older).encode()), replace=False)
    assert (result.added, result.profile) == (1, "none")
    assert [a["id"] for a in vault.data["assessments"]] == ["older", "first", "second"]


BAD_EXPORTS: list[Any] = [
    b"",
    b"\xff\xfe",
    b"[]",
    b'{"format": "safetykit-export/2"}',
    b'{"format": "something else"}',
    b'{"format": "safetykit-export/1", "extra": 1}',
    b'{"format": "safetykit-export/1", "assessments": {}}',
    b'{"format": "safetykit-export/1", "assessments": [{"id": "x"}]}',
    b'{"format": "safetykit-export/1", "profile": {"nope": 1}}',
    b'{"format": "safetykit-export/1", "assessments": ['
    b'{"id": "a", "started": "2026-01-01T00:00:00Z"},'
    b'{"id": "a", "started": "2026-01-01T00:00:00Z"}]}',
    b"[" * 100_000,
]


@pytest.mark.parametrize("raw", BAD_EXPORTS)
def test_bad_exports_are_refused(raw: bytes) -> None:
    with pytest.raises(SafetyKitError):
        parse_export(raw)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
export_like = st.fixed_dictionaries(
    {"format": st.sampled_from([FORMAT, "x"])},
    optional={
        "profile": json_values,
        "assessments": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "id": st.text(max_size=8) | json_values,
                    "started": st.sampled_from(["2026-01-01T00:00:00Z", "yesterday"]) | json_values,
                    "answers": st.dictionaries(st.text(max_size=20), json_values, max_size=3)
                    | json_values,
                },
            ),
            max_size=3,
        )
        | json_values,
    },
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | export_like.map(lambda d: json.dumps(d).encode()))
def test_export_reader_raises_only_our_errors(raw: bytes) -> None:
    with contextlib.suppress(SafetyKitError):
        parse_export(raw)


@pytest.fixture(scope="module")
def sealed_vault(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("prop") / "vault"
    vault = make_vault(folder, PASS)
    sample_body(vault)
    vault.save()
    vault.lock()
    return (folder / "vault.skv").read_bytes()


mutation = st.tuples(
    st.sampled_from(["flip", "cut", "insert", "replace-range"]),
    st.integers(min_value=0, max_value=10_000),
    st.binary(min_size=1, max_size=16),
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400) | st.lists(mutation, min_size=1, max_size=4))
def test_vault_reader_raises_only_our_errors(
    sealed_vault: bytes, tmp_path_factory: pytest.TempPathFactory, case: bytes | list[Any]
) -> None:
    if isinstance(case, bytes):
        blob = case
    else:
        data = bytearray(sealed_vault)
        for kind, where, payload in case:
            at = where % max(len(data), 1)
            if kind == "flip" and data:
                data[at] ^= payload[0] or 1
            elif kind == "cut":
                del data[at:]
            elif kind == "insert":
                data[at:at] = payload
            else:
                data[at : at + len(payload)] = payload
        blob = bytes(data)
    assume(_cheap(blob))
    folder = tmp_path_factory.mktemp("case")
    (folder / "vault.skv").write_bytes(blob)
    with contextlib.suppress(SafetyKitError):
        Vault.open(folder, PASS).lock()


def _cheap(blob: bytes) -> bool:
    """Leave out headers whose (valid) KDF settings would take seconds: not errors, slow."""
    try:
        params = fmt.parse_header(blob).slots[0].kdf_params()
    except VaultError:
        return True
    if isinstance(params, kdf.Argon2Params):
        return params.memory_kib * params.iterations <= 64 * 1024
    return (1 << params.log2_n) * params.r * params.p <= 1 << 16
