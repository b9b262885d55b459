"""The command-line entry point (DESIGN §8).

Arguments are parsed before anything imports Qt, so ``--help`` and every subcommand
work without a display; only ``safetykit`` with no subcommand starts the desktop app.
Exit status: 0 success, 1 the thing checked failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn, cast

from safetykit import APP_NAME, __version__
from safetykit.errors import SafetyKitError
from safetykit.paths import set_private_umask


def build_parser() -> argparse.ArgumentParser:
    from safetykit.commands import bundle, pack, plan, vault
    from safetykit.commands.common import data_dir_parent

    parser = _Parser(
        prog="safetykit",
        description=(
            f"{APP_NAME}: offline privacy and safety checklists for journalists and "
            "activists. With no command, opens the desktop app. It never uses the network."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None,
        help="folder holding the vault and settings (default: the user data folder)",
    )
    parser.add_argument("--lang", metavar="CODE", default=None, help="interface language")
    # The subcommands' parsers are _Parser too (argparse makes them of the root's
    # class); the commands' modules only need ArgumentParser.
    sub = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", metavar="COMMAND"),
    )
    pack.register(sub)
    vault.register(sub)
    plan.register(sub)
    bundle.register(sub)
    selftest = sub.add_parser(
        "self-test",
        help="offline check of packs, crypto, plan and Qt",
        parents=[data_dir_parent()],
    )
    # What the self-test starts in a child to try Qt (safetykit/app/probe.py); hidden,
    # because it is the self-test's own business.
    selftest.add_argument("--probe", choices=("qt", "window", "about"), help=argparse.SUPPRESS)
    selftest.set_defaults(func=_self_test)
    return parser


def _self_test(args: argparse.Namespace) -> int:
    if args.probe:
        from safetykit.app.probe import main as probe

        return probe(args.probe, args.data_dir)
    from safetykit.selftest import run

    return run(sys.stdout)


def has_display() -> bool:
    """Whether Qt can open a window here, without asking Qt (which would abort)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True  # the user chose a platform (offscreen, xcb, wayland…) on purpose
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _run_app(args: argparse.Namespace) -> int:
    if not has_display():
        from safetykit.commands.common import _, use_language

        use_language(args)

        print(
            _(
                "safetykit: no display found. Run it in a desktop session, or on a machine "
                "without one, from the checkout: xvfb-run .venv/bin/safetykit"
            ),
            file=sys.stderr,
        )
        return 2
    from safetykit.qtlibs import check  # Qt-free: before Qt can abort on a missing library

    missing = check()
    if missing:
        from safetykit.commands.common import _, use_language

        use_language(args)
        # qtlibs words the missing libraries (a Text: in this language; package names as is).
        print(_("safetykit: %(message)s", message=missing), file=sys.stderr)
        return 1
    from safetykit.coredump import no_crash_dumps

    no_crash_dumps()  # before anything can be unlocked: no core file with the vault's key
    from safetykit.app.application import run_app  # Qt is imported only from here

    return run_app(data_dir=args.data_dir, lang=args.lang)


class _NotQuick(Exception):
    pass


_ARGUMENTS: list[str] = []  # this run's, for the language of a usage error


class _Parser(argparse.ArgumentParser):
    """The command tree's parser (its subcommands' too): a usage error in the reader's
    language (``--lang``, the saved setting, the system's), the usage line as --help."""

    def error(self, message: str) -> NoReturn:
        from safetykit.commands.common import _, use_language
        from safetykit.usage_words import usage_words

        hints = _hints(_ARGUMENTS)
        use_language(hints)
        self.print_usage(sys.stderr)
        self.exit(
            2,
            _("%(prog)s: error: %(message)s", prog=self.prog, message=usage_words(message)) + "\n",
        )


def _hints(argv: Sequence[str]) -> argparse.Namespace:
    """``--lang`` and ``--data-dir`` from arguments that did not parse, if they are there."""
    try:
        return _QuietParser.app_options().parse_known_args(list(argv))[0]
    except _NotQuick:
        return argparse.Namespace(data_dir=None, lang=None)


class _QuietParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotQuick(message)

    @classmethod
    def app_options(cls) -> _QuietParser:
        """Only the options the desktop app takes (and a usage error's language)."""
        quick = cls(add_help=False, allow_abbrev=False)
        quick.add_argument("--data-dir", default=None)
        quick.add_argument("--lang", default=None)
        return quick


def _app_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The desktop app's options when no command is given, without building the whole
    command tree (tens of milliseconds at every start); None for anything else, which
    the full parser handles (commands, --help, --version, mistakes)."""
    quick = _QuietParser.app_options()
    if any(arg.startswith(("-h", "--h", "--v")) for arg in argv):
        return None
    try:
        args, rest = quick.parse_known_args(list(argv))
    except _NotQuick:  # e.g. --data-dir without a value: the full parser says so
        return None
    if rest:
        return None
    args.command = None
    return args


def error_line(error: SafetyKitError, args: argparse.Namespace | None = None) -> str:
    """The error's message in the command line's language (commands/common.py:
    ``--lang``, the saved setting, the system's, English; DESIGN §7)."""
    from safetykit.commands.common import _, language, use_language
    from safetykit.messages import message_for

    if args is not None:
        use_language(args)
    return _("safetykit: error: %(message)s", message=message_for(error, language(), cli=True))


def main(argv: Sequence[str] | None = None) -> int:
    set_private_umask()  # before anything is written (DESIGN §9)
    arguments = list(sys.argv[1:] if argv is None else argv)
    _ARGUMENTS[:] = arguments
    args = _app_arguments(arguments)
    if args is None:
        args = build_parser().parse_args(arguments)
    try:
        if args.command is None:
            return _run_app(args)  # the app chooses its language itself
        from safetykit.commands.common import use_language

        use_language(args)  # before anything is printed or asked
        result: int = args.func(args)
        return result
    except SafetyKitError as error:
        print(error_line(error, args), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        from safetykit.commands.common import _, use_language

        use_language(args)
        print(_("safetykit: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
