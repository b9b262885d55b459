"""Where SafetyKit keeps its files, and how folders are created.

All user data lives in one data folder: the platform's user data folder by default
(platformdirs), or ``--data-dir``. Folders are created 0700 and the process umask is
0077, so other accounts on the machine cannot read anything we write.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from safetykit.errors import SafetyKitError
from safetykit.text import N_, Text

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


class DataDirRefused(SafetyKitError):
    """The data folder belongs to another account: SafetyKit does not use it."""

    default_code = "data_dir.foreign_owner"


def ensure_private_dir(path: Path, notices: list[Text] | None = None) -> Path:
    """Create ``path`` (and parents) with mode 0700, or check an existing one: refused
    if another account owns it, tightened to 0700 (and said in ``notices``) if others
    could read or enter it."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    check_private_dir(path, notices)
    return path


def check_private_dir(path: Path, notices: list[Text] | None = None) -> None:
    """The checks of ensure_private_dir for a folder that exists (nothing if it does not)."""
    if os.name != "posix":
        return  # Windows: the per-user profile folder's ACLs; no POSIX owner or mode
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    if info.st_uid != os.geteuid():
        raise DataDirRefused("data_dir.foreign_owner", folder=path, uid=info.st_uid)
    mode = info.st_mode & 0o777
    if mode != 0o700:
        path.chmod(0o700)
        if mode & 0o077 and notices is not None:
            notices.append(
                Text.of(
                    N_(
                        "The data folder %(folder)s was open to other accounts (mode "
                        "%(mode)s). It is now 0700: only you."
                    ),
                    folder=str(path),
                    mode=f"{mode:04o}",
                )
            )
