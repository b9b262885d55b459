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
        raise PackError("archive has no MANIFEST")
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        raise PackError("MANIFEST is not plain ASCII text") from None
    if not text.endswith("\n"):
        raise PackError("MANIFEST must end with a newline")
    listed: dict[str, str] = {}
    for number, line in enumerate(text[:-1].split("\n"), start=1):
        match = _LINE.fullmatch(line)
        if not match:
            raise PackError(f"MANIFEST:{number}: not a 'sha256  path' line")
        digest, name = match.groups()
        if name in listed:
            raise PackError(f"MANIFEST:{number}: '{name}' is listed twice")
        listed[name] = digest
    if list(listed) != sorted(listed):
        raise PackError("MANIFEST lines are not sorted by path")
    present = {name for name in files if name not in (MANIFEST, SIGNATURE)}
    for name in sorted(present - listed.keys()):
        raise PackError(f"'{name}' is not listed in MANIFEST")
    for name in sorted(listed.keys() - present):
        raise PackError(f"MANIFEST lists '{name}', which is missing")
    for name, digest in listed.items():
        if hashlib.sha256(files[name]).hexdigest() != digest:
            raise PackError(f"'{name}' does not match its hash in MANIFEST (changed after signing)")
    if make_manifest(files) != raw:
        raise PackError("MANIFEST is not in the form 'safetykit pack manifest' prints")
