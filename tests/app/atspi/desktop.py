"""A private desktop for one real app process: Xvfb, a D-Bus session with the AT-SPI
bus, the app on the xcb platform with accessibility on, and xdotool for the keys.

Nothing is shared with the machine's own session: Xvfb picks a free display number
itself (``-displayfd``) and listens on no TCP port; the D-Bus session daemon is our
own, with its own runtime folder, so the AT-SPI bus launcher it starts on demand
(D-Bus activation of ``org.a11y.Bus``) puts its socket there. Every process started
here is stopped by its id (the D-Bus daemon with its process group, which holds the
launcher and the registry daemon it activated).
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from tests.app.atspi.reader import AtspiError, AtspiReader, Node
from tests.helpers import REPO

T = TypeVar("T")

APP_NAME = "SafetyKit"
START_TIMEOUT = 30.0


class DesktopError(RuntimeError):
    pass


def _read_line(stream: int, timeout: float, what: str) -> str:
    data = b""
    deadline = time.monotonic() + timeout
    while not data.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([stream], [], [], left)[0]:
            raise DesktopError(f"{what} did not start within {timeout} s")
        chunk = os.read(stream, 256)
        if not chunk:
            raise DesktopError(f"{what} ended before it started")
        data += chunk
    return data.decode().strip()


def _stop(process: subprocess.Popen[bytes] | None, *, group: bool = False) -> None:
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        if group:
            os.killpg(process.pid, signal.SIGTERM)
        else:
            process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            if group:
                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.kill()
        process.wait(timeout=10)


class Desktop:
    """Xvfb + D-Bus session + AT-SPI; ``start_app`` runs ``python -m safetykit``."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.runtime = workdir / "runtime"
        self.runtime.mkdir(mode=0o700)
        self.xvfb: subprocess.Popen[bytes] | None = None
        self.dbus: subprocess.Popen[bytes] | None = None
        self.app: subprocess.Popen[bytes] | None = None
        self.app_log = workdir / "app.log"
        self.display = ""
        self.bus_address = ""
        self.reader: AtspiReader | None = None

    # --- set-up and tear-down ---

    def __enter__(self) -> Desktop:
        try:
            self._start_xvfb()
            self._start_dbus()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.reader is not None:
            with contextlib.suppress(Exception):
                self.reader.close()
            self.reader = None
        _stop(self.app)
        _stop(self.dbus, group=True)
        _stop(self.xvfb)

    def _start_xvfb(self) -> None:
        read, write = os.pipe()
        try:
            self.xvfb = subprocess.Popen(
                [
                    "Xvfb",
                    "-displayfd",
                    str(write),
                    "-nolisten",
                    "tcp",
                    "-screen",
                    "0",
                    "1280x1024x24",
                    "-nocursor",
                ],
                pass_fds=(write,),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            os.close(write)
            self.display = ":" + _read_line(read, START_TIMEOUT, "Xvfb")
        finally:
            os.close(read)

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        for name in ("WAYLAND_DISPLAY", "AT_SPI_BUS_ADDRESS", "SESSION_MANAGER"):
            env.pop(name, None)
        env.update(
            DISPLAY=self.display,
            XDG_RUNTIME_DIR=str(self.runtime),
            XDG_SESSION_TYPE="x11",
            QT_QPA_PLATFORM="xcb",
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
            QT_ACCESSIBILITY="1",
            NO_AT_BRIDGE="0",
            LANG="C.UTF-8",
            LC_ALL="C.UTF-8",
        )
        if self.bus_address:
            env["DBUS_SESSION_BUS_ADDRESS"] = self.bus_address
        return env

    def _bus_config(self) -> Path:
        """A session bus that can start the AT-SPI bus and nothing else.

        With the system's service folders, the app's keychain probe would start
        gnome-keyring, whose password prompt takes the keyboard focus from the app.
        """
        services = self.workdir / "services"
        services.mkdir()
        (services / "org.a11y.Bus.service").write_text(
            f"[D-BUS Service]\nName=org.a11y.Bus\nExec={bus_launcher()}\n", encoding="utf-8"
        )
        config = self.workdir / "session.conf"
        config.write_text(
            f"""<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={self.runtime}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>{services}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
""",
            encoding="utf-8",
        )
        return config

    def _start_dbus(self) -> None:
        config = self._bus_config()
        read, write = os.pipe()
        try:
            self.dbus = subprocess.Popen(
                ["dbus-daemon", f"--config-file={config}", "--nofork", f"--print-address={write}"],
                pass_fds=(write,),
                env=self.env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # its own process group, with what it activates
            )
            os.close(write)
            self.bus_address = _read_line(read, START_TIMEOUT, "dbus-daemon")
        finally:
            os.close(read)
        # Start the AT-SPI bus now (D-Bus activation through GetAddress), so that the app
        # finds it when it starts: Qt connects only if the bus is there at start.
        self.reader = retry(lambda: AtspiReader(self.bus_address), START_TIMEOUT)

    def start_app(self, data_dir: Path, lang: str) -> None:
        log = self.app_log.open("wb")
        self.app = subprocess.Popen(
            [sys.executable, "-m", "safetykit", "--data-dir", str(data_dir), "--lang", lang],
            env=self.env(),
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        self.wait_for(lambda: self.tree() is not None, START_TIMEOUT, "the app on the AT-SPI bus")
        self.focus_app()

    def focus_app(self) -> None:
        """Give the app's visible window the X input focus (there is no window manager)."""
        assert self.app is not None
        windows = self._xdotool("search", "--sync", "--onlyvisible", "--pid", str(self.app.pid))
        # The newest window (a dialog, if one is open) is listed last.
        self._xdotool("windowfocus", "--sync", windows.split()[-1])

    def app_output(self) -> str:
        try:
            return self.app_log.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    # --- reading ---

    def tree(self) -> Node | None:
        assert self.reader is not None
        if self.app is not None and self.app.poll() is not None:
            raise DesktopError(
                f"the app ended (status {self.app.returncode}):\n{self.app_output()}"
            )
        return self.reader.application(APP_NAME)

    def wait_for(self, check: Callable[[], object], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        last: BaseException | None = None
        while time.monotonic() < deadline:
            try:
                if check():
                    return
            except AtspiError as error:  # an object went away while we read: read again
                last = error
            time.sleep(0.2)
        raise DesktopError(f"timed out waiting for {what} ({last})")

    # --- keys ---

    def keys(self, *keys: str) -> None:
        """Press keys (xdotool names: Tab, shift+Tab, Return, space, ctrl+2, Escape)."""
        self.focus_app()
        self._xdotool("key", "--delay", "60", *keys)

    def type(self, text: str) -> None:
        self.focus_app()
        self._xdotool("type", "--delay", "80", text)

    def _xdotool(self, *args: str) -> str:
        done = subprocess.run(
            ["xdotool", *args],
            env=self.env(),
            timeout=30,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise DesktopError(f"xdotool {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout


LAUNCHER_PLACES = (
    "/usr/libexec/at-spi-bus-launcher",  # Debian 12 and later, Fedora
    "/usr/lib/at-spi2-core/at-spi-bus-launcher",  # Debian 11, Ubuntu 20.04
    "/usr/lib/at-spi-bus-launcher",
)


def bus_launcher() -> str | None:
    """at-spi-bus-launcher (at-spi2-core), or None if it is not installed."""
    for place in LAUNCHER_PLACES:
        if os.access(place, os.X_OK):
            return place
    return None


def retry(make: Callable[[], T], timeout: float) -> T:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return make()
        except (OSError, AtspiError, ValueError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextlib.contextmanager
def desktop(workdir: Path) -> Iterator[Desktop]:
    with Desktop(workdir) as running:
        yield running
