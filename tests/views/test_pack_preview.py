"""The first-run wizard's pack preview (issue 12.7): who signed a file is told before
its content is read, and an unvouched file is read only once the user chose to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from safetykit import resources
from safetykit.packs import loader
from safetykit.packs.errors import PackError
from safetykit.views.onboarding import check_pack_file, preview_pack
from tests.packs.factory import fixed_key, other_key, signed_archive


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = loader._parse_toml

    def spy(file: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(file)
        return real(file, *args, **kwargs)

    monkeypatch.setattr(loader, "_parse_toml", spy)
    return seen


def test_an_unknown_signer_is_told_before_anything_is_read(
    tmp_path: Path, parsed: list[str]
) -> None:
    path = tmp_path / "p.skpack"
    path.write_bytes(signed_archive(key=other_key()))
    parsed.clear()  # building the test file parsed it
    check = check_pack_file(path)
    assert check.signed and not check.trusted and check.key_id == other_key().public.hex_id
    assert check.fingerprint is None  # a signature names only the key id
    with pytest.raises(PackError) as refused:
        preview_pack(path)
    assert refused.value.code == "pack.signature.unknown_signer"
    assert parsed == []
    preview = preview_pack(path, allow_unverified=True)  # the user chose to
    assert preview.pack.id == "org.example.test" and not preview.trusted and parsed


def test_a_trusted_signer_is_previewed_with_its_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = tmp_path / "org"
    (org / "keys").mkdir(parents=True)
    (org / "keys" / "trainer.pub").write_text(fixed_key().public.to_file())
    monkeypatch.setattr(resources, "org_dir", lambda: org)
    path = tmp_path / "p.skpack"
    path.write_bytes(signed_archive())
    check = check_pack_file(path)
    assert check.trusted and check.fingerprint == fixed_key().public.fingerprint
    assert preview_pack(path).trusted
