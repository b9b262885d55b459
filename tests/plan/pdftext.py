"""Read a PDF's text back with pdftotext, normalised for comparison."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

from tests.helpers import require_tool

_MARKS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def normalise(text: str) -> str:
    """NFKC (Arabic presentation forms back to letters), no bidi marks, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    return " ".join(_MARKS.sub("", text).split())


def pdf_text(path: Path) -> str:
    tool = require_tool("pdftotext")
    done = subprocess.run(
        [tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return normalise(done.stdout)


def pdf_fonts(path: Path) -> list[tuple[str, str]]:
    """(font name, "yes"/"no" embedded) for every font in the PDF."""
    tool = require_tool("pdffonts")
    done = subprocess.run([tool, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    rows = done.stdout.splitlines()[2:]
    found = []
    for row in rows:
        # Columns: name type encoding emb sub uni object ID — name and type may have
        # spaces, so read emb from the right: ... emb sub uni num gen
        parts = row.split()
        found.append((parts[0], parts[-5]))
    return found
