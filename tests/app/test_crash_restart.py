"""An answer survives the app being killed one second after it (issue 10, point 5).

The real app process (``python -m safetykit``) runs on the xcb platform under a
private Xvfb server and is driven only by key events from ``xdotool``: there are no
test hooks in the app. The test knows the vault is unlocked when it can no longer take
the vault's writer lock (the app holds it from unlock to lock), presses Ctrl+2 and 1,
waits one second, SIGKILLs the process, and opens the vault with the core.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from safetykit.assessment import history
from safetykit.assessment.records import Status
from safetykit.oslock import LockHeld, OsLock
from safetykit.vault import Vault
from safetykit.vault.storage import lock_path
from safetykit.views.checklist import GuidedChecklist
from safetykit.views.workspace import Workspace
from tests.helpers import REPO, make_vault, require_tool

PASSPHRASE = "velvet compass drizzle ember"
START_SECONDS = 60  # the app's first window, on a loaded CI machine
UNLOCK_SECONDS = 60
POLL_SECONDS = 0.05
QUIET_SECONDS = 0.3


def _first_item(data_dir: Path) -> str:
    """The item the checklist opens on, as the app's own view logic chooses it."""
    vault = Vault.open(data_dir, PASSPHRASE)
    try:
        view = GuidedChecklist(Workspace.load(vault, "en")).view()
        assert view is not None
        return view.qualified_id
    finally:
        vault.lock()  # nothing saved: ensure_current only changed the body in memory


def _app_holds_writer_lock(data_dir: Path) -> bool:
    probe = OsLock(lock_path(data_dir))
    try:
        probe.acquire()
    except LockHeld:
        return True
    probe.release()
    return False


def _cpu_ticks(pid: int) -> int:
    """User + system CPU time of process ``pid`` so far, in clock ticks (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)


def _wait_until_idle(app: _App, deadline: float) -> None:
    """Poll the app until it has used no CPU for QUIET_SECONDS: it has finished what
    the last event started (after unlocking: building the unlocked screens), so a key
    pressed now reaches them. Bounded by ``deadline``; no hook in the app."""
    ticks, quiet_since = _cpu_ticks(app.process.pid), time.monotonic()
    while time.monotonic() - quiet_since < QUIET_SECONDS:
        assert app.process.poll() is None, f"the app exited:\n{app.output()}"
        assert time.monotonic() < deadline, f"the app never went idle:\n{app.output()}"
        time.sleep(POLL_SECONDS)
        now = _cpu_ticks(app.process.pid)
        if now != ticks:
            ticks, quiet_since = now, time.monotonic()


def _app_env(display: str, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_", "LC_"))}
    for name in ("WAYLAND_DISPLAY", "LANGUAGE", "SAFETYKIT_DATA_DIR", "DBUS_SESSION_BUS_ADDRESS"):
        env.pop(name, None)
    env.update(DISPLAY=display, HOME=str(home), LANG="C.UTF-8")
    return env


@pytest.fixture
def app_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    return home


class _App:
    def __init__(self, process: subprocess.Popen[bytes], log: Path) -> None:
        self.process = process
        self.log = log

    def output(self) -> str:
        return self.log.read_text(errors="replace")


StartApp = Callable[[Path, str], _App]


@pytest.fixture
def start_app(app_home: Path, tmp_path: Path) -> Iterator[StartApp]:
    started: list[_App] = []

    def start(data_dir: Path, display: str) -> _App:
        log = tmp_path / f"app-{len(started)}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "safetykit", "--data-dir", str(data_dir), "--lang", "en"],
                env=_app_env(display, app_home),
                cwd=REPO,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        app = _App(process, log)
        started.append(app)
        return app

    yield start
    for app in started:
        if app.process.poll() is None:
            app.process.kill()
            app.process.wait(timeout=30)


def _unlock(app: _App, xdo: Callable[..., str], data_dir: Path) -> None:
    """Type the passphrase on the unlock page (it opens with the focus in the field),
    then wait until the vault is open and the unlocked screens are built."""
    window = xdo("search", "--sync", "--onlyvisible", "--name", "^SafetyKit$").split()[0]
    xdo("windowfocus", "--sync", window)
    xdo("type", "--delay", "15", PASSPHRASE)
    xdo("key", "Return")
    # Unlocked: the app holds the writer lock (polled, with a deadline: another process).
    deadline = time.monotonic() + UNLOCK_SECONDS
    while not _app_holds_writer_lock(data_dir):
        assert app.process.poll() is None, f"the app exited:\n{app.output()}"
        assert time.monotonic() < deadline, f"the vault never unlocked:\n{app.output()}"
        time.sleep(POLL_SECONDS)
    # The lock is taken on a worker; the screens are built next on the UI thread. A
    # key that arrived before them would find the Go menu still disabled.
    _wait_until_idle(app, deadline)


def _xdotool(xdotool: str, display: str, home: Path, *args: str) -> str:
    done = subprocess.run(
        [xdotool, *args],
        env=_app_env(display, home),
        capture_output=True,
        text=True,
        timeout=START_SECONDS,
    )
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout


def test_answer_survives_sigkill_one_second_later(
    data_dir: Path, xvfb_display: str, app_home: Path, start_app: StartApp
) -> None:
    xdotool = require_tool("xdotool")
    make_vault(data_dir, PASSPHRASE).lock()  # test strength; the app reads its header
    first = _first_item(data_dir)

    def xdo(*args: str) -> str:
        return _xdotool(xdotool, xvfb_display, app_home, *args)

    app = start_app(data_dir, xvfb_display)
    _unlock(app, xdo, data_dir)

    # Go ▸ Checklist, then "1": Done, for the item the checklist opens on.
    xdo("key", "ctrl+2")
    xdo("key", "1")
    time.sleep(1.0)  # the promise: an answer is on disk at most 0.5 s after it is given
    app.process.kill()  # SIGKILL: no clean-up, no lock, no save on quit
    assert app.process.wait(timeout=30) == -9

    # The kernel dropped the writer lock with the process; the core finds the answer.
    assert not _app_holds_writer_lock(data_dir)
    vault = Vault.open(data_dir, PASSPHRASE)
    try:
        current = history.current(vault.data)
        assert current is not None, f"no assessment was saved:\n{app.output()}"
        answer = current.answers.get(first)
        assert answer is not None, (first, sorted(current.answers), app.output())
        assert answer.status is Status.DONE
        assert len(current.answers) == 1
    finally:
        vault.lock()


LONG_RUN = 400  # answers, each taken back: a long session's worth of key presses


def test_the_app_survives_a_long_run_of_answers(
    data_dir: Path, xvfb_display: str, app_home: Path, start_app: StartApp
) -> None:
    """Hundreds of answers and undos in one session: the process must not abort.

    With PySide6 6.12.0 on Python 3.11 every void Qt call takes a reference from None
    (tests/app/test_qt_binding.py), and the app aborted with "Fatal Python error:
    none_dealloc" after about 150 answer-and-undo pairs.
    """
    xdotool = require_tool("xdotool")
    make_vault(data_dir, PASSPHRASE).lock()
    first = _first_item(data_dir)

    def xdo(*args: str) -> str:
        return _xdotool(xdotool, xvfb_display, app_home, *args)

    app = start_app(data_dir, xvfb_display)
    _unlock(app, xdo, data_dir)
    xdo("key", "ctrl+2")
    for done in range(0, LONG_RUN, 50):
        assert app.process.poll() is None, f"the app died after {done} answers:\n{app.output()}"
        xdo("key", "--delay", "8", "--repeat", "50", "1", "ctrl+z")
    xdo("key", "1")  # one answer that stays
    # Then it locks cleanly: the lock file is free once the app has saved and locked.
    xdo("key", "ctrl+l")
    deadline = time.monotonic() + UNLOCK_SECONDS
    while _app_holds_writer_lock(data_dir):
        assert app.process.poll() is None, f"the app died:\n{app.output()}"
        assert time.monotonic() < deadline, f"the app never locked:\n{app.output()}"
        time.sleep(POLL_SECONDS)
    assert app.process.poll() is None, app.output()
    vault = Vault.open(data_dir, PASSPHRASE)
    try:
        current = history.current(vault.data)
        assert current is not None
        assert {k: a.status for k, a in current.answers.items()} == {first: Status.DONE}
    finally:
        vault.lock()
