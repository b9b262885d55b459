"""Reading and writing the files the pack commands take and produce, with size caps
and atomic writes, each failure a PackError."""

from __future__ import annotations

from pathlib import Path

from safetykit.packs.archive import read_stream
from safetykit.packs.errors import PackError, errors_only
from safetykit.text import os_reason

KEY_FILE_MAX = 4096  # key and signature files are a few hundred bytes


def pack_dir_files(folder: Path) -> dict[str, bytes]:
    """The pack files of ``folder``; PackError if the layout itself is wrong."""
    from safetykit.packs.loader import read_pack_dir  # imports Babel: only when needed

    files, problems = read_pack_dir(folder)
    if errors_only(problems):
        raise PackError(problems)
    return files


def read_archive_file(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return read_stream(handle)
    except OSError as exc:
        raise PackError("pack.read_failed", file=path, reason=os_reason(exc)) from None


def read_small_file(path: Path, limit: int = KEY_FILE_MAX) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise PackError("pack.read_failed", file=path, reason=os_reason(exc)) from None
    if len(data) > limit:
        raise PackError("pack.key_file_too_large", file=path)
    return data
