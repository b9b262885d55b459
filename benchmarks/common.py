"""What every benchmark module shares: the Result row and small timing helpers.

Each ``benchmarks/bench_<area>.py`` exposes ``results() -> list[Result]`` and may be run
on its own (``python -m benchmarks.bench_<area>``); ``benchmarks/run.py`` runs them all
and prints one table. Figures are measured, never asserted.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    name: str  # what was measured
    value: str  # the figure, with its unit ("412 ms", "12,100 items/s")
    baseline: str = ""  # the same-run baseline it is compared with, if any
    ratio: str = ""  # value / baseline, e.g. "1.31x"
    aim: str = ""  # the target from the issue, e.g. "<= 500 ms"


def median_seconds(func: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """Median wall time of ``func`` over ``repeat`` runs, after ``warmup`` runs."""
    for _ in range(warmup):
        func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def ratio(value: float, baseline: float) -> str:
    return f"{value / baseline:.2f}x" if baseline > 0 else "n/a"


def print_table(rows: list[Result]) -> None:
    headers = ("benchmark", "figure", "baseline", "ratio", "aim")
    table = [headers] + [(r.name, r.value, r.baseline, r.ratio, r.aim) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(headers))]
    for index, row in enumerate(table):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))
