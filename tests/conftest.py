"""Shared test set-up: a private data folder per test, offscreen Qt, no internet.

DESIGN §10: every test gets its own data folder, Qt runs on the offscreen platform by
default, and any attempt to open an internet socket (AF_INET/AF_INET6) fails the test,
in the test process and in every Python process it starts (tests/netguard/). Local
D-Bus and Unix sockets stay allowed (the keychain tests need them). Under CI the
kernel enforces it for every process, Python or not: `.ci/run` runs the suite in a
network namespace with loopback only (tests/test_network_namespace.py checks that).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from safetykit.vault.keychain import SERVICE
from tests.netguard import sitecustomize as net_guard
from tests.vault.keychain_support import SecretService, secret_service_or_skip

pytest_plugins = ("pytester",)  # tests of the suite's own fixtures run a pytest inside

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.umask(0o077)

_internet_attempts: list[str] = []
net_guard.install(_internet_attempts.append)

# Python processes the tests start load the same guard (as `sitecustomize`) and write
# their attempts to this file, which the fixture below reads after each test.
GUARD_DIR = Path(net_guard.__file__).resolve().parent
_fd, GUARD_LOG = tempfile.mkstemp(prefix="safetykit-net-guard-", suffix=".log")
os.close(_fd)
atexit.register(lambda: Path(GUARD_LOG).unlink(missing_ok=True))
os.environ[net_guard.LOG_VARIABLE] = GUARD_LOG
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(GUARD_DIR), *(p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)]
)


# pytest-timeout gives every test `timeout` seconds (pyproject.toml); a test marked
# slow that sets no limit of its own gets this one.
SLOW_TIMEOUT = 300


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("slow") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(SLOW_TIMEOUT))


def _subprocess_attempts_size() -> int:
    with contextlib.suppress(OSError):
        return os.path.getsize(GUARD_LOG)
    return 0


@pytest.fixture(autouse=True)
def _no_internet() -> Iterator[None]:
    """Fail the test if it, or a Python process it started, tried to open an internet
    socket, even if the error was swallowed."""
    start = len(_internet_attempts)
    offset = _subprocess_attempts_size()
    yield
    tried = _internet_attempts[start:]
    with open(GUARD_LOG, "rb") as log:
        log.seek(offset)
        tried += log.read().decode("utf-8", "replace").splitlines()
    if tried:
        pytest.fail(f"test tried to use the internet: {', '.join(tried)}")


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data folder for this test, also the default for code that asks."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("SAFETYKIT_DATA_DIR", str(folder))
    return folder


# The real Secret Service (gnome-keyring under D-Bus) for the vault's and the app's
# keychain tests: one session fixture for the whole run, so its collection is made
# and removed once.
@pytest.fixture(scope="session")
def _secret_service_session() -> Iterator[SecretService]:
    service = secret_service_or_skip()
    yield service
    service.remove()  # the test collection goes, and the default alias with it


@pytest.fixture
def secret_service(_secret_service_session: SecretService) -> Iterator[SecretService]:
    service = _secret_service_session
    service.unlock()
    yield service
    service.clear(SERVICE)  # nothing a test stored stays in the keyring
