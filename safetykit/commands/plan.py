"""``safetykit plan``: render the action plan (DESIGN §6, §8)."""

from __future__ import annotations

import argparse

from safetykit.commands.common import data_dir_parent


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
    p.set_defaults(func=_plan)


# Handler: implemented by the plan work (issue 6). Import heavy modules inside.
def _plan(args: argparse.Namespace) -> int:
    raise NotImplementedError
