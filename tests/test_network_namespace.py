"""Under CI the kernel keeps the tests on this machine (issue 9 point 7).

`.ci/run` runs the suite in a network namespace with only loopback (up). This checks
it from a Python process that has no guard at all (`-I` ignores the PYTHONPATH that
loads tests/netguard/): a connection to any other address fails in the kernel with
ENETUNREACH, while loopback works. Nothing leaves the machine either way: the test
only tries once it has seen that the namespace has no interface but `lo`. Outside
such a namespace it is skipped, except under CI=true, where that is a failure.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import in_ci

PROBE = r"""
import errno, json, socket, sys
guard = sys.modules.get("sitecustomize")
result = {"guarded": guard is not None and hasattr(guard, "install")}

def attempt(family, kind, address):
    s = socket.socket(family, kind)
    s.settimeout(5)
    try:
        if kind == socket.SOCK_DGRAM:
            s.sendto(b"x", address)
        else:
            s.connect(address)
        return "reached"
    except OSError as error:
        return errno.errorcode.get(error.errno, str(error.errno))
    finally:
        s.close()

# Documentation addresses (TEST-NET-1, 2001:db8::/32): never routed anywhere.
result["tcp4"] = attempt(socket.AF_INET, socket.SOCK_STREAM, ("192.0.2.1", 80))
result["udp4"] = attempt(socket.AF_INET, socket.SOCK_DGRAM, ("192.0.2.1", 53))
result["tcp6"] = attempt(socket.AF_INET6, socket.SOCK_STREAM, ("2001:db8::1", 80))
# Loopback is up: a listener on 127.0.0.1 accepts.
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)
client = socket.create_connection(server.getsockname(), timeout=5)
peer, _ = server.accept()
client.sendall(b"ok")
result["loopback"] = peer.recv(2).decode()
for s in (client, peer, server):
    s.close()
print(json.dumps(result))
"""


def interfaces() -> list[str]:
    """The network interfaces of this process's namespace (no socket needed)."""
    lines = Path("/proc/self/net/dev").read_text().splitlines()[2:]
    return sorted(line.split(":", 1)[0].strip() for line in lines)


def test_the_kernel_allows_loopback_only() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("network namespaces are Linux's")
    names = interfaces()
    if names != ["lo"]:
        message = f"not in a loopback-only network namespace (interfaces: {names})"
        if in_ci():
            pytest.fail(f"{message}: under CI, .ci/run must run the tests in one (as root)")
        pytest.skip(message)
    done = subprocess.run(
        [sys.executable, "-I", "-c", PROBE], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result == {
        "guarded": False,  # the Python guard played no part: this is the kernel
        "tcp4": "ENETUNREACH",
        "udp4": "ENETUNREACH",
        "tcp6": "ENETUNREACH",
        "loopback": "ok",
    }, result


def test_interfaces_are_read_from_this_namespace() -> None:
    if not Path("/proc/self/net/dev").exists():
        pytest.skip("no /proc/self/net/dev here")
    assert "lo" in interfaces()
