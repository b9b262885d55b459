"""Injected write faults, the one-writer lock, passphrase change and panic wipe."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from safetykit.vault import (
    Vault,
    VaultDamaged,
    VaultInUse,
    VaultLocked,
    VaultMissing,
    VaultSaveFailed,
    WrongPassphrase,
    storage,
)
from safetykit.vault import format as fmt
from safetykit.vault.kdf import TEST_PARAMS
from safetykit.vault.wipe import MAX_HEADER_BYTES, wipe
from tests.helpers import REPO, assert_clean_error, make_vault, run_cli
from tests.vault.test_core import vault_bytes

PASS = "storage test passphrase"


def _fail(code: int) -> Callable[..., None]:
    def fail(*args: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


def _half_then_enospc(fd: int, data: bytes) -> None:
    os.write(fd, data[: len(data) // 2])
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


FAULTS = [
    ("_write_all", _half_then_enospc, "the disk is full"),
    ("_write_all", _fail(errno.EIO), "the disk could not be read or written"),
    ("_fsync", _fail(errno.EIO), "the disk could not be read or written"),
    ("_fsync", _fail(errno.ENOSPC), "the disk is full"),
    ("_backup", _fail(errno.ENOSPC), "the disk is full"),
    ("_replace", _fail(errno.EIO), "the disk could not be read or written"),
    ("_replace", _fail(errno.ENOSPC), "the disk is full"),
]


@pytest.mark.parametrize(("step", "fault", "message"), FAULTS)
def test_injected_fault_keeps_the_previous_vault(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, step: str, fault: object, message: str
) -> None:
    vault = make_vault(data_dir, PASS)
    vault.data["settings"]["kept"] = True
    vault.save()
    before = vault_bytes(data_dir)
    vault.data["settings"]["kept"] = False
    with monkeypatch.context() as patch:
        patch.setattr(storage, step, fault)
        with pytest.raises(VaultSaveFailed, match=f"{message}.*previous version is kept"):
            vault.save()
    assert vault.generation == 2
    assert vault_bytes(data_dir) == before  # untouched, and no temp file left
    assert storage.leftover_temp_files(data_dir) == []
    assert Vault.open(data_dir, PASS).data["settings"]["kept"] is True
    vault.save()  # the fault is gone: saving works again
    assert vault.generation == 3
    assert Vault.open(data_dir, PASS).data["settings"]["kept"] is False


def test_fault_in_the_backup_copy(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault = make_vault(data_dir, PASS)
    vault.save()
    before = vault_bytes(data_dir)
    monkeypatch.setattr(os, "link", _fail(errno.EPERM))
    monkeypatch.setattr(storage, "_copy_durably", _fail(errno.EIO))
    with pytest.raises(VaultSaveFailed, match="the disk could not be read or written"):
        vault.save()
    assert vault_bytes(data_dir) == before


def test_folder_fsync_failure_says_the_save_happened(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = make_vault(data_dir, PASS)
    monkeypatch.setattr(storage, "_fsync_dir", _fail(errno.EIO))
    with pytest.raises(VaultSaveFailed, match="saved, but the backup or the folder"):
        vault.save()
    assert vault.generation == 2
    monkeypatch.undo()
    vault.save()
    assert Vault.open(data_dir, PASS).generation == 3


def test_backup_without_hard_links(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault = make_vault(data_dir, PASS)
    monkeypatch.setattr(os, "link", _fail(errno.EPERM))  # e.g. FAT on a USB stick
    vault.save()
    backup = storage.backup_path(data_dir)
    assert fmt.parse_header(backup.read_bytes()).generation == 1
    assert os.stat(backup).st_ino != os.stat(vault.path).st_ino


HOLDER = """
import sys
from safetykit.vault import Vault
vault = Vault.open(sys.argv[1], sys.argv[2])
vault.save()  # takes the writer lock and keeps it
print("holding", flush=True)
sys.stdin.readline()
"""


def test_one_writer_reads_still_work(data_dir: Path) -> None:
    make_vault(data_dir, PASS).lock()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir), PASS],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"
        reader = Vault.open(data_dir, PASS)  # reading works while another process writes
        assert reader.generation == 2
        before = vault_bytes(data_dir)
        with pytest.raises(VaultInUse, match="in use by another SafetyKit process"):
            reader.save()
        done = run_cli(
            "vault", "import", "--data-dir", data_dir, _export_file(data_dir), input=PASS + "\n"
        )
        assert_clean_error(done)
        assert "in use" in done.stderr
        check = run_cli("vault", "check", "--data-dir", data_dir, input=PASS + "\n")
        assert check.returncode == 0, check.stderr
        assert vault_bytes(data_dir) == before
    finally:
        holder.kill()  # SIGKILL: the kernel drops the lock
        holder.wait()
    reader.save()  # the lock is free again
    assert reader.generation == 3


def _export_file(folder: Path) -> Path:
    path = folder.parent / "export.json"
    path.write_text('{"format": "safetykit-export/1", "profile": {}, "assessments": []}')
    return path


def test_a_stale_copy_does_not_overwrite_a_newer_save(data_dir: Path) -> None:
    make_vault(data_dir, PASS).lock()
    first = Vault.open(data_dir, PASS)
    second = Vault.open(data_dir, PASS)
    first.save()
    first.lock()
    with pytest.raises(VaultInUse, match="changed on disk"):
        second.save()


def test_passwd_makes_a_new_key(data_dir: Path, tmp_path: Path) -> None:
    vault = make_vault(data_dir, PASS)
    vault.data["settings"]["x"] = 1
    vault.save()
    old_main = data_dir / "vault.skv"
    old_backup = data_dir / "vault.skv.bak"
    held_main, held_backup = tmp_path / "held-main", tmp_path / "held-backup"
    os.link(old_main, held_main)
    os.link(old_backup, held_backup)
    old_headers = held_main.read_bytes()[:MAX_HEADER_BYTES]
    snapshot = tmp_path / "snapshot"  # a real copy, as a file-system snapshot would keep
    snapshot.mkdir()
    (snapshot / "vault.skv").write_bytes(old_main.read_bytes())
    vault.change_passphrase("brand new passphrase", kdf_params=TEST_PARAMS)
    vault.lock()
    # The old passphrase opens neither the vault nor its backup.
    with pytest.raises(WrongPassphrase):
        Vault.open(data_dir, PASS)
    alone = tmp_path / "backup-alone"
    alone.mkdir()
    (alone / "vault.skv").write_bytes(old_backup.read_bytes())
    with pytest.raises(WrongPassphrase):
        Vault.open(alone, PASS)
    assert Vault.open(alone, "brand new passphrase").data["settings"] == {"x": 1}
    assert Vault.open(data_dir, "brand new passphrase").data["settings"] == {"x": 1}
    # A new data key, not the old one rewrapped: the old key, got from the snapshot with
    # the old passphrase, opens neither new file's body.
    old_key = Vault.open(snapshot, PASS)._key
    assert old_key is not None
    for path in (old_main, old_backup):
        blob = path.read_bytes()
        with pytest.raises(VaultDamaged):
            fmt.open_body(blob, fmt.parse_header(blob), old_key)
    # The replaced files' old key slots were overwritten in place.
    assert held_main.read_bytes()[:MAX_HEADER_BYTES] != old_headers
    for held in (held_main, held_backup):
        assert not held.read_bytes().startswith(fmt.MAGIC)


def test_wipe_overwrites_through_hard_links(data_dir: Path, tmp_path: Path) -> None:
    vault = make_vault(data_dir, PASS)
    vault.save()
    links = {}
    for name in ("vault.skv", "vault.skv.bak"):
        links[name] = tmp_path / f"held-{name}"
        os.link(data_dir / name, links[name])
    originals = {name: path.read_bytes() for name, path in links.items()}
    (data_dir / f"{storage.TMP_PREFIX}leftover").write_bytes(originals["vault.skv"])
    vault.lock()  # works on a locked vault, without a passphrase or keychain
    report = wipe(data_dir)
    assert report.problems == []
    assert report.files_overwritten == 3 and report.files_deleted == 3
    assert str(report.keychain) == "not used"
    assert sorted(p.name for p in data_dir.iterdir()) == []
    for name, path in links.items():
        now = path.read_bytes()
        header = fmt.parse_header(originals[name]).length
        assert len(now) == len(originals[name])
        for offset in range(0, header, 30):  # random bytes, not a pattern
            assert now[offset : offset + 30] != originals[name][offset : offset + 30]
        alone = tmp_path / f"alone-{name}"
        alone.mkdir()
        (alone / "vault.skv").write_bytes(now)
        with pytest.raises(Exception) as failure:
            Vault.open(alone, PASS)
        assert failure.type.__name__ in ("NotAVault", "VaultDamaged")
    with pytest.raises(VaultLocked):
        vault.save()


def test_wipe_while_another_process_has_it_open(data_dir: Path) -> None:
    vault = make_vault(data_dir, PASS)
    vault.save()  # holds the writer lock
    report = wipe(data_dir)
    assert report.files_deleted == 2
    # The open vault cannot bring it back.
    with pytest.raises(VaultMissing):
        vault.save()
    assert not (data_dir / "vault.skv").exists()


def test_wipe_of_an_empty_folder(data_dir: Path) -> None:
    report = wipe(data_dir)
    assert report.files_deleted == 0 and report.problems == []


def test_an_open_vault_cannot_overwrite_a_new_vault_made_after_a_wipe(data_dir: Path) -> None:
    old = make_vault(data_dir, PASS)  # generation 1, like the new one below
    old.data["settings"]["old"] = True
    old.lock()
    stale = Vault.open(data_dir, PASS)
    wipe(data_dir)
    new = make_vault(data_dir, "a new passphrase")
    new.lock()
    before = vault_bytes(data_dir)
    assert stale.generation == new.generation == 1
    with pytest.raises(VaultInUse, match="changed on disk"):
        stale.save()
    assert vault_bytes(data_dir) == before
    assert Vault.open(data_dir, "a new passphrase").data["settings"] == {}


def test_wipe_catches_a_save_that_lands_during_it(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import safetykit.vault.wipe as wipe_module

    vault = make_vault(data_dir, PASS)
    late = vault.path.read_bytes()  # what a save already under way would put back
    vault.lock()
    held = tmp_path / "held"
    pauses: list[float] = []

    def save_lands(seconds: float) -> None:
        if not pauses:
            (data_dir / "vault.skv").write_bytes(late)
            os.link(data_dir / "vault.skv", held)
        pauses.append(seconds)

    monkeypatch.setattr(wipe_module, "_pause", save_lands)
    report = wipe(data_dir)
    assert report.problems == []
    assert len(pauses) == 2 and report.files_deleted == 2
    assert list(data_dir.iterdir()) == []
    assert not held.read_bytes().startswith(fmt.MAGIC)  # its key slots were overwritten too


HOLDER_THEN_SAVE = """
import sys
from safetykit.vault import Vault, VaultError
vault = Vault.open(sys.argv[1], sys.argv[2])
vault.save()  # takes the writer lock and keeps it
print("holding", flush=True)
sys.stdin.readline()
vault.data["settings"]["after"] = True
try:
    vault.save()
except VaultError as error:
    print(type(error).__name__, flush=True)
else:
    print("saved", flush=True)
"""


def test_cli_wipe_while_another_process_holds_the_vault(data_dir: Path) -> None:
    make_vault(data_dir, PASS).lock()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER_THEN_SAVE, str(data_dir), PASS],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert holder.stdin is not None and holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"
        done = run_cli("vault", "wipe", "--yes", "--data-dir", data_dir)
        assert done.returncode == 0, done.stderr
        assert list(data_dir.iterdir()) == []
        holder.stdin.write("save now\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "VaultMissing"
        assert list(data_dir.iterdir()) == []  # it could not bring the vault back
    finally:
        holder.kill()
        holder.wait()
