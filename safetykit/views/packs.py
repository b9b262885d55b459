"""The packs and trusted-keys screens, without Qt: what to list, and the changes.

Importing is two steps, so nothing from a stranger is parsed unasked (issue 12, #7):
``check_import`` reads the archive and checks its structure, hashes and signature; the
content (TOML, PO) is parsed only when the signer is trusted, or after the person chose
to look at an unverified pack (``read_unverified``). ``import_checked`` then records it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from safetykit import i18n
from safetykit.assessment import selection
from safetykit.packs import store
from safetykit.packs.errors import PackError
from safetykit.packs.model import Origin, Pack
from safetykit.packs.trust import SOURCE_BUILTIN, SOURCE_ORG, SOURCE_USER, TrustedKey

if TYPE_CHECKING:
    from safetykit.packs.minisign import PublicKey
    from safetykit.packs.signing import SignatureStatus
    from safetykit.packs.store import ImportResult
    from safetykit.views.workspace import Workspace


class Translation:
    """How a pack reads in the interface's language."""

    SOURCE = "source"  # written in it
    TRANSLATED = "translated"
    OUTDATED = "outdated"  # translated, some parts shown in the source language
    MISSING = "missing"  # no translation: shown in the source language


@dataclass(frozen=True)
class PackLine:
    id: str
    name: str
    publisher: str
    version: int
    reviewed: dt.date | None
    origin: str  # Origin value: "builtin", "org", "imported"
    verified: bool
    signer: str | None  # key id
    fingerprint: str | None  # of the signing key, when it is a known key
    translation: str  # a Translation value
    outdated: int  # how many translated parts are out of date
    source_language: str
    used: bool
    removable: bool
    problem: str = ""  # an imported pack that no longer loads: why (a message)


@dataclass(frozen=True)
class KeyLine:
    key_id: str
    fingerprint: str
    source: str  # "user", "org", "builtin"
    added: str  # ISO date for the user's keys, "" otherwise
    packs: tuple[str, ...]  # names of the installed packs it signed
    removable: bool


def _same_language(a: str, b: str) -> bool:
    return i18n.base_language(a).split("_")[0] == i18n.base_language(b).split("_")[0]


def _outdated_parts(pack: Pack) -> int:
    count = sum(len(q.outdated) for q in pack.questions)
    for checklist in pack.checklists:
        count += len(checklist.outdated) + sum(len(item.outdated) for item in checklist.items)
    return count


def translation_of(pack: Pack, lang: str) -> tuple[str, int]:
    if _same_language(pack.source_locale, lang):
        return Translation.SOURCE, 0
    if pack.locale and _same_language(pack.locale, lang):
        outdated = _outdated_parts(pack)
        return (Translation.OUTDATED if outdated else Translation.TRANSLATED), outdated
    return Translation.MISSING, 0


def _fingerprints(keys: Sequence[TrustedKey]) -> dict[str, str]:
    return {trusted.key.hex_id: trusted.key.fingerprint for trusted in keys}


def _signer_fingerprint(body: dict[str, Any], pack: Pack, known: dict[str, str]) -> str | None:
    """The fingerprint of the key that signed the imported copy (recorded with it:
    two keys may share a key id), else of the trusted key with that id."""
    from safetykit.packs.minisign import PublicKey

    record = store.section(body)["imported"].get(pack.id)
    signer_key = record.get("signer_key") if isinstance(record, dict) else None
    if isinstance(signer_key, str):
        try:
            return PublicKey.from_base64(signer_key).fingerprint
        except PackError:
            return None
    return known.get(pack.signer or "")


def pack_lines(workspace: Workspace, lang: str) -> list[PackLine]:
    """Every installed pack, and each imported one that no longer loads."""
    from safetykit.messages import message_for

    body = workspace.vault.data
    off = selection.turned_off(body)
    known = _fingerprints(store.trusted_keys(body))
    lines = []
    for pack in workspace.installed:
        translation, outdated = translation_of(pack, lang)
        lines.append(
            PackLine(
                id=pack.id,
                name=pack.name,
                publisher=pack.publisher,
                version=pack.version,
                reviewed=pack.reviewed,
                origin=str(pack.origin),
                verified=pack.verified,
                signer=pack.signer,
                fingerprint=_signer_fingerprint(body, pack, known) if pack.verified else None,
                translation=translation,
                outdated=outdated,
                source_language=pack.source_locale,
                used=pack.id not in off,
                removable=pack.origin == Origin.IMPORTED,
            )
        )
    for pack_id, error in workspace.failures:
        lines.append(
            PackLine(
                id=pack_id,
                name=pack_id,
                publisher="",
                version=0,
                reviewed=None,
                origin=str(Origin.IMPORTED),
                verified=False,
                signer=None,
                fingerprint=None,
                translation=Translation.MISSING,
                outdated=0,
                source_language="",
                used=False,
                removable=True,
                problem=message_for(error, lang),
            )
        )
    return lines


# --- importing ---


@dataclass(frozen=True)
class ImportCheck:
    """A ``.skpack`` read and its signature checked (on a worker thread)."""

    name: str  # the file's name, for messages
    data: bytes
    status: SignatureStatus
    fingerprint: str | None  # of the signing key, when it is a trusted one
    pack: Pack | None  # parsed only for a trusted signer, or after read_unverified
    installed_version: int | None  # of the same pack id, installed now
    installed_signer: str | None  # key id that signed the installed copy

    @property
    def trusted(self) -> bool:
        return self.status.trusted


def check_import(
    path: Path,
    keys: Sequence[TrustedKey],
    installed: Sequence[Pack],
    lang: str,
) -> ImportCheck:
    """Read ``path`` and check it. ``keys`` and ``installed`` are copied on the UI
    thread first (the vault body is not read from a worker). PackError says why the
    file cannot be used at all."""
    from safetykit.packs.files import read_archive_file
    from safetykit.packs.signing import verify_archive

    data = read_archive_file(path)
    verified = verify_archive(data, keys)
    status = verified.status
    check = ImportCheck(
        name=path.name,
        data=data,
        status=status,
        fingerprint=status.fingerprint,  # the key that verified it (ids can be shared)
        pack=None,
        installed_version=None,
        installed_signer=None,
    )
    return _parsed(check, installed, lang) if status.trusted else check


def read_unverified(check: ImportCheck, installed: Sequence[Pack], lang: str) -> ImportCheck:
    """Parse an unverified pack's content, once the person chose to look at it."""
    return _parsed(check, installed, lang)


def _parsed(check: ImportCheck, installed: Sequence[Pack], lang: str) -> ImportCheck:
    from safetykit.packs.catalog import builtin_ids
    from safetykit.packs.signing import load_verified, verify_archive

    verified = verify_archive(check.data, [])
    verified = dataclasses.replace(verified, status=check.status)
    pack = load_verified(verified, label=check.name, locale=lang)
    # An organisation's pack id may take an update signed by its keys (catalog.import_pack).
    if pack.id in builtin_ids():
        raise PackError("pack.reserved_id", pack=pack.id)
    same = next((p for p in installed if p.id == pack.id), None)
    return dataclasses.replace(
        check,
        pack=pack,
        installed_version=same.version if same is not None else None,
        installed_signer=same.signer if same is not None else None,
    )


def import_checked(
    workspace: Workspace,
    check: ImportCheck,
    *,
    allow_unverified: bool,
    lang: str,
    rebind: bool = False,
) -> ImportResult:
    """Record the pack in the vault (every rule of ``store.import_pack`` applies: an
    older version and an unknown signer are refused) and load the packs again.

    A verified update signed by another key than the one the pack id is bound to is
    refused with ``pack.signer_changed`` (params ``bound_key_id``,
    ``bound_fingerprint``, ``signer_key_id``, ``signer_fingerprint``); after showing
    both fingerprints and the person's yes, call again with ``rebind=True``."""
    from safetykit.packs.catalog import import_pack

    with workspace.vault.changing() as body:
        result = import_pack(
            body,
            check.data,
            label=check.name,
            allow_unverified=allow_unverified,
            rebind=rebind,
        )
    workspace.reload_packs(lang)
    return result


def remove_pack(workspace: Workspace, pack_id: str, *, forget_answers: bool, lang: str) -> int:
    """Remove an imported pack; with ``forget_answers`` its answers, notes and profile
    values go too. Returns how many answers were removed."""
    removed = 0
    with workspace.vault.changing() as body:
        store.remove_pack(body, pack_id)
        if forget_answers:
            removed = selection.forget_answers(body, pack_id)
    workspace.reload_packs(lang)
    return removed


def answers_of(workspace: Workspace, pack_id: str) -> int:
    """How many answers and profile values the vault holds for ``pack_id``."""
    prefix = f"{pack_id}/"
    count = sum(1 for key in workspace.profile() if key.startswith(prefix))
    for assessment in workspace.assessments():
        count += sum(1 for key in assessment.answers if key.startswith(prefix))
    return count


# --- trusted keys ---


def _source(trusted: TrustedKey) -> str:
    if trusted.source == SOURCE_USER:
        return "user"
    if trusted.source.startswith(SOURCE_ORG):
        return "org"
    return "builtin" if trusted.source == SOURCE_BUILTIN else "user"


def key_lines(workspace: Workspace) -> list[KeyLine]:
    body = workspace.vault.data
    added = {record.key_id: record.added for record in store.list_keys(body)}
    signed: dict[str, list[str]] = {}
    for pack in workspace.installed:
        if pack.signer:
            signed.setdefault(pack.signer, []).append(pack.name)
    lines = []
    for trusted in store.trusted_keys(body):
        key = trusted.key
        source = _source(trusted)
        lines.append(
            KeyLine(
                key_id=key.hex_id,
                fingerprint=key.fingerprint,
                source=source,
                added=added.get(key.hex_id, "") if source == "user" else "",
                packs=tuple(signed.get(key.hex_id, ())),
                removable=source == "user",
            )
        )
    return lines


def read_key(path: Path) -> PublicKey:
    """A ``.pub`` file (PackError if it is not one)."""
    from safetykit.packs.trust import read_public_key_file

    return read_public_key_file(path)


def is_trusted(workspace: Workspace, key: PublicKey) -> bool:
    return any(t.key == key for t in store.trusted_keys(workspace.vault.data))


def add_key(workspace: Workspace, key: PublicKey, lang: str) -> bool:
    """Trust ``key`` (False if it was already); packs it signed show as verified."""
    with workspace.vault.changing() as body:
        added = store.add_key(body, key)
    workspace.reload_packs(lang)
    return added


def remove_key(workspace: Workspace, key_id: str, lang: str) -> list[str]:
    """Stop trusting a key; returns the names of the packs that now show as
    unverified (everywhere: the lists, the checklist and the plan)."""
    signed = [p.name for p in workspace.installed if p.signer == key_id and p.verified]
    with workspace.vault.changing() as body:
        store.remove_key(body, key_id)
    workspace.reload_packs(lang)
    return signed
