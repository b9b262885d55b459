"""Which public keys are trusted to sign packs, and why (DESIGN §4).

Trust comes from where a key was found: built into the app, shipped in the org bundle
(``org/keys/*.pub``), added by the user to their vault after comparing fingerprints,
or named with ``--pubkey`` for one check. Each key carries that source so every
report can say why a signer is trusted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safetykit import resources
from safetykit.packs.errors import PackError
from safetykit.packs.files import read_small_file
from safetykit.packs.minisign import PublicKey
from safetykit.text import N_, Text

# Public keys of the SafetyKit project itself (base64, as ``minisign -P`` takes them).
# The built-in packs are trusted by location and need none; a project key goes here
# once the project signs packs it distributes outside the app.
BUILTIN_KEYS: tuple[str, ...] = ()

SOURCE_BUILTIN = "built into SafetyKit"
SOURCE_ORG = "the organisation bundle"
SOURCE_USER = "your trusted keys (vault)"
MAX_KEY_FILE = 4096


def source_text(source: str) -> Text | str:
    """Where trust in a key comes from, in words shown in the reader's language (the
    source strings themselves are identifiers the views compare)."""
    if source == SOURCE_BUILTIN:
        return Text.of(N_("built into SafetyKit"))
    if source == SOURCE_USER:
        return Text.of(N_("your trusted keys (vault)"))
    if source.startswith(f"{SOURCE_ORG} ("):
        return Text.of(
            N_("the organisation bundle (%(file)s)"), file=source[len(SOURCE_ORG) + 2 : -1]
        )
    return source  # "--pubkey FILE": the option as typed


@dataclass(frozen=True)
class TrustedKey:
    key: PublicKey
    source: str


def builtin_keys() -> list[TrustedKey]:
    return [TrustedKey(PublicKey.from_base64(text), SOURCE_BUILTIN) for text in BUILTIN_KEYS]


def org_keys(org: Path | None = None) -> list[TrustedKey]:
    """Keys in ``org/keys/*.pub``; a damaged key file is an error, not a silent skip."""
    folder = org if org is not None else resources.org_dir()
    if folder is None or not (folder / "keys").is_dir():
        return []
    found = []
    for path in sorted((folder / "keys").glob("*.pub")):
        key = read_public_key_file(path)
        found.append(TrustedKey(key, f"{SOURCE_ORG} ({path.name})"))
    return found


def user_keys(section: Mapping[str, Any] | None) -> list[TrustedKey]:
    """Keys the user added (``packs.trusted_keys`` of the vault body)."""
    if not section:
        return []
    keys = []
    for record in dict(section.get("trusted_keys", {})).values():
        keys.append(TrustedKey(PublicKey.from_base64(str(record["public_key"])), SOURCE_USER))
    return keys


def default_keys(section: Mapping[str, Any] | None = None) -> list[TrustedKey]:
    return builtin_keys() + org_keys() + user_keys(section)


def read_public_key_file(path: Path) -> PublicKey:
    data = read_small_file(path, MAX_KEY_FILE)
    try:
        return PublicKey.from_file(data)
    except PackError as exc:
        raise PackError("pack.key.bad_file", file=path, cause=exc.code) from None
