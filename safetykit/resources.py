"""The one place that finds SafetyKit's data folders.

``ui/``, ``checklists/`` and ``translations/`` sit at the top of a checkout; in an
installed wheel they travel inside the package as ``safetykit/_data/<name>``; in a
PyInstaller bundle they sit under ``sys._MEIPASS``. Every other module asks here.
"""

from __future__ import annotations

import sys
from pathlib import Path

DATA_FOLDERS = ("ui", "checklists", "translations")
_PACKAGE_DIR = Path(__file__).resolve().parent


class ResourceNotFound(LookupError):
    """A data folder is missing from this installation."""


def _candidates(name: str) -> list[Path]:
    found: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # frozen (PyInstaller): data laid out beside the code
        found.append(Path(bundle) / "safetykit" / "_data" / name)
        found.append(Path(bundle) / name)
    found.append(_PACKAGE_DIR / "_data" / name)  # installed wheel
    found.append(_PACKAGE_DIR.parent / name)  # source checkout (editable install)
    return found


def data_dir(name: str) -> Path:
    """The folder holding data ``name`` (one of DATA_FOLDERS)."""
    if name not in DATA_FOLDERS:
        raise ValueError(f"unknown data folder {name!r}")
    for candidate in _candidates(name):
        if candidate.is_dir():
            return candidate
    raise ResourceNotFound(f"SafetyKit's {name}/ folder is missing from this installation")


def ui_dir() -> Path:
    return data_dir("ui")


def checklists_dir() -> Path:
    return data_dir("checklists")


def translations_dir() -> Path:
    return data_dir("translations")


def org_dir() -> Path | None:
    """The org bundle (``org/`` beside ``checklists/``: ``keys/*.pub`` and packs), if any.

    A press-freedom group's installer adds it; a plain installation has none.
    """
    for candidate in _candidates("org"):
        if candidate.is_dir():
            return candidate
    return None


ORG_FILE = "organisation.toml"


def org_file() -> Path | None:
    """The org bundle's ``organisation.toml``, if there is one (a cheap check: the
    parser and its TOML reader load only when a file is there to read)."""
    folder = org_dir()
    if folder is None or not (folder / ORG_FILE).is_file():
        return None
    return folder / ORG_FILE


def package_file(relative: str) -> Path:
    """A file shipped inside the Python package itself (e.g. plan templates)."""
    return _PACKAGE_DIR / relative
