"""Encrypted backup copies the person saves to a file of their choice, and restoring
one (issue 11, point 2).

A copy is the vault as it is now, sealed under the same data key and passphrase slot,
without the keychain slot (the keychain entry belongs to this device). So it opens
with the passphrase in use when it was saved, also after a later passphrase change;
the settings screen says so. Restoring reads the copy whole in memory (at most the
vault's cap), opens it with the passphrase the person gives, refuses a copy of another
vault (another vault id), reports one older than the vault now, and then puts its
content into the open vault: saved under the current passphrase, with a generation
above every one seen, so nothing rolls back behind the person's back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safetykit.private_file import write_private_file
from safetykit.vault import body as body_codec
from safetykit.vault import format as fmt
from safetykit.vault import slots
from safetykit.vault.core import Vault, read_file
from safetykit.vault.errors import NotAVault, VaultMissing

SUFFIX = ".skv"
# Records that protect the person and only ever grow: a copy never lowers them (an
# old copy must not re-open the door to an older pack version).
_RATCHETS = ("versions",)
# Records of which key a pack id is bound to and which content each version had: what
# the vault knows now wins over the copy's older knowledge (issue 12 #8).
_KEEP_CURRENT = ("signers", "digests")


@dataclass(frozen=True)
class OpenedCopy:
    """A backup copy opened with its passphrase, not yet restored."""

    name: str
    vault_id: bytes
    generation: int
    created: dt.datetime
    content: dict[str, Any]

    def assessments(self) -> int:
        raw = self.content.get("assessments")
        return len(raw) if isinstance(raw, list) else 0

    def latest_started(self) -> str:
        """The ISO date the copy's newest assessment started ("" if none)."""
        raw = self.content.get("assessments")
        if isinstance(raw, list) and raw and isinstance(raw[-1], dict):
            started = raw[-1].get("started")
            return started[:10] if isinstance(started, str) else ""
        return ""


def save_copy(vault: Vault, path: Path) -> None:
    """Write an encrypted copy of ``vault`` to ``path`` (mode 0600, atomically)."""
    write_private_file(path, bytes(vault.sealed_copy()))


def open_copy(path: Path, passphrase: str) -> OpenedCopy:
    """Open a copy (a full key derivation: call it off the UI thread). NotAVault for
    a file that is not a vault, WrongPassphrase for a wrong passphrase."""
    try:
        blob = read_file(path)
    except VaultMissing:
        raise NotAVault("vault.copy.missing", file=path.name) from None
    header = fmt.parse_header(blob)
    key = slots.unlock_with_passphrase(header, passphrase)
    content = body_codec.decode(fmt.open_body(blob, header, key))
    return OpenedCopy(
        name=path.name,
        vault_id=header.vault_id,
        generation=header.generation,
        created=dt.datetime.fromtimestamp(header.created, dt.UTC),
        content=content,
    )


def check_copy(vault: Vault, copy: OpenedCopy) -> int:
    """How many saves older the copy is than the vault (0 or less: as new or newer).
    NotAVault if it is a copy of another vault: it is never restored here."""
    if copy.vault_id != vault.vault_id:
        raise NotAVault("vault.copy.foreign", file=copy.name)
    return vault.generation - copy.generation


def restore_copy(vault: Vault, copy: OpenedCopy) -> None:
    """Replace the open vault's content with the copy's (the caller saves). The
    pack version records keep the higher of both."""
    check_copy(vault, copy)
    with vault.changing() as current:
        kept = _ratchets(current)
        known = _known(current)
        current.clear()
        current.update(copy.content)
        packs = current.setdefault("packs", {})
        if isinstance(packs, dict):
            for name, values in kept.items():
                existing = packs.get(name)
                merged: dict[str, Any] = existing if isinstance(existing, dict) else {}
                for key, value in values.items():
                    old = merged.get(key)
                    if not isinstance(old, int) or isinstance(old, bool) or old < value:
                        merged[key] = value
                packs[name] = merged
            for name, values in known.items():
                existing = packs.get(name)
                merged = existing if isinstance(existing, dict) else {}
                for key, value in values.items():
                    if isinstance(value, dict) and isinstance(merged.get(key), dict):
                        merged[key] = {**merged[key], **value}
                    else:
                        merged[key] = value
                packs[name] = merged


def _known(content: dict[str, Any]) -> dict[str, dict[str, Any]]:
    packs = content.get("packs")
    if not isinstance(packs, dict):
        return {}
    return {name: dict(packs[name]) for name in _KEEP_CURRENT if isinstance(packs.get(name), dict)}


def _ratchets(content: dict[str, Any]) -> dict[str, dict[str, int]]:
    packs = content.get("packs")
    found: dict[str, dict[str, int]] = {}
    if not isinstance(packs, dict):
        return found
    for name in _RATCHETS:
        raw = packs.get(name)
        if isinstance(raw, dict):
            found[name] = {
                k: v for k, v in raw.items() if isinstance(v, int) and not isinstance(v, bool)
            }
    return found


def suggested_name(today: dt.date | None = None) -> str:
    """A neutral file name: it says nothing about what the vault is for."""
    return f"backup-{(today or dt.date.today()).isoformat()}{SUFFIX}"
