"""Advisory OS file locks that a killed process releases (no PID files).

A thin adapter over the maintained ``filelock`` library (flock on POSIX, a locked byte
range on Windows, each tested by its authors on those systems), shaped the way the
vault and the app use it: take it without waiting or fail, hold it across threads,
release it once. The kernel drops the lock when the process dies, even by SIGKILL.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

import filelock


class LockHeld(Exception):
    """Another process (or another lock object in this one) holds the lock."""


class OsLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = filelock.FileLock(
            os.fspath(path),
            timeout=0,
            mode=0o600,
            # One holder for the whole process: the app takes the vault's lock on the
            # UI thread and saves from worker threads.
            thread_local=False,
            blocking=False,
            # A file system without flock must fail loudly, not fall back to a lock
            # file that a killed process would leave behind.
            fallback_to_soft=False,
            # Unlinking a lock file on release races a peer that opened it already.
            preserve_lock_file=True,
        )

    @property
    def held(self) -> bool:
        return bool(self._lock.is_locked)

    def acquire(self) -> None:
        """Take the lock without waiting; raise LockHeld if someone else has it."""
        if self.held:
            return
        try:
            self._lock.acquire()
        except filelock.Timeout:
            raise LockHeld(str(self.path)) from None

    def release(self) -> None:
        if self.held:
            self._lock.release(force=True)

    def __enter__(self) -> OsLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
