"""``.skpack`` archives: the deterministic writer and the safe reader (DESIGN §4).

The writer produces one exact byte form: entries sorted by name, stored (not
deflated), DOS date 1980-01-01 00:00, no extra fields, no comment, Unix mode 0644 for
regular files. Stored rather than deflated because the reader accepts an archive only
if rebuilding it from its contents gives the same bytes, and deflate output differs
between zlib builds (zlib, zlib-ng, Windows and macOS bundles): a pack signed on one
machine must read on every other. Pack text is small, so the size cost is minor.

The reader trusts nothing it is told: it checks the end record and the central
directory (entry count, names, types, sizes, ratios) before reading any entry, counts
the bytes it actually reads, and finally compares the rebuilt archive with the input.
"""

from __future__ import annotations

import binascii
import stat
import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from io import BytesIO
from typing import BinaryIO

from safetykit.packs.checks import is_pack_file
from safetykit.packs.errors import PackError
from safetykit.packs.limits import DEFAULT_LIMITS, Limits
from safetykit.text import os_reason

MANIFEST = "MANIFEST"
SIGNATURE = "MANIFEST.minisig"
_DOS_TIME = 0
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest a zip can say
_MODE = (stat.S_IFREG | 0o644) << 16
_VERSION = 20  # 2.0: the version needed for plain stored files
_MADE_BY = (3 << 8) | _VERSION  # 3: Unix, so the external attributes hold a mode
_EOCD = struct.Struct("<IHHHHIIH")
_EOCD_SIG = 0x06054B50


def build_archive(files: Mapping[str, bytes]) -> bytes:
    """The one accepted byte form of an archive holding ``files`` (name -> bytes)."""
    local = BytesIO()
    central = BytesIO()
    for name in sorted(files):
        data = files[name]
        raw_name = name.encode("ascii")
        crc = binascii.crc32(data) & 0xFFFFFFFF
        offset = local.tell()
        local.write(
            struct.pack(
                "<IHHHHHIIIHH",
                0x04034B50,
                _VERSION,
                0,
                0,
                _DOS_TIME,
                _DOS_DATE,
                crc,
                len(data),
                len(data),
                len(raw_name),
                0,
            )
        )
        local.write(raw_name)
        local.write(data)
        central.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                _MADE_BY,
                _VERSION,
                0,
                0,
                _DOS_TIME,
                _DOS_DATE,
                crc,
                len(data),
                len(data),
                len(raw_name),
                0,
                0,
                0,
                0,
                _MODE,
                offset,
            )
        )
        central.write(raw_name)
    directory = central.getvalue()
    count = len(files)
    end = _EOCD.pack(_EOCD_SIG, 0, 0, count, count, len(directory), local.tell(), 0)
    return local.getvalue() + directory + end


def read_stream(stream: BinaryIO, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """At most ``limits.max_archive`` bytes of ``stream``; PackError when there are more."""
    data = stream.read(limits.max_archive + 1)
    if len(data) > limits.max_archive:
        raise PackError("pack.archive.too_large", limit=limits.max_archive)
    return data


@dataclass
class ReadStats:
    """What the reader actually pulled out of entries (for tests and benchmarks)."""

    entry_bytes: int = 0
    largest_entry: int = 0


def read_archive(
    data: bytes, limits: Limits = DEFAULT_LIMITS, stats: ReadStats | None = None
) -> dict[str, bytes]:
    """The entries of an untrusted archive, after every safety check (PackError if not)."""
    if len(data) > limits.max_archive:
        raise PackError("pack.archive.too_large", limit=limits.max_archive)
    _check_end_record(data, limits)
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_directory(infos, limits)
            files = _read_entries(archive, infos, limits, stats or ReadStats())
    except PackError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error) as exc:
        raise PackError("pack.archive.damaged", reason=str(exc)) from None
    except OSError as exc:
        raise PackError("pack.archive.unreadable", reason=os_reason(exc)) from None
    except (ValueError, NotImplementedError, RuntimeError, struct.error) as exc:
        raise PackError("pack.archive.unreadable", reason=str(exc)) from None
    except (KeyError, IndexError, OverflowError, UnicodeError) as exc:
        raise PackError("pack.archive.unreadable", reason=type(exc).__name__) from None
    if build_archive(files) != data:
        raise PackError("pack.archive.not_exact")
    return files


def _check_end_record(data: bytes, limits: Limits) -> None:
    """Entry count from the end record, before zipfile builds its directory in memory."""
    if len(data) < _EOCD.size or data[-_EOCD.size : -_EOCD.size + 4] != b"PK\x05\x06":
        raise PackError("pack.archive.not_pack")
    fields = _EOCD.unpack(data[-_EOCD.size :])
    if fields[3] > limits.max_entries or fields[4] > limits.max_entries:
        raise PackError("pack.archive.too_many_entries", limit=limits.max_entries)


def _check_directory(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_entries:
        raise PackError("pack.archive.too_many_entries", limit=limits.max_entries)
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise PackError("pack.archive.entry.link", entry=name)
        if info.is_dir():  # zip tools add folders; pack build never does
            raise PackError("pack.archive.rezipped", entry=name)
        if stat.S_IFMT(mode) not in (0, stat.S_IFREG):
            raise PackError("pack.archive.entry.not_file", entry=name)
        _check_name(name, info.orig_filename)
        if name in seen:
            raise PackError("pack.archive.entry.twice", entry=name)
        seen.add(name)
        if info.flag_bits & 0x1:
            raise PackError("pack.archive.entry.encrypted", entry=name)
        if info.file_size > limits.max_file:
            raise PackError("pack.archive.entry.too_large", entry=name, limit=limits.max_file)
        if info.file_size > max(info.compress_size, 1) * limits.max_ratio:
            raise PackError("pack.archive.entry.ratio", entry=name)
        if info.compress_type != zipfile.ZIP_STORED:
            raise PackError("pack.archive.entry.compressed", entry=name)
        if info.file_size != info.compress_size:
            raise PackError("pack.archive.entry.sizes", entry=name)
        total += info.file_size
        if total > limits.max_total:
            raise PackError("pack.archive.content_too_large", limit=limits.max_total)
        if name not in (MANIFEST, SIGNATURE) and not is_pack_file(name):
            raise PackError("pack.archive.entry.unknown", entry=name)


def _check_name(name: str, original: str) -> None:
    shown = original.encode("unicode_escape").decode("ascii")
    if "\\" in original:
        raise PackError("pack.archive.entry.backslash", entry=shown)
    if original.startswith("/") or (len(original) > 1 and original[1] == ":"):
        raise PackError("pack.archive.entry.absolute", entry=shown)
    parts = original.split("/")
    if ".." in parts:
        raise PackError("pack.archive.entry.parent", entry=shown)
    if name != original or any(p in ("", ".") for p in parts) or not original.isascii():
        raise PackError("pack.archive.entry.malformed", entry=shown)
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in original):
        raise PackError("pack.archive.entry.control", entry=shown)


def _read_entries(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits, stats: ReadStats
) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    total = 0
    for info in infos:
        # Count what actually comes out instead of trusting the declared size.
        chunks: list[bytes] = []
        size = 0
        with archive.open(info) as entry:
            while True:
                # Never ask for more than one byte past either limit.
                want = min(65536, limits.max_file + 1 - size, limits.max_total + 1 - total)
                chunk = entry.read(want)
                if not chunk:
                    break
                size += len(chunk)
                total += len(chunk)
                stats.entry_bytes = total
                stats.largest_entry = max(stats.largest_entry, size)
                if size > limits.max_file or total > limits.max_total:
                    raise PackError("pack.archive.entry.larger_than_declared", entry=info.filename)
                chunks.append(chunk)
        files[info.filename] = b"".join(chunks)
    return files
