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
import stat
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path

from safetykit.text import N_, Text, ngettext, os_reason
from safetykit.vault import format as fmt
from safetykit.vault import keychain, storage
from safetykit.vault.errors import KeychainUnavailable
from safetykit.vault.storage import MAX_HEADER_BYTES, NotAFile, overwrite_header_in_place

__all__ = ["MAX_HEADER_BYTES", "WipeReport", "overwrite_header_in_place", "wipe"]

WIPE_KEYCHAIN_TIMEOUT = 5.0


@dataclass
class WipeReport:
    """What the wipe did; ``keychain`` and ``problems`` are shown in the reader's
    language (safetykit.text)."""

    files_overwritten: int = 0
    files_deleted: int = 0
    keychain: Text = field(default_factory=lambda: Text.of(N_("not used")))
    problems: list[Text] = field(default_factory=list)


def _vault_ids(paths: list[Path]) -> tuple[set[bytes], bool]:
    """The vault ids found in these files, and whether any may use the keychain."""
    ids: set[bytes] = set()
    maybe_keychain = False
    for path in paths:
        head = storage.read_head(path)  # no links followed, no FIFO waited on
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
    skipped: set[str] = set()
    files = _vault_files(folder, report, skipped)
    ids, maybe_keychain = _vault_ids(files)
    # Entries a passphrase change or "forget" could not remove (a locked keychain):
    # no header names them any more, so the record does.
    left = storage.keychain_left_ids(folder)
    if left:
        ids |= left
        maybe_keychain = True
    if maybe_keychain:
        deleted = 0
        for vault_id in sorted(ids):
            try:
                deleted += keychain.delete_secret(vault_id, keychain_timeout)
            except KeychainUnavailable as error:
                report.problems.append(Text.of(N_("Keychain: %(problem)s"), problem=error))
        report.keychain = Text.plural(
            ngettext("%(count)s entry removed", "%(count)s entries removed"), "count", count=deleted
        )
    for _ in range(MAX_PASSES):
        _overwrite_and_delete(folder, files, report, skipped)
        _pause(RESCAN_DELAY)
        files = _vault_files(folder, report, skipped)
        if not files:
            break
    else:
        report.problems.append(
            Text.of(N_("Vault files keep appearing: is SafetyKit still saving?"))
        )
    for path in _plain_records(folder):
        try:
            os.unlink(path)
        except FileNotFoundError:
            continue
        except OSError as error:
            report.problems.append(_failed(_COULD_NOT_DELETE, path, error))
    with contextlib.suppress(OSError):
        storage.fsync_folder(folder)
    return report


def _pause(seconds: float) -> None:
    time.sleep(seconds)


def _plain_records(folder: Path) -> list[Path]:
    """Files that say a vault was here but hold no key: the lock file, the rollback
    record, an interrupted passphrase change's marker, the keychain-left record."""
    from safetykit.vault import seen

    named = [
        storage.lock_path(folder),
        seen.record_path(folder),
        storage.rekey_marker(folder),
        storage.keychain_left_path(folder),
    ]
    temps = [f".{path.name}.tmp-" for path in named[1:]]  # a killed write_small's
    try:
        left = sorted(p for p in folder.iterdir() if p.name.startswith(tuple(temps)))
    except OSError:
        left = []
    return named + left


def _vault_files(folder: Path, report: WipeReport, skipped: set[str]) -> list[Path]:
    """The regular files that may hold key slots. Anything else under those names (a
    link, a FIFO, a device) is reported once and left alone: never followed."""
    names = [storage.vault_path(folder), storage.backup_path(folder)]
    found = []
    for path in names + storage.leftover_temp_files(folder):
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            continue
        if stat.S_ISREG(mode):
            found.append(path)
        elif path.name not in skipped:
            skipped.add(path.name)
            report.problems.append(
                Text.of(
                    N_(
                        "%(file)s is %(kind)s: left alone (the wipe does not follow links "
                        "or open FIFOs and devices)."
                    ),
                    file=path.name,
                    kind=storage.kind_text(mode),
                )
            )
    return found


def _overwrite_and_delete(
    folder: Path, files: list[Path], report: WipeReport, skipped: set[str]
) -> None:
    done: list[Path] = []
    for path in files:
        try:
            fd = storage.open_regular(path, os.O_RDWR)
        except FileNotFoundError:
            continue
        except NotAFile:  # swapped for a link since it was listed
            if path.name not in skipped:
                skipped.add(path.name)
                report.problems.append(
                    Text.of(N_("%(file)s is not a regular file: left alone."), file=path.name)
                )
            continue
        except OSError as error:
            report.problems.append(
                _failed(N_("%(file)s could not be opened (%(reason)s)."), path, error)
            )
            continue
        try:
            overwrite_header_in_place(fd)
            report.files_overwritten += 1
        except OSError as error:
            report.problems.append(
                _failed(N_("%(file)s could not be overwritten (%(reason)s)."), path, error)
            )
        finally:
            os.close(fd)
        done.append(path)
    for path in done:
        try:
            os.unlink(path)
        except FileNotFoundError:
            continue
        except OSError as error:
            report.problems.append(_failed(_COULD_NOT_DELETE, path, error))
            continue
        report.files_deleted += 1


_COULD_NOT_DELETE = N_("%(file)s could not be deleted (%(reason)s).")


def _failed(message: str, path: Path, error: OSError) -> Text:
    return Text.of(message, file=path.name, reason=os_reason(error))
