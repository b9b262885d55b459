"""``safetykit vault …``: the encrypted vault (DESIGN §5, §8)."""

from __future__ import annotations

import argparse

from safetykit.commands.common import data_dir_parent


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dd = data_dir_parent()
    vault = sub.add_parser("vault", help="create, check and manage the encrypted vault")
    cmds = vault.add_subparsers(dest="vault_command", metavar="COMMAND", required=True)

    p = cmds.add_parser("create", help="create a new vault", parents=[dd])
    p.add_argument(
        "--remember",
        action="store_true",
        help="also unlock without the passphrase on this device (OS keychain)",
    )
    p.set_defaults(func=_create)

    p = cmds.add_parser("check", help="open the vault and report its state", parents=[dd])
    p.set_defaults(func=_check)

    p = cmds.add_parser("passwd", help="change the passphrase", parents=[dd])
    p.set_defaults(func=_passwd)

    p = cmds.add_parser("restore-backup", help="replace the vault with its backup", parents=[dd])
    p.set_defaults(func=_restore_backup)

    p = cmds.add_parser("wipe", help="destroy the vault (no passphrase needed)", parents=[dd])
    p.add_argument("--yes", action="store_true", help="do not ask to type WIPE")
    p.set_defaults(func=_wipe)

    p = cmds.add_parser("export", help="write answers to an unencrypted JSON file", parents=[dd])
    p.add_argument("-o", "--output", metavar="FILE.json", required=True)
    p.add_argument("--no-notes", action="store_true", help="leave notes out")
    p.set_defaults(func=_export)

    p = cmds.add_parser("import", help="read answers from a JSON export", parents=[dd])
    p.add_argument("file", metavar="FILE.json")
    p.add_argument("--replace", action="store_true", help="replace assessments with the same id")
    p.set_defaults(func=_import)


# Handlers: implemented by the vault work (issue 4). Import heavy modules inside.
def _create(args: argparse.Namespace) -> int:
    raise NotImplementedError


_check = _passwd = _restore_backup = _wipe = _export = _import = _create
