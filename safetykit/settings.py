"""Plain settings that may live outside the vault (DESIGN §9): language, window size.

Nothing the user answered goes here. The file is small JSON in the data folder,
written atomically; a damaged or missing file just means defaults (settings are not
precious, and must never stop the app from starting).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

SETTINGS_FILE = "settings.json"


@dataclass
class Settings:
    language: str | None = None  # None: follow the system's preferred languages
    window_width: int = 960
    window_height: int = 680


def load_settings(data_dir: Path) -> Settings:
    path = data_dir / SETTINGS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
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
    path = data_dir / SETTINGS_FILE
    temp = path.with_name(f".{SETTINGS_FILE}.tmp")
    temp.write_text(json.dumps(asdict(settings), sort_keys=True), encoding="utf-8")
    os.replace(temp, path)
