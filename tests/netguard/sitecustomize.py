"""The test suite's network guard, also loaded by every Python process the tests start.

DESIGN §3 and §10: tests never use the network. ``tests/conftest.py`` installs this
guard in the test process and puts this folder first on ``PYTHONPATH``, so every
Python subprocess a test starts (the command line, crash children, pip, a build)
imports it as ``sitecustomize`` at start-up and is guarded the same way. An audit hook
sees every socket created, whatever library creates it. In the test process an
internet socket (AF_INET, AF_INET6) cannot be created at all; in the processes it
starts, one can be bound, connected or sent to on a loopback address only. Either
way, a look-up of a host name other than localhost raises PermissionError too. Each
attempt is appended to the file named by SAFETYKIT_NET_GUARD_LOG so the test that started
the process fails even if the process swallowed the error. Unix sockets (D-Bus) stay
allowed. Under CI the kernel enforces more (a network namespace with loopback only).
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable
from typing import Any

LOG_VARIABLE = "SAFETYKIT_NET_GUARD_LOG"
INTERNET_FAMILIES = frozenset({socket.AF_INET, socket.AF_INET6})
LOCAL_NAMES = frozenset({None, "localhost", "localhost.localdomain", "ip6-localhost"})


def _is_local(host: object) -> bool:
    """Whether ``host`` (as getaddrinfo gets it) can only mean this machine."""
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host in LOCAL_NAMES or host == "::1":
        return True
    parts = str(host).split(".")
    return len(parts) == 4 and parts[0] == "127" and all(p.isdigit() for p in parts)


def _local_address(address: object) -> bool:
    """Whether a socket address (host, port, ...) is on this machine."""
    return isinstance(address, tuple) and bool(address) and _is_local(address[0])


def install(record: Callable[[str], None], *, strict: bool = True) -> None:
    """Install the audit hook; ``record`` is told of every attempt (then it raises).

    Strict (the test process, DESIGN §3): no internet socket may even be created.
    Otherwise (the processes tests start, which include tools such as pip that probe
    for IPv6 with a socket bound to ::1): internet sockets may be created, but may be
    bound, connected or sent to on loopback addresses only.
    """

    def audit(event: str, args: tuple[Any, ...]) -> None:
        # socket.__new__ fires for every socket created, whatever the module that asks.
        if event == "socket.__new__":
            family = args[1]
            if strict and family in INTERNET_FAMILIES:
                record(f"socket({socket.AddressFamily(family).name})")
                raise PermissionError("tests may not open internet sockets (AF_INET/AF_INET6)")
        elif event == "socket.getaddrinfo":
            if not _is_local(args[0]):
                record(f"getaddrinfo({args[0]!r})")
                raise PermissionError("tests may not resolve internet host names")
        elif event in ("socket.connect", "socket.sendto", "socket.sendmsg", "socket.bind"):
            sock, address = args[0], args[1]
            internet = sock.family in INTERNET_FAMILIES and address is not None
            if internet and not _local_address(address):
                record(f"{event.split('.')[1]}({address!r})")
                raise PermissionError("tests may use loopback addresses only")

    sys.addaudithook(audit)


def append_to_log(attempt: str) -> None:
    """Record an attempt in the session's log file (one line each, in any process)."""
    path = os.environ.get(LOG_VARIABLE)
    if not path:
        return
    line = f"{os.getpid()} {' '.join(sys.argv)[:200]}: {attempt}\n"
    # os.open, not open(): a guard must not depend on anything the process replaced.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode("utf-8", "replace"))
    finally:
        os.close(fd)


if __name__ == "sitecustomize":  # imported at start-up by a process the tests started
    install(append_to_log, strict=False)
