"""A new passphrase typed on a terminal is asked twice and must match; from stdin it is
one line (issue 12 #10, DESIGN §8)."""

from __future__ import annotations

import argparse
import getpass as getpass_module
import io
import sys
from pathlib import Path

import pytest

from safetykit.commands import common
from safetykit.commands import vault as vault_cli
from safetykit.errors import SafetyKitError
from safetykit.vault import Vault, kdf
from tests.helpers import make_vault

PASS = "terminal test passphrase"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def typed(monkeypatch: pytest.MonkeyPatch, *answers: str) -> list[str]:
    prompts: list[str] = []
    queue = list(answers)

    def getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return queue.pop(0)

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(getpass_module, "getpass", getpass)
    return prompts


def _args(data_dir: Path) -> argparse.Namespace:
    return argparse.Namespace(data_dir=str(data_dir), remember=False)


def test_passwd_on_a_terminal_asks_twice(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_vault(data_dir, PASS).lock()
    monkeypatch.setattr(kdf, "calibrate", lambda: kdf.TEST_PARAMS)
    prompts = typed(monkeypatch, PASS, "the new one, long enough", "the new one, long enough")
    assert vault_cli._passwd(_args(data_dir)) == 0
    assert len(prompts) == 3
    assert Vault.open(data_dir, "the new one, long enough").generation >= 2


def test_passwd_on_a_terminal_refuses_a_mismatch(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_vault(data_dir, PASS).lock()
    typed(monkeypatch, PASS, "the new one, long enough", "the new one, long enougj")
    with pytest.raises(SafetyKitError, match="differ"):
        vault_cli._passwd(_args(data_dir))
    assert Vault.open(data_dir, PASS).generation == 1  # nothing changed


def test_create_on_a_terminal_refuses_a_mismatch(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = data_dir / "new"
    typed(monkeypatch, "first try of a passphrase", "first try of a passphrasf")
    with pytest.raises(SafetyKitError, match="differ"):
        vault_cli._create(_args(folder))
    assert not (folder / "vault.skv").exists()


def test_from_stdin_it_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("one line only\nsecond\n"))
    assert common.read_new_secret("New: ") == "one line only"
