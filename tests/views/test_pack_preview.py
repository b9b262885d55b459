"""The first-run wizard's pack preview (issue 12.7): who signed a file is told before
its content is read, and an unvouched file is read only once the user chose to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from safetykit import resources
from safetykit.packs import loader
from safetykit.packs.errors import PackError
from safetykit.packs.minisign import SecretKey
from safetykit.packs.trust import TrustedKey
from safetykit.views.onboarding import check_pack_file, preview_pack
from tests.helpers import make_vault
from tests.packs.factory import base_files, fixed_key, other_key, signed_archive

IMPOSTOR_OF_OTHER = SecretKey(other_key().key_id, bytes(range(200, 232)))


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


def _archive(tmp_path: Path, version: int, key: SecretKey) -> Path:
    files = base_files()
    files["pack.toml"] = files["pack.toml"].replace("version = 2", f"version = {version}")
    path = tmp_path / f"v{version}.skpack"
    path.write_bytes(signed_archive(files, key=key))
    return path


def test_the_packs_screen_import_refuses_a_signer_change_until_rebound(
    tmp_path: Path, data_dir: Path
) -> None:
    """What the app's trust dialog drives: check, import, the signer-change refusal
    with both fingerprints, and the re-bind."""
    from safetykit.packs import store
    from safetykit.views import packs as view
    from safetykit.views.workspace import Workspace

    vault = make_vault(data_dir, "views passphrase")
    try:
        workspace = Workspace.load(vault, "en")
        for key in (fixed_key(), other_key()):
            view.add_key(workspace, key.public, "en")
        # Another trusted source holds a key with other_key's id: the fingerprint shown
        # must be that of the key that verified the signature, not the first with its id.
        keys = [*store.trusted_keys(vault.data), TrustedKey(IMPOSTOR_OF_OTHER.public, "org")]
        first = view.check_import(_archive(tmp_path, 2, fixed_key()), keys, [], "en")
        assert first.fingerprint == fixed_key().public.fingerprint
        view.import_checked(workspace, first, allow_unverified=False, lang="en")
        update = view.check_import(_archive(tmp_path, 3, other_key()), keys, [], "en")
        assert update.fingerprint == other_key().public.fingerprint
        with pytest.raises(PackError) as refused:
            view.import_checked(workspace, update, allow_unverified=False, lang="en")
        assert refused.value.code == "pack.signer_changed"
        assert refused.value.params["bound_fingerprint"] == fixed_key().public.fingerprint
        done = view.import_checked(
            workspace, update, allow_unverified=False, lang="en", rebind=True
        )
        assert done.rebound_from == fixed_key().public
        assert store.bound_signer(vault.data, "org.example.test") == other_key().public
    finally:
        vault.lock()
