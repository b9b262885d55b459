"""Atomic, durable writes of the vault file and its backup (DESIGN §5).

A save writes a temp file in the same folder, fsyncs it, keeps the current file under
a temp name (a hard link where the file system allows, else a copy), replaces
``vault.skv`` with ``os.replace``, renames the kept file to ``vault.skv.bak`` and fsyncs
the folder. At every moment ``vault.skv``
names a complete vault. Each step is its own small function so the crash tests can stop
the process right after it (tests/vault/crash_child.py patches them in a child only).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

from safetykit.vault.errors import VaultSaveFailed

VAULT_NAME = "vault.skv"
BACKUP_NAME = "vault.skv.bak"
LOCK_NAME = "vault.lock"
TMP_PREFIX = ".vault.skv.tmp-"


def vault_path(folder: Path) -> Path:
    return folder / VAULT_NAME


def backup_path(folder: Path) -> Path:
    return folder / BACKUP_NAME


def lock_path(folder: Path) -> Path:
    return folder / LOCK_NAME


def vault_exists(data_dir: str | os.PathLike[str]) -> bool:
    """Whether there is a vault (or its backup) in the folder; reads no file."""
    folder = Path(data_dir)
    return vault_path(folder).exists() or backup_path(folder).exists()


def remembered_on_disk(data_dir: str | os.PathLike[str]) -> bool:
    """Whether the vault file has a keychain slot (its header only; never raises)."""
    from safetykit.vault import format as fmt
    from safetykit.vault.errors import VaultError

    try:
        with vault_path(Path(data_dir)).open("rb") as handle:
            head = handle.read(fmt.FIXED_BYTES + 2 * fmt.SLOT_BYTES + fmt.TAG_BYTES)
        return fmt.parse_header(head + b"\0" * fmt.TAG_BYTES).slot(fmt.KIND_KEYCHAIN) is not None
    except (OSError, VaultError):
        return False


def leftover_temp_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.name.startswith(TMP_PREFIX))
    except OSError:
        return []


def remove_leftovers(folder: Path) -> int:
    """Remove temp files a killed save left behind. Call only while holding the lock."""
    removed = 0
    for path in leftover_temp_files(folder):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed += 1
    return removed


# --- the steps of a save (patched by the crash tests, see module docstring) ---


def _write_all(fd: int, data: bytes | bytearray) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync(fd: int) -> None:
    os.fsync(fd)


def _backup(current: Path) -> Path:
    """Keep the current file under a temp name (hard link, else a copy); return it.

    It becomes ``vault.skv.bak`` only after the new file is in place, so a failed save
    leaves both files exactly as they were.
    """
    tmp = current.parent / f"{TMP_PREFIX}bak-{secrets.token_hex(6)}"
    try:
        try:
            os.link(current, tmp)  # no copy: the old inode stays as the backup
        except OSError as error:
            if error.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT):
                raise
            _copy_durably(current, tmp)  # file systems without hard links (FAT, some SMB)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def _keep_backup(kept: Path, backup: Path) -> None:
    os.replace(kept, backup)


def _replace(tmp: Path, target: Path) -> None:
    os.replace(tmp, target)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder for fsync; replace is enough there
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy_durably(source: Path, target: Path) -> None:
    data = source.read_bytes()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        _write_all(fd, data)
        _fsync(fd)
    finally:
        os.close(fd)


def write_file(folder: Path, name: str, data: bytes | bytearray, *, keep_backup: bool) -> None:
    """Durably replace ``folder/name`` with ``data``; on failure leave it as it was.

    Raises VaultSaveFailed with the reason (disk full, I/O error…).
    """
    target = folder / name
    tmp = folder / f"{TMP_PREFIX}{secrets.token_hex(6)}"
    kept: Path | None = None
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            _write_all(fd, data)
            _fsync(fd)
        finally:
            os.close(fd)
        if keep_backup and target.exists():
            kept = _backup(target)
        _replace(tmp, target)
    except BaseException as error:
        for path in (tmp, kept):
            if path is not None:
                with contextlib.suppress(OSError):
                    path.unlink()
        if isinstance(error, OSError):
            raise VaultSaveFailed(
                "vault.save_failed.disk_full" if _disk_full(error) else "vault.save_failed",
                reason=_reason(error),
            ) from None
        raise
    # Committed: vault.skv is the new file. What follows cannot undo that.
    try:
        if kept is not None:
            _keep_backup(kept, backup_path(folder))
        _fsync_dir(folder)
    except OSError as error:
        with contextlib.suppress(OSError):
            if kept is not None:
                kept.unlink()
        failed = VaultSaveFailed("vault.save_failed.after_commit", reason=_reason(error))
        failed.committed = True
        raise failed from None


def _disk_full(error: OSError) -> bool:
    return error.errno in (errno.ENOSPC, errno.EDQUOT)


def _reason(error: OSError) -> str:
    return (os.strerror(error.errno) if error.errno else type(error).__name__).lower()
