"""``safetykit pack …``: the trainer's commands (DESIGN §4, §8)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from safetykit.commands.common import (
    _,
    confirm,
    data_dir,
    data_dir_parent,
    info,
    ngettext,
    read_secret,
    shown,
    warn,
)
from safetykit.commands.unlock import unlock_vault
from safetykit.errors import SafetyKitError, UsageError
from safetykit.packs.errors import PackError

if TYPE_CHECKING:
    from safetykit.packs.minisign import PublicKey, SecretKey
    from safetykit.packs.trust import TrustedKey


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dd = data_dir_parent()
    pack = sub.add_parser("pack", help="write, check, sign and import checklist packs")
    cmds = pack.add_subparsers(dest="pack_command", metavar="COMMAND", required=True)

    # The author's commands work on files only: they take no --data-dir. Those that read
    # the trusted keys (build --signature, verify) or the vault take it.
    p = cmds.add_parser("new", help="scaffold a pack that passes lint")
    p.add_argument("dir", metavar="DIR")
    p.set_defaults(func=_new)

    p = cmds.add_parser("lint", help="validate pack folders or .skpack files")
    p.add_argument("paths", metavar="PATH", nargs="+")
    p.add_argument("--today", metavar="DATE", help="date used for age warnings (YYYY-MM-DD)")
    p.add_argument("-v", "--verbose", action="store_true", help="list every review-date warning")
    p.set_defaults(func=_lint)

    p = cmds.add_parser("manifest", help="print the MANIFEST that gets signed")
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
    p.add_argument(
        "--pubkey",
        metavar="FILE",
        help="with --signature: the public key it must be made by (default: trusted keys)",
    )
    p.set_defaults(func=_build)

    p = cmds.add_parser("sign", help="sign a .skpack archive")
    p.add_argument("file", metavar="FILE.skpack")
    p.add_argument("--key", metavar="SECRETKEY", required=True)
    p.set_defaults(func=_sign)

    p = cmds.add_parser("verify", help="check a .skpack signature and hashes", parents=[dd])
    p.add_argument("file", metavar="FILE.skpack")
    p.add_argument("--pubkey", metavar="FILE", help="trust only this public key")
    p.set_defaults(func=_verify)

    p = cmds.add_parser("keygen", help="make a minisign-compatible key pair")
    p.add_argument("-o", "--output", metavar="NAME", required=True)
    p.set_defaults(func=_keygen)

    p = cmds.add_parser("strings", help="write the .pot file translators start from")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("-o", "--output", metavar="FILE.pot", required=True)
    p.set_defaults(func=_strings)

    p = cmds.add_parser(
        "preview", help="render a pack folder or .skpack as HTML or PDF to review (no vault)"
    )
    p.add_argument("path", metavar="PATH")
    p.add_argument("-o", "--output", metavar="FILE.html|FILE.pdf", required=True)
    p.add_argument(
        "--lang",
        dest="pack_lang",
        metavar="CODE",
        help="the translation to show (default: the source language)",
    )
    p.add_argument(
        "--side-by-side",
        metavar="LANG",
        help="also show each source text next to its LANG translation",
    )
    p.add_argument("--pubkey", metavar="FILE", help="an archive's signer: trust only this key")
    p.set_defaults(func=_preview)

    p = cmds.add_parser(
        "export-sheet", help="write a pack's texts and ratings as a CSV for a spreadsheet"
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("-o", "--output", metavar="FILE.csv", required=True)
    p.set_defaults(func=_export_sheet)

    p = cmds.add_parser(
        "import-sheet", help="put a reviewed CSV's texts and ratings back into the pack"
    )
    p.add_argument("sheet", metavar="FILE.csv")
    p.add_argument("dir", metavar="DIR")
    p.set_defaults(func=_import_sheet)

    p = cmds.add_parser("diff", help="list what changed between two versions of a pack")
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.set_defaults(func=_diff)

    p = cmds.add_parser("import", help="import a .skpack into the vault", parents=[dd])
    p.add_argument("file", metavar="FILE.skpack")
    p.add_argument(
        "--allow-unverified",
        action="store_true",
        help="accept an unsigned or unknown-key pack (it is marked unverified)",
    )
    p.add_argument(
        "--rebind",
        action="store_true",
        help="accept a pack signed by another trusted key than its first versions, "
        "after showing both fingerprints",
    )
    p.add_argument("--yes", action="store_true", help="with --rebind: do not ask to confirm")
    p.set_defaults(func=_import)

    p = cmds.add_parser(
        "fingerprint", help="print a public key's id and readable fingerprint", parents=[dd]
    )
    p.add_argument("file", metavar="FILE.pub")
    p.set_defaults(func=_fingerprint)

    p = cmds.add_parser("list", help="list built-in and imported packs", parents=[dd])
    p.set_defaults(func=_list)

    p = cmds.add_parser("remove", help="remove an imported pack", parents=[dd])
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=_remove)

    from safetykit.commands import pack_use

    pack_use.register(cmds, dd)

    trust = cmds.add_parser("trust", help="manage the keys you trust for imported packs")
    tcmds = trust.add_subparsers(dest="trust_command", metavar="COMMAND", required=True)
    p = tcmds.add_parser("add", help="trust a public key", parents=[dd])
    p.add_argument("file", metavar="FILE.pub")
    p.add_argument(
        "--yes", action="store_true", help="do not ask to confirm the fingerprint (scripts)"
    )
    p.set_defaults(func=_trust_add)
    p = tcmds.add_parser("list", help="list trusted keys", parents=[dd])
    p.set_defaults(func=_trust_list)
    p = tcmds.add_parser("remove", help="stop trusting a key", parents=[dd])
    p.add_argument("keyid", metavar="KEY", help="its key id or its fingerprint")
    p.set_defaults(func=_trust_remove)


# Handlers. Heavy modules are imported inside them, so `safetykit --help` stays quick.
def _new(args: argparse.Namespace) -> int:
    from safetykit.packs.scaffold import scaffold

    folder = Path(args.dir)
    pack_id = scaffold(folder)
    info(_("Created pack %(pack)s in %(folder)s.", pack=pack_id, folder=folder))
    info(_("Edit it, then check it with: safetykit pack lint %(folder)s", folder=folder))
    info(_("Lint warns about the placeholder id and publisher until you put your own."))
    return 0


def _lint(args: argparse.Namespace) -> int:
    from safetykit.commands.common import language
    from safetykit.packs.lint import lint_path, summarised

    today = _parse_today(args.today)
    failed = 0
    for raw in args.paths:
        report = lint_path(Path(raw), today)
        for line in summarised(report.problems, raw, verbose=args.verbose, lang=language()):
            print(line)
        for note in report.notes:
            print(f"{raw}: {shown(note)}")
        errors = sum(1 for p in report.problems if p.severity == "error")
        warnings = len(report.problems) - errors
        counts = _(
            "%(errors)s, %(warnings)s",
            errors=ngettext("%(count)s error", "%(count)s errors", errors),
            warnings=ngettext("%(count)s warning", "%(count)s warnings", warnings),
        )
        if report.ok:
            verdict = _("%(path)s: ok (%(counts)s)", path=raw, counts=counts)
        else:
            verdict = _("%(path)s: FAILED (%(counts)s)", path=raw, counts=counts)
        print(verdict)
        failed += 0 if report.ok else 1
    if failed:
        total = len(args.paths)
        message = ngettext(
            "%(count)s pack of %(total)s failed lint",
            "%(count)s packs of %(total)s failed lint",
            failed,
            total=total,
        )
        print(_("safetykit: error: %(message)s", message=message), file=sys.stderr)
    return 1 if failed else 0


def _parse_today(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError("usage.bad_date", value=value) from None


def _manifest(args: argparse.Namespace) -> int:
    from safetykit.packs.files import pack_dir_files
    from safetykit.packs.manifest import make_manifest
    from safetykit.packs.signing import pack_of, trusted_comment

    files = pack_dir_files(Path(args.dir))
    pack = pack_of(files, args.dir)
    sys.stdout.write(make_manifest(files).decode("ascii"))
    sys.stdout.flush()
    comment = trusted_comment(pack.id, pack.version)
    info(_('Sign it with: minisign -S -s KEY -m MANIFEST -t "%(comment)s"', comment=comment))
    return 0


def _build(args: argparse.Namespace) -> int:
    from safetykit.packs import signing
    from safetykit.packs.files import pack_dir_files, read_small_file
    from safetykit.private_file import write_private_file

    if args.pubkey and not args.signature:
        raise UsageError("usage.pubkey_needs_signature")
    files = pack_dir_files(Path(args.dir))
    key = _secret_key(Path(args.key)) if args.key else None
    signature = read_small_file(Path(args.signature)) if args.signature else None
    keys = _given_or_trusted_keys(args) if signature is not None else None
    data = signing.build(files, label=args.dir, key=key, signature=signature, keys=keys)
    write_private_file(Path(args.output), data)
    if key is not None:
        done = _(
            "Wrote %(file)s, signed by key %(key_id)s (fingerprint %(fingerprint)s).",
            file=args.output,
            key_id=key.public.hex_id,
            fingerprint=key.public.fingerprint,
        )
    elif signature is not None:
        done = _(
            "Wrote %(file)s with the given signature, checked against its MANIFEST "
            "(key %(key_id)s).",
            file=args.output,
            key_id=_signer_id(signature),
        )
    else:
        done = _(
            "Wrote %(file)s, unsigned (it can only be imported with --allow-unverified).",
            file=args.output,
        )
    info(done)
    return 0


def _sign(args: argparse.Namespace) -> int:
    from safetykit.packs.files import read_archive_file
    from safetykit.packs.signing import sign_archive
    from safetykit.private_file import write_private_file

    path = Path(args.file)
    key = _secret_key(Path(args.key))
    write_private_file(path, sign_archive(read_archive_file(path), key, label=args.file))
    info(
        _(
            "Signed %(file)s with key %(key_id)s (fingerprint %(fingerprint)s).",
            file=path,
            key_id=key.public.hex_id,
            fingerprint=key.public.fingerprint,
        )
    )
    return 0


def _verify(args: argparse.Namespace) -> int:
    from safetykit.packs.files import read_archive_file
    from safetykit.packs.signing import load_verified, verify_archive
    from safetykit.packs.trust import source_text

    keys = _given_or_trusted_keys(args)
    verified = verify_archive(read_archive_file(Path(args.file)), keys)
    status = verified.status
    # Said before the content is read: an unvouched file's TOML and PO are not parsed.
    if not status.signed:
        print(_("signature: none"))
        raise PackError("pack.verify.unsigned", file=args.file)
    print(_("key id: %(key_id)s", key_id=status.key_id))
    if not status.trusted:
        if args.pubkey:
            given = keys[0].key.hex_id
            print(
                _(
                    "trust: none (signed by key %(key_id)s, not by %(given)s)",
                    key_id=status.key_id,
                    given=given,
                )
            )
            raise PackError(
                "pack.verify.other_key",
                file=args.file,
                key_id=status.key_id or "",
                pubkey=args.pubkey,
                given=given,
            )
        print(_("trust: none (this key is not one you trust)"))
        raise PackError("pack.verify.untrusted", file=args.file, key_id=status.key_id or "")
    print(_("fingerprint: %(fingerprint)s", fingerprint=status.fingerprint))
    print(_("trust: %(source)s", source=source_text(status.trusted_by or "")))
    print(_("trusted comment: %(comment)s", comment=status.comment))
    pack = load_verified(verified, label=args.file)
    print(
        _(
            "pack: %(pack)s version %(version)s (%(name)s)",
            pack=pack.id,
            version=pack.version,
            name=pack.name,
        )
    )
    count = len(verified.files)
    print(ngettext("files: %(count)s matches MANIFEST", "files: %(count)s match MANIFEST", count))
    return 0


def _keygen(args: argparse.Namespace) -> int:
    from safetykit.packs.minisign import SecretKey
    from safetykit.private_file import write_private_file

    pub, sec = Path(f"{args.output}.pub"), Path(f"{args.output}.key")
    for path in (pub, sec):
        if path.exists():
            raise PackError("file.exists", file=path)
    passphrase = _new_passphrase()
    if not passphrase:
        warn(_("The secret key is not protected by a passphrase: anyone who copies it can sign."))
    else:
        info(_("Deriving the key's encryption key (this takes a few seconds)…"))
    key = SecretKey.generate()
    write_private_file(sec, key.to_file(passphrase).encode("ascii"))
    # The public key is for sharing: readable by all (0644), said explicitly since the
    # umask keeps files private; the secret key stays 0600.
    write_private_file(pub, key.public.to_file().encode("ascii"), mode=0o644)
    _show_key(key.public)
    print(_("public key: %(key)s", key=key.public.base64))
    info(_("Wrote %(public)s (share it) and %(secret)s (keep it secret).", public=pub, secret=sec))
    info(_("Read people your fingerprint (in person or by a call) so they can check the key."))
    return 0


def _new_passphrase() -> str:
    """As for the vault: once from stdin, or twice with confirmation on a terminal."""
    first = read_secret(_("Passphrase for the new key (empty: none): "))
    on_terminal = sys.stdin is not None and sys.stdin.isatty()
    if on_terminal and read_secret(_("Same passphrase again: ")) != first:
        raise SafetyKitError("passphrase.key_mismatch")
    return first


def _strings(args: argparse.Namespace) -> int:
    from safetykit.packs.files import pack_dir_files
    from safetykit.packs.loader import analyse
    from safetykit.packs.po import write_pot
    from safetykit.private_file import write_private_file

    files = pack_dir_files(Path(args.dir))
    analysis = analyse(files, label=args.dir, locations=True, strict=True)
    if analysis.pack is None:
        raise PackError(analysis.errors)
    write_private_file(Path(args.output), write_pot(analysis.pack, analysis.locations))
    strings = len(analysis.locations)
    info(
        ngettext(
            "Wrote %(file)s: %(count)s string.",
            "Wrote %(file)s: %(count)s strings.",
            strings,
            file=args.output,
        )
    )
    return 0


def _preview(args: argparse.Namespace) -> int:
    from safetykit import i18n
    from safetykit.commands.common import language
    from safetykit.plan.export import output_format
    from safetykit.plan.preview import build_preview, read_for_preview, render_preview
    from safetykit.private_file import write_private_file

    output = Path(args.output)
    fmt = output_format(output)
    if fmt is None:
        raise UsageError("usage.plan_suffix", name=output.name)
    asked = args.pack_lang
    # The document's own words in the pack's language when SafetyKit has it, else in
    # the command line's (--lang, the saved setting, the system's: commands/common.py).
    lang = i18n.negotiate([asked]) if asked else language()
    keys = None
    if args.pubkey:
        from safetykit.packs.trust import TrustedKey, read_public_key_file

        keys = [TrustedKey(read_public_key_file(Path(args.pubkey)), f"--pubkey {args.pubkey}")]
    files, status = read_for_preview(Path(args.path), keys)
    preview = build_preview(
        files,
        label=args.path,
        signature=status,
        locale=asked,
        side_by_side=args.side_by_side,
        lang=lang,
    )
    html = render_preview(preview)
    if fmt == "html":
        data = html.encode("utf-8")
    else:
        from safetykit.commands.plan import pdf_bytes

        data = pdf_bytes(html, rtl=i18n.text_direction(lang) == "rtl")
    write_private_file(output, data)
    info(
        _(
            "Wrote the preview of %(pack)s version %(version)s to %(file)s.",
            pack=preview.id,
            version=preview.version,
            file=output,
        )
    )
    return 0


def _export_sheet(args: argparse.Namespace) -> int:
    from safetykit.packs.files import pack_dir_files
    from safetykit.packs.sheet import export_sheet
    from safetykit.private_file import write_private_file

    data = export_sheet(pack_dir_files(Path(args.dir)), args.dir)
    write_private_file(Path(args.output), data)
    rows = data.decode("utf-8-sig").count("\r\n") - 1
    info(
        ngettext(
            "Wrote %(file)s: %(count)s row. Edit column B only, then: "
            "safetykit pack import-sheet %(file)s %(folder)s",
            "Wrote %(file)s: %(count)s rows. Edit column B only, then: "
            "safetykit pack import-sheet %(file)s %(folder)s",
            rows,
            file=args.output,
            folder=args.dir,
        )
    )
    return 0


def _import_sheet(args: argparse.Namespace) -> int:
    from safetykit.packs.files import pack_dir_files, read_small_file
    from safetykit.packs.limits import DEFAULT_LIMITS
    from safetykit.packs.sheet import import_sheet
    from safetykit.private_file import write_private_file

    folder = Path(args.dir)
    files = pack_dir_files(folder)
    sheet = read_small_file(Path(args.sheet), DEFAULT_LIMITS.max_total)
    edited, changes = import_sheet(files, args.dir, sheet)
    for name, data in sorted(edited.items()):
        if data != files[name]:
            path = folder / name
            write_private_file(path, data, mode=path.stat().st_mode & 0o777)
    for change in changes:
        print(f"{change.key}: {change.old!r} -> {change.new!r}")
    info(
        ngettext(
            "%(count)s change from %(sheet)s written to %(folder)s.",
            "%(count)s changes from %(sheet)s written to %(folder)s.",
            len(changes),
            sheet=args.sheet,
            folder=args.dir,
        )
    )
    return 0


def _diff(args: argparse.Namespace) -> int:
    from safetykit.packs.diff import diff_texts, read_any

    old, new = read_any(Path(args.old)), read_any(Path(args.new))
    lines = diff_texts(old, new)
    for line in lines:
        print(shown(line))
    if not lines:
        info(_("No differences."))
    return 0


def _import(args: argparse.Namespace) -> int:
    from safetykit.packs.catalog import import_pack
    from safetykit.packs.files import read_archive_file
    from safetykit.packs.store import ImportResult

    data = read_archive_file(Path(args.file))
    vault = unlock_vault(args)
    try:

        def attempt(rebind: bool) -> ImportResult:
            return import_pack(
                vault.data,
                data,
                label=args.file,
                allow_unverified=args.allow_unverified,
                rebind=rebind,
            )

        try:
            result = attempt(rebind=False)
        except PackError as error:
            if error.code != "pack.signer_changed" or not args.rebind:
                raise
            # Nothing was recorded by the refused attempt; show both keys, then re-bind.
            params = error.params
            print(_("pack: %(pack)s", pack=params["pack"]))
            print(_("first signed by: key %(key_id)s", key_id=params["bound_key_id"]))
            print("  " + _("fingerprint: %(fingerprint)s", fingerprint=params["bound_fingerprint"]))
            print(_("this file signed by: key %(key_id)s", key_id=params["signer_key_id"]))
            print(
                "  " + _("fingerprint: %(fingerprint)s", fingerprint=params["signer_fingerprint"])
            )
            info(
                _(
                    "Re-bind only if the publisher read you the new fingerprint (in person "
                    "or by a call)."
                )
            )
            confirm(
                _("Accept packs with this id from the new key from now on? [y/N] "),
                yes=args.yes,
            )
            result = attempt(rebind=True)
        vault.save()
    finally:
        vault.lock()
    pack = result.pack
    how = shown(result.status.text())
    if not result.status.trusted:
        warn(
            _(
                "%(pack)s is %(status)s: it is marked UNVERIFIED everywhere.",
                pack=pack.id,
                status=how,
            )
        )
    if result.rebound_from is not None:
        info(
            _(
                "%(pack)s now belongs to key %(key_id)s (was key %(was)s).",
                pack=pack.id,
                key_id=result.status.key_id,
                was=result.rebound_from.hex_id,
            )
        )
    if result.previous_version:
        done = _(
            "Imported %(pack)s version %(version)s (was version %(was)s): %(status)s",
            pack=pack.id,
            version=pack.version,
            was=result.previous_version,
            status=how,
        )
    else:
        done = _(
            "Imported %(pack)s version %(version)s: %(status)s",
            pack=pack.id,
            version=pack.version,
            status=how,
        )
    print(done)
    return 0


def _list(args: argparse.Namespace) -> int:
    from safetykit.packs import store
    from safetykit.packs.catalog import builtin_packs, org_packs

    for pack in builtin_packs() + org_packs():
        where = _("built in") if pack.origin == "builtin" else _("organisation bundle")
        version = _("version %(version)s", version=pack.version)
        print(f"{pack.id}\t{version}\t{where}\t{pack.name}")
    if not _vault_exists(args):
        info(_("No vault: imported packs are kept in the vault ('safetykit vault create')."))
        return 0
    vault = unlock_vault(args)
    failures: list[tuple[str, PackError]] = []
    try:
        packs = store.imported_packs(vault.data, failures=failures)
    finally:
        vault.lock()
    for pack in packs:
        if pack.verified:
            mark = _("imported, verified (key %(key_id)s)", key_id=pack.signer)
        else:
            mark = _("imported, UNVERIFIED")
        version = _("version %(version)s", version=pack.version)
        print(f"{pack.id}\t{version}\t{mark}\t{pack.name}")
    for pack_id, error in failures:
        print(f"{pack_id}\t\t{_('imported, DOES NOT LOAD')}\t{shown(error)}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from safetykit.packs import store

    vault = unlock_vault(args)
    try:
        version = store.remove_pack(vault.data, args.id)
        vault.save()
    finally:
        vault.lock()
    info(
        _(
            "Removed %(pack)s (version %(version)s); older versions of it stay refused.",
            pack=args.id,
            version=version,
        )
    )
    return 0


def _trust_add(args: argparse.Namespace) -> int:
    from safetykit.packs import store
    from safetykit.packs.trust import read_public_key_file

    key = read_public_key_file(Path(args.file))
    _show_key(key)
    print(_("public key: %(key)s", key=key.base64))
    info(
        _(
            "Ask the trainer to read you their fingerprint (in person or by a call, not by "
            "the channel the key file came through); trust the key only if every group "
            "matches."
        )
    )
    confirm(
        _("Does the trainer's fingerprint match, and do you trust this key? [y/N] "),
        yes=args.yes,
    )
    vault = unlock_vault(args)
    try:
        added = store.add_key(vault.data, key)
        if added:
            vault.save()
    finally:
        vault.lock()
    if added:
        info(_("Key %(key_id)s is now trusted.", key_id=key.hex_id))
    else:
        info(_("Key %(key_id)s was trusted already.", key_id=key.hex_id))
    return 0


def _fingerprint(args: argparse.Namespace) -> int:
    from safetykit.packs.trust import read_public_key_file

    _show_key(read_public_key_file(Path(args.file)))
    return 0


def _show_key(key: PublicKey) -> None:
    print(_("key id: %(key_id)s", key_id=key.hex_id))
    print(_("fingerprint: %(fingerprint)s", fingerprint=key.fingerprint))


def _trust_list(args: argparse.Namespace) -> int:
    from safetykit.packs import store
    from safetykit.packs.trust import builtin_keys, org_keys, source_text

    for trusted in builtin_keys() + org_keys():
        source = shown(source_text(trusted.source))
        print(f"{trusted.key.hex_id}\t{trusted.key.fingerprint}\t{source}")
    if not _vault_exists(args):
        info(_("No vault: keys you add are kept in the vault ('safetykit vault create')."))
        return 0
    vault = unlock_vault(args)
    try:
        records = store.list_keys(vault.data)
    finally:
        vault.lock()
    for record in records:
        added = _("added by you on %(date)s", date=record.added)
        print(f"{record.key_id}\t{record.fingerprint}\t{added}")
    return 0


def _trust_remove(args: argparse.Namespace) -> int:
    from safetykit.packs import store

    vault = unlock_vault(args)
    try:
        record = store.remove_key(vault.data, args.keyid)
        vault.save()
    finally:
        vault.lock()
    info(
        _(
            "Key %(key_id)s (%(fingerprint)s) is no longer trusted.",
            key_id=record.key_id,
            fingerprint=record.fingerprint,
        )
    )
    return 0


# -- helpers ----------------------------------------------------------------------
def _secret_key(path: Path) -> SecretKey:
    from safetykit.packs.files import read_small_file
    from safetykit.packs.minisign import SecretKey

    data = read_small_file(path)
    if not SecretKey.is_encrypted(data):
        return SecretKey.from_file(data, "")
    passphrase = read_secret(_("Passphrase for %(file)s: ", file=path))
    return SecretKey.from_file(data, passphrase)


def _given_or_trusted_keys(args: argparse.Namespace) -> list[TrustedKey]:
    """The key of ``--pubkey`` alone, else every key trusted here."""
    from safetykit.packs.trust import TrustedKey, default_keys, read_public_key_file

    if args.pubkey:
        return [TrustedKey(read_public_key_file(Path(args.pubkey)), f"--pubkey {args.pubkey}")]
    return default_keys(_section_if_unlocked(args))


def _signer_id(signature: bytes) -> str:
    from safetykit.packs.minisign import Signature

    return Signature.parse(signature).hex_id


def _vault_exists(args: argparse.Namespace) -> bool:
    from safetykit.vault import vault_exists

    return vault_exists(data_dir(args, create=False))


def _section_if_unlocked(args: argparse.Namespace) -> dict[str, Any] | None:
    """The user's keys when the vault opens without asking (OS keychain); else None."""
    from safetykit.vault import Vault, VaultError
    from safetykit.vault.storage import remembered_on_disk

    folder = data_dir(args, create=False)
    if not _vault_exists(args) or not remembered_on_disk(folder):
        return None
    try:
        vault = Vault.open_with_keychain(folder)
    except VaultError:
        return None
    try:
        packs = vault.data.get("packs")
        return dict(packs) if isinstance(packs, dict) else None
    finally:
        vault.lock()
