"""Linux desktop integration (issue 16, point 4): the desktop entry and AppStream
metadata pass their validators, the releases match the CHANGELOG, the icon is an SVG,
and the tarball has its documented layout and installs and uninstalls."""

from __future__ import annotations

import subprocess
from pathlib import Path

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


def test_metainfo_releases_match_the_changelog() -> None:
    """Every dated CHANGELOG section is a stable <release> with the same date, and the
    version being made (pyproject's, the CHANGELOG's "Unreleased") is "development"."""
    import re
    import tomllib
    import xml.etree.ElementTree as ET

    changelog = (REPO / "CHANGELOG.md").read_text()
    dated = dict(re.findall(r"^## \[(\d[^\]]*)\] - (\d{4}-\d{2}-\d{2})$", changelog, re.M))
    root = ET.parse(PACKAGING / "org.safetykit.SafetyKit.metainfo.xml").getroot()  # noqa: S314
    releases = root.findall("./releases/release")
    stable = {r.get("version"): r.get("date") for r in releases if r.get("type") != "development"}
    assert stable == dated
    version = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    development = [r.get("version") for r in releases if r.get("type") == "development"]
    if "## [Unreleased]" in changelog and version not in dated:
        assert development == [version]
    else:
        assert development == []
    assert root.find("content_rating") is not None
    assert root.find("screenshots") is None  # only with a real public address (issue 16)


def test_the_icon_is_an_svg_named_for_the_desktop_entry() -> None:
    import xml.etree.ElementTree as ET

    svg = ET.parse(REPO / "ui" / "icons" / "safetykit.svg").getroot()  # noqa: S314 - ours
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox")
    entry = (PACKAGING / "org.safetykit.SafetyKit.desktop").read_text()
    assert "\nIcon=org.safetykit.SafetyKit\n" in entry
    tarball = (PACKAGING / "make-tarball.sh").read_text()
    assert "share/icons/hicolor/scalable/apps/$ID.svg" in tarball


def test_tarball_layout_install_and_uninstall(tmp_path: Path) -> None:
    """make-tarball.sh lays a built app out as docs/packaging.md says; install.sh puts
    it in ~/.local with a menu entry that names the program by its path; uninstall.sh
    takes back exactly that and leaves the data folder alone."""
    import os
    import tarfile

    app = tmp_path / "built"
    (app / "_internal").mkdir(parents=True)
    program = app / "safetykit"
    program.write_text("#!/bin/sh\necho frozen\n")
    program.chmod(0o755)
    out = tmp_path / "out"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    done = subprocess.run(
        ["bash", PACKAGING / "make-tarball.sh", app, out, "safetykit-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    tarball = Path(done.stdout.strip())
    subprocess.run(
        ["bash", PACKAGING / "make-tarball.sh", app, tmp_path / "out2", "safetykit-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert (tmp_path / "out2" / tarball.name).read_bytes() == tarball.read_bytes()
    with tarfile.open(tarball) as archive:
        names = set(archive.getnames())
        assert {m.mtime for m in archive.getmembers()} == {1700000000}
        # Debian 12's Python 3.11.2 predates extraction filters (3.11.4); the archive
        # is our own, made above, so the stricter filter is only used where it exists.
        if hasattr(tarfile, "tar_filter"):
            archive.extractall(tmp_path / "unpacked", filter="tar")
        else:
            archive.extractall(tmp_path / "unpacked")  # noqa: S202 - our own archive
    top = "safetykit-test"
    for path in (
        "app/safetykit",
        "app/_internal",
        "install.sh",
        "uninstall.sh",
        "README.txt",
        "LICENSE",
        "share/applications/org.safetykit.SafetyKit.desktop",
        "share/metainfo/org.safetykit.SafetyKit.metainfo.xml",
        "share/icons/hicolor/scalable/apps/org.safetykit.SafetyKit.svg",
    ):
        assert f"{top}/{path}" in names, path

    home = tmp_path / "home"
    data = home / ".local" / "share" / "SafetyKit"
    data.mkdir(parents=True)
    (data / "vault").write_text("kept")
    user = dict(os.environ, HOME=str(home))
    user.pop("XDG_DATA_HOME", None)
    unpacked = tmp_path / "unpacked" / top
    done = subprocess.run(
        [unpacked / "install.sh"], capture_output=True, text=True, env=user, timeout=60
    )
    assert done.returncode == 0, done.stderr
    installed = home / ".local" / "opt" / "safetykit" / "safetykit"
    ran = subprocess.run(
        [home / ".local" / "bin" / "safetykit"], capture_output=True, text=True, timeout=30
    )
    assert ran.stdout == "frozen\n" and installed.is_file()
    entry = home / ".local" / "share" / "applications" / "org.safetykit.SafetyKit.desktop"
    assert f"\nExec={installed}\n" in entry.read_text()
    done = subprocess.run(
        [unpacked / "uninstall.sh"], capture_output=True, text=True, env=user, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert not installed.exists() and not entry.exists()
    assert not (home / ".local" / "bin" / "safetykit").exists()
    assert (data / "vault").read_text() == "kept"
