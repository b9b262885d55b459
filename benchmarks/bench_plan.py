"""Plan benchmarks: a 1,000-item plan rendered to HTML (aim ≤ 50 ms) and to PDF (≤ 1 s).

The pack is synthetic (20 categories of 50 items, realistic text lengths, a chain of
dependencies in every category) with a seeded mix of answers, so runs compare.

Priorities for a dense graph (issue 12.11): 10,000 items each depending on the two
before it, against the same 10,000 items without dependencies, in time and in peak
memory (tracemalloc). Before the fix the dense case took 3.6 GB and 14 s.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import random
import tracemalloc
from collections.abc import Callable

from benchmarks.common import Result, median_seconds, ms, print_table, ratio
from safetykit.assessment.applicability import applicable_items
from safetykit.assessment.priorities import prioritise
from safetykit.assessment.records import Answer, Assessment, Status
from safetykit.packs.model import Checklist, Effort, Item, Pack, Risk
from safetykit.plan.content import PlanOptions, build_plan
from safetykit.plan.render import render_html

DAY = dt.date(2026, 11, 28)
STEP = "Open the settings, find the option described here and turn it on for every account."
WHY = (
    "Leaving this undone lets someone who gets hold of your device or account see your "
    "messages, contacts and files. It takes little time and closes a common way in."
)


def big_pack(items: int = 1000, per_checklist: int = 50) -> Pack:
    rng = random.Random(1)
    checklists = []
    for c in range(items // per_checklist):
        entries = []
        for n in range(per_checklist):
            ident = f"c{c}-i{n}"
            depends = (f"c{c}-i{n - 1}",) if n % 5 else ()
            entries.append(
                Item(
                    id=ident,
                    title=f"Do the thing number {n} in area {c} carefully",
                    why=WHY,
                    steps=tuple(f"{STEP} ({k})" for k in range(rng.randint(3, 6))),
                    risk=rng.choice(list(Risk)),
                    effort=rng.choice(list(Effort)),
                    reviewed=DAY,
                    depends_on=depends,
                )
            )
        checklists.append(Checklist(f"c{c}", f"Area {c}", "Summary.", tuple(entries)))
    return Pack(
        id="org.example.bench",
        version=1,
        source_locale="en",
        name="Benchmark pack",
        publisher="Benchmarks",
        license="CC0-1.0",
        reviewed=DAY,
        min_app="0.1.0",
        questions=(),
        checklists=tuple(checklists),
    )


def answers(pack: Pack) -> Assessment:
    rng = random.Random(2)
    return Assessment(
        "bench",
        dt.datetime(2026, 11, 28, tzinfo=dt.UTC),
        {
            f"{pack.id}/{item.id}": Answer(rng.choice(list(Status)), due=DAY)
            for item in pack.items()
        },
    )


def dense_pack(items: int = 10_000, dependencies: bool = True) -> Pack:
    """``items`` open items in one checklist, each depending on the two before it."""
    entries = tuple(
        Item(
            id=f"i{n}",
            title=f"Item {n}",
            why=WHY,
            steps=(STEP,),
            risk=Risk.HIGH,
            effort=Effort.HOURS,
            reviewed=DAY,
            depends_on=tuple(f"i{k}" for k in (n - 1, n - 2) if k >= 0 and dependencies),
        )
        for n in range(items)
    )
    return dataclasses.replace(
        big_pack(0), id="org.example.dense", checklists=(Checklist("c", "C", "S.", entries),)
    )


def peak_mib(func: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def dense_rows() -> list[Result]:
    dense = applicable_items([dense_pack()], {})
    flat = applicable_items([dense_pack(dependencies=False)], {})
    dense_s = median_seconds(lambda: prioritise(dense, None), repeat=3)
    flat_s = median_seconds(lambda: prioritise(flat, None), repeat=3)
    dense_mib = peak_mib(lambda: prioritise(dense, None))
    flat_mib = peak_mib(lambda: prioritise(flat, None))
    return [
        Result(
            "priorities, 10,000 items each depending on the previous two",
            ms(dense_s),
            baseline=f"{ms(flat_s)} (no dependencies)",
            ratio=ratio(dense_s, flat_s),
        ),
        Result(
            "priorities peak memory, the same dense graph",
            f"{dense_mib:,.1f} MiB",
            baseline=f"{flat_mib:,.1f} MiB (no dependencies)",
            ratio=ratio(dense_mib, flat_mib),
        ),
    ]


def results() -> list[Result]:
    pack = big_pack()
    mixed = answers(pack)  # about half the items open: ~500 priorities
    untouched = Assessment("bench-open", mixed.started, {})  # all 1,000 open: the worst case
    options = PlanOptions(detail="full", today=DAY)

    def html(current: Assessment) -> str:
        return render_html(build_plan([pack], {}, current, None, options))

    applicable = applicable_items([pack], {})
    rows = [
        Result(
            "priorities, 1,000 items",
            ms(median_seconds(lambda: prioritise(applicable, mixed))),
        ),
        Result(
            "plan to HTML, 1,000 items (~500 open)",
            ms(median_seconds(lambda: html(mixed))),
            aim="<= 50 ms",
        ),
        Result(
            "plan to HTML, 1,000 items (all open)",
            ms(median_seconds(lambda: html(untouched))),
            aim="<= 50 ms",
        ),
    ]
    rows += dense_rows()
    try:
        from safetykit.qtprint import html_to_pdf
    except ImportError:
        rows.append(Result("plan to PDF, 1,000 items", "skipped: no Qt", aim="<= 1 s"))
        return rows
    for label, current in (("~500 open", mixed), ("all open", untouched)):
        page = html(current)
        pdf = html_to_pdf(page)
        rows.append(
            Result(
                f"plan to PDF, 1,000 items ({label}, from HTML)",
                ms(median_seconds(functools.partial(html_to_pdf, page), repeat=3)),
                aim="<= 1 s",
            )
        )
        rows.append(Result(f"PDF size, 1,000 items ({label})", f"{len(pdf) // 1024:,} kB"))
    return rows


if __name__ == "__main__":
    print_table(results())
