"""Test-only fork server for the crash test (tests/vault/test_crash.py).

Started once per test as ``python -m tests.vault.crash_child``; it imports everything,
then forks one worker per trial, so 200+ kills cost 200 forks, not 200 interpreters.
A worker may patch one save step of ``safetykit.vault.storage`` to SIGKILL itself right
after that step: the hook lives here, in test code, never in safetykit.

Protocol (one line each): stdin ``{"folder", "passphrase", "step", "nth", "saves",
"trial"}``; stdout ``pid N``, then the worker's ``committed GEN KEY`` lines, then
``exit STATUS``. A ``{"mode": "passwd", "folder", "passphrase", "new", "nth"}`` order
changes the passphrase instead and is killed right after its ``nth`` file-system call
(write, fsync, link, rename, unlink); it prints ``done`` if the change finished first.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from typing import Any

from safetykit.vault import Vault, storage

STEPS = {
    "write": "_write_all",
    "fsync": "_fsync",
    "backup": "_backup",
    "replace": "_replace",
    "keep-backup": "_keep_backup",
    "fsync-dir": "_fsync_dir",
}


def kill_after(step: str, nth: int) -> None:
    """SIGKILL this process right after the ``nth`` call of the save step ``step``."""
    original = getattr(storage, STEPS[step])
    calls = 0

    def wrapped(*args: Any) -> Any:
        nonlocal calls
        result = original(*args)
        calls += 1
        if calls == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(storage, STEPS[step], wrapped)


FS_CALLS = ("write", "fsync", "link", "replace", "rename", "unlink", "ftruncate")


def kill_after_fs_call(nth: int) -> None:
    """SIGKILL this process right after its ``nth`` file-system call that changes a file."""
    calls = 0

    def wrap(name: str) -> None:
        original = getattr(os, name)

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            result = original(*args, **kwargs)
            calls += 1
            if calls == nth:
                os.kill(os.getpid(), signal.SIGKILL)
            return result

        setattr(os, name, wrapped)

    for name in FS_CALLS:
        wrap(name)


def passwd_worker(order: dict[str, Any]) -> None:
    from safetykit.vault.kdf import TEST_PARAMS

    write = os.write
    vault = Vault.open(order["folder"], order["passphrase"])
    kill_after_fs_call(order["nth"])
    vault.change_passphrase(order["new"], kdf_params=TEST_PARAMS)
    write(1, b"done\n")


def worker(order: dict[str, Any]) -> None:
    if order.get("mode") == "passwd":
        passwd_worker(order)
        return
    if order["step"] != "random":
        kill_after(order["step"], order["nth"])
    vault = Vault.open(order["folder"], order["passphrase"])
    answers = vault.data["assessments"][0]["answers"]
    for n in range(order["saves"]):
        key = f"org.test/t{order['trial']}-s{n}"
        answers[key] = {"status": "done", "note": "", "due": None}
        vault.save()
        os.write(1, f"committed {vault.generation} {key}\n".encode())


def main() -> None:
    for line in sys.stdin:
        order = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                worker(order)
            except BaseException as error:  # report anything, then leave without cleanup
                os.write(1, f"error {type(error).__name__}: {error}\n".encode())
                code = 3
            os._exit(code)
        os.write(1, f"pid {pid}\n".encode())
        _, status = os.waitpid(pid, 0)
        os.write(1, f"exit {status}\n".encode())


if __name__ == "__main__":
    main()
