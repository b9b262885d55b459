"""Crash safety: SIGKILL a saving process 280 times, at random moments and right after
each step of the save, and check the vault after every kill (DESIGN §5, issue 4 #6)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from safetykit.vault import Vault, storage
from safetykit.vault import format as fmt
from tests.helpers import REPO, make_vault
from tests.vault.crash_child import STEPS

PASS = "crash test passphrase"
PER_KIND = 40  # × 7 kinds = 280 kills


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the fork server needs os.fork (POSIX)")
def test_sigkill_while_saving(data_dir: Path) -> None:
    rng = random.Random(4)
    vault = make_vault(data_dir, PASS)
    vault.data["assessments"].append(
        {"id": "crash", "started": "2026-11-28T21:00:00Z", "answers": {}}
    )
    vault.save()
    vault.lock()
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.vault.crash_child"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
        cwd=REPO,
    )
    assert server.stdin is not None and server.stdout is not None
    kinds = [*STEPS, "random"]
    plan = [kind for kind in kinds for _ in range(PER_KIND)]
    rng.shuffle(plan)
    kills: Counter[str] = Counter()
    committed_by: Counter[str] = Counter()  # saves that completed, per kind of trial
    committed: dict[str, int] = {}  # answer key → generation that committed it
    highest = 2
    leftovers_seen = 0
    try:
        for trial, kind in enumerate(plan):
            nth = rng.randint(1, 3)
            order = {
                "folder": str(data_dir),
                "passphrase": PASS,
                "step": kind,
                "nth": nth,
                "saves": 400 if kind == "random" else 3,
                "trial": trial,
            }
            server.stdin.write(json.dumps(order) + "\n")
            line = server.stdout.readline().split()
            assert line[0] == "pid", line
            if kind == "random":
                time.sleep(rng.uniform(0, 0.03))
                os.kill(int(line[1]), signal.SIGKILL)  # not yet reaped: the pid is still ours
            before = sum(committed_by.values())
            while True:
                words = server.stdout.readline().split()
                assert words, "the fork server died"
                if words[0] == "committed":
                    committed[words[2]] = int(words[1])
                    committed_by[kind] += 1
                    continue
                assert words[0] == "exit", words
                status = int(words[1])
                break
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
                f"trial {trial} ({kind}) was not killed: status {status}"
            )
            kills[kind] += 1
            if kind != "random":  # killed inside save number nth: nth - 1 committed first
                assert sum(committed_by.values()) - before == nth - 1, (trial, kind)
            leftovers_seen += bool(storage.leftover_temp_files(data_dir))
            highest = check_after_kill(data_dir, committed, highest)
    finally:
        server.stdin.close()
        server.wait(timeout=30)
    total = sum(kills.values())
    print(
        f"\n{total} SIGKILLs while saving: {dict(sorted(kills.items()))}; "
        f"{len(committed)} committed answers kept ({dict(sorted(committed_by.items()))}); "
        f"temp files left by {leftovers_seen} "
        f"kills, all removed at the next open"
    )
    # Not vacuous: every trial was a SIGKILL (asserted per trial above), every kind of
    # kill happened as often as planned, saves did commit, and temp files were left.
    assert total >= 200
    assert all(kills[kind] == PER_KIND for kind in kinds), kills
    assert committed_by["random"] > 0, "no save committed before a random kill"
    assert leftovers_seen > 0  # the cleanup was exercised
    assert highest > 2  # the generation moved on


def check_after_kill(folder: Path, committed: dict[str, int], highest: int) -> int:
    blob = storage.vault_path(folder).read_bytes()
    header = fmt.parse_header(blob)  # vault.skv names a complete vault…
    vault = Vault.open(folder, PASS)  # …that opens
    try:
        assert vault.generation == header.generation
        assert vault.generation >= highest, "the generation went backwards"
        assert vault.generation >= max(committed.values(), default=0)
        answers = vault.data["assessments"][0]["answers"]
        lost = [key for key in committed if key not in answers]
        assert not lost, f"committed answers lost: {lost[:3]}"
        assert storage.leftover_temp_files(folder) == [], "temp files not removed at open"
        backup = str(vault.check_backup())
        assert backup.endswith("opens"), backup
        return vault.generation
    finally:
        vault.lock()
