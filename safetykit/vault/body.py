"""The vault body: canonical JSON (docs/internals.md, "Vault body").

Canonical means sorted keys, UTF-8, no insignificant whitespace, so the same data always
gives the same bytes. The shape is checked at open; the sections' contents belong to
their areas (assessment records, packs) and are validated there.
"""

from __future__ import annotations

import json
from typing import Any

from safetykit.vault.errors import VaultDamaged

SECTIONS: dict[str, type] = {
    "profile": dict,
    "assessments": list,
    "packs": dict,
    "settings": dict,
}
PACK_SECTIONS = ("imported", "trusted_keys", "versions")


def empty_body() -> dict[str, Any]:
    return {
        "profile": {},
        "assessments": [],
        "packs": {name: {} for name in PACK_SECTIONS},
        "settings": {},
    }


def encode(data: dict[str, Any]) -> bytes:
    try:
        text = json.dumps(
            data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        )
    except (TypeError, ValueError) as error:
        # A programming error in whoever filled vault.data: not the user's doing.
        raise TypeError(f"the vault body is not plain JSON data: {error}") from None
    return text.encode("utf-8")


def decode(blob: bytes) -> dict[str, Any]:
    """Parse an authenticated body; shape problems mean a damaged (or foreign) vault."""
    try:
        data = json.loads(blob.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise VaultDamaged("the vault is damaged (its contents are not readable)") from None
    if not isinstance(data, dict):
        raise VaultDamaged("the vault is damaged (its contents have the wrong shape)")
    for name, kind in SECTIONS.items():
        data.setdefault(name, kind())
        if not isinstance(data[name], kind):
            raise VaultDamaged(f"the vault is damaged (its {name!r} section has the wrong shape)")
    for name in PACK_SECTIONS:
        data["packs"].setdefault(name, {})
    return data
