"""The README's install steps: what CI installs and what a fresh Debian needs.

`.ci/run` and packaging/check-fresh-debian.sh both read the README's marked blocks
with packaging/readme-block.sh, so the commands cannot drift from what is written;
these tests check the blocks, the reader, and that the run-only apt line brings
every library the Qt plugins need (the table of safetykit/qtlibs.py).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from safetykit import qtlibs
from tests.helpers import REPO, require_tool

READER = REPO / "packaging" / "readme-block.sh"
# In every Debian system (Priority: required), so the README need not name them.
IN_EVERY_DEBIAN = {"libc6", "libgcc-s1", "libstdc++6", "zlib1g", "libzstd1"}


def block(name: str, readme: Path = REPO / "README.md") -> list[str]:
    done = subprocess.run(
        ["bash", str(READER), name, str(readme)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def packages(lines: list[str]) -> list[str]:
    found: list[str] = []
    for line in lines:
        words = line.split()
        assert words[:2] == ["sudo", "apt-get"], line
        if words[2] == "install":
            found += [w for w in words[3:] if not w.startswith("-")]
        else:
            assert words[2:] == ["update"], line
    return found


def test_quick_start_has_one_command_to_run_and_one_to_test() -> None:
    assert block("run") == ["python3 packaging/bootstrap.py run"]
    assert block("test") == ["python3 packaging/bootstrap.py test"]
    quick = (REPO / "README.md").read_text().split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^```\n(.*?)^```", quick, flags=re.M | re.S)
    assert sum("bootstrap.py run" in c for c in commands) == 1, commands
    assert sum("bootstrap.py test" in c for c in commands) == 1, commands


def test_apt_lines_bring_what_bootstrap_needs_and_keep_test_tools_apart() -> None:
    run = block("apt-run")
    assert run[0] == "sudo apt-get update"
    run_packages = packages(run)
    test_packages = packages(block("apt-test"))
    assert {"python3", "python3-venv"} <= set(run_packages)  # venv + ensurepip
    assert not set(run_packages) & set(test_packages)
    for tool in ("xvfb", "chromium", "gnome-keyring", "minisign", "poppler-utils", "binutils"):
        assert tool in test_packages and tool not in run_packages, tool
    assert len(run_packages) == len(set(run_packages))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's Linux plugins")
@pytest.mark.parametrize("platform", ["xcb", "wayland"])
def test_run_line_brings_every_library_the_qt_plugin_needs(platform: str) -> None:
    qt = qtlibs.qt_dir()
    assert qt is not None
    plugin = qtlibs.plugin_file(platform, qt)
    assert plugin is not None
    needed = set(qtlibs.packages_for(qtlibs.system_libraries(plugin, qt)))
    missing = sorted(needed - set(packages(block("apt-run"))) - IN_EVERY_DEBIAN)
    assert missing == [], f"add to the README's apt-run line: {missing}"


def test_ci_installs_exactly_the_readme_blocks() -> None:
    ci = (REPO / ".ci" / "run").read_text()
    assert "for block in apt-run apt-test; do" in ci
    assert "packaging/readme-block.sh" in ci
    assert "apt-get install" not in ci  # no list of its own
    fresh = (REPO / "packaging" / "check-fresh-debian.sh").read_text()
    for name in ("run", "test", "apt-run", "apt-test"):
        assert f"block {name})" in fresh, name


def test_block_reader_refuses_missing_or_unclosed_blocks(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "<!-- readme-block: good -->\n```\nline one\nline two\n```\n"
        "<!-- readme-block: loose -->\ntext, not a fence\n"
        "<!-- readme-block: open -->\n```\nnever closed\n"
    )
    assert block("good", readme) == ["line one", "line two"]
    for name in ("loose", "open", "absent"):
        done = subprocess.run(
            ["bash", str(READER), name, str(readme)], capture_output=True, text=True, timeout=30
        )
        assert done.returncode != 0 and "readme-block:" in done.stderr, name


def test_scripts_parse() -> None:
    bash = require_tool("bash")
    for script in (".ci/run", "packaging/check-fresh-debian.sh", "packaging/readme-block.sh"):
        done = subprocess.run([bash, "-n", str(REPO / script)], capture_output=True, text=True)
        assert done.returncode == 0, (script, done.stderr)


def test_contributing_notes_say_to_run_the_fresh_debian_check() -> None:
    readme = (REPO / "README.md").read_text()
    contributing = readme.split("## Contributing", 1)[1].split("\n## ", 1)[0]
    assert "packaging/check-fresh-debian.sh" in contributing
    assert "install step" in contributing
