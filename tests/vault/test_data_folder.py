"""The data folder is never followed (issue 12 #5) and every read is bounded (#6)."""

from __future__ import annotations

import os
import stat
import tracemalloc
from pathlib import Path

import pytest

from safetykit import paths
from safetykit.settings import Settings, load_settings, save_settings
from safetykit.vault import NotAVault, Vault, VaultDamaged, storage
from safetykit.vault.kdf import TEST_PARAMS
from safetykit.vault.storage import remembered_on_disk
from safetykit.vault.wipe import wipe
from tests.helpers import assert_clean_error, make_vault, run_cli

PASS = "data folder test passphrase"
posix = pytest.mark.skipif(os.name != "posix", reason="links, FIFOs and modes are POSIX")
OUTSIDE = b"someone else's file, not a vault" * 20


def outside(tmp_path: Path) -> Path:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(OUTSIDE)
    return victim


@posix
@pytest.mark.parametrize("name", ["vault.skv.bak", f"{storage.TMP_PREFIX}planted"])
def test_wipe_does_not_follow_a_planted_link(data_dir: Path, tmp_path: Path, name: str) -> None:
    make_vault(data_dir, PASS).save()
    victim = outside(tmp_path)
    target = data_dir / name
    target.unlink(missing_ok=True)
    target.symlink_to(victim)
    report = wipe(data_dir)
    assert victim.read_bytes() == OUTSIDE  # not overwritten through the link
    assert any(name in str(p) and "link" in str(p) for p in report.problems), report.problems
    assert not (data_dir / "vault.skv").exists()


@posix
def test_wipe_does_not_hang_on_a_fifo(data_dir: Path) -> None:
    make_vault(data_dir, PASS).save()
    (data_dir / "vault.skv.bak").unlink()
    os.mkfifo(data_dir / "vault.skv.bak")
    done = run_cli("vault", "wipe", "--yes", "--data-dir", data_dir, timeout=30)
    assert done.returncode == 1, done.stderr  # it says there was a problem…
    assert "FIFO" in done.stderr, done.stderr
    assert not (data_dir / "vault.skv").exists()  # …and wiped the vault anyway


@posix
def test_passwd_does_not_overwrite_a_linked_backup(data_dir: Path, tmp_path: Path) -> None:
    vault = make_vault(data_dir, PASS)
    vault.save()
    victim = outside(tmp_path)
    backup = storage.backup_path(data_dir)
    backup.unlink()
    backup.symlink_to(victim)
    vault.change_passphrase("a new passphrase here", kdf_params=TEST_PARAMS)
    assert victim.read_bytes() == OUTSIDE
    vault.lock()
    assert Vault.open(data_dir, "a new passphrase here").generation >= 2


@posix
def test_leftover_links_and_fifos_are_left_alone_at_open(data_dir: Path, tmp_path: Path) -> None:
    make_vault(data_dir, PASS).lock()
    victim = outside(tmp_path)
    (data_dir / f"{storage.TMP_PREFIX}link").symlink_to(victim)
    os.mkfifo(data_dir / f"{storage.TMP_PREFIX}fifo")
    vault = Vault.open(data_dir, PASS)
    vault.lock()
    assert victim.read_bytes() == OUTSIDE
    assert sum("left alone" in str(w) for w in vault.warnings) == 2, vault.warnings


@posix
@pytest.mark.parametrize("kind", ["link", "fifo"])
def test_a_vault_that_is_a_link_or_fifo_is_refused(
    data_dir: Path, tmp_path: Path, kind: str
) -> None:
    make_vault(data_dir, PASS).lock()
    main = storage.vault_path(data_dir)
    real = tmp_path / "elsewhere.skv"
    os.replace(main, real)
    if kind == "link":
        main.symlink_to(real)
    else:
        os.mkfifo(main)
    with pytest.raises(NotAVault, match="does not follow"):
        Vault.open(data_dir, PASS)


@posix
def test_restore_does_not_follow_a_linked_backup(data_dir: Path, tmp_path: Path) -> None:
    from safetykit.vault import restore_backup

    make_vault(data_dir, PASS).save()
    real = tmp_path / "real-backup"
    os.replace(storage.backup_path(data_dir), real)
    storage.backup_path(data_dir).symlink_to(real)
    with pytest.raises(NotAVault):
        restore_backup(data_dir, PASS)


@posix
def test_settings_temp_write_does_not_follow_a_link(data_dir: Path, tmp_path: Path) -> None:
    victim = outside(tmp_path)
    (data_dir / ".settings.json.tmp").symlink_to(victim)
    save_settings(data_dir, Settings(language="de"))
    assert victim.read_bytes() == OUTSIDE
    assert load_settings(data_dir).language == "de"
    assert stat.S_IMODE((data_dir / "settings.json").stat().st_mode) == 0o600


@posix
def test_settings_read_does_not_hang_on_a_fifo(data_dir: Path) -> None:
    os.mkfifo(data_dir / "settings.json")
    assert load_settings(data_dir) == Settings()  # defaults, at once


@posix
def test_a_folder_of_another_account_is_refused(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: real + 1)
    with pytest.raises(paths.DataDirRefused, match="belongs to another account"):
        paths.ensure_private_dir(data_dir)
    with pytest.raises(paths.DataDirRefused):
        make_vault(data_dir, PASS)


@posix
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_cli_refuses_a_foreign_folder_in_one_line(data_dir: Path) -> None:
    os.chown(data_dir, 65534, 65534)
    done = run_cli("vault", "check", "--data-dir", data_dir)
    assert_clean_error(done)
    assert "belongs to another account" in done.stderr


@posix
def test_a_folder_open_to_others_is_fixed_and_said(data_dir: Path) -> None:
    make_vault(data_dir, PASS).lock()
    data_dir.chmod(0o755)
    done = run_cli("vault", "check", "--data-dir", data_dir, input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    assert "now 0700" in done.stderr, done.stderr
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700


# --- bounded reads (#6) ---


def _sparse(path: Path, head: bytes, size: int) -> None:
    with path.open("wb") as out:
        out.write(head)
        out.truncate(size)


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> int:
    cap = 1024 * 1024
    monkeypatch.setattr(storage, "MAX_VAULT_BYTES", cap, raising=False)
    return cap


def _peak(func: object) -> int:
    tracemalloc.start()
    try:
        assert callable(func)
        func()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_backup_offer_reads_at_most_the_cap(data_dir: Path, small_cap: int) -> None:
    make_vault(data_dir, PASS).save()
    main = storage.vault_path(data_dir)
    main.write_bytes(b"\x89SKV damaged")
    backup = storage.backup_path(data_dir)
    _sparse(backup, backup.read_bytes(), 64 * small_cap)

    def open_it() -> None:
        with pytest.raises((NotAVault, VaultDamaged)):
            Vault.open(data_dir, PASS)

    assert _peak(open_it) < 8 * small_cap


def test_backup_check_reads_at_most_the_cap(data_dir: Path, small_cap: int) -> None:
    vault = make_vault(data_dir, PASS)
    vault.save()
    backup = storage.backup_path(data_dir)
    _sparse(backup, backup.read_bytes(), 64 * small_cap)
    lines: list[str] = []
    assert _peak(lambda: lines.append(str(vault.check_backup()))) < 8 * small_cap
    assert "unreadable" in lines[0] or "does not open" in lines[0], lines


def test_keychain_flag_reads_only_the_header(data_dir: Path, small_cap: int) -> None:
    make_vault(data_dir, PASS).lock()
    main = storage.vault_path(data_dir)
    _sparse(main, main.read_bytes(), 64 * small_cap)
    assert _peak(lambda: remembered_on_disk(data_dir)) < 8 * small_cap


def test_a_vault_larger_than_the_cap_is_refused_without_reading_it_all(
    data_dir: Path, small_cap: int
) -> None:
    make_vault(data_dir, PASS).lock()
    main = storage.vault_path(data_dir)
    _sparse(main, main.read_bytes(), 64 * small_cap)

    def open_it() -> None:
        with pytest.raises(VaultDamaged, match="too large"):
            Vault.open(data_dir, PASS)

    assert _peak(open_it) < 8 * small_cap
