"""The test suite's own guard: opening an internet socket fails the test, in the test
process and in the Python processes it starts (tests/netguard/sitecustomize.py)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import conftest
from tests.helpers import REPO
from tests.netguard import sitecustomize as net_guard


def test_internet_sockets_are_blocked() -> None:
    before = len(conftest._internet_attempts)
    for family in (socket.AF_INET, socket.AF_INET6):
        with pytest.raises(PermissionError):
            socket.socket(family, socket.SOCK_STREAM)
    with pytest.raises(PermissionError):  # the event getaddrinfo raises, without a look-up
        sys.audit("socket.getaddrinfo", "example.org", 80, 0, 0, 0)
    assert len(conftest._internet_attempts) == before + 3
    # This test provoked the attempts on purpose; forget them so it passes.
    del conftest._internet_attempts[before:]


def test_unix_sockets_stay_allowed() -> None:
    left, right = socket.socketpair(socket.AF_UNIX)
    left.sendall(b"x")
    assert right.recv(1) == b"x"
    left.close()
    right.close()


@pytest.fixture
def child_log() -> Iterator[Path]:
    """The subprocess log, with whatever this test provokes on purpose forgotten after."""
    log = Path(conftest.GUARD_LOG)
    size = log.stat().st_size
    yield log
    with log.open("r+b") as f:
        f.truncate(size)


CHILD = """
import socket, sys
s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
s.bind(("::1", 0))  # a loopback probe, as pip's urllib3 makes: allowed
s.close()
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
try:
    # The event sendto raises, without sending: only loopback is ever really a target.
    sys.audit("socket.sendto", s, ("192.0.2.1", 9))
except PermissionError as error:
    print("blocked:", error)
    sys.exit(0)  # swallowed: the log must still tell the parent
print("sent")
"""


def test_python_subprocesses_are_guarded_too(child_log: Path) -> None:
    assert os.environ["PYTHONPATH"].split(os.pathsep)[0] == str(conftest.GUARD_DIR)
    before = child_log.read_text()
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("blocked:"), done.stdout
    added = child_log.read_text()[len(before) :]
    assert added.count("\n") == 1 and "sendto(('192.0.2.1', 9))" in added, added


def test_a_subprocess_attempt_fails_the_test(pytester: pytest.Pytester) -> None:
    # A test that starts a Python child which tries, and swallows the error, fails
    # (in the guard fixture's teardown, so pytest counts it as an error).
    pytester.makeconftest(
        f"import sys; sys.path.insert(0, {str(REPO)!r})\n"
        "from tests.conftest import _no_internet, data_dir  # noqa: F401\n"
    )
    pytester.makepyfile(
        test_child=f"""
import subprocess, sys
def test_child():
    subprocess.run([sys.executable, "-c", {CHILD!r}], check=True, timeout=60)
"""
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*test tried to use the internet*sendto(('192.0.2.1', 9))*"])


def test_guard_allows_loopback_names_only() -> None:
    for name in (None, "localhost", "127.0.0.1", "127.1.2.3", "::1", b"localhost"):
        assert net_guard._is_local(name), name
    for name in ("example.org", "192.0.2.1", "10.0.0.1", "::ffff:8.8.8.8", "127.example"):
        assert not net_guard._is_local(name), name


def test_subprocess_guard_checks_every_kind_of_target(child_log: Path) -> None:
    # Non-loopback targets are offered to the guard as the audit events the socket
    # calls raise (sys.audit), so nothing could leave even if the guard failed; the
    # loopback cases are real calls.
    code = """
import socket, sys
results = []
for family, event, address in (
    (socket.AF_INET, "socket.connect", ("192.0.2.1", 80)),
    (socket.AF_INET6, "socket.connect", ("2001:db8::1", 80)),
    (socket.AF_INET, "socket.sendmsg", ("192.0.2.1", 53)),
    (socket.AF_INET, "socket.bind", ("0.0.0.0", 0)),
):
    s = socket.socket(family, socket.SOCK_STREAM)
    try:
        sys.audit(event, s, address)
        results.append("allowed")
    except PermissionError:
        results.append("blocked")
    finally:
        s.close()
try:
    sys.audit("socket.getaddrinfo", "example.org", 443, 0, 0, 0)
    results.append("allowed")
except PermissionError:
    results.append("blocked")
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)
client = socket.create_connection(server.getsockname(), timeout=5)
results.append("allowed")
client.close()
server.close()
print(" ".join(results))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == [*["blocked"] * 5, "allowed"], done.stdout + done.stderr
