"""The Vault: create, open (passphrase or OS keychain), save durably, lock.

A Vault holds the data key and the decrypted body while it is unlocked. The writer lock
(one per data folder) is taken at the first save, or by ``hold_writer_lock()`` right
after unlock, and kept until ``lock()``, so a second process that tries to write is
refused while reads keep working.

Threads: a desktop UI edits the body on its own thread while a worker saves, and may
lock at any moment. Two locks keep that safe (docs/design-decisions.md, "Vault
threads"): ``_io`` serialises everything that writes or drops the key (save, lock,
passphrase change, keychain changes), and ``_state`` guards the body and the key for
the short moments they are read or changed. A save copies the body (encodes it) under
``_state`` and writes it outside, so an edit never waits on a disk flush; ``lock()``
needs ``_io``, so it waits for a save under way instead of racing it into writing an
emptied body. The order is always ``_io`` then ``_state``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from safetykit.oslock import LockHeld, OsLock
from safetykit.paths import ensure_private_dir
from safetykit.vault import body, keychain, slots, storage
from safetykit.vault import format as fmt
from safetykit.vault import kdf as kdf_mod
from safetykit.vault.errors import (
    KeychainUnavailable,
    NotAVault,
    VaultDamaged,
    VaultError,
    VaultExists,
    VaultInUse,
    VaultLocked,
    VaultMissing,
    VaultSaveFailed,
    WrongPassphrase,
)
from safetykit.vault.storage import vault_exists

# Far above any real vault (thousands of assessments are a few MiB); a bigger file is
# refused before it is read into memory.
MAX_VAULT_BYTES = 512 * 1024 * 1024


def read_file(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_VAULT_BYTES:
            raise VaultDamaged("vault.damaged.too_large", file=path.name)
        return path.read_bytes()
    except FileNotFoundError:
        raise VaultMissing("vault.missing", folder=path.parent) from None
    except IsADirectoryError:
        raise NotAVault("vault.not_a_vault.folder", path=path) from None
    except OSError as error:
        raise VaultError("vault.read_failed", reason=os.strerror(error.errno or 0)) from None


def _read_main(folder: Path) -> bytes:
    path = storage.vault_path(folder)
    if not path.exists() and storage.backup_path(folder).exists():
        raise VaultDamaged("vault.damaged.only_backup")
    return read_file(path)


def _tidy(folder: Path) -> None:
    """Remove temp files a killed save left, unless a writer is at work right now."""
    lock = OsLock(storage.lock_path(folder))
    try:
        lock.acquire()
    except (LockHeld, OSError):
        return
    try:
        storage.remove_leftovers(folder)
    finally:
        lock.release()


class Vault:
    def __init__(
        self, folder: Path, header: fmt.Header, data_key: bytes, data: dict[str, Any]
    ) -> None:
        self.folder = folder
        self._data = data
        self.warnings: list[str] = []  # non-fatal problems for the caller to show
        self._header = header
        self._key: bytes | None = data_key
        self._lock = OsLock(storage.lock_path(folder))
        self._encoder = body.Encoder()
        self._io = threading.RLock()
        self._state = threading.RLock()

    # --- the body ---

    @property
    def data(self) -> dict[str, Any]:
        """The decrypted body. Read it freely on one thread; change it from a thread
        other than the saver's only inside ``changing()``. Emptied in place by lock()."""
        return self._data

    @contextlib.contextmanager
    def changing(self) -> Iterator[dict[str, Any]]:
        """Change the body without racing a save or a lock on another thread.

        Raises VaultLocked once the vault is locked, so a late edit from a screen
        cannot bring data back into a locked vault."""
        with self._state:
            self._require_key()
            yield self._data

    # --- state ---

    @property
    def path(self) -> Path:
        return storage.vault_path(self.folder)

    @property
    def generation(self) -> int:
        return self._header.generation

    @property
    def created(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self._header.created, dt.UTC)

    @property
    def vault_id(self) -> bytes:
        return self._header.vault_id

    @property
    def remembered(self) -> bool:
        """Whether the OS keychain slot is present."""
        return self._header.slot(fmt.KIND_KEYCHAIN) is not None

    @property
    def kdf_params(self) -> kdf_mod.KdfParams:
        return self._header.slots[0].kdf_params()

    @property
    def locked(self) -> bool:
        return self._key is None

    # --- create and open ---

    @classmethod
    def create(
        cls,
        data_dir: str | os.PathLike[str],
        passphrase: str,
        *,
        remember: bool = False,
        kdf_params: kdf_mod.KdfParams | None = None,
        keychain_timeout: float = keychain.DEFAULT_TIMEOUT,
    ) -> Vault:
        """Create a new vault. ``kdf_params`` is for tests (kdf.TEST_PARAMS) only."""
        if not passphrase:
            raise VaultError("vault.passphrase_empty")
        folder = ensure_private_dir(Path(data_dir))
        if kdf_params is not None:
            kdf_mod.check_limits(kdf_params)
        vault = cls(folder, _placeholder_header(), os.urandom(32), body.empty_body())
        vault._take_lock()
        try:
            if vault_exists(folder):
                raise VaultExists("vault.exists", folder=folder)
            storage.remove_leftovers(folder)
            params = kdf_params or kdf_mod.calibrate()
            slot = slots.passphrase_slot(passphrase, params, vault._require_key())
            vault._header = fmt.Header(
                vault_id=fmt.new_vault_id(),
                generation=0,
                created=int(dt.datetime.now(dt.UTC).timestamp()),
                nonce=b"",
                slots=(slot,),
            )
            vault._write(keep_backup=False)
        except BaseException:
            vault.lock()
            raise
        # The writer lock is taken again at the next save; creating is not "having it open".
        vault._lock.release()
        if remember:
            try:
                vault.set_remember(True, timeout=keychain_timeout)
            except KeychainUnavailable as error:
                vault.warnings.append(f"{error} The vault opens with the passphrase only.")
        return vault

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str], passphrase: str) -> Vault:
        folder = Path(data_dir)
        blob = _read_main(folder)
        try:
            return cls._unlock(folder, blob, passphrase=passphrase)
        except (VaultDamaged, NotAVault, WrongPassphrase) as error:
            from safetykit.vault.recovery import offer_backup

            offer_backup(folder, blob, passphrase, error)
            raise

    @classmethod
    def open_with_keychain(
        cls, data_dir: str | os.PathLike[str], *, timeout: float = keychain.DEFAULT_TIMEOUT
    ) -> Vault:
        """Unlock with the OS keychain; KeychainUnavailable says why it could not."""
        folder = Path(data_dir)
        return cls._unlock(folder, _read_main(folder), passphrase=None, timeout=timeout)

    @classmethod
    def _unlock(
        cls,
        folder: Path,
        blob: bytes,
        *,
        passphrase: str | None,
        timeout: float = keychain.DEFAULT_TIMEOUT,
        tidy: bool = True,
    ) -> Vault:
        header = fmt.parse_header(blob)  # limits checked here, before any derivation
        if passphrase is not None:
            data_key = slots.unlock_with_passphrase(header, passphrase)
        else:
            data_key = slots.unlock_with_keychain(header, timeout)
        data = body.decode(fmt.open_body(blob, header, data_key))
        if tidy:
            _tidy(folder)
        return cls(folder, header, data_key, data)

    # --- saving ---

    def save(self) -> None:
        """Seal and write durably (DESIGN §5). Raises VaultLocked after lock()."""
        with self._io:
            self._require_key()
            self._take_lock()
            self._check_disk_unchanged()
            self._write(keep_backup=True)

    def hold_writer_lock(self) -> None:
        """Take the OS writer lock now and keep it until lock() (the app does this at
        unlock, so a command that would write is told "in use" at once instead of
        meeting a changed file later). Raises VaultInUse if another process has it."""
        with self._io:
            self._require_key()
            self._take_lock()

    @property
    def holds_writer_lock(self) -> bool:
        return self._lock.held

    def _write(self, *, keep_backup: bool, name: str = storage.VAULT_NAME) -> None:
        # Called with _io held. The body is copied (encoded) under _state, so the
        # caller's other threads may edit it again while the file is written.
        with self._state:
            key = self._require_key()
            header = replace(
                self._header, generation=self._header.generation + 1, nonce=fmt.new_nonce()
            )
            plaintext = self._encoder.encode(self._data)
        blob = fmt.seal(header, plaintext, key)
        # Verify before anything touches the disk: what we write must open.
        if fmt.open_body(blob, fmt.parse_header(blob), key) != plaintext:
            raise VaultSaveFailed("vault.save_failed.unverified")
        try:
            storage.write_file(self.folder, name, blob, keep_backup=keep_backup)
        except VaultSaveFailed as error:
            if error.committed:
                self._header = header
            raise
        self._header = header

    def _take_lock(self) -> None:
        if self._lock.held:
            return
        ensure_private_dir(self.folder)
        try:
            self._lock.acquire()
        except LockHeld:
            raise VaultInUse("vault.in_use") from None
        except OSError as error:
            raise VaultError("vault.lock_failed", reason=os.strerror(error.errno or 0)) from None

    def _check_disk_unchanged(self) -> None:
        """Refuse to overwrite a file another process saved, a wiped vault, or a new
        vault made in its place (compared by vault id and generation)."""
        path = self.path
        try:
            with path.open("rb") as handle:
                head = handle.read(fmt.FIXED_BYTES + 2 * fmt.SLOT_BYTES + fmt.TAG_BYTES)
        except FileNotFoundError:
            raise VaultMissing("vault.gone") from None
        except OSError as error:
            raise VaultError("vault.read_failed", reason=os.strerror(error.errno or 0)) from None
        try:
            found = fmt.parse_header(head + b"\0" * fmt.TAG_BYTES)
            on_disk = (found.vault_id, found.generation)
        except VaultError:
            on_disk = (b"", -1)
        # The vault id too: after a wipe and a new vault, the generation may match.
        if on_disk != (self._header.vault_id, self._header.generation):
            raise VaultInUse("vault.changed_on_disk")

    def _require_key(self) -> bytes:
        if self._key is None:
            raise VaultLocked("vault.locked")
        return self._key

    def lock(self) -> None:
        """Drop the key and the content; any later save raises VaultLocked.

        Waits for a save under way (it holds ``_io``), never interrupts it. The body's
        containers are emptied in place, so a screen that kept a reference to a part of
        it reads nothing afterwards."""
        with self._io:
            with self._state:
                self._key = None
                _clear_in_place(self._data)
                self._encoder = body.Encoder()  # the cache holds content too
            self._lock.release()

    # --- key slots ---

    def set_remember(self, on: bool, *, timeout: float = keychain.DEFAULT_TIMEOUT) -> None:
        """Add or remove the OS keychain slot (and its keychain item)."""
        with self._io:
            key = self._require_key()
            self._take_lock()
            self._check_disk_unchanged()
            old = self._header
            passphrase_slot = old.slots[0]
            if on:
                slot = slots.keychain_slot(old.vault_id, key, timeout)
                self._header = replace(old, slots=(passphrase_slot, slot))
            else:
                self._header = replace(old, slots=(passphrase_slot,))
            try:
                self._write(keep_backup=True)
            except BaseException:
                self._header = replace(self._header, slots=old.slots)
                raise
        if not on and old.slot(fmt.KIND_KEYCHAIN) is not None:
            try:
                keychain.delete_secret(old.vault_id, timeout)
            except KeychainUnavailable as error:
                self.warnings.append(f"could not remove the keychain entry: {error}")

    def change_passphrase(
        self,
        new_passphrase: str,
        *,
        kdf_params: kdf_mod.KdfParams | None = None,
        keychain_timeout: float = keychain.DEFAULT_TIMEOUT,
    ) -> None:
        """New passphrase *and* new data key: the old passphrase opens nothing afterwards,
        the backup included (both files are rewritten, the old key slots overwritten)."""
        from safetykit.vault.wipe import overwrite_header_in_place

        if not new_passphrase:
            raise VaultError("vault.passphrase_empty")
        self._require_key()
        # The slow part (calibration and the derivation, about a second) runs before
        # taking _io, so a lock() meanwhile is not kept waiting; the result is dropped
        # if the vault was locked in between.
        params = kdf_params or kdf_mod.calibrate()
        new_key = os.urandom(32)
        passphrase_slot = slots.passphrase_slot(new_passphrase, params, new_key)
        with self._io:
            self._require_key()
            self._take_lock()
            self._check_disk_unchanged()
            old_header, old_key = self._header, self._key
            new_slots = [passphrase_slot]
            if old_header.slot(fmt.KIND_KEYCHAIN) is not None:
                try:
                    new_slots.append(
                        slots.keychain_slot(old_header.vault_id, new_key, keychain_timeout)
                    )
                except KeychainUnavailable as error:
                    self.warnings.append(
                        f"{error} The vault is no longer remembered by the keychain."
                    )
            # Hold the old files open: once replaced, their key slots are overwritten.
            old_files = _open_for_overwrite(
                [storage.vault_path(self.folder), storage.backup_path(self.folder)]
            )
            try:
                with self._state:
                    self._key, self._header = new_key, replace(old_header, slots=tuple(new_slots))
                try:
                    self._write(keep_backup=False)
                except VaultSaveFailed as error:
                    if not error.committed:
                        with self._state:
                            self._key, self._header = old_key, old_header
                    raise
                # The backup gets the same content under the new key (same generation).
                self._header = replace(self._header, generation=self._header.generation - 1)
                try:
                    self._write(keep_backup=False, name=storage.BACKUP_NAME)
                except VaultSaveFailed as error:
                    failed = VaultSaveFailed(
                        "vault.save_failed.backup_not_rewritten",
                        reason=error.params.get("reason", error.code),
                    )
                    failed.committed = True
                    raise failed from None
                for fd in old_files:
                    with contextlib.suppress(OSError):
                        overwrite_header_in_place(fd)
            finally:
                for fd in old_files:
                    os.close(fd)

    def verify_passphrase(self, passphrase: str) -> bool:
        """Whether ``passphrase`` opens this vault's passphrase slot (a full derivation,
        about a second: call it off the UI thread). Asked before a passphrase change,
        so someone at an unlocked desk cannot change it."""
        import hmac

        header = self._header
        key = self._require_key()
        try:
            found = slots.unlock_with_passphrase(header, passphrase)
        except WrongPassphrase:
            return False
        return hmac.compare_digest(found, key)

    def check_backup(self) -> str:
        """One line on the backup: its generation and whether it opens with this key."""
        path = storage.backup_path(self.folder)
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            return "no backup yet"
        except OSError as error:
            return f"unreadable ({os.strerror(error.errno or 0)})"
        try:
            header = fmt.parse_header(blob)
            body.decode(fmt.open_body(blob, header, self._require_key()))
        except VaultError as error:
            return f"does not open with this vault's key ({error})"
        return f"generation {header.generation}, opens"


def _clear_in_place(value: Any) -> None:
    """Empty every dict and list reachable from ``value`` (no recursion: the body's
    depth is the user's data)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
            item.clear()
        elif isinstance(item, list):
            stack.extend(item)
            item.clear()


def _placeholder_header() -> fmt.Header:
    return fmt.Header(b"\0" * fmt.VAULT_ID_BYTES, 0, 0, b"", ())


def _open_for_overwrite(paths: list[Path]) -> list[int]:
    fds = []
    for path in paths:
        with contextlib.suppress(OSError):
            fds.append(os.open(path, os.O_RDWR))
    return fds
