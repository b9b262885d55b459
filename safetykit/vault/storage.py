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
import stat
from pathlib import Path

from safetykit.text import N_, Text, os_reason
from safetykit.vault.errors import VaultSaveFailed

VAULT_NAME = "vault.skv"
BACKUP_NAME = "vault.skv.bak"
LOCK_NAME = "vault.lock"
TMP_PREFIX = ".vault.skv.tmp-"

# Far above any real vault (thousands of assessments are a few MiB); a bigger file is
# refused after reading at most this many bytes plus one.
MAX_VAULT_BYTES = 512 * 1024 * 1024
# The largest header: every byte a key slot could occupy (magic, ids, nonce, 2 slots):
# format.FIXED_BYTES + 2 × format.SLOT_BYTES, written out so that this module does not
# load the cryptography library at app start (tests/vault/test_storage.py checks it).
MAX_HEADER_BYTES = 58 + 2 * 90

# Never follow a link, never block on a FIFO (docs/security-model.md, "Data folder").
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class NotAFile(OSError):
    """The name is a link, FIFO, device or folder: SafetyKit does not follow or use it."""


class TooLarge(OSError):
    """The file is longer than the cap it was read with."""


def vault_path(folder: Path) -> Path:
    return folder / VAULT_NAME


def backup_path(folder: Path) -> Path:
    return folder / BACKUP_NAME


def lock_path(folder: Path) -> Path:
    return folder / LOCK_NAME


def vault_exists(data_dir: str | os.PathLike[str]) -> bool:
    """Whether there is a vault (or its backup) in the folder; reads no file. A link or
    FIFO under those names counts too, so it is reported, never silently replaced."""
    folder = Path(data_dir)
    return any(os.path.lexists(path) for path in (vault_path(folder), backup_path(folder)))


def remembered_on_disk(data_dir: str | os.PathLike[str]) -> bool:
    """Whether the vault file has a keychain slot (its header only, never through a
    link or from a FIFO; never raises)."""
    from safetykit.vault import format as fmt
    from safetykit.vault.errors import VaultError

    head = read_head(vault_path(Path(data_dir)))
    try:
        return fmt.parse_header(head + b"\0" * fmt.TAG_BYTES).slot(fmt.KIND_KEYCHAIN) is not None
    except VaultError:
        return False


REKEY_MARKER = "vault.rekeying"
KEYCHAIN_LEFT = "vault.keychain-left"


def keychain_left_path(folder: Path) -> Path:
    """Names the vault ids whose keychain entry could not be removed or renewed (the
    keychain was locked or did not answer) and so may still be in the keychain, for
    the wipe to find once no header has a keychain slot. Vault ids only, as in the
    vault's header: it says nothing the header does not."""
    return folder / KEYCHAIN_LEFT


def keychain_left_ids(folder: Path) -> set[bytes]:
    """The vault ids in the keychain-left record (empty if there is none or it is
    damaged; read bounded, never through a link or from a FIFO)."""
    ids = set()
    for line in read_head(keychain_left_path(folder)).decode("ascii", "replace").split():
        with contextlib.suppress(ValueError):
            if len(line) == 32:
                ids.add(bytes.fromhex(line))
    return ids


def note_keychain_left(folder: Path, vault_id: bytes, left: bool) -> None:
    """Add ``vault_id`` to the keychain-left record (``left``), or take it out once its
    entry was removed or renewed; the record goes when it names none. Never raises:
    it only helps a later wipe, and a failure here must not fail what succeeded."""
    ids = keychain_left_ids(folder)
    changed = (vault_id not in ids) if left else (vault_id in ids)
    if not changed:
        return
    ids = ids | {vault_id} if left else ids - {vault_id}
    path = keychain_left_path(folder)
    with contextlib.suppress(OSError):
        if ids:
            write_small(path, "".join(f"{i.hex()}\n" for i in sorted(ids)).encode("ascii"))
        else:
            os.unlink(path)
            fsync_folder(folder)


def rekey_marker(folder: Path) -> Path:
    """Written before a passphrase change touches a file, removed when it is done: the
    next unlock can then say which passphrase is in effect (vault id and generation
    only, both in plain sight in the vault's header)."""
    return folder / REKEY_MARKER


def write_small(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace a small plain file (a record, a marker) atomically, without following
    links; ``durable`` flushes it and the folder."""
    tmp = path.parent / f".{path.name}.tmp-{secrets.token_hex(6)}"
    fd = _create(tmp)
    try:
        try:
            view = memoryview(data)  # not _write_all/_fsync: the crash tests count those
            while view:
                view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        with contextlib.suppress(OSError):
            fsync_folder(path.parent)


def kind_of(mode: int) -> str:
    return str(kind_text(mode))


def kind_text(mode: int) -> Text:
    """What a file that is not a regular file is, in words shown to the reader."""
    if stat.S_ISLNK(mode):
        return Text.of(N_("a link"))
    if stat.S_ISFIFO(mode):
        return Text.of(N_("a FIFO"))
    if stat.S_ISDIR(mode):
        return Text.of(N_("a folder"))
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Text.of(N_("a device"))
    if stat.S_ISSOCK(mode):
        return Text.of(N_("a socket"))
    return Text.of(N_("not a regular file"))


def open_regular(path: Path, flags: int) -> int:
    """Open ``path`` without following a link and without blocking on a FIFO; only a
    regular file is accepted (NotAFile otherwise). Returns the descriptor."""
    if not _NOFOLLOW:  # Windows: no O_NOFOLLOW; a reparse point is refused by lstat
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(errno.EINVAL, f"{path.name} is {kind_of(info.st_mode)}")
    try:
        fd = os.open(path, flags | _NOFOLLOW | _NONBLOCK | _BINARY)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EMLINK, errno.ENXIO, errno.EISDIR):
            try:
                kind = kind_of(os.lstat(path).st_mode)
            except OSError:
                raise error from None
            raise NotAFile(errno.EINVAL, f"{path.name} is {kind}") from None
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise NotAFile(errno.EINVAL, f"{path.name} is {kind_of(info.st_mode)}")
    return fd


def read_fd(fd: int, cap: int) -> bytes:
    """At most ``cap`` bytes from ``fd``; TooLarge if there are more (reads cap + 1)."""
    chunks: list[bytes] = []
    left = cap + 1
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    if left <= 0:
        raise TooLarge(errno.EFBIG, f"longer than {cap} bytes")
    return b"".join(chunks)


def read_bounded(path: Path, cap: int | None = None) -> bytes:
    """Read a regular file (no links, no FIFOs) of at most ``cap`` bytes (default
    MAX_VAULT_BYTES); TooLarge after reading cap + 1."""
    fd = open_regular(path, os.O_RDONLY)
    try:
        return read_fd(fd, MAX_VAULT_BYTES if cap is None else cap)
    finally:
        os.close(fd)


def read_head(path: Path) -> bytes:
    """The first MAX_HEADER_BYTES of a regular file (b"" for anything else)."""
    try:
        fd = open_regular(path, os.O_RDONLY)
    except OSError:
        return b""
    try:
        return os.read(fd, MAX_HEADER_BYTES)
    except OSError:
        return b""
    finally:
        os.close(fd)


def overwrite_header_in_place(fd: int) -> None:
    """Overwrite the header (magic, ids, nonce and every key slot) of an open file with
    random bytes, and flush it, so the freed blocks no longer unwrap any key."""
    size = os.fstat(fd).st_size
    length = min(size, MAX_HEADER_BYTES)
    if length <= 0:
        return
    os.lseek(fd, 0, os.SEEK_SET)
    view = memoryview(os.urandom(length))
    while view:  # os.write, not pwrite: Windows has no pwrite
        view = view[os.write(fd, view) :]
    os.fsync(fd)  # not _fsync: the crash tests count a save's own steps


def _live(folder: Path, but: Path | None = None) -> set[tuple[int, int]]:
    """The inodes of vault.skv and its backup (other than ``but``): a temp link to one
    of them is the live file under another name, and must not be overwritten."""
    found = set()
    for path in (vault_path(folder), backup_path(folder)):
        if but is not None and path.name == but.name:
            continue
        with contextlib.suppress(OSError):
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode):
                found.add((info.st_dev, info.st_ino))
    return found


def discard(path: Path, folder: Path) -> bool:
    """Delete ``path`` after overwriting its key slots in place (unless it is vault.skv
    or the backup under another name: a temp link made by a save). Never follows a link:
    a name that is not a regular file raises NotAFile and is left alone. False if it
    was not there."""
    try:
        fd = open_regular(path, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        info = os.fstat(fd)
        if (info.st_dev, info.st_ino) not in _live(folder, but=path):
            overwrite_header_in_place(fd)
    finally:
        os.close(fd)
    _unlink(path)
    return True


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def leftover_temp_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.name.startswith(TMP_PREFIX))
    except OSError:
        return []


def remove_leftovers(folder: Path, problems: list[Text] | None = None) -> int:
    """Remove temp files a killed save left behind, their key slots overwritten first.
    Call only while holding the lock. Links, FIFOs and devices are skipped and reported
    in ``problems``."""
    removed = 0
    for path in leftover_temp_files(folder):
        try:
            removed += discard(path, folder)
        except NotAFile:
            if problems is not None:
                problems.append(
                    Text.of(
                        N_(
                            "%(file)s is not a regular file: left alone (SafetyKit does not "
                            "follow it)."
                        ),
                        file=path.name,
                    )
                )
        except OSError as error:
            if problems is not None:
                problems.append(
                    Text.of(
                        N_("%(file)s could not be removed (%(reason)s)."),
                        file=path.name,
                        reason=os_reason(error),
                    )
                )
    return removed


class _Retired:
    """A file about to lose its last name in the folder: held by a temp hard link (so a
    crash leaves a leftover that the next clean-up overwrites) or, where the file system
    has no hard links, by an open descriptor."""

    def __init__(self, link: Path | None = None, fd: int | None = None) -> None:
        self.link, self.fd = link, fd

    def destroy(self, folder: Path) -> None:
        """Overwrite the key slots in place, then drop the temp name (or descriptor)."""
        if self.link is not None:
            link, self.link = self.link, None
            discard(link, folder)
        if self.fd is not None:
            fd, self.fd = self.fd, None
            try:
                overwrite_header_in_place(fd)
            finally:
                os.close(fd)

    def drop(self) -> None:
        """The file stays in place after all (a failed save): just forget the hold."""
        if self.link is not None:
            with contextlib.suppress(OSError):
                _unlink(self.link)
            self.link = None
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _retire(path: Path) -> _Retired | None:
    """Hold ``path`` (a regular file) so its key slots can be overwritten once it has
    been replaced. None if there is nothing to hold."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None  # a link or a FIFO is replaced as a name; nothing of ours is in it
    held = path.parent / f"{TMP_PREFIX}old-{secrets.token_hex(6)}"
    try:
        os.link(path, held)
        return _Retired(link=held)
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT):
            raise
    if os.name != "posix":
        # Windows cannot replace a file another handle has open; on a file system
        # without hard links there the old blocks keep their key slots (security model).
        return None
    return _Retired(fd=open_regular(path, os.O_RDWR))


# --- the steps of a save (patched by the crash tests, see module docstring) ---


def _write_all(fd: int, data: bytes | bytearray) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync(fd: int) -> None:
    os.fsync(fd)


def _backup(current: Path) -> tuple[Path, bool]:
    """Keep the current file under a temp name (hard link, else a copy); return it, and
    whether it is a link (the same inode as ``current``).

    It becomes ``vault.skv.bak`` only after the new file is in place, so a failed save
    leaves both files exactly as they were.
    """
    tmp = current.parent / f"{TMP_PREFIX}bak-{secrets.token_hex(6)}"
    try:
        try:
            os.link(current, tmp)  # no copy: the old inode stays as the backup
            return tmp, True
        except OSError as error:
            if error.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT):
                raise
        _copy_durably(current, tmp)  # file systems without hard links (FAT, some SMB)
    except BaseException:
        with contextlib.suppress(OSError):
            discard(tmp, current.parent)  # a partial copy may hold the key slots
        raise
    return tmp, False


def _keep_backup(kept: Path, backup: Path) -> None:
    os.replace(kept, backup)


def _replace(tmp: Path, target: Path) -> None:
    os.replace(tmp, target)


def _fsync_dir(folder: Path) -> None:
    fsync_folder(folder)


def fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder for fsync; replace is enough there
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy_durably(source: Path, target: Path) -> None:
    data = read_bounded(source)
    fd = _create(target)
    try:
        _write_all(fd, data)
        _fsync(fd)
    finally:
        os.close(fd)


def _create(path: Path) -> int:
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, 0o600)


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def write_file(folder: Path, name: str, data: bytes | bytearray, *, keep_backup: bool) -> None:
    """Durably replace ``folder/name`` with ``data``; on failure leave it as it was.

    No file that held a key slot loses its last name here before its key slots are
    overwritten in place: the replaced file, the replaced backup, a failed save's temp
    file (docs/security-model.md, "Saving"). Raises VaultSaveFailed with the reason
    (disk full, I/O error…).
    """
    target = folder / name
    tmp = folder / f"{TMP_PREFIX}{secrets.token_hex(6)}"
    kept: Path | None = None
    linked = False
    old: _Retired | None = None
    try:
        fd = _create(tmp)
        try:
            _write_all(fd, data)
            _fsync(fd)
        finally:
            os.close(fd)
        if keep_backup and _is_file(target):
            kept, linked = _backup(target)
        if not linked:  # the current file loses its last name at the replace
            old = _retire(target)
        _replace(tmp, target)
    except BaseException as error:
        if old is not None:
            with contextlib.suppress(OSError):
                old.drop()
        for path in (tmp, kept):
            if path is not None:
                with contextlib.suppress(OSError):
                    discard(path, folder)
        if isinstance(error, OSError):
            raise VaultSaveFailed(
                "vault.save_failed.disk_full" if _disk_full(error) else "vault.save_failed",
                reason=os_reason(error),
            ) from None
        raise
    # Committed: vault.skv is the new file. What follows cannot undo that.
    previous: _Retired | None = None
    try:
        if old is not None:
            old.destroy(folder)
        if kept is not None:
            previous = _retire(backup_path(folder))
            _keep_backup(kept, backup_path(folder))
            kept = None
            if previous is not None:
                previous.destroy(folder)
        _fsync_dir(folder)
    except OSError as error:
        for held in (old, previous):
            if held is not None:
                with contextlib.suppress(OSError):
                    held.drop()
        if kept is not None:
            with contextlib.suppress(OSError):
                discard(kept, folder)
        failed = VaultSaveFailed("vault.save_failed.after_commit", reason=os_reason(error))
        failed.committed = True
        raise failed from None


def _disk_full(error: OSError) -> bool:
    return error.errno in (errno.ENOSPC, errno.EDQUOT)
