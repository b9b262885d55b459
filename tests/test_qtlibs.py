"""Qt's platform plugins: every library they need is in the table, and a missing one
is named with its Debian package in one line, before Qt can abort (issue 10 point 1)."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from safetykit import cli, qtlibs
from tests.helpers import REPO, in_ci, require_tool

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF, Linux only")

PLATFORMS = ("xcb", "wayland")


def qt() -> Path:
    found = qtlibs.qt_dir()
    assert found is not None, "PySide6's Qt folder not found"
    return found


def plugin(platform: str) -> Path:
    found = qtlibs.plugin_file(platform, qt())
    assert found is not None, f"no {platform} plugin in the installed PySide6"
    return found


def ldd(path: Path) -> dict[str, str]:
    """soname -> resolved path (or 'not found'), the whole closure, as ldd reports it."""
    done = subprocess.run(
        [require_tool("ldd"), str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, str] = {}
    for line in done.stdout.splitlines():
        match = re.match(r"\s*(\S+)\s+=>\s+(\S+)", line)
        if match:
            found[match[1]] = match[2]
        elif (match := re.match(r"\s*(/\S+/(ld-linux[^/\s]*))\s", line)) is not None:
            found[match[2]] = match[1]
    return found


def readelf_needed(path: Path) -> list[str]:
    done = subprocess.run(
        [require_tool("readelf"), "-d", "-W", str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", done.stdout)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_every_library_the_plugin_links_to_has_a_package(platform: str) -> None:
    closure = ldd(plugin(platform))
    bundled = qt() / "lib"
    system = {name for name in closure if not (bundled / name).exists()}
    assert "libc.so.6" in system and len(system) > 10, system  # ldd was read
    unknown = sorted(name for name in system if name not in qtlibs.DEBIAN_PACKAGES)
    assert unknown == [], f"add these to safetykit/qtlibs.py's DEBIAN_PACKAGES: {unknown}"
    assert [n for n, where in closure.items() if where == "not found"] == []


def test_the_table_names_the_package_that_ships_each_library() -> None:
    """Where dpkg knows the files (Debian, CI), it agrees with the table."""
    dpkg = shutil.which("dpkg")
    if dpkg is None:
        if in_ci():
            pytest.fail("CI runs on Debian: dpkg must be there")
        pytest.skip("not a Debian system")
    wanted: dict[str, set[str]] = {}  # soname -> the spellings of its path
    for platform in PLATFORMS:
        for name, where in ldd(plugin(platform)).items():
            if name in qtlibs.DEBIAN_PACKAGES and where != "not found":
                paths = {where, str(Path(where).resolve())}
                for path in list(paths):  # merged /usr: dpkg may know either spelling
                    if path.startswith("/usr/lib"):
                        paths.add(path[len("/usr") :])
                    elif path.startswith(("/lib", "/lib64")):
                        paths.add("/usr" + path)
                wanted[name] = paths
    every = sorted(set().union(*wanted.values()))
    done = subprocess.run([dpkg, "-S", *every], capture_output=True, text=True, timeout=120)
    owners: dict[str, set[str]] = {}
    for line in done.stdout.splitlines():
        packages, sep, path = line.rpartition(": ")
        if sep and not line.startswith("diversion"):
            owners[path] = {p.split(":", 1)[0].strip() for p in packages.split(",")}
    checked = 0
    for name, paths in wanted.items():
        found = set().union(*(owners.get(p, set()) for p in paths))
        assert qtlibs.DEBIAN_PACKAGES[name] in found, (name, paths, found)
        checked += 1
    assert checked >= 30, checked


@pytest.mark.parametrize("platform", [*PLATFORMS, "offscreen"])
def test_elf_reader_agrees_with_readelf(platform: str) -> None:
    seen = [plugin(platform), *sorted((qt() / "lib").glob("libQt6*.so.6"))[:8]]
    for path in seen:
        assert qtlibs.needed(path) == readelf_needed(path), path


def test_system_libraries_follow_the_wheels_qt_libraries() -> None:
    names = qtlibs.system_libraries(plugin("xcb"), qt())
    # libqxcb.so needs libQt6XcbQpa.so.6 from the wheel, which needs libxcb-cursor;
    # libQt6Gui.so.6 needs fontconfig: both reached only through the wheel's libraries.
    assert "libxcb-cursor.so.0" in names and "libfontconfig.so.1" in names, names
    assert not any(name.startswith("libQt6") for name in names), names
    assert len(names) == len(set(names))


def test_not_an_elf_file(tmp_path: Path) -> None:
    fake = tmp_path / "libfake.so"
    fake.write_bytes(b"#!/bin/sh\n" + b"\0" * 100)
    with pytest.raises(qtlibs.NotELF):
        qtlibs.needed(fake)


def present_except(tmp_path: Path, platform: str, gone: set[str]) -> Path:
    """A library folder holding (links to) everything ``platform`` needs but ``gone``."""
    folder = tmp_path / "libs"
    folder.mkdir()
    for name, where in ldd(plugin(platform)).items():
        if name not in gone and where != "not found":
            (folder / name).symlink_to(where)
    return folder


def test_installed_libraries_pass() -> None:
    assert qtlibs.missing("xcb") == []
    assert qtlibs.check(["xcb"]) is None


def test_a_missing_library_is_named_with_its_package(tmp_path: Path) -> None:
    folder = present_except(tmp_path, "xcb", {"libxcb-cursor.so.0", "libxkbcommon-x11.so.0"})
    assert qtlibs.missing("xcb", [folder]) == ["libxkbcommon-x11.so.0", "libxcb-cursor.so.0"]
    found = qtlibs.check(["xcb"], [folder])
    line = None if found is None else str(found)
    assert line is not None and "\n" not in line
    assert "libxcb-cursor.so.0" in line
    assert line.endswith("sudo apt-get install libxkbcommon-x11-0 libxcb-cursor0"), line


def test_unknown_library_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = present_except(tmp_path, "xcb", {"libxcb-cursor.so.0"})
    monkeypatch.delitem(qtlibs.DEBIAN_PACKAGES, "libxcb-cursor.so.0")
    found = qtlibs.check(["xcb"], [folder])
    line = None if found is None else str(found)
    assert line is not None and "no known package for libxcb-cursor.so.0" in line


def test_a_fallback_platform_that_works_is_enough(tmp_path: Path) -> None:
    # Qt tries wayland, then xcb: wayland's library missing, xcb complete: no message.
    folder = present_except(tmp_path, "xcb", set())
    assert qtlibs.missing("wayland", [folder]) == [
        "libwayland-client.so.0",
        "libwayland-cursor.so.0",
    ]
    assert qtlibs.check(["wayland", "xcb"], [folder]) is None
    found = qtlibs.check(["wayland"], [folder])
    line = None if found is None else str(found)
    assert line is not None and "libwayland-client0 libwayland-cursor0" in line


def test_platforms_qt_will_try(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("QT_QPA_PLATFORM", "XDG_SESSION_TYPE", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    assert qtlibs.platforms_to_try() == ["xcb"]
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert qtlibs.platforms_to_try() == ["wayland", "xcb"]
    monkeypatch.setenv("QT_QPA_PLATFORM", "wayland;xcb:foo=1")
    assert qtlibs.platforms_to_try() == ["wayland", "xcb"]


def test_unknown_platform_and_no_pyside_cannot_tell(monkeypatch: pytest.MonkeyPatch) -> None:
    assert qtlibs.missing("no-such-platform") is None
    monkeypatch.setattr(qtlibs, "qt_dir", lambda: None)
    assert qtlibs.missing("xcb") is None and qtlibs.check(["xcb"]) is None


def test_library_dirs_follow_ld_so_conf_includes(tmp_path: Path) -> None:
    conf = tmp_path / "ld.so.conf"
    (tmp_path / "ld.so.conf.d").mkdir()
    (tmp_path / "ld.so.conf.d" / "a.conf").write_text("/opt/a/lib  # comment\n")
    (tmp_path / "ld.so.conf.d" / "b.txt").write_text("/opt/not-included\n")
    conf.write_text(f"include {tmp_path}/ld.so.conf.d/*.conf\n/opt/b/lib\n")
    assert qtlibs._ld_so_conf(conf, set()) == ["/opt/a/lib", "/opt/b/lib"]


def test_run_app_names_the_package_before_importing_qt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = present_except(tmp_path, "xcb", {"libxcb-cursor.so.0"})
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(qtlibs, "library_dirs", lambda: [folder])

    def started(**_: object) -> int:
        raise AssertionError("the app must not start")

    import safetykit.app.application

    monkeypatch.setattr(safetykit.app.application, "run_app", started)
    status = cli._run_app(argparse.Namespace(data_dir=None, lang=None))
    assert status == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("safetykit: Qt's xcb display plugin needs")
    assert err[0].endswith("sudo apt-get install libxcb-cursor0")


def test_cli_checks_before_qt_is_imported() -> None:
    """In a fresh process: a failed check leaves Qt unimported (it would abort)."""
    code = (
        "import sys, safetykit.qtlibs as q\n"
        "q.library_dirs = lambda: []\n"
        "from safetykit import cli\n"
        "status = cli.main([])\n"
        "print(status, any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60, cwd=REPO
    )
    assert done.stdout.split() == ["1", "False"], (done.stdout, done.stderr)
    assert "sudo apt-get install" in done.stderr and "Traceback" not in done.stderr


def test_no_display_message_names_a_command_that_works_from_the_checkout(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        [sys.executable, "-m", "safetykit", "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=60,
    )
    assert done.returncode == 2
    command = done.stderr.strip().rsplit(": ", 1)[1]
    assert command == "xvfb-run .venv/bin/safetykit", done.stderr
    script = REPO / command.split()[1]
    if Path(sys.prefix).resolve() != (REPO / ".venv").resolve():
        pytest.skip("the tests do not run from the checkout's .venv")
    assert os.access(script, os.X_OK), script
    # As typed, under a virtual X server, it starts the app on xcb and keeps it running
    # (until this test stops it). `-a` only picks a free display number, so that a test
    # run beside another X server cannot collide with it.
    require_tool("xvfb-run")
    proc = subprocess.Popen(
        ["xvfb-run", "-a", *command.split()[1:]],
        cwd=REPO,
        env=dict(env, SAFETYKIT_DATA_DIR=str(tmp_path / "d")),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        proc.wait(timeout=8)
    except subprocess.TimeoutExpired:
        pass  # still running: it started
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, 15)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode in (-15, 143), (proc.returncode, err[-2000:])


@pytest.mark.parametrize("lang", ["es", "fr", "ar", "fa", "ru"])
def test_the_missing_library_line_is_in_the_readers_language(tmp_path: Path, lang: str) -> None:
    """Worded in the language the command line chose; the command stays as typed."""
    from safetykit import i18n

    folder = present_except(tmp_path, "xcb", {"libxcb-cursor.so.0"})
    found = qtlibs.check(["xcb"], [folder])
    assert found is not None
    shown = found.render(lang)
    template = i18n.translations(lang).gettext(str(found.msgid))
    assert template != found.msgid, f"{lang} has no translation"
    assert shown.split("sudo apt-get install")[0] == template.split("sudo apt-get install")[0] % {
        "platform": "xcb",
        "libraries": "libxcb-cursor.so.0",
    }
    assert shown.endswith("sudo apt-get install libxcb-cursor0")
