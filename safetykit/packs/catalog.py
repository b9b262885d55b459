"""All the packs the app shows: built in, from the org bundle, and imported.

Built-in packs (``checklists/``) and org-bundle packs (``org/packs/``) are trusted by
where they are. Imported packs come from the vault and are re-verified on every load.
When two sources offer the same pack id the first wins, in that order; ``pack import``
already refuses the ids of built-in packs, so this only guards against a bundle
repeating one.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Protocol

from safetykit import resources
from safetykit.packs.archive import read_stream
from safetykit.packs.errors import PackError
from safetykit.packs.loader import load_pack_dir
from safetykit.packs.model import Origin, Pack
from safetykit.packs.signing import load_verified, verify_archive
from safetykit.packs.store import imported_packs


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
            raise PackError(
                "pack.read_failed", file=path, reason=exc.strerror or str(exc)
            ) from None
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
    packs = builtin_packs(locale) + org_packs(locale)
    if vault is not None:
        packs += imported_packs(vault.data, locale=locale, failures=failures)
    seen: set[str] = set()
    unique = []
    for pack in packs:
        if pack.id not in seen:
            seen.add(pack.id)
            unique.append(pack)
    return unique


def reserved_ids() -> set[str]:
    """Ids an imported pack may not take: those of built-in and org packs."""
    return {p.id for p in builtin_packs()} | {p.id for p in org_packs()}
