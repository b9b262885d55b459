"""The ``packs`` section of the vault body: imported archives, user keys, version records.

Which packs someone installed can say what they fear, so all of this lives inside the
vault (docs/internals.md, "Vault body"). This module only manipulates that dict; the
command line opens and saves the vault around it, and tests use a plain dict.

Shape::

    {"imported": {"<pack id>": {"archive": "<base64>", "version": 3, "verified": true,
                                "signer": "<key id>" | null, "imported": "<ISO date>"}},
     "trusted_keys": {"<key id>": {"public_key": "<base64>", "added": "<ISO date>"}},
     "versions": {"<pack id>": 3}}
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from safetykit.packs.errors import PackError
from safetykit.packs.minisign import PublicKey
from safetykit.packs.model import Origin, Pack
from safetykit.packs.signing import SignatureStatus, load_verified, untrusted, verify_archive
from safetykit.packs.trust import TrustedKey, builtin_keys, org_keys, user_keys

SUBSECTIONS = ("imported", "trusted_keys", "versions")


def section(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The body's ``packs`` section, created if absent; PackError if it is malformed."""
    packs = body.setdefault("packs", {})
    if not isinstance(packs, dict):
        raise PackError("pack.store.damaged")
    for name in SUBSECTIONS:
        if not isinstance(packs.setdefault(name, {}), dict):
            raise PackError("pack.store.section_damaged", section=name)
    return packs


def trusted_keys(body: dict[str, Any], extra: Sequence[TrustedKey] = ()) -> list[TrustedKey]:
    """Every key trusted for imports: built in, org bundle, the user's, and ``extra``."""
    return builtin_keys() + org_keys() + user_keys(section(body)) + list(extra)


@dataclass(frozen=True)
class ImportResult:
    pack: Pack
    status: SignatureStatus
    previous_version: int | None


def import_pack(
    body: dict[str, Any],
    data: bytes,
    *,
    label: str,
    reserved_ids: Iterable[str] = (),
    allow_unverified: bool = False,
    keys: Sequence[TrustedKey] | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Verify ``data`` and record it in ``body``; PackError says why it was refused."""
    packs = section(body)
    verified = verify_archive(data, trusted_keys(body) if keys is None else keys)
    pack = load_verified(verified, label=label)
    if pack.id in set(reserved_ids):
        raise PackError("pack.reserved_id", pack=pack.id)
    status = verified.status
    if not status.trusted and not allow_unverified:
        raise untrusted(status)
    highest = _version(packs["versions"].get(pack.id))
    if highest is not None and pack.version < highest:
        raise PackError("pack.older_version", pack=pack.id, version=pack.version, highest=highest)
    previous = packs["imported"].get(pack.id)
    packs["imported"][pack.id] = {
        "archive": base64.b64encode(data).decode("ascii"),
        "version": pack.version,
        "verified": status.trusted,
        "signer": status.key_id,
        "imported": (today or dt.date.today()).isoformat(),
    }
    packs["versions"][pack.id] = max(highest or 0, pack.version)
    prior = _version(previous.get("version")) if isinstance(previous, dict) else None
    return ImportResult(pack, status, prior)


def _version(value: object) -> int | None:
    if value is None:
        return None
    if type(value) is not int:
        raise PackError("pack.store.versions_damaged")
    return value


def imported_packs(
    body: dict[str, Any],
    *,
    locale: str | None = None,
    keys: Sequence[TrustedKey] | None = None,
    failures: list[tuple[str, PackError]] | None = None,
) -> list[Pack]:
    """The imported packs, re-verified now: one whose key is no longer trusted shows as
    unverified. With ``failures``, a pack that no longer loads (damaged, or refused by
    stricter rules of a newer SafetyKit) is listed there instead of stopping the rest."""
    packs = section(body)
    trusted = trusted_keys(body) if keys is None else keys
    found = []
    for pack_id in sorted(packs["imported"]):
        try:
            verified = verify_archive(archive_bytes(body, pack_id), trusted)
            found.append(
                load_verified(
                    verified, label=f"vault:{pack_id}", locale=locale, origin=Origin.IMPORTED
                )
            )
        except PackError as exc:
            if failures is None:
                raise
            failures.append((pack_id, exc))
    return found


def archive_bytes(body: dict[str, Any], pack_id: str) -> bytes:
    record = section(body)["imported"].get(pack_id)
    if not isinstance(record, dict) or not isinstance(record.get("archive"), str):
        raise PackError("pack.not_imported", pack=pack_id)
    try:
        return base64.b64decode(record["archive"], validate=True)
    except (binascii.Error, ValueError):
        raise PackError("pack.store.copy_damaged", pack=pack_id) from None


def remove_pack(body: dict[str, Any], pack_id: str) -> int:
    """Forget an imported pack; its version record stays, so an older copy stays refused."""
    packs = section(body)
    record = packs["imported"].pop(pack_id, None)
    if record is None:
        raise PackError("pack.not_imported", pack=pack_id)
    return _version(record.get("version") if isinstance(record, dict) else None) or 0


@dataclass(frozen=True)
class KeyRecord:
    key_id: str
    public_key: str  # base64, the fingerprint to compare with the trainer's
    added: str


def add_key(body: dict[str, Any], key: PublicKey, *, today: dt.date | None = None) -> bool:
    """Trust ``key``; False if it was trusted already."""
    keys = section(body)["trusted_keys"]
    if key.hex_id in keys:
        return False
    keys[key.hex_id] = {
        "public_key": key.base64,
        "added": (today or dt.date.today()).isoformat(),
    }
    return True


def list_keys(body: dict[str, Any]) -> list[KeyRecord]:
    out = []
    for key_id, record in sorted(section(body)["trusted_keys"].items()):
        if not isinstance(record, dict):
            raise PackError("pack.store.keys_damaged")
        out.append(KeyRecord(key_id, str(record.get("public_key")), str(record.get("added"))))
    return out


def remove_key(body: dict[str, Any], key_id: str) -> None:
    keys = section(body)["trusted_keys"]
    wanted = key_id.strip().upper()
    if wanted not in keys:
        raise PackError("pack.key_not_trusted", key_id=key_id)
    del keys[wanted]
