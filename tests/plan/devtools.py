"""Headless Chromium driven over the DevTools protocol on a pipe (no port, no socket).

Chromium reads commands on file descriptor 3 and writes answers and events on 4, as
NUL-separated JSON (``--remote-debugging-pipe``). It runs with the same offline flags
as the printing test (tests/plan/test_browser.py: every host mapped to loopback, a
dead proxy, background networking off) and keeps a net log the caller can check.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from tests.helpers import require_tool
from tests.plan.test_browser import FLAGS

# The printing flags would start headless Chromium's one-shot command mode, which
# closes the tabs DevTools opens; here the browser stays up and pages are opened in it.
_FLAGS = tuple(f for f in FLAGS if not f.startswith(("--timeout", "--no-pdf-header-footer")))


class DevToolsError(AssertionError):
    pass


class Browser:
    def __init__(self, folder: Path, deadline: float = 60.0) -> None:
        chromium = require_tool("chromium")
        self.netlog = folder / "net.json"
        self._deadline = deadline
        to_child, self._write = os.pipe()
        self._read, from_child = os.pipe()

        def wire() -> None:  # in the child, before exec: the two pipes on fds 3 and 4
            # Copied above both first: either pipe may itself be fd 3 or 4.
            reading = fcntl.fcntl(to_child, fcntl.F_DUPFD, 10)
            writing = fcntl.fcntl(from_child, fcntl.F_DUPFD, 10)
            os.dup2(reading, 3)
            os.dup2(writing, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.process = subprocess.Popen(
            [
                chromium,
                *_FLAGS,
                f"--user-data-dir={folder / 'profile'}",
                f"--log-net-log={self.netlog}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=(folder / "chromium.log").open("wb"),
            close_fds=False,  # fds 3 and 4 must reach Chromium; wire() puts them there
            preexec_fn=wire,  # the test process forks no threads meanwhile
        )
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def __enter__(self) -> Browser:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(DevToolsError, OSError):
                self.send("Browser.close")
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for fd in (self._read, self._write):
            with contextlib.suppress(OSError):
                os.close(fd)

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer (events that come first are kept)."""
        self._next_id += 1
        number = self._next_id
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._receive()
            if answer.get("id") == number:
                if "error" in answer:
                    raise DevToolsError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    def wait_for(self, method: str, session: str | None = None) -> dict[str, Any]:
        for n, event in enumerate(self.events):
            if event.get("method") == method and event.get("sessionId") == session:
                return self.events.pop(n)
        while True:
            event = self._receive()
            if event.get("method") == method and event.get("sessionId") == session:
                return event
            self.events.append(event)

    def _receive(self) -> dict[str, Any]:
        end = time.monotonic() + self._deadline
        while b"\0" not in self._buffer:
            left = end - time.monotonic()
            ready, _, _ = select.select([self._read], [], [], max(left, 0))
            if not ready:
                raise DevToolsError(f"Chromium said nothing for {self._deadline} s")
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                raise DevToolsError(f"Chromium closed the pipe (exit {self.process.poll()})")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def open(self, url: str) -> str:
        """A new tab showing ``url`` once loaded; its session id."""
        # Opened at its address (a navigation from about:blank to file:// moves the tab
        # to another renderer, and the session with it is lost).
        target = self.send("Target.createTarget", url=url)["targetId"]
        session = str(
            self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        )
        # Page.enable (for the load event) hangs this headless build; the page has no
        # scripts, so its ready state says when it has loaded.
        end = time.monotonic() + self._deadline
        while self.evaluate(session, "document.readyState + ' ' + location.href") != (
            f"complete {url}"
        ):
            if time.monotonic() > end:
                raise DevToolsError(f"{url} did not load in {self._deadline} s")
            time.sleep(0.05)
        return session

    def evaluate(self, session: str, expression: str) -> Any:
        """The value of a script run in the page (awaited when it is a promise)."""
        result = self.send(
            "Runtime.evaluate",
            session,
            expression=expression,
            awaitPromise=True,
            returnByValue=True,
        )
        if "exceptionDetails" in result:
            raise DevToolsError(str(result["exceptionDetails"])[:2000])
        return result["result"].get("value")
