"""``safetykit pack …``: the trainer's commands (DESIGN §4, §8)."""

from __future__ import annotations

import argparse

from safetykit.commands.common import data_dir_parent


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dd = data_dir_parent()
    pack = sub.add_parser("pack", help="write, check, sign and import checklist packs")
    cmds = pack.add_subparsers(dest="pack_command", metavar="COMMAND", required=True)

    p = cmds.add_parser("new", help="scaffold a pack that passes lint", parents=[dd])
    p.add_argument("dir", metavar="DIR")
    p.set_defaults(func=_new)

    p = cmds.add_parser("lint", help="validate pack folders or .skpack files", parents=[dd])
    p.add_argument("paths", metavar="PATH", nargs="+")
    p.add_argument("--today", metavar="DATE", help="date used for age warnings (YYYY-MM-DD)")
    p.set_defaults(func=_lint)

    p = cmds.add_parser("manifest", help="print the MANIFEST that gets signed", parents=[dd])
    p.add_argument("dir", metavar="DIR")
    p.set_defaults(func=_manifest)

    p = cmds.add_parser("build", help="build a deterministic .skpack archive", parents=[dd])
    p.add_argument("dir", metavar="DIR")
    p.add_argument("-o", "--output", metavar="FILE.skpack", required=True)
    group = p.add_mutually_exclusive_group()
    group.add_argument("--key", metavar="SECRETKEY", help="sign with this minisign secret key")
    group.add_argument(
        "--signature", metavar="FILE.minisig", help="put in a signature made with minisign"
    )
    p.set_defaults(func=_build)

    p = cmds.add_parser("sign", help="sign a .skpack archive", parents=[dd])
    p.add_argument("file", metavar="FILE.skpack")
    p.add_argument("--key", metavar="SECRETKEY", required=True)
    p.set_defaults(func=_sign)

    p = cmds.add_parser("verify", help="check a .skpack signature and hashes", parents=[dd])
    p.add_argument("file", metavar="FILE.skpack")
    p.add_argument("--pubkey", metavar="FILE", help="trust only this public key")
    p.set_defaults(func=_verify)

    p = cmds.add_parser("keygen", help="make a minisign-compatible key pair", parents=[dd])
    p.add_argument("-o", "--output", metavar="NAME", required=True)
    p.set_defaults(func=_keygen)

    p = cmds.add_parser("strings", help="write the .pot file translators start from", parents=[dd])
    p.add_argument("dir", metavar="DIR")
    p.add_argument("-o", "--output", metavar="FILE.pot", required=True)
    p.set_defaults(func=_strings)

    p = cmds.add_parser("import", help="import a .skpack into the vault", parents=[dd])
    p.add_argument("file", metavar="FILE.skpack")
    p.add_argument(
        "--allow-unverified",
        action="store_true",
        help="accept an unsigned or unknown-key pack (it is marked unverified)",
    )
    p.set_defaults(func=_import)

    p = cmds.add_parser("list", help="list built-in and imported packs", parents=[dd])
    p.set_defaults(func=_list)

    p = cmds.add_parser("remove", help="remove an imported pack", parents=[dd])
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=_remove)

    trust = cmds.add_parser("trust", help="manage the keys you trust for imported packs")
    tcmds = trust.add_subparsers(dest="trust_command", metavar="COMMAND", required=True)
    p = tcmds.add_parser("add", help="trust a public key", parents=[dd])
    p.add_argument("file", metavar="FILE.pub")
    p.set_defaults(func=_trust_add)
    p = tcmds.add_parser("list", help="list trusted keys", parents=[dd])
    p.set_defaults(func=_trust_list)
    p = tcmds.add_parser("remove", help="stop trusting a key", parents=[dd])
    p.add_argument("keyid", metavar="KEYID")
    p.set_defaults(func=_trust_remove)


# Handlers: implemented by the packs work (issue 3). Import heavy modules inside.
def _new(args: argparse.Namespace) -> int:
    raise NotImplementedError


_lint = _manifest = _build = _sign = _verify = _keygen = _strings = _new
_import = _list = _remove = _trust_add = _trust_list = _trust_remove = _new
