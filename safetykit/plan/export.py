"""Which file format a plan's output name asks for.

The core makes the HTML (``plan.render``); a PDF is that HTML printed by
``safetykit.qtprint``, which the command line and the app call themselves, so no core
package depends on Qt. Files are written by ``safetykit.private_file`` (mode 0600,
atomic).
"""

from __future__ import annotations

from pathlib import Path

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf"}


def output_format(path: Path) -> str | None:
    """The format ("html" or "pdf") named by the file suffix, or None."""
    return FORMATS.get(path.suffix.lower())
