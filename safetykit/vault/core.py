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
from safetykit.text import N_, Text, os_reason
from safetykit.vault import body, keychain, seen, slots, storage
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

MAX_VAULT_BYTES = storage.MAX_VAULT_BYTES


def read_file(path: Path) -> bytes:
    """A vault file's bytes: at most MAX_VAULT_BYTES + 1 read from the open file, never
    through a link, never waiting on a FIFO."""
    try:
        return storage.read_bounded(path, storage.MAX_VAULT_BYTES)
    except FileNotFoundError:
        raise VaultMissing("vault.missing", folder=path.parent) from None
    except storage.TooLarge:
        raise VaultDamaged("vault.damaged.too_large", file=path.name) from None
    except storage.NotAFile:
        raise NotAVault("vault.not_a_vault.not_a_file", file=path.name) from None
    except OSError as error:
        raise VaultError("vault.read_failed", reason=os_reason(error)) from None


def _read_main(folder: Path) -> bytes:
    path = storage.vault_path(folder)
    if not os.path.lexists(path) and os.path.lexists(storage.backup_path(folder)):
        raise VaultDamaged("vault.damaged.only_backup")
    return read_file(path)


def _tidy(folder: Path, problems: list[Text], header: fmt.Header | None = None) -> None:
    """Remove temp files a killed save left (their key slots overwritten first), and the
    marker of an interrupted passphrase change once it has been reported, unless a
    writer is at work right now."""
    lock = OsLock(storage.lock_path(folder))
    try:
        lock.acquire()
    except (LockHeld, OSError):
        return
    try:
        storage.remove_leftovers(folder, problems)
        if header is not None and _passwd_marker(folder) is not None:
            with contextlib.suppress(OSError):
                os.unlink(storage.rekey_marker(folder))
    finally:
        lock.release()


def _passwd_marker(folder: Path) -> seen.Seen | None:
    """The vault id and generation a passphrase change started from, if one was
    interrupted."""
    try:
        raw = storage.read_bounded(storage.rekey_marker(folder), seen.MAX_RECORD_BYTES)
    except OSError:
        return None
    found = seen.parse(raw)
    return found


def interrupted_passwd(folder: Path, header: fmt.Header) -> str | None:
    """Which passphrase is in effect after an interrupted passphrase change: "old" (it
    had not replaced vault.skv yet), "new", or None if no change was interrupted."""
    marker = _passwd_marker(folder)
    if marker is None or marker.vault_id != header.vault_id:
        return None
    return "new" if header.generation > marker.generation else "old"


PASSWD_NOTICE = {
    "old": Text.of(
        N_(
            "A passphrase change was interrupted before it took effect: the OLD passphrase "
            "is still the one that opens the vault."
        )
    ),
    "new": Text.of(
        N_(
            "A passphrase change was interrupted after it took effect: the NEW passphrase "
            "is the one that opens the vault (the old one opens nothing)."
        )
    ),
}


class Vault:
    def __init__(
        self, folder: Path, header: fmt.Header, data_key: bytes, data: dict[str, Any]
    ) -> None:
        self.folder = folder
        self._data = data
        # Non-fatal problems for the caller to show, in its reader's language.
        self.warnings: list[Text] = []
        self._header = header
        self._key: bytes | None = data_key
        # The passphrase slot's key-encryption key, kept while unlocked when the
        # passphrase was typed, so rekey() needs no second prompt (same secrecy as the
        # data key, dropped with it on lock).
        self._kek: bytes | None = None
        # The highest generation this installation recorded for this vault (vault.seen):
        # a save writes above it, so generations never go backwards here.
        self._seen_floor = 0
        #: Set when the opened file is older than one this installation saw, or is not
        #: the vault it last saw: the caller must show it (it is in ``warnings`` too).
        self.rollback: Text | None = None
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
        notices: list[Text] = []
        folder = ensure_private_dir(Path(data_dir), notices)
        if kdf_params is not None:
            kdf_mod.check_limits(kdf_params)
        vault = cls(folder, _placeholder_header(), os.urandom(32), body.empty_body())
        vault.warnings.extend(notices)
        vault._take_lock()
        try:
            if vault_exists(folder):
                raise VaultExists("vault.exists", folder=folder)
            storage.remove_leftovers(folder, vault.warnings)
            params = kdf_params or kdf_mod.calibrate()
            slot, vault._kek = slots.new_passphrase_slot(passphrase, params, vault._require_key())
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
                vault.warnings.append(
                    Text.of(
                        N_("%(problem)s The vault opens with the passphrase only."),
                        problem=error,
                    )
                )
        return vault

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str], passphrase: str) -> Vault:
        folder = Path(data_dir)
        blob = _read_main(folder)
        try:
            return cls._unlock(folder, blob, passphrase=passphrase)
        except (VaultDamaged, NotAVault, WrongPassphrase) as error:
            from safetykit.vault.recovery import offer_backup

            if isinstance(error, WrongPassphrase):
                which = interrupted_passwd(folder, fmt.parse_header(blob))
                if which is not None:
                    raise WrongPassphrase(
                        "vault.wrong_passphrase.new_in_effect"
                        if which == "new"
                        else "vault.wrong_passphrase.old_in_effect"
                    ) from None
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
        kek = None
        if passphrase is not None:
            kek = slots.passphrase_kek(header, passphrase)
            data_key = fmt.unwrap_slot(header.slots[0], kek)
        else:
            data_key = slots.unlock_with_keychain(header, timeout)
        data = body.decode(fmt.open_body(blob, header, data_key))
        vault = cls(folder, header, data_key, data)
        vault._kek = kek
        if tidy:
            which = interrupted_passwd(folder, header)
            if which is not None:
                vault.warnings.append(PASSWD_NOTICE[which])
            _tidy(folder, vault.warnings, header)
            vault._compare_with_seen()
        return vault

    def _compare_with_seen(self) -> None:
        """Report a vault older than the last one this installation saw, or another
        vault than that one; record a newer one (docs/security-model.md, "Rollback")."""
        record = seen.read(self.folder)
        header = self._header
        if record is None or (
            record.vault_id == header.vault_id and record.generation < header.generation
        ):
            seen.write(self.folder, header.vault_id, header.generation)
            return
        if record.vault_id != header.vault_id:
            self.rollback = Text.of(
                N_(
                    "This is not the vault this computer last opened in this folder (another "
                    "vault id): it may have been swapped for another file. Check its contents "
                    "before you rely on them."
                )
            )
        elif header.generation < record.generation:
            self._seen_floor = record.generation
            self.rollback = Text.of(
                N_(
                    "This vault is older than the one this computer last saw (generation "
                    "%(generation)s, but %(seen)s was seen): it may have been replaced by an "
                    "older copy, and recent answers may be missing."
                ),
                generation=header.generation,
                seen=record.generation,
            )
        if self.rollback is not None:
            self.warnings.append(self.rollback)

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
        if name == storage.VAULT_NAME and self._seen_floor >= header.generation:
            header = replace(header, generation=self._seen_floor + 1)
        blob = fmt.seal(header, plaintext, key)
        # Verify before anything touches the disk: what we write must open.
        if fmt.open_body(blob, fmt.parse_header(blob), key) != plaintext:
            raise VaultSaveFailed("vault.save_failed.unverified")
        try:
            storage.write_file(self.folder, name, blob, keep_backup=keep_backup)
        except VaultSaveFailed as error:
            if error.committed:
                self._committed(header, name)
            raise
        self._committed(header, name)

    def _committed(self, header: fmt.Header, name: str) -> None:
        self._header = header
        if name == storage.VAULT_NAME:
            seen.write(self.folder, header.vault_id, header.generation)
            self._seen_floor = 0

    def _take_lock(self) -> None:
        if self._lock.held:
            return
        ensure_private_dir(self.folder, self.warnings)
        try:
            self._lock.acquire()
        except LockHeld:
            raise VaultInUse("vault.in_use") from None
        except OSError as error:
            raise VaultError("vault.lock_failed", reason=os_reason(error)) from None

    def _check_disk_unchanged(self) -> None:
        """Refuse to overwrite a file another process saved, a wiped vault, or a new
        vault made in its place (compared by vault id and generation)."""
        path = self.path
        if not os.path.lexists(path):
            raise VaultMissing("vault.gone")
        head = storage.read_head(path)
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
                self._kek = None
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
        if on:
            storage.note_keychain_left(self.folder, old.vault_id, False)  # entry renewed
        elif old.slot(fmt.KIND_KEYCHAIN) is not None:
            try:
                keychain.delete_secret(old.vault_id, timeout)
            except KeychainUnavailable as error:
                self.warnings.append(
                    Text.of(
                        N_("The keychain entry could not be removed: %(problem)s"),
                        problem=error,
                    )
                )
                storage.note_keychain_left(self.folder, old.vault_id, True)  # for the wipe
            else:
                storage.note_keychain_left(self.folder, old.vault_id, False)

    def change_passphrase(
        self,
        new_passphrase: str,
        *,
        kdf_params: kdf_mod.KdfParams | None = None,
        keychain_timeout: float = keychain.DEFAULT_TIMEOUT,
    ) -> None:
        """New passphrase *and* new data key: the old passphrase opens nothing afterwards,
        the backup included (both files are rewritten, the old key slots overwritten).

        Killed at any step, exactly one passphrase opens the vault, and the next unlock
        says which (docs/security-model.md, "Changing the passphrase")."""
        if not new_passphrase:
            raise VaultError("vault.passphrase_empty")
        self._require_key()
        # The slow part (calibration and the derivation, about a second) runs before
        # taking _io, so a lock() meanwhile is not kept waiting; the result is dropped
        # if the vault was locked in between.
        params = kdf_params or kdf_mod.calibrate()
        new_key = os.urandom(32)
        passphrase_slot, kek = slots.new_passphrase_slot(new_passphrase, params, new_key)
        self._replace_key(new_key, passphrase_slot, kek, keychain_timeout)

    def rekey(
        self,
        passphrase: str | None = None,
        *,
        keychain_timeout: float = keychain.DEFAULT_TIMEOUT,
    ) -> None:
        """A new data key under the same passphrase, for "delete permanently": the vault
        and its backup are rewritten under it and every replaced file's key slots are
        overwritten in place, so no file this vault left on the disk, and no block of
        one, decrypts with the key the passphrase now unlocks.

        The passphrase is needed only when the vault was unlocked with the OS keychain
        (WrongPassphrase if it is not this vault's). Copies made before (snapshots,
        backups, an SSD's spare blocks) still open with the passphrase: see
        docs/security-model.md, "Deleting"."""
        key = self._require_key()
        kek = self._kek
        current = self._header.slots[0]
        if passphrase is not None:
            kek = slots.passphrase_kek(self._header, passphrase)
            if fmt.unwrap_slot(current, kek) != key:
                raise WrongPassphrase("vault.wrong_passphrase")
        if kek is None:
            raise VaultError("vault.rekey_needs_passphrase")
        new_key = os.urandom(32)
        rewrapped = fmt.make_slot(
            current.kind,
            current.kdf,
            (current.p1, current.p2, current.p3),
            kek,
            current.salt,
            new_key,
        )
        self._replace_key(new_key, rewrapped, kek, keychain_timeout)

    def _replace_key(
        self, new_key: bytes, passphrase_slot: fmt.Slot, kek: bytes, keychain_timeout: float
    ) -> None:
        """Put the vault under ``new_key`` in an order that a kill at any step leaves
        with one working passphrase: mark the change, destroy the backup (it opens with
        the old slot), replace vault.skv (its old key slots overwritten once replaced),
        write the backup under the new key, remove the mark."""
        with self._io:
            self._require_key()
            self._take_lock()
            self._check_disk_unchanged()
            old_header, old_key, old_kek = self._header, self._key, self._kek
            new_slots = [passphrase_slot]
            if old_header.slot(fmt.KIND_KEYCHAIN) is not None:
                try:
                    new_slots.append(
                        slots.keychain_slot(old_header.vault_id, new_key, keychain_timeout)
                    )
                except KeychainUnavailable as error:
                    self.warnings.append(
                        Text.of(
                            N_("%(problem)s The vault is no longer remembered by the keychain."),
                            problem=error,
                        )
                    )
                    # The old entry stays in the keychain and no header will name it:
                    # recorded so that a wipe still finds and removes it.
                    storage.note_keychain_left(self.folder, old_header.vault_id, True)
                else:
                    storage.note_keychain_left(self.folder, old_header.vault_id, False)
            marker = storage.rekey_marker(self.folder)
            try:
                storage.write_small(marker, seen.line(old_header.vault_id, old_header.generation))
                storage.remove_leftovers(self.folder, self.warnings)
                _destroy_backup(self.folder)
            except OSError as error:
                raise VaultSaveFailed("vault.save_failed", reason=os_reason(error)) from None
            with self._state:
                self._key, self._kek = new_key, kek
                self._header = replace(old_header, slots=tuple(new_slots))
            try:
                self._write(keep_backup=False)
            except VaultSaveFailed as error:
                if not error.committed:
                    with self._state:
                        self._key, self._kek, self._header = old_key, old_kek, old_header
                    with contextlib.suppress(OSError):
                        os.unlink(marker)
                raise
            # The backup gets the same content under the new key (one generation less).
            current = self._header
            self._header = replace(current, generation=current.generation - 1)
            try:
                self._write(keep_backup=False, name=storage.BACKUP_NAME)
            except VaultSaveFailed as error:
                self.warnings.append(
                    Text.of(
                        N_(
                            "The backup could not be rewritten under the new key (%(problem)s). "
                            "There is none until the next save."
                        ),
                        problem=error,
                    )
                )
            finally:
                self._header = current
            with contextlib.suppress(OSError):
                os.unlink(marker)
                storage.fsync_folder(self.folder)

    @property
    def rekey_needs_passphrase(self) -> bool:
        """Whether rekey() must be given the passphrase (the vault was opened with
        the keychain, so the passphrase's key-encryption key is not at hand)."""
        return self._kek is None

    def sealed_copy(self) -> bytes | bytearray:
        """The vault as it is now, sealed for a backup copy the person keeps: same data
        key and passphrase slot, no keychain slot (that entry belongs to this device),
        a fresh nonce and this generation (vault/copies.py)."""
        with self._state:
            key = self._require_key()
            passphrase_slot = self._header.slots[0]
            header = replace(self._header, slots=(passphrase_slot,), nonce=fmt.new_nonce())
            plaintext = self._encoder.encode(self._data)
        return fmt.seal(header, plaintext, key)

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

    def check_backup(self) -> Text:
        """One line on the backup: its generation and whether it opens with this key."""
        path = storage.backup_path(self.folder)
        try:
            blob = storage.read_bounded(path)
        except FileNotFoundError:
            return Text.of(N_("no backup yet"))
        except OSError as error:
            reason = os_reason(error)
            return Text.of(N_("unreadable (%(reason)s)"), reason=reason)
        try:
            header = fmt.parse_header(blob)
            if header.vault_id != self._header.vault_id:
                return Text.of(
                    N_("another vault's file (a different vault id): it is never restored")
                )
            body.decode(fmt.open_body(blob, header, self._require_key()))
        except VaultError as error:
            return Text.of(N_("does not open with this vault's key (%(problem)s)"), problem=error)
        return Text.of(N_("generation %(generation)s, opens"), generation=header.generation)


def _destroy_backup(folder: Path) -> None:
    """Overwrite the backup's key slots in place and delete it. A link or FIFO under
    its name is removed as a name, never followed."""
    path = storage.backup_path(folder)
    try:
        storage.discard(path, folder)
    except storage.NotAFile:
        os.unlink(path)


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
