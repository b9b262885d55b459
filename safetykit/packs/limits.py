"""Size limits for reading packs from untrusted sources (folders and archives)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Checked against the archive's directory before reading, and again while reading.

    A 5,000-item pack is about 3 MB of text, so these leave ample room for real packs
    while keeping a hostile file from exhausting memory or disk.
    """

    max_archive: int = 64 * 1024 * 1024  # bytes of the .skpack file itself
    max_entries: int = 1000
    max_file: int = 16 * 1024 * 1024  # uncompressed bytes of one entry
    max_total: int = 64 * 1024 * 1024  # uncompressed bytes of all entries
    max_ratio: int = 100  # uncompressed / compressed size of one entry


DEFAULT_LIMITS = Limits()
