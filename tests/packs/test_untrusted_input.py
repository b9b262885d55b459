"""Issue 12.7: an unvouched pack is refused before its TOML or PO is parsed, and deeply
nested TOML is a clean PackError (folder and .skpack, through the real loader paths)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from safetykit.packs import catalog, loader, po, store
from safetykit.packs.errors import PackError
from safetykit.packs.minisign import SecretKey
from safetykit.packs.trust import TrustedKey
from tests.packs.factory import base_files, encode, fixed_key, other_key, raw_archive, write_pack

KEYS = [TrustedKey(fixed_key().public, "test key")]
TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Records every TOML and PO parse the loader starts (the real parsers still run)."""
    seen: list[str] = []
    real_toml, real_po = loader._parse_toml, po.read_translation

    def toml(file: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(file)
        return real_toml(file, *args, **kwargs)

    def read_po(file: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(file)
        return real_po(file, *args, **kwargs)

    monkeypatch.setattr(loader, "_parse_toml", toml)
    monkeypatch.setattr(po, "read_translation", read_po)
    yield seen


def deep(levels: int) -> bytes:
    return ("deep = " + "[" * levels + "]" * levels + "\n").encode()


HOSTILE = {
    "pack.toml": encode(base_files())["pack.toml"] + deep(50_000),
    "checklists/01-basics.toml": b"this is [not TOML",
    "locales/es.po": b'msgid "x"\nmsgstr ',
}


@pytest.mark.parametrize("signer", [None, other_key()], ids=["unsigned", "unknown-signer"])
def test_unvouched_pack_is_refused_before_parsing(parses: list[str], signer: SecretKey | None):
    data = raw_archive(HOSTILE, signer)
    body: dict[str, Any] = {}
    code = "pack.unsigned" if signer is None else "pack.signature.unknown_signer"
    with pytest.raises(PackError) as refused:
        store.import_pack(body, data, label="t", keys=KEYS)
    assert refused.value.code == code
    assert parses == []
    assert body["packs"]["imported"] == {} and body["packs"]["versions"] == {}
    # Chosen by the caller: now it is read, and the hostile content is a clean error.
    with pytest.raises(PackError) as invalid:
        store.import_pack(body, data, label="t", keys=KEYS, allow_unverified=True)
    assert invalid.value.code in ("pack.invalid", "pack.invalid.more")
    assert "nested more than 20 levels deep" in str(invalid.value)
    assert parses  # the parsers did run this time
    assert body["packs"]["imported"] == {}


def test_unvouched_pack_is_not_parsed_by_verify(
    parses: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    from safetykit import cli

    path = tmp_path / "p.skpack"
    path.write_bytes(raw_archive(HOSTILE, other_key()))
    (tmp_path / "k.pub").write_text(fixed_key().public.to_file())
    assert cli.main(["pack", "verify", str(path), "--pubkey", str(tmp_path / "k.pub")]) == 1
    done = capsys.readouterr()
    assert "trust: none" in done.out and "is signed by key 1817161514131211" in done.err
    assert parses == []


NESTINGS = {
    "array-50000": deep(50_000),
    "array-999": deep(999),  # tomli reads it; the line finder and checks recursed
    "table-5000": ("deep = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n").encode(),
    "array-21": deep(21),
}


def nested_files(where: str, text: bytes) -> dict[str, bytes]:
    files = encode(base_files())
    files[where] = files[where] + text
    return files


@pytest.mark.parametrize("where", ["pack.toml", "checklists/01-basics.toml"])
@pytest.mark.parametrize("name", list(NESTINGS))
def test_deep_nesting_in_a_folder_is_a_clean_error(tmp_path: Path, where: str, name: str):
    folder = write_pack(tmp_path / "p", nested_files(where, NESTINGS[name]))
    with pytest.raises(PackError, match=r"nested more than 20 levels deep"):
        loader.load_pack_dir(folder)
    # The author's strict reading (lint, build) also runs Python's own tomllib.
    files, _ = loader.read_pack_dir(folder)
    problems = loader.analyse(files, label="p", strict=True).problems
    assert any("nested more than 20 levels deep" in str(p) for p in problems)


@pytest.mark.parametrize("name", list(NESTINGS))
def test_deep_nesting_in_a_signed_skpack_is_a_clean_error(tmp_path: Path, name: str):
    data = raw_archive(nested_files("pack.toml", NESTINGS[name]), fixed_key())
    with pytest.raises(PackError, match=r"pack.toml: tables or arrays nested more than 20"):
        store.import_pack({}, data, label="t", keys=KEYS, today=TODAY)
    # And from an organisation bundle, trusted by location.
    org = tmp_path / "org"
    (org / "packs").mkdir(parents=True)
    (org / "packs" / "deep.skpack").write_bytes(data)
    with pytest.raises(PackError, match=r"nested more than 20 levels deep"):
        catalog.org_packs(org=org)


def test_nesting_at_the_limit_still_reads():
    """Twenty levels is allowed (real packs nest about six): the key is then unknown.
    The key lands in the last [[profile]] table: two levels before its own."""
    for levels, refused in ((18, False), (19, True)):
        analysis = loader.analyse(nested_files("pack.toml", deep(levels)), label="p")
        [error] = analysis.errors
        assert ("nested more than 20 levels" in str(error)) is refused, (levels, error)
