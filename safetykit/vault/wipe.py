"""Panic wipe (DESIGN §5): no passphrase, works while locked and without a keychain.

Order matters: first the keychain item (so the keychain secret is gone even if the
disk work fails), then the key slots of every vault file are overwritten *in place*
with random bytes and flushed, then the files are deleted. Without the key slots the
body cannot be decrypted even from a copy of the file taken after the wipe started.

What it cannot promise (docs/security-model.md): SSDs remap blocks (wear levelling) and
copy-on-write file systems write new blocks, so old bytes may survive on the device;
snapshots, backups and cloud-synced copies are out of reach; the OS keychain may keep
its own history.
"""

from __future__ import annotations

import contextlib
import os
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path

from safetykit.vault import format as fmt
from safetykit.vault import keychain, storage
from safetykit.vault.errors import KeychainUnavailable

WIPE_KEYCHAIN_TIMEOUT = 5.0
# The largest header: every byte a key slot could occupy.
MAX_HEADER_BYTES = fmt.FIXED_BYTES + 2 * fmt.SLOT_BYTES


@dataclass
class WipeReport:
    files_overwritten: int = 0
    files_deleted: int = 0
    keychain: str = "not used"
    problems: list[str] = field(default_factory=list)


def overwrite_header_in_place(fd: int) -> None:
    """Overwrite the header (magic, ids and every key slot) of an open file, and flush."""
    size = os.fstat(fd).st_size
    length = min(size, MAX_HEADER_BYTES)
    if length <= 0:
        return
    os.lseek(fd, 0, os.SEEK_SET)
    view = memoryview(os.urandom(length))
    while view:  # os.write, not pwrite: Windows has no pwrite
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def _vault_ids(paths: list[Path]) -> tuple[set[bytes], bool]:
    """The vault ids found in these files, and whether any may use the keychain."""
    ids: set[bytes] = set()
    maybe_keychain = False
    for path in paths:
        try:
            with path.open("rb") as handle:
                head = handle.read(MAX_HEADER_BYTES)
        except OSError:
            continue
        if not head.startswith(fmt.MAGIC) or len(head) < fmt.FIXED_BYTES:
            continue
        ids.add(head[12:28])
        (count,) = struct.unpack_from(">B", head, 57)
        # A damaged slot count cannot be trusted: try the keychain then too.
        if count != 1:
            maybe_keychain = True
    return ids, maybe_keychain


# A save already under way when the wipe starts can still put a new vault.skv (or temp
# file) in place a moment later; the wipe looks again after this pause.
RESCAN_DELAY = 0.05
MAX_PASSES = 5


def wipe(folder: Path, *, keychain_timeout: float = WIPE_KEYCHAIN_TIMEOUT) -> WipeReport:
    report = WipeReport()
    files = _vault_files(folder)
    ids, maybe_keychain = _vault_ids(files)
    if maybe_keychain:
        deleted = 0
        for vault_id in sorted(ids):
            try:
                deleted += keychain.delete_secret(vault_id, keychain_timeout)
            except KeychainUnavailable as error:
                report.problems.append(f"keychain: {error}")
        report.keychain = f"{deleted} entr{'y' if deleted == 1 else 'ies'} removed"
    for _ in range(MAX_PASSES):
        _overwrite_and_delete(folder, files, report)
        _pause(RESCAN_DELAY)
        files = _vault_files(folder)
        if not files:
            break
    else:
        report.problems.append("vault files keep appearing: is SafetyKit still saving?")
    with contextlib.suppress(OSError):
        storage._fsync_dir(folder)
    return report


def _pause(seconds: float) -> None:
    time.sleep(seconds)


def _vault_files(folder: Path) -> list[Path]:
    files = [storage.vault_path(folder), storage.backup_path(folder)]
    return [p for p in files if p.exists()] + storage.leftover_temp_files(folder)


def _overwrite_and_delete(folder: Path, files: list[Path], report: WipeReport) -> None:
    for path in files:
        try:
            fd = os.open(path, os.O_RDWR)
        except FileNotFoundError:
            continue
        except OSError as error:
            report.problems.append(f"{path.name}: could not open ({os.strerror(error.errno or 0)})")
            continue
        try:
            overwrite_header_in_place(fd)
            report.files_overwritten += 1
        except OSError as error:
            report.problems.append(
                f"{path.name}: overwrite failed ({os.strerror(error.errno or 0)})"
            )
        finally:
            os.close(fd)
    for path in [*files, storage.lock_path(folder)]:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            report.problems.append(
                f"{path.name}: could not delete ({os.strerror(error.errno or 0)})"
            )
            continue
        if path.name != storage.LOCK_NAME:
            report.files_deleted += 1
