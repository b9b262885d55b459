"""The command-line frame: help without Qt, no-display message, umask, --data-dir."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from safetykit.cli import build_parser
from tests.helpers import REPO, run_cli

# Every subcommand path of DESIGN §8.
SUBCOMMANDS = [
    ["pack", "new"],
    ["pack", "lint"],
    ["pack", "manifest"],
    ["pack", "build"],
    ["pack", "sign"],
    ["pack", "verify"],
    ["pack", "keygen"],
    ["pack", "strings"],
    ["pack", "preview"],
    ["pack", "export-sheet"],
    ["pack", "import-sheet"],
    ["pack", "diff"],
    ["pack", "import"],
    ["pack", "list"],
    ["pack", "remove"],
    ["pack", "enable"],
    ["pack", "disable"],
    ["pack", "trust", "add"],
    ["pack", "trust", "list"],
    ["pack", "trust", "remove"],
    ["vault", "create"],
    ["vault", "check"],
    ["vault", "passwd"],
    ["vault", "restore-backup"],
    ["vault", "wipe"],
    ["vault", "export"],
    ["vault", "import"],
    ["plan"],
    ["self-test"],
]

_HELP_PROBE = """
import sys
from safetykit.cli import main
for args in {commands!r}:
    try:
        main(args + ["--help"])
    except SystemExit as stop:
        assert stop.code == 0, (args, stop.code)
    else:
        raise AssertionError(("--help did not exit", args))
try:
    main(["--help"])
except SystemExit as stop:
    assert stop.code == 0
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "PySide6")
print("PYSIDE", loaded)
"""


def test_every_help_works_without_qt() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        [sys.executable, "-c", _HELP_PROBE.format(commands=SUBCOMMANDS)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "PYSIDE []" in done.stdout
    assert "usage: safetykit" in done.stdout


# The trainer's commands that work on files only: a data folder means nothing to them,
# so they do not offer --data-dir (issue 14). The rest read the vault or trusted keys.
FILE_ONLY = [
    ["pack", name]
    for name in (
        "new",
        "lint",
        "manifest",
        "sign",
        "keygen",
        "strings",
        "preview",
        "export-sheet",
        "import-sheet",
        "diff",
    )
]


def _placeholders(parser, command: list[str]) -> list[str]:
    # Fill required positionals/options with placeholders; we only check parsing.
    extra: list[str] = []
    for action in _subparser(parser, command)._actions:
        if action.option_strings and action.required:
            extra += [action.option_strings[0], "X"]
        elif not action.option_strings and action.dest != "help":
            extra += ["X"]
    return extra


@pytest.mark.parametrize(
    "command", [c for c in SUBCOMMANDS if c not in FILE_ONLY], ids=lambda c: " ".join(c)
)
def test_every_subcommand_takes_data_dir(command: list[str]) -> None:
    parser = build_parser()
    extra = _placeholders(parser, command)
    args = parser.parse_args([*command, "--data-dir", "/tmp/somewhere", *extra])
    assert args.data_dir == "/tmp/somewhere"
    before = parser.parse_args(["--data-dir", "/tmp/first", *command, *extra])
    assert before.data_dir == "/tmp/first"


@pytest.mark.parametrize("command", FILE_ONLY, ids=lambda c: " ".join(c))
def test_file_only_commands_offer_no_data_dir(command: list[str], capsys) -> None:
    parser = build_parser()
    assert "--data-dir" not in _subparser(parser, command).format_help()
    with pytest.raises(SystemExit) as stop:
        parser.parse_args(
            [*command, "--data-dir", "/tmp/somewhere", *_placeholders(parser, command)]
        )
    assert stop.value.code == 2
    assert "not understood: --data-dir" in capsys.readouterr().err


def _subparser(parser, command):
    for word in command:
        sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
        parser = sub.choices[word]
    return parser


def test_no_display_gives_one_clear_line_and_exit_2(tmp_path) -> None:
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
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "no display found" in lines[0]
    assert "xvfb-run" in lines[0]


def test_usage_error_exits_2() -> None:
    done = run_cli("pack", "lint")  # PATH is required
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    done = run_cli("no-such-command")
    assert done.returncode == 2


def test_umask_is_private_after_start() -> None:
    probe = (
        "import os\n"
        "from safetykit.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(oct(os.umask(0)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert done.stdout.strip().endswith("0o77"), done.stdout


def test_python_dash_m_and_version() -> None:
    done = run_cli("--version")
    assert done.returncode == 0
    assert done.stdout.startswith("safetykit ")


def test_cli_module_stays_light() -> None:
    """The parser (and so --help and the app's start) loads no heavy library."""
    probe = (
        "import sys\nimport safetykit.cli\n"
        "heavy = ('jinja2', 'babel', 'cryptography', 'keyring', 'zipfile', 'tomli',\n"
        "         'safetykit.vault', 'safetykit.packs.loader', 'safetykit.plan')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", done.stdout


def test_every_pack_command_is_in_the_trainer_guide() -> None:
    guide = (REPO / "docs" / "trainer-guide.md").read_text(encoding="utf-8")
    for command in SUBCOMMANDS:
        if command[0] == "pack":
            assert f"safetykit {' '.join(command)}" in guide or (
                f"`pack {' '.join(command[1:])}" in guide
            ), command
