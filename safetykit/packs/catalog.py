"""All the packs the app shows: built in, from the org bundle, and imported.

Built-in packs (``checklists/``) and org-bundle packs (``org/packs/``) are trusted by
where they are. Imported packs come from the vault and are re-verified on every load.
When two sources offer the same pack id the first wins, in that order, with one
exception: an update of an org pack (``import_pack`` below lets only the
organisation's keys sign one, and never an older version) replaces the bundled copy.
``pack import`` refuses the ids of built-in packs.
"""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import Any, Protocol

from safetykit import resources
from safetykit.packs.archive import read_stream
from safetykit.packs.errors import PackError
from safetykit.packs.loader import load_pack_dir
from safetykit.packs.model import Origin, Pack
from safetykit.packs.signing import load_verified, verify_archive
from safetykit.packs.store import ImportResult, imported_packs
from safetykit.packs.trust import SOURCE_ORG, org_keys
from safetykit.text import os_reason


class HasBody(Protocol):
    """What ``all_packs`` needs of a vault: its body."""

    @property
    def data(self) -> dict[str, Any]: ...


def pack_dirs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if (p / "pack.toml").is_file())


def builtin_packs(locale: str | None = None) -> list[Pack]:
    """Every pack in ``checklists/``; PackError if one is invalid (a broken install)."""
    return [
        load_pack_dir(path, locale=locale, origin=Origin.BUILTIN)
        for path in pack_dirs(resources.checklists_dir())
    ]


def org_packs(locale: str | None = None, org: Path | None = None) -> list[Pack]:
    """Packs of the org bundle: folders and ``.skpack`` files in ``org/packs/``."""
    folder = org if org is not None else resources.org_dir()
    if folder is None or not (folder / "packs").is_dir():
        return []
    found = [
        load_pack_dir(path, locale=locale, origin=Origin.ORG)
        for path in pack_dirs(folder / "packs")
    ]
    for path in sorted((folder / "packs").glob("*.skpack")):
        try:
            with path.open("rb") as handle:
                data = read_stream(handle)
        except OSError as exc:
            raise PackError("pack.read_failed", file=path, reason=os_reason(exc)) from None
        # Trusted by location like a folder; the archive is still read with every check.
        pack = load_verified(
            verify_archive(data, []), label=str(path), locale=locale, origin=Origin.ORG
        )
        found.append(dataclasses.replace(pack, verified=True))
    return found


def all_packs(
    vault: HasBody | None = None,
    locale: str | None = None,
    failures: list[tuple[str, PackError]] | None = None,
) -> list[Pack]:
    """Built-in, org and imported packs. ``failures`` collects imported packs that no
    longer load (see ``store.imported_packs``); without it they raise PackError."""
    bundled = org_packs(locale)
    packs = builtin_packs(locale) + bundled
    if vault is not None:
        imported = imported_packs(vault.data, locale=locale, failures=failures)
        org_signers = {trusted.key.hex_id for trusted in org_keys()}
        newer = {p.id: p for p in imported if _updates(p, bundled, org_signers)}
        packs = [newer.get(p.id, p) for p in packs] + imported
    seen: set[str] = set()
    unique = []
    for pack in packs:
        if pack.id not in seen:
            seen.add(pack.id)
            unique.append(pack)
    return unique


def _updates(pack: Pack, bundled: list[Pack], org_signers: set[str]) -> bool:
    """Whether imported ``pack`` is a newer version of an org pack, by the org's key."""
    newer = any(other.id == pack.id and pack.version > other.version for other in bundled)
    return newer and pack.verified and pack.signer in org_signers


def builtin_ids() -> set[str]:
    return {p.id for p in builtin_packs()}


def import_pack(
    body: dict[str, Any],
    data: bytes,
    *,
    label: str,
    allow_unverified: bool = False,
    rebind: bool = False,
) -> ImportResult:
    """``store.import_pack`` with the rules for ids the installation's own packs hold:
    a built-in pack's id is refused; an org pack's id takes an update only if one of
    the organisation's keys signed it and it is not older than the bundled version.

    The store works on a copy of the packs section, put in place only when every rule
    passed, so a refused import changes nothing. ``rebind``: see ``store.import_pack``
    (a signer change is refused with ``pack.signer_changed`` unless it is set).
    """
    from safetykit.packs import store

    trial: dict[str, Any] = {"packs": copy.deepcopy(body.get("packs", {}))}
    result = store.import_pack(
        trial,
        data,
        label=label,
        reserved_ids=builtin_ids(),
        allow_unverified=allow_unverified,
        rebind=rebind,
    )
    bundled = next((p for p in org_packs() if p.id == result.pack.id), None)
    if bundled is not None:
        if not (result.status.trusted_by or "").startswith(SOURCE_ORG):
            raise PackError("pack.org_update_key", pack=bundled.id)
        if result.pack.version < bundled.version:
            raise PackError(
                "pack.older_version",
                pack=bundled.id,
                version=result.pack.version,
                highest=bundled.version,
            )
    body["packs"] = trial["packs"]
    return result


def reserved_ids() -> set[str]:
    """Ids an imported pack may not take: those of built-in and org packs."""
    return {p.id for p in builtin_packs()} | {p.id for p in org_packs()}
