"""Shared test set-up: a private data folder per test, offscreen Qt, no internet.

DESIGN §10: every test gets its own data folder, Qt runs on the offscreen platform by
default, and any attempt to open an internet socket (AF_INET/AF_INET6) fails the test.
Local D-Bus and Unix sockets stay allowed (the keychain tests need them).
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.umask(0o077)

_INTERNET_FAMILIES = {socket.AF_INET, socket.AF_INET6}
_internet_attempts: list[str] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    # socket.__new__ fires for every socket created, whatever the module that asks.
    if event == "socket.__new__":
        family = args[1]
        if family in _INTERNET_FAMILIES:
            _internet_attempts.append(f"socket(family={family!r})")
            raise PermissionError("tests may not open internet sockets (AF_INET/AF_INET6)")
    elif event == "socket.getaddrinfo":
        host = args[0]
        if host not in (None, "localhost") and not str(host).startswith("127."):
            _internet_attempts.append(f"getaddrinfo({host!r})")
            raise PermissionError("tests may not resolve internet host names")


sys.addaudithook(_audit)


@pytest.fixture(autouse=True)
def _no_internet() -> Iterator[None]:
    """Fail the test if it tried to open an internet socket, even if it swallowed the error."""
    start = len(_internet_attempts)
    yield
    tried = _internet_attempts[start:]
    if tried:
        pytest.fail(f"test tried to use the internet: {', '.join(tried)}")


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data folder for this test, also the default for code that asks."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("SAFETYKIT_DATA_DIR", str(folder))
    return folder
