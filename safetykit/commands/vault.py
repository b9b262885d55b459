"""``safetykit vault …``: the encrypted vault (DESIGN §5, §8)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from safetykit.commands.common import (
    _,
    data_dir,
    data_dir_parent,
    info,
    ngettext,
    read_new_secret,
    read_secret,
    shown,
    warn,
)
from safetykit.commands.unlock import unlock_vault
from safetykit.errors import SafetyKitError
from safetykit.text import os_reason

if TYPE_CHECKING:
    from safetykit.vault import Vault
    from safetykit.vault.kdf import KdfParams


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


# Handlers. Heavy modules (cryptography, keyring) are imported inside them.


def _create(args: argparse.Namespace) -> int:
    from safetykit.vault import Vault, VaultExists
    from safetykit.vault.storage import vault_exists

    folder = data_dir(args)
    if vault_exists(folder):  # say so before asking for a passphrase
        raise VaultExists("vault.exists", folder=folder)
    passphrase = read_new_secret(_("New vault passphrase: "))
    if len(passphrase) < MIN_PASSPHRASE_WARN:
        warn(
            ngettext(
                "A passphrase shorter than %(count)s character is easy to guess for someone "
                "who takes the laptop; several unrelated words are better.",
                "A passphrase shorter than %(count)s characters is easy to guess for someone "
                "who takes the laptop; several unrelated words are better.",
                MIN_PASSPHRASE_WARN,
            )
        )
    info(_("Measuring this computer to set the key derivation (about a second)…"))
    vault = Vault.create(folder, passphrase, remember=args.remember)
    try:
        for message in vault.warnings:
            warn(shown(message))
        info(
            _(
                "Created the vault %(file)s (%(kdf)s).",
                file=vault.path,
                kdf=describe_kdf(vault.kdf_params),
            )
        )
        if vault.remembered:
            info(_("This device's keychain can unlock it without the passphrase."))
    finally:
        vault.lock()
    return 0


def _check(args: argparse.Namespace) -> int:
    vault = unlock_vault(args)
    try:
        for line in summary_lines(vault):
            print(line)
    finally:
        vault.lock()
    return 0


def _passwd(args: argparse.Namespace) -> int:
    from safetykit.vault import Vault

    folder = data_dir(args, create=False)
    current = read_secret(_("Current passphrase: "))
    vault = Vault.open(folder, current)
    try:
        new = read_new_secret(_("New passphrase: "))
        if len(new) < MIN_PASSPHRASE_WARN:
            warn(
                ngettext(
                    "A passphrase shorter than %(count)s character is easy to guess.",
                    "A passphrase shorter than %(count)s characters is easy to guess.",
                    MIN_PASSPHRASE_WARN,
                )
            )
        vault.change_passphrase(new)
        for message in vault.warnings:
            warn(shown(message))
        info(
            _(
                "Passphrase changed: a new key encrypts the vault and its backup; the old "
                "passphrase opens neither."
            )
        )
    finally:
        vault.lock()
    return 0


def _restore_backup(args: argparse.Namespace) -> int:
    from safetykit.vault import restore_backup

    folder = data_dir(args, create=False)
    passphrase = read_secret(_("Vault passphrase: "))
    vault = restore_backup(folder, passphrase)
    info(
        _(
            "Restored the backup: the vault opens again (generation %(generation)s).",
            generation=vault.generation,
        )
    )
    vault.lock()
    return 0


def _wipe(args: argparse.Namespace) -> int:
    from safetykit.vault.wipe import wipe

    folder = data_dir(args, create=False)
    if not args.yes:
        answer = _read_line(
            _("This destroys the vault in %(folder)s for good. Type WIPE to go on: ", folder=folder)
        )
        if answer.strip() != "WIPE":
            raise SafetyKitError("wipe.not_confirmed")
    report = wipe(folder)
    for problem in report.problems:
        warn(shown(problem))
    info(
        _(
            "Wiped: %(overwritten)s; %(deleted)s; keychain: %(keychain)s.",
            overwritten=ngettext(
                "%(count)s file overwritten",
                "%(count)s files overwritten",
                report.files_overwritten,
            ),
            deleted=ngettext(
                "%(count)s file deleted", "%(count)s files deleted", report.files_deleted
            ),
            keychain=report.keychain,
        )
    )
    info(
        _(
            "Copies elsewhere (backups, snapshots, cloud sync, an SSD's spare blocks) are "
            "not reached."
        )
    )
    return 1 if report.problems else 0


def _export(args: argparse.Namespace) -> int:
    from safetykit.private_file import write_private_file
    from safetykit.vault.export import dumps, export_document

    output = Path(args.output)
    vault = unlock_vault(args)
    try:
        text = dumps(export_document(vault.data, notes=not args.no_notes))
    finally:
        vault.lock()
    write_private_file(output, text.encode("utf-8"))
    if args.no_notes:
        said = _(
            "%(file)s is NOT encrypted: anyone who gets it can read your answers. Keep it "
            "safe and delete it when you are done.",
            file=output,
        )
    else:
        said = _(
            "%(file)s is NOT encrypted: anyone who gets it can read your answers and notes. "
            "Keep it safe and delete it when you are done.",
            file=output,
        )
    warn(said)
    return 0


def _import(args: argparse.Namespace) -> int:
    from safetykit.vault.export import MAX_EXPORT_BYTES, ExportInvalid, merge, parse_export

    source = Path(args.file)
    try:
        with source.open("rb") as handle:
            raw = handle.read(MAX_EXPORT_BYTES + 1)
    except OSError as error:
        raise ExportInvalid("export.read_failed", file=source, reason=os_reason(error)) from None
    content = parse_export(raw)  # a bad file is refused before the vault is unlocked
    vault = unlock_vault(args)
    try:
        result = merge(vault.data, content, replace=args.replace)
        vault.save()
    finally:
        vault.lock()
    profile = {
        "set": _("the profile was set from the file"),
        "kept": _("the vault's own profile was kept"),
        "none": _("the file has no profile"),
    }[result.profile]
    info(
        _(
            "Imported: %(added)s, %(replaced)s; %(profile)s.",
            added=ngettext("%(count)s new assessment", "%(count)s new assessments", result.added),
            replaced=ngettext("%(count)s replaced", "%(count)s replaced", result.replaced),
            profile=profile,
        )
    )
    return 0


MIN_PASSPHRASE_WARN = 10


def describe_kdf(params: KdfParams) -> str:
    from safetykit.vault.kdf import Argon2Params

    if isinstance(params, Argon2Params):
        memory = (
            f"{params.memory_kib // 1024} MiB"
            if params.memory_kib >= 1024
            else f"{params.memory_kib} KiB"
        )
        passes = ngettext("%(count)s pass", "%(count)s passes", params.iterations)
        lanes = ngettext("%(count)s lane", "%(count)s lanes", params.lanes)
        return f"Argon2id, {memory}, {passes}, {lanes}"
    return f"scrypt, N=2^{params.log2_n}, r={params.r}, p={params.p}"


def summary_lines(vault: Vault) -> list[str]:
    """What ``vault check`` prints: state and counts, never content."""
    data = vault.data
    assessments = [a for a in data.get("assessments", []) if isinstance(a, dict)]
    answers = sum(len(a.get("answers") or {}) for a in assessments)
    current = len(assessments[-1].get("answers") or {}) if assessments else 0
    packs = data.get("packs", {})
    return [
        _("vault: %(file)s", file=vault.path),
        _("generation: %(generation)s", generation=vault.generation),
        _("created: %(moment)s UTC", moment=f"{vault.created:%Y-%m-%d %H:%M}"),
        _("assessments: %(count)s", count=len(assessments)),
        _("answers: %(count)s (current assessment: %(current)s)", count=answers, current=current),
        _("profile answers: %(count)s", count=len(data.get("profile", {}))),
        _("imported packs: %(count)s", count=len(packs.get("imported", {}))),
        _("trusted keys: %(count)s", count=len(packs.get("trusted_keys", {}))),
        _("keychain: on") if vault.remembered else _("keychain: off"),
        _("key derivation: %(kdf)s", kdf=describe_kdf(vault.kdf_params)),
        _("backup: %(state)s", state=vault.check_backup()),
    ]


def _read_line(prompt: str) -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return input(prompt)
        except EOFError:
            return ""
    print(prompt, file=sys.stderr)
    return sys.stdin.readline() if sys.stdin is not None else ""
