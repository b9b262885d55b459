"""The ``self-test`` check for the plan: the demo plan to HTML, then to PDF through Qt.

The PDF is made by a child process running ``safetykit plan --demo`` on the offscreen
platform, so a broken Qt cannot take the self-test down with it, and the check covers
the same path a user takes.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

from safetykit.frozen import safetykit_command
from safetykit.plan.content import PlanOptions
from safetykit.plan.demo import demo_plan
from safetykit.plan.render import CSP, render_html

_PAGE = re.compile(rb"/Type\s*/Page(?![a-z])")


def check_plan() -> str:
    plan = demo_plan(PlanOptions(demo=True))
    html = render_html(plan)
    if CSP not in html or "<script" in html.lower():
        raise RuntimeError("the demo plan's HTML is not self-contained")
    if not plan.priorities:
        raise RuntimeError("the demo plan has no priorities")
    return f"demo plan: HTML {len(html) // 1024} kB, {len(plan.priorities)} priorities; " + (
        _pdf_pages()
    )


def _pdf_pages() -> str:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="safetykit-selftest-") as folder:
        out = Path(folder) / "demo.pdf"
        done = subprocess.run(
            [*safetykit_command(), "plan", "--demo", "-o", str(out)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if done.returncode != 0 or not out.is_file():
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise RuntimeError(f"the demo plan did not print to PDF: {last}")
        data = out.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise RuntimeError("the demo plan's PDF is not a PDF")
    return f"PDF {len(_PAGE.findall(data))} pages"
