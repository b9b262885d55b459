"""The desktop entry and AppStream metadata pass their validators."""

from __future__ import annotations

import subprocess

from tests.helpers import REPO, require_tool

PACKAGING = REPO / "packaging"


def test_desktop_file_is_valid() -> None:
    tool = require_tool("desktop-file-validate")
    done = subprocess.run(
        [tool, PACKAGING / "org.safetykit.SafetyKit.desktop"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stdout.lower()


def test_appstream_metainfo_is_valid() -> None:
    tool = require_tool("appstreamcli")
    done = subprocess.run(
        [tool, "validate", "--no-net", PACKAGING / "org.safetykit.SafetyKit.metainfo.xml"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
