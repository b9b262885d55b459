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


def _dumps(value: Any) -> str:
    try:
        return json.dumps(
            value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        )
    except (TypeError, ValueError) as error:
        # A programming error in whoever filled vault.data: not the user's doing.
        raise TypeError(f"the vault body is not plain JSON data: {error}") from None


def encode(data: dict[str, Any]) -> bytes:
    """The canonical bytes of ``data``, from scratch."""
    return _dumps(data).encode("utf-8")


class Encoder:
    """Canonical JSON, byte for byte like ``encode``, reusing unchanged assessments.

    Every assessment is kept for good and usually only the newest changes, so encoding
    all of them on every save would be most of a save's time (benchmarks/bench_vault.py).
    Each assessment's text is cached with an independent copy of its value; when the
    live value still equals the copy (a comparison done in C), the text is reused.
    Assessments hold only text and null (records.py), so equality never confuses
    ``true`` with ``1``. The cache is content: the Vault drops it on lock.
    """

    def __init__(self) -> None:
        self._cache: dict[str, tuple[Any, bytes]] = {}

    def encode(self, data: dict[str, Any]) -> bytes:
        seen: set[str] = set()
        parts = []
        for key in sorted(data):
            value = data[key]
            if key == "assessments" and isinstance(value, list):
                text = b"[" + b",".join([self._one(item, seen) for item in value]) + b"]"
            else:
                text = _dumps(value).encode("utf-8")
            parts.append(_dumps(key).encode("utf-8") + b":" + text)
        for stale in self._cache.keys() - seen:
            del self._cache[stale]
        return b"{" + b",".join(parts) + b"}"

    def _one(self, item: Any, seen: set[str]) -> bytes:
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str) or ident in seen:
            return _dumps(item).encode("utf-8")  # no usable id: no caching
        seen.add(ident)
        hit = self._cache.get(ident)
        if hit is not None and type(hit[0]) is type(item) and hit[0] == item:
            return hit[1]
        text = _dumps(item).encode("utf-8")
        self._cache[ident] = (json.loads(text), text)
        return text


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
