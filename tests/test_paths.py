"""Data folder: platformdirs default, override, private modes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from safetykit import paths


def test_default_data_dir_comes_from_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    calls: list[tuple[tuple[object, ...], dict[str, object]]] = []

    def user_data_dir(*args: object, **kwargs: object) -> str:
        calls.append((args, kwargs))
        return "/home/x/.local/share/SafetyKit"

    monkeypatch.setattr(paths, "user_data_dir", user_data_dir)
    assert paths.default_data_dir() == Path("/home/x/.local/share/SafetyKit")
    # The app's own folder, not roaming, no author level (the mock used to ignore these).
    assert calls == [(("SafetyKit",), {"appauthor": False, "roaming": False})]


def test_override_and_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "env"))
    assert paths.resolve_data_dir(None) == tmp_path / "env"
    assert paths.resolve_data_dir(str(tmp_path / "opt")) == tmp_path / "opt"


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_ensure_private_dir_creates_0700_and_tightens(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        made = paths.ensure_private_dir(tmp_path / "a" / "b")
        assert stat.S_IMODE(made.stat().st_mode) == 0o700
        loose = tmp_path / "loose"
        loose.mkdir(mode=0o755)
        loose.chmod(0o755)
        paths.ensure_private_dir(loose)
        assert stat.S_IMODE(loose.stat().st_mode) == 0o700
    finally:
        os.umask(old)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_written_files_end_up_0600_even_over_a_0644_file_under_a_permissive_umask(
    tmp_path: Path,
) -> None:
    """Not only under the test suite's umask 077: a plain write_bytes would keep 0644."""
    from safetykit.private_file import write_private_file
    from safetykit.settings import Settings, save_settings

    old = os.umask(0o022)
    try:
        out = tmp_path / "export.json"
        out.write_bytes(b"old")
        out.chmod(0o644)
        write_private_file(out, b"new")
        assert out.read_bytes() == b"new"
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        settings = tmp_path / "settings.json"
        settings.write_bytes(b"{}")
        settings.chmod(0o644)
        save_settings(tmp_path, Settings(language="fr"))
        assert stat.S_IMODE(settings.stat().st_mode) == 0o600
    finally:
        os.umask(old)
