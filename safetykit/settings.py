"""Plain settings that may live outside the vault (DESIGN §9): language, window size.

Nothing the user answered goes here. The file is small JSON in the data folder,
written atomically; a damaged or missing file just means defaults (settings are not
precious, and must never stop the app from starting).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

SETTINGS_FILE = "settings.json"
MAX_SETTINGS_BYTES = 64 * 1024


@dataclass
class Settings:
    language: str | None = None  # None: follow the system's preferred languages
    window_width: int = 960
    window_height: int = 680


def load_settings(data_dir: Path) -> Settings:
    from safetykit.vault import storage  # no links followed, no FIFO waited on

    path = data_dir / SETTINGS_FILE
    try:
        raw = json.loads(storage.read_bounded(path, MAX_SETTINGS_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    settings = Settings()
    language = raw.get("language")
    if language is None or (isinstance(language, str) and 0 < len(language) <= 16):
        settings.language = language
    for name in ("window_width", "window_height"):
        value = raw.get(name)
        if isinstance(value, int) and 200 <= value <= 20_000:
            setattr(settings, name, value)
    return settings


def save_settings(data_dir: Path, settings: Settings) -> None:
    """Atomic and 0600; the temp file is new (O_EXCL, random name), so a link planted in
    the data folder is never written through."""
    from safetykit.vault import storage

    text = json.dumps(asdict(settings), sort_keys=True).encode("utf-8")
    storage.write_small(data_dir / SETTINGS_FILE, text, durable=False)
