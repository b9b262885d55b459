"""``MANIFEST``: the sha256 of every pack file, the text that gets signed.

The form is that of ``sha256sum`` output (``<64 hex>  <path>``), one line per file,
sorted by path, so a trainer can check it with stock tools.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

from safetykit.packs.archive import MANIFEST, SIGNATURE
from safetykit.packs.errors import PackError

_LINE = re.compile(r"([0-9a-f]{64})  ([!-~]+)")


def make_manifest(files: Mapping[str, bytes]) -> bytes:
    """MANIFEST for the pack files in ``files`` (MANIFEST and its signature left out)."""
    lines = [
        f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n"
        for name in sorted(files)
        if name not in (MANIFEST, SIGNATURE)
    ]
    return "".join(lines).encode("ascii")


def check_manifest(files: Mapping[str, bytes]) -> None:
    """PackError unless MANIFEST lists exactly the other files, with matching hashes."""
    raw = files.get(MANIFEST)
    if raw is None:
        raise PackError("pack.manifest.missing")
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        raise PackError("pack.manifest.not_ascii") from None
    if not text.endswith("\n"):
        raise PackError("pack.manifest.no_newline")
    listed: dict[str, str] = {}
    for number, line in enumerate(text[:-1].split("\n"), start=1):
        match = _LINE.fullmatch(line)
        if not match:
            raise PackError("pack.manifest.bad_line", line=number)
        digest, name = match.groups()
        if name in listed:
            raise PackError("pack.manifest.listed_twice", line=number, entry=name)
        listed[name] = digest
    if list(listed) != sorted(listed):
        raise PackError("pack.manifest.unsorted")
    present = {name for name in files if name not in (MANIFEST, SIGNATURE)}
    for name in sorted(present - listed.keys()):
        raise PackError("pack.manifest.unlisted", entry=name)
    for name in sorted(listed.keys() - present):
        raise PackError("pack.manifest.missing_file", entry=name)
    for name, digest in listed.items():
        if hashlib.sha256(files[name]).hexdigest() != digest:
            raise PackError("pack.manifest.hash_mismatch", entry=name)
    if make_manifest(files) != raw:
        raise PackError("pack.manifest.not_canonical")
