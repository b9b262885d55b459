"""Run SafetyKit's benchmarks and print one table: ``python benchmarks/run.py [NAME...]``.

Each ``bench_<name>.py`` beside this file exposes ``results()``. Figures are printed,
never asserted: speed is measured here, not in the tests.
"""

from __future__ import annotations

import argparse
import importlib
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # so `benchmarks.*` and `safetykit` import from a checkout

from benchmarks.common import Result, print_table  # noqa: E402


def available() -> list[str]:
    return sorted(path.stem.removeprefix("bench_") for path in HERE.glob("bench_*.py"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "names", nargs="*", help=f"benchmarks to run (default: all of {available()})"
    )
    args = parser.parse_args(argv)
    names = args.names or available()
    unknown = sorted(set(names) - set(available()))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    print(f"SafetyKit benchmarks on {platform.machine()}, Python {platform.python_version()}")
    rows: list[Result] = []
    failed = 0
    for name in names:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        try:
            rows.extend(module.results())
        except Exception as error:  # report and go on: one broken benchmark hides no other
            failed += 1
            rows.append(Result(f"{name}: FAILED", f"{type(error).__name__}: {error}"))
    print_table(rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
