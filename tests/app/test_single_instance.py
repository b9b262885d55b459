"""One running app per data folder, held with an OS lock that SIGKILL releases."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from safetykit.app.application import INSTANCE_LOCK
from safetykit.oslock import LockHeld, OsLock
from tests.helpers import REPO, run_cli


def _start_app(data_dir: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, "-m", "safetykit", "--data-dir", str(data_dir)],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_until_running(data_dir: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        probe = OsLock(data_dir / INSTANCE_LOCK)
        try:
            probe.acquire()
        except LockHeld:
            return
        except FileNotFoundError:
            pass
        else:
            probe.release()
        time.sleep(0.05)
    pytest.fail("the app did not take its instance lock")


@pytest.mark.skipif(os.name != "posix", reason="uses SIGKILL")
def test_second_instance_refused_and_lock_released_by_sigkill(data_dir: Path) -> None:
    first = _start_app(data_dir)
    try:
        _wait_until_running(data_dir, first)
        second = run_cli("--data-dir", data_dir, timeout=60)
        assert second.returncode == 1
        assert "already open" in second.stderr
        assert "Traceback" not in second.stderr
        assert len(second.stderr.strip().splitlines()) == 1

        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        third = _start_app(data_dir)
        try:
            _wait_until_running(data_dir, third)
        finally:
            third.terminate()
            third.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
        first.communicate(timeout=30)


def test_other_data_folder_is_independent(data_dir: Path, tmp_path: Path) -> None:
    first = _start_app(data_dir)
    other_dir = tmp_path / "other"
    other = _start_app(other_dir)
    try:
        _wait_until_running(data_dir, first)
        _wait_until_running(other_dir, other)
    finally:
        for process in (first, other):
            process.terminate()
            process.wait(timeout=30)
            process.communicate()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_app_forbids_crash_dumps(data_dir: Path) -> None:
    """Before anything can be unlocked, the app's core limit is 0, so a crash never
    writes the vault's key to a core file (tests/test_coredump.py covers the rest)."""
    app = _start_app(data_dir)
    try:
        _wait_until_running(data_dir, app)
        limits = Path(f"/proc/{app.pid}/limits").read_text(encoding="ascii")
        core = next(line for line in limits.splitlines() if line.startswith("Max core file size"))
        assert core.split()[4:6] == ["0", "0"], core  # soft and hard limit
    finally:
        app.terminate()
        app.wait(timeout=30)
        app.communicate(timeout=30)
