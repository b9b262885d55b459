"""``safetykit pack enable|disable ID...``: which installed packs the assessment uses
(issue 14, #6). The choice is kept in the vault, as in the app's packs screen; a
one-off choice for a single plan is ``safetykit plan --packs ID,ID``."""

from __future__ import annotations

import argparse

from safetykit.commands.common import _, info


def register(
    cmds: argparse._SubParsersAction[argparse.ArgumentParser], dd: argparse.ArgumentParser
) -> None:
    p = cmds.add_parser("enable", help="use installed packs in the assessment again", parents=[dd])
    p.add_argument("ids", metavar="ID", nargs="+")
    p.set_defaults(func=_enable)
    p = cmds.add_parser(
        "disable",
        help="leave installed packs out of the assessment (they stay installed)",
        parents=[dd],
    )
    p.add_argument("ids", metavar="ID", nargs="+")
    p.set_defaults(func=_disable)


def _enable(args: argparse.Namespace) -> int:
    return _set(args, True)


def _disable(args: argparse.Namespace) -> int:
    return _set(args, False)


def _set(args: argparse.Namespace, used: bool) -> int:
    from safetykit.assessment import selection
    from safetykit.commands.unlock import unlock_vault
    from safetykit.packs.catalog import all_packs
    from safetykit.packs.errors import PackError

    vault = unlock_vault(args)
    try:
        failures: list[tuple[str, PackError]] = []
        installed = [p.id for p in all_packs(vault=vault, failures=failures)]
        with vault.changing() as body:
            for pack_id in args.ids:
                selection.set_used(body, installed, pack_id, used)
        vault.save()
        off = selection.turned_off(vault.data)
    finally:
        vault.lock()
    on = [x for x in installed if x not in off]
    info(_("Used in the assessment: %(packs)s", packs=", ".join(on)))
    if off & set(installed):
        info(_("Turned off: %(packs)s", packs=", ".join(x for x in installed if x in off)))
    return 0
