"""``safetykit bundle check|build FILE.toml``: an organisation's own build (docs/packaging.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from safetykit.commands.common import _, info, ngettext, shown

if TYPE_CHECKING:
    from safetykit.bundle import Bundle

DEFAULT_APP = Path("build") / "pyinstaller" / "dist" / "safetykit"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("bundle", help="an organisation's build: check a bundle file, build it")
    commands = p.add_subparsers(dest="bundle_command", metavar="COMMAND", required=True)
    check = commands.add_parser(
        "check", help="check a bundle file (every problem as file:line: message)"
    )
    check.add_argument("file", metavar="FILE.toml")
    check.set_defaults(func=_check)
    build = commands.add_parser(
        "build", help="check a bundle file, then lay its data over a built app"
    )
    build.add_argument("file", metavar="FILE.toml")
    build.add_argument(
        "--app",
        metavar="DIR",
        default=str(DEFAULT_APP),
        help=f"the built one-folder app (default: {DEFAULT_APP})",
    )
    build.add_argument(
        "-o", "--output", metavar="DIR", required=True, help="the branded app folder to make (new)"
    )
    build.set_defaults(func=_build)


def _checked(file: str) -> Bundle:
    from safetykit import bundle

    try:
        return bundle.check(Path(file))
    except bundle.BundleError as error:
        for problem in error.problems:
            print(shown(problem), file=sys.stderr)
        raise


def _summary(checked: Bundle) -> str:
    organisation = checked.organisation
    return _(
        "%(file)s: ok: %(name)s (%(id)s), %(keys)s, %(packs)s, %(helplines)s",
        file=checked.file,
        name=organisation.name,
        id=organisation.id,
        keys=ngettext("%(count)s key", "%(count)s keys", len(checked.keys)),
        packs=ngettext("%(count)s pack", "%(count)s packs", len(checked.packs)),
        helplines=ngettext(
            "%(count)s helpline", "%(count)s helplines", len(organisation.helplines)
        ),
    )


def _check(args: argparse.Namespace) -> int:
    checked = _checked(args.file)
    print(_summary(checked))
    for pack in checked.packs:
        if pack.signer:
            how = _("signed by bundle key %(key_id)s", key_id=pack.signer)
        else:
            how = _("folder")
        version = _("version %(version)s", version=pack.version)
        print(f"  {pack.id}\t{version}\t{how}\t{pack.name}")
    return 0


def _build(args: argparse.Namespace) -> int:
    from safetykit import bundle

    checked = _checked(args.file)
    info(_summary(checked))
    made = bundle.build(checked, Path(args.app), Path(args.output))
    print(made)
    return 0
