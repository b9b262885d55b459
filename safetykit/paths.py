"""Where SafetyKit keeps its files, and how folders are created.

All user data lives in one data folder: the platform's user data folder by default
(platformdirs), or ``--data-dir``. Folders are created 0700 and the process umask is
0077, so other accounts on the machine cannot read anything we write.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_DIR_NAME = "SafetyKit"
# A development override, like Vorta's: lets a checkout run against a scratch folder.
DATA_DIR_ENV = "SAFETYKIT_DATA_DIR"


def set_private_umask() -> None:
    """Make everything this process creates private to the user (DESIGN §9)."""
    os.umask(0o077)


def default_data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False, roaming=False))


def resolve_data_dir(option: str | os.PathLike[str] | None) -> Path:
    """The data folder for ``--data-dir`` (or the default when not given)."""
    return Path(option).expanduser() if option else default_data_dir()


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) with mode 0700; tighten it if it already exists."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        mode = path.stat().st_mode & 0o777
        if mode != 0o700:
            path.chmod(0o700)
    return path
