"""No core dump of an unlocked process (issue 12 #3): a child unlocks a vault through
the command line's unlock, then dies of SIGSEGV; no core file, and a 0 limit."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, make_vault

PASS = "core dump test passphrase"
CHILD = """
import argparse, sys, time
from safetykit.commands.unlock import unlock_vault
vault = unlock_vault(argparse.Namespace(data_dir=sys.argv[1]))
print("unlocked", vault.generation, flush=True)
time.sleep(120)
"""


def _plain_core_pattern() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("core_pattern and /proc/PID/limits are Linux")
    pattern = Path("/proc/sys/kernel/core_pattern").read_text().strip()
    if not pattern or "|" in pattern or "/" in pattern or "%" in pattern.replace("%p", ""):
        pytest.skip(f"core_pattern is {pattern!r}, not a plain file name")


def _raise_core_limit() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    except (ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))


def _core_limit(pid: int) -> str:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max core file size"):
            return line.split()[4]
    raise AssertionError("no core limit line")


@pytest.mark.parametrize("how", ["unlock", "app"])
def test_an_unlocked_process_leaves_no_core_file(data_dir: Path, tmp_path: Path, how: str) -> None:
    _plain_core_pattern()
    if resource.getrlimit(resource.RLIMIT_CORE)[1] == 0 and os.geteuid() != 0:
        pytest.skip("the hard core limit is 0: a core could not be written anyway")
    make_vault(data_dir, PASS).lock()
    work = tmp_path / "cwd"
    work.mkdir()
    code = (
        CHILD
        if how == "unlock"
        else "from safetykit.coredump import no_crash_dumps; no_crash_dumps(); "
        "print('unlocked', flush=True); import time; time.sleep(120)"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=work,
        env=env,
        preexec_fn=_raise_core_limit,
    )
    try:
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(PASS + "\n")
        child.stdin.flush()
        line = child.stdout.readline()
        assert line.startswith("unlocked"), (line, child.stderr.read() if child.stderr else "")
        assert _core_limit(child.pid) == "0"
        os.kill(child.pid, signal.SIGSEGV)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGSEGV
    assert list(work.iterdir()) == [], "a core file was written"


def test_the_test_can_see_a_core_file(tmp_path: Path) -> None:
    """Not vacuous: without the call, the same child does leave a core file."""
    _plain_core_pattern()
    if resource.getrlimit(resource.RLIMIT_CORE)[1] == 0 and os.geteuid() != 0:
        pytest.skip("the hard core limit is 0")
    child = subprocess.Popen(
        [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"],
        cwd=tmp_path,
        preexec_fn=_raise_core_limit,
    )
    child.wait(timeout=60)
    if not list(tmp_path.iterdir()):
        pytest.skip("this system writes no core files even when allowed (container?)")
