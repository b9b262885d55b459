"""The ``packs`` section of the vault body: imported archives, user keys, and the records
that bind each pack id to its history (version ratchet, signer, content digests).

Which packs someone installed can say what they fear, so all of this lives inside the
vault (docs/internals.md, "Vault body"). This module only manipulates that dict; the
command line opens and saves the vault around it, and tests use a plain dict.

Shape::

    {"imported": {"<pack id>": {"archive": "<base64>", "version": 3, "verified": true,
                                "signer": "<key id>" | null,
                                "signer_key": "<base64 public key>" | null,
                                "imported": "<ISO date>"}},
     "trusted_keys": {"<base64 public key>": {"public_key": "<base64>",
                                              "added": "<ISO date>"}},
     "versions": {"<pack id>": 3},
     "signers": {"<pack id>": "<base64 public key>"},
     "digests": {"<pack id>": {"<version>": "<sha256 of MANIFEST, hex>"}}}

``versions``, ``signers`` and ``digests`` are only ever set by verified imports and stay
when a pack is removed, so neither an unverified file nor a remove-and-reimport can
roll a pack back, take its id over, or swap the content of a version already seen.
Trusted keys are keyed by the whole public key: the 8-byte key id is chosen by whoever
makes a key, so two keys can share it (vaults that keyed by key id are migrated when
the section is read).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from safetykit.packs.errors import PackError
from safetykit.packs.minisign import PublicKey, same_fingerprint
from safetykit.packs.model import Origin, Pack
from safetykit.packs.signing import (
    SignatureStatus,
    VerifiedArchive,
    load_verified,
    untrusted,
    verify_archive,
)
from safetykit.packs.trust import TrustedKey, builtin_keys, org_keys, user_keys

SUBSECTIONS = ("imported", "trusted_keys", "versions", "signers", "digests")
_HEX_ID = re.compile(r"[0-9A-F]{16}")


def section(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The body's ``packs`` section, created if absent and brought to the current shape;
    PackError if it is malformed."""
    packs = body.setdefault("packs", {})
    if not isinstance(packs, dict):
        raise PackError("pack.store.damaged")
    new_signers = "signers" not in packs
    for name in SUBSECTIONS:
        if not isinstance(packs.setdefault(name, {}), dict):
            raise PackError("pack.store.section_damaged", section=name)
    _key_by_whole_key(packs["trusted_keys"])
    if new_signers:
        _bind_existing(packs)
    return packs


def _key_by_whole_key(keys: dict[str, Any]) -> None:
    """Re-key records stored under their 8-byte key id (before 0.2) by the whole key."""
    for name in [n for n in keys if _HEX_ID.fullmatch(n)]:
        record = keys.pop(name)
        key = _record_key(record)
        keys.setdefault(key.base64, {"public_key": key.base64, "added": record.get("added")})


def _record_key(record: object) -> PublicKey:
    if not isinstance(record, dict) or not isinstance(record.get("public_key"), str):
        raise PackError("pack.store.keys_damaged")
    try:
        return PublicKey.from_base64(record["public_key"])
    except PackError:
        raise PackError("pack.store.keys_damaged") from None


def _bind_existing(packs: dict[str, dict[str, Any]]) -> None:
    """Vaults from before signer binding: bind each verified imported pack to the one
    user key with its signer's key id, when there is exactly one."""
    by_id: dict[str, list[str]] = {}
    for name, record in packs["trusted_keys"].items():
        by_id.setdefault(_record_key(record).hex_id, []).append(name)
    for pack_id, record in packs["imported"].items():
        if isinstance(record, dict) and record.get("verified") is True:
            matches = by_id.get(str(record.get("signer")), [])
            if len(matches) == 1:
                packs["signers"].setdefault(pack_id, matches[0])


def trusted_keys(body: dict[str, Any], extra: Sequence[TrustedKey] = ()) -> list[TrustedKey]:
    """Every key trusted for imports: built in, org bundle, the user's, and ``extra``."""
    return builtin_keys() + org_keys() + user_keys(section(body)) + list(extra)


@dataclass(frozen=True)
class ImportResult:
    pack: Pack
    status: SignatureStatus
    previous_version: int | None
    # The key the pack id was bound to before, when this import re-bound it.
    rebound_from: PublicKey | None = None


def import_pack(
    body: dict[str, Any],
    data: bytes,
    *,
    label: str,
    reserved_ids: Iterable[str] = (),
    allow_unverified: bool = False,
    rebind: bool = False,
    keys: Sequence[TrustedKey] | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Verify ``data`` and record it in ``body``; PackError says why it was refused.

    Nothing in ``body`` changes unless the import succeeds. An archive whose signature
    is absent or by a key no one trusts is refused before its TOML or PO is read,
    unless ``allow_unverified``. A verified update signed by another key than the one
    the pack id is bound to is refused with ``pack.signer_changed`` unless ``rebind``
    (after the user compared both fingerprints with the publisher).
    """
    packs = section(body)
    verified = verify_archive(data, trusted_keys(body) if keys is None else keys)
    status = verified.status
    if not status.trusted and not allow_unverified:
        raise untrusted(status)  # before any TOML or PO of an unvouched file is parsed
    pack = load_verified(verified, label=label)
    if pack.id in set(reserved_ids):
        raise PackError("pack.reserved_id", pack=pack.id)
    highest = _version(packs["versions"].get(pack.id))
    if highest is not None and pack.version < highest:
        raise PackError("pack.older_version", pack=pack.id, version=pack.version, highest=highest)
    previous = packs["imported"].get(pack.id)
    was_verified = isinstance(previous, dict) and previous.get("verified") is True
    if not status.trusted and was_verified:
        raise PackError("pack.unverified_over_verified", pack=pack.id)
    digest = hashlib.sha256(verified.manifest).hexdigest()
    _check_digest(packs, pack, digest)
    rebound_from = _check_signer(packs, pack, status, rebind) if status.trusted else None

    packs["imported"][pack.id] = {
        "archive": base64.b64encode(data).decode("ascii"),
        "version": pack.version,
        "verified": status.trusted,
        "signer": status.key_id,
        "signer_key": status.key.base64 if status.key is not None else None,
        "imported": (today or dt.date.today()).isoformat(),
    }
    if status.trusted:
        # Only a vouched-for pack moves the records: an unverified file's version,
        # signer and content are the file's word alone.
        assert status.key is not None
        packs["versions"][pack.id] = max(highest or 0, pack.version)
        packs["signers"][pack.id] = status.key.base64
        packs["digests"].setdefault(pack.id, {})[str(pack.version)] = digest
    prior = _version(previous.get("version")) if isinstance(previous, dict) else None
    return ImportResult(pack, status, prior, rebound_from)


def _check_digest(packs: dict[str, dict[str, Any]], pack: Pack, digest: str) -> None:
    seen = packs["digests"].get(pack.id, {})
    if not isinstance(seen, dict):
        raise PackError("pack.store.section_damaged", section="digests")
    known = seen.get(str(pack.version))
    if known is not None and known != digest:
        raise PackError("pack.version_content_changed", pack=pack.id, version=pack.version)


def _check_signer(
    packs: dict[str, dict[str, Any]], pack: Pack, status: SignatureStatus, rebind: bool
) -> PublicKey | None:
    """The key the id was bound to if this import re-binds it; PackError if the signer
    changed and the caller did not ask to re-bind."""
    assert status.key is not None
    bound_text = packs["signers"].get(pack.id)
    if bound_text is None or bound_text == status.key.base64:
        return None
    try:
        bound = PublicKey.from_base64(str(bound_text))
    except PackError:
        raise PackError("pack.store.section_damaged", section="signers") from None
    if not rebind:
        raise PackError(
            "pack.signer_changed",
            pack=pack.id,
            bound_key_id=bound.hex_id,
            bound_fingerprint=bound.fingerprint,
            signer_key_id=status.key.hex_id,
            signer_fingerprint=status.key.fingerprint,
        )
    return bound


def bound_signer(body: dict[str, Any], pack_id: str) -> PublicKey | None:
    """The key ``pack_id`` is bound to (the signer of its first accepted version)."""
    text = section(body)["signers"].get(pack_id)
    if text is None:
        return None
    try:
        return PublicKey.from_base64(str(text))
    except PackError:
        raise PackError("pack.store.section_damaged", section="signers") from None


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
    """Forget an imported pack; its version, signer and digest records stay, so an older
    copy, another signer or other content under a seen version stay refused."""
    packs = section(body)
    record = packs["imported"].pop(pack_id, None)
    if record is None:
        raise PackError("pack.not_imported", pack=pack_id)
    return _version(record.get("version") if isinstance(record, dict) else None) or 0


@dataclass(frozen=True)
class KeyRecord:
    key_id: str  # 16 hex digits, as minisign shows it; not unique to one key
    public_key: str  # base64, the whole key (what the store is keyed by)
    fingerprint: str  # PublicKey.fingerprint: what the user compares with the trainer
    added: str


def add_key(body: dict[str, Any], key: PublicKey, *, today: dt.date | None = None) -> bool:
    """Trust ``key``; False if it was trusted already. PackError ``pack.key.id_taken``
    if a different key with the same key id is trusted (a key id can be chosen)."""
    keys = section(body)["trusted_keys"]
    if key.base64 in keys:
        return False
    for record in keys.values():
        other = _record_key(record)
        if other.key_id == key.key_id:
            raise PackError(
                "pack.key.id_taken",
                key_id=key.hex_id,
                fingerprint=key.fingerprint,
                trusted_fingerprint=other.fingerprint,
            )
    keys[key.base64] = {
        "public_key": key.base64,
        "added": (today or dt.date.today()).isoformat(),
    }
    return True


def list_keys(body: dict[str, Any]) -> list[KeyRecord]:
    out = []
    for record in section(body)["trusted_keys"].values():
        key = _record_key(record)
        out.append(KeyRecord(key.hex_id, key.base64, key.fingerprint, str(record.get("added"))))
    return sorted(out, key=lambda r: (r.key_id, r.public_key))


def remove_key(body: dict[str, Any], key: str) -> KeyRecord:
    """Stop trusting the key named by ``key``: its fingerprint (any case and spacing),
    its base64 form, or its key id. Returns what was removed."""
    keys = section(body)["trusted_keys"]
    wanted = key.strip()
    for record in list_keys(body):
        if (
            wanted == record.public_key
            or wanted.upper() == record.key_id
            or same_fingerprint(wanted, record.fingerprint)
        ):
            del keys[record.public_key]
            return record
    raise PackError("pack.key_not_trusted", key_id=wanted)


__all__ = [
    "ImportResult",
    "KeyRecord",
    "VerifiedArchive",
    "add_key",
    "bound_signer",
    "import_pack",
    "imported_packs",
    "list_keys",
    "remove_key",
    "remove_pack",
    "section",
]
