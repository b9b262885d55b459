"""The vault body: canonical JSON (docs/internals.md, "Vault body").

Canonical means sorted keys, UTF-8, no insignificant whitespace, so the same data always
gives the same bytes. The shape is checked at open; the sections' contents belong to
their areas (assessment records, packs) and are validated there.
"""

from __future__ import annotations

import json
import marshal
from typing import Any

from safetykit.vault.errors import VaultDamaged

SECTIONS: dict[str, type] = {
    "profile": dict,
    "assessments": list,
    "packs": dict,
    "settings": dict,
}
PACK_SECTIONS = ("imported", "trusted_keys", "versions", "signers", "digests")


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
    """Canonical JSON, byte for byte like ``encode``, reusing unchanged parts.

    Every assessment is kept for good and usually only the newest changes, so encoding
    all of them on every save would be most of a save's time (benchmarks/bench_vault.py).
    Each assessment's text, and each other top-level section's (``packs`` holds whole
    pack archives), is cached with an independent copy of its value; when the live value
    still equals the copy (a deep comparison done in C, about 10 µs for 150 answers,
    ten times cheaper than encoding), the text is reused.

    Equality is Python's: it cannot tell ``true`` from ``1`` or ``1`` from ``1.0``.
    Assessments hold only text and null (records.py); elsewhere a value would have to be
    replaced by an equal one of another type for the cached text to differ from a fresh
    encoding, and SafetyKit's writers never do that (tests/vault/test_body.py checks the
    cached encoder against a fresh one). The cache is content: the Vault drops it on lock.
    """

    def __init__(self) -> None:
        self._cache: dict[str, tuple[Any, bytes]] = {}
        self._sections: dict[str, tuple[Any, bytes]] = {}

    def encode(self, data: dict[str, Any]) -> bytes:
        # One flat list of fragments and a single join: the body is hundreds of KiB,
        # and nested joins and concatenations would copy it several times per save.
        seen: set[str] = set()
        parts: list[bytes] = [b"{"]
        for n, key in enumerate(sorted(data)):
            if n:
                parts.append(b",")
            parts.append(_dumps(key).encode("utf-8") + b":")
            value = data[key]
            if key == "assessments" and isinstance(value, list):
                parts.append(b"[")
                for i, item in enumerate(value):
                    if i:
                        parts.append(b",")
                    parts.append(self._one(item, seen))
                parts.append(b"]")
            else:
                parts.append(self._section(key, value))
        parts.append(b"}")
        for stale in self._cache.keys() - seen:
            del self._cache[stale]
        for gone in self._sections.keys() - data.keys():
            del self._sections[gone]
        return b"".join(parts)

    def _section(self, key: str, value: Any) -> bytes:
        """Any other top-level section, cached whole: ``packs`` holds imported pack
        archives (base64, often hundreds of KiB) that rarely change."""
        hit = self._sections.get(key)
        if hit is not None and type(hit[0]) is type(value) and hit[0] == value:
            return hit[1]
        text = _dumps(value).encode("utf-8")
        self._sections[key] = (_snapshot(value, text), text)
        return text

    def _one(self, item: Any, seen: set[str]) -> bytes:
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str) or ident in seen:
            return _dumps(item).encode("utf-8")  # no usable id: no caching
        seen.add(ident)
        hit = self._cache.get(ident)
        if hit is not None and type(hit[0]) is type(item) and hit[0] == item:
            return hit[1]
        text = _dumps(item).encode("utf-8")
        self._cache[ident] = (_snapshot(item, text), text)
        return text


def _snapshot(item: Any, text: bytes) -> Any:
    """An independent copy of ``item`` to compare with at the next save.

    ``marshal`` copies plain dicts, lists, strings and None in C, faster than parsing
    the JSON text again; anything it refuses (a dict subclass…) is copied from the text.
    """
    try:
        # Our own bytes, made a line above in this process: nothing untrusted is read.
        return marshal.loads(marshal.dumps(item))  # noqa: S302
    except ValueError:
        return json.loads(text)


def decode(blob: bytes) -> dict[str, Any]:
    """Parse an authenticated body; shape problems mean a damaged (or foreign) vault."""
    try:
        data = json.loads(blob.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise VaultDamaged("vault.damaged.unreadable") from None
    if not isinstance(data, dict):
        raise VaultDamaged("vault.damaged.shape")
    for name, kind in SECTIONS.items():
        data.setdefault(name, kind())
        if not isinstance(data[name], kind):
            raise VaultDamaged("vault.damaged.section", section=name)
    for name in PACK_SECTIONS:
        data["packs"].setdefault(name, {})
    return data
