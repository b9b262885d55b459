"""The test suite's own guard: opening an internet socket fails the test."""

from __future__ import annotations

import socket

import pytest

from tests import conftest


def test_internet_sockets_are_blocked() -> None:
    before = len(conftest._internet_attempts)
    for family in (socket.AF_INET, socket.AF_INET6):
        with pytest.raises(PermissionError):
            socket.socket(family, socket.SOCK_STREAM)
    assert len(conftest._internet_attempts) == before + 2
    # This test provoked the attempts on purpose; forget them so it passes.
    del conftest._internet_attempts[before:]


def test_unix_sockets_stay_allowed() -> None:
    left, right = socket.socketpair(socket.AF_UNIX)
    left.sendall(b"x")
    assert right.recv(1) == b"x"
    left.close()
    right.close()
