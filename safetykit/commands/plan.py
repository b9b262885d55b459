"""``safetykit plan``: render the action plan (DESIGN §6, §8)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from safetykit.commands.common import _, data_dir_parent, info, language, warn
from safetykit.errors import SafetyKitError, UsageError

if TYPE_CHECKING:
    from safetykit.plan.content import Plan, PlanOptions


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "plan", help="write the action plan as HTML or PDF", parents=[data_dir_parent()]
    )
    p.add_argument("-o", "--output", metavar="FILE.html|FILE.pdf", required=True)
    p.add_argument("--demo", action="store_true", help="use an example profile; no vault needed")
    p.add_argument("--lang", metavar="CODE", default=argparse.SUPPRESS, help="plan language")
    p.add_argument(
        "--detail",
        choices=("actions", "full"),
        default="full",
        help="'actions': about one page; 'full': the whole plan (default)",
    )
    p.add_argument(
        "--notes", action="store_true", help="include notes and profile answers (sensitive)"
    )
    p.add_argument(
        "--paper",
        choices=("a4", "letter"),
        default=None,
        help="paper size (default: from your locale)",
    )
    p.add_argument(
        "--packs",
        metavar="ID,ID",
        default=None,
        help="use only these installed packs for this plan (default: those turned on)",
    )
    p.set_defaults(func=_plan)


def _plan(args: argparse.Namespace) -> int:
    # Heavy imports here, so other commands never pay for Jinja2 or the packs.
    from safetykit import i18n
    from safetykit.plan.content import PlanOptions
    from safetykit.plan.export import output_format
    from safetykit.plan.paper import default_paper
    from safetykit.private_file import write_private_file

    output = Path(args.output)
    fmt = output_format(output)
    if fmt is None:
        raise UsageError("usage.plan_suffix", name=output.name)
    if output.is_dir():
        raise UsageError("usage.plan_is_folder", path=output)
    folder = output.parent if str(output.parent) else Path(".")
    # Say so before asking for the passphrase, not after the plan is made.
    if not folder.is_dir():
        raise SafetyKitError("file.folder_missing", file=output, folder=folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise SafetyKitError("file.folder_not_writable", file=output, folder=folder)
    asked = getattr(args, "lang", None)
    lang = language()  # --lang, the saved setting, the system's (commands/common.py)
    if asked and i18n.base_language(asked).split("_")[0] != i18n.base_language(lang):
        warn(
            _(
                "There is no translation for '%(asked)s'; the plan is written in '%(lang)s'.",
                asked=asked,
                lang=lang,
            )
        )
    paper = args.paper or default_paper([os.environ.get("LC_PAPER", ""), *i18n.system_languages()])
    options = PlanOptions(
        lang=lang, detail=args.detail, notes=args.notes, paper=paper, demo=args.demo
    )
    plan = _demo_plan(options) if args.demo else _vault_plan(args, options)
    write_private_file(output, plan_bytes(plan, fmt))
    warn(_("%(file)s is not encrypted: anyone who gets the file can read it.", file=output))
    info(_("Wrote the action plan to %(file)s.", file=output))
    return 0


def plan_bytes(plan: Plan, fmt: str) -> bytes:
    """The plan as HTML, or that HTML printed to PDF by headless Qt."""
    from safetykit import i18n
    from safetykit.plan.render import render_html

    html = render_html(plan)
    if fmt == "html":
        return html.encode("utf-8")
    rtl = i18n.text_direction(plan.options.lang) == "rtl"
    return pdf_bytes(html, paper=plan.options.paper, rtl=rtl)


def pdf_bytes(html: str, *, paper: str = "a4", rtl: bool = False) -> bytes:
    """The plan's HTML (or the pack preview's) printed to PDF by headless Qt."""
    try:
        from safetykit.qtprint import html_to_pdf
    except ImportError as error:  # Qt missing or broken in this installation
        raise SafetyKitError("plan.pdf_unavailable", reason=str(error)) from None
    return html_to_pdf(html, paper=paper, rtl=rtl)


def _demo_plan(options: PlanOptions) -> Plan:
    from safetykit.plan.demo import demo_plan

    return demo_plan(options)


def _vault_plan(args: argparse.Namespace, options: PlanOptions) -> Plan:
    from safetykit.assessment import history, selection
    from safetykit.commands.unlock import unlock_vault
    from safetykit.packs.catalog import all_packs
    from safetykit.plan.content import build_plan

    vault = unlock_vault(args)
    try:
        body = vault.data
        profile = history.profile(body)
        current, previous = history.current_and_previous(body)
        packs = all_packs(vault=vault, locale=options.lang)
        wanted = getattr(args, "packs", None)
        if wanted is not None:
            packs = selection.choose(packs, wanted.split(","))
        else:
            packs = selection.active(packs, body)
        return build_plan(packs, profile, current, previous, options)
    finally:
        vault.lock()
