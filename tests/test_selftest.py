"""``safetykit self-test``: one line per check, exit 0 only if all pass."""

from __future__ import annotations

import io

import pytest

from safetykit import selftest
from tests.helpers import run_cli


def test_self_test_passes_here() -> None:
    done = run_cli("self-test", timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    names = [name for name, _ in selftest.CHECKS]
    for name in names:
        assert any(line.startswith("ok") and f" {name}:" in line for line in lines), name
    assert lines[-1] == f"{len(names)} of {len(names)} checks passed"


def test_a_failing_check_fails_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> str:
        raise RuntimeError("catalog unreadable")

    monkeypatch.setattr(selftest, "CHECKS", [*selftest.CHECKS[:1], ("broken", broken)])
    out = io.StringIO()
    assert selftest.run(out) == 1
    text = out.getvalue()
    assert "FAIL  broken: catalog unreadable" in text
    assert "1 of 2 checks passed" in text
