"""First run: what the wizard collects, and making the vault from it at the end.

Nothing is written before the last step but plain settings (the language): the pack
the trainer handed out is read and checked in memory, the profile is kept here, and
``create_vault`` (on a worker thread: it calibrates the key derivation) writes the
vault once, with the pack and the profile inside.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # loaded when the vault is made, not with the first window
    from safetykit.packs.model import Pack, ProfileAnswer
    from safetykit.vault import Vault
    from safetykit.vault.kdf import KdfParams


class Step(StrEnum):
    LANGUAGE = "language"
    PROMISE = "promise"
    PASSPHRASE = "passphrase"  # noqa: S105 - a step name
    PACK = "pack"
    PROFILE = "profile"


STEPS = tuple(Step)


@dataclass(frozen=True)
class PackCheck:
    """A pack file's signature and hashes, checked before any of its content is read:
    enough to tell the user who signed it, and to ask before reading an unvouched one."""

    data: bytes
    signed: bool
    key_id: str | None
    fingerprint: str | None  # the signer's, when it is a trusted key
    trusted_by: str | None  # None: not signed by a key this installation trusts

    @property
    def trusted(self) -> bool:
        return self.trusted_by is not None


@dataclass(frozen=True)
class PackPreview:
    """A pack read from a file, before the user decides to take it."""

    data: bytes
    pack: Pack
    signed: bool
    key_id: str | None
    trusted_by: str | None  # None: not signed by a key this installation trusts

    @property
    def trusted(self) -> bool:
        return self.trusted_by is not None


def check_pack_file(path: Path) -> PackCheck:
    """Read a ``.skpack`` and check its structure, signature and hashes; no TOML or PO
    is parsed. PackError says why the file is not a pack."""
    from safetykit.packs.files import read_archive_file
    from safetykit.packs.signing import verify_archive
    from safetykit.packs.trust import default_keys

    data = read_archive_file(path)
    status = verify_archive(data, default_keys()).status
    return PackCheck(data, status.signed, status.key_id, status.fingerprint, status.trusted_by)


def preview_pack(
    path: Path, lang: str | None = None, *, allow_unverified: bool = False
) -> PackPreview:
    """Read and check a ``.skpack`` (signature and hashes first, then the content).
    An unsigned or unknown-signer file is refused before its content is read
    (``pack.unsigned`` / ``pack.signature.unknown_signer``) unless ``allow_unverified``:
    ask the user first (``check_pack_file`` says who signed it). PackError says why it
    cannot be used."""
    from safetykit.packs.catalog import reserved_ids
    from safetykit.packs.errors import PackError
    from safetykit.packs.files import read_archive_file
    from safetykit.packs.signing import load_verified, untrusted, verify_archive
    from safetykit.packs.trust import default_keys

    data = read_archive_file(path)
    verified = verify_archive(data, default_keys())
    status = verified.status
    if not status.trusted and not allow_unverified:
        raise untrusted(status)
    pack = load_verified(verified, label=path.name, locale=lang)
    if pack.id in reserved_ids():
        raise PackError("pack.reserved_id", pack=pack.id)
    return PackPreview(data, pack, status.signed, status.key_id, status.trusted_by)


@dataclass
class Onboarding:
    language: str = "en"
    step: Step = Step.LANGUAGE
    passphrase: str = ""
    remember: bool = False
    pack: PackPreview | None = None
    pack_unverified_ok: bool = False
    profile: dict[str, ProfileAnswer] = field(default_factory=dict)

    @property
    def index(self) -> int:
        return STEPS.index(self.step)

    def forward(self) -> Step:
        if self.index + 1 < len(STEPS):
            self.step = STEPS[self.index + 1]
        return self.step

    def back(self) -> Step:
        if self.index > 0:
            self.step = STEPS[self.index - 1]
        return self.step

    def forget(self) -> None:
        self.passphrase = ""
        self.pack = None
        self.profile = {}


def create_vault(
    folder: Path,
    passphrase: str,
    *,
    remember: bool,
    pack: PackPreview | None,
    allow_unverified: bool,
    profile: Mapping[str, ProfileAnswer],
    kdf_params: KdfParams | None = None,
) -> Vault:
    """Create the vault with everything the wizard collected, save once, and return it
    unlocked with the writer lock held. ``kdf_params`` is for tests only."""
    from safetykit.assessment import history
    from safetykit.packs import store
    from safetykit.packs.catalog import reserved_ids
    from safetykit.vault import Vault

    vault = Vault.create(folder, passphrase, remember=remember, kdf_params=kdf_params)
    try:
        vault.hold_writer_lock()
        with vault.changing() as body:
            if pack is not None:
                store.import_pack(
                    body,
                    pack.data,
                    label=pack.pack.id,
                    reserved_ids=reserved_ids(),
                    allow_unverified=allow_unverified,
                )
            history.set_profile(body, dict(profile))
            history.start_new(body)
        vault.save()
    except BaseException:
        vault.lock()
        raise
    return vault
