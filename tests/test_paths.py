"""Data folder: platformdirs default, override, private modes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from safetykit import paths


def test_default_data_dir_comes_from_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setattr(paths, "user_data_dir", lambda *a, **k: "/home/x/.local/share/SafetyKit")
    assert paths.default_data_dir() == Path("/home/x/.local/share/SafetyKit")


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
