"""The last generation this installation saw (rollback and foreign files, DESIGN §5).

``vault.seen`` in the data folder holds one line: the vault id and the highest
generation opened or saved here. Both are in plain sight in the vault's own header, so
it says nothing the vault file does not (DESIGN §9); the panic wipe removes it.
An attacker who can write to the data folder can still replace the vault, its backup
and this record together with older copies, or delete the record: that is said in
docs/security-model.md.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path

from safetykit.vault import storage

RECORD_NAME = "vault.seen"
MAX_RECORD_BYTES = 256
_LINE = re.compile(rb"v1 ([0-9a-f]{32}) ([0-9]{1,19})\n?\Z")


@dataclass(frozen=True)
class Seen:
    vault_id: bytes
    generation: int


def record_path(folder: Path) -> Path:
    return folder / RECORD_NAME


def read(folder: Path) -> Seen | None:
    """The record, or None when there is none (or it is not readable as one)."""
    try:
        raw = storage.read_bounded(record_path(folder), MAX_RECORD_BYTES)
    except OSError:
        return None
    return parse(raw)


def parse(raw: bytes) -> Seen | None:
    found = _LINE.match(raw)
    if found is None:
        return None
    return Seen(bytes.fromhex(found.group(1).decode("ascii")), int(found.group(2)))


def line(vault_id: bytes, generation: int) -> bytes:
    return f"v1 {vault_id.hex()} {generation}\n".encode("ascii")


def write(folder: Path, vault_id: bytes, generation: int) -> None:
    """Record ``generation`` (best effort: a read-only folder must not stop a save)."""
    with contextlib.suppress(OSError):
        storage.write_small(record_path(folder), line(vault_id, generation), durable=False)
