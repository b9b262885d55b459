"""The documented example pack and the ``pack new`` scaffold pass lint."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from safetykit.packs.errors import PackError
from safetykit.packs.lint import lint_path
from safetykit.packs.loader import load_pack_dir, read_pack_dir
from safetykit.packs.scaffold import scaffold
from safetykit.packs.signing import build, load_verified, verify_archive
from safetykit.packs.trust import TrustedKey
from tests.helpers import REPO
from tests.packs.factory import fixed_key

EXAMPLE = REPO / "docs" / "examples" / "field-reporting"


def test_example_pack_passes_lint_fully_translated():
    report = lint_path(EXAMPLE, dt.date(2026, 11, 28))
    assert report.problems == []
    assert "es: 29 of 29 strings translated (100%)" in report.notes
    pack = load_pack_dir(EXAMPLE, locale="es")
    assert pack.item("phone-lock").title.startswith("Bloquea tu teléfono")
    assert all(not item.outdated for item in pack.items())


def test_example_pack_builds_signs_and_verifies():
    data = build(read_pack_dir(EXAMPLE)[0], label="example", key=fixed_key())
    verified = verify_archive(data, [TrustedKey(fixed_key().public, "test")])
    assert load_verified(verified, label="example").verified


def test_scaffold_passes_lint(tmp_path: Path):
    pack_id = scaffold(tmp_path / "My Pack!", today=dt.date(2026, 11, 28))
    assert pack_id == "org.example.my-pack"
    report = lint_path(tmp_path / "My Pack!", dt.date(2026, 11, 28))
    assert report.ok and report.problems == []
    with pytest.raises(PackError, match="not empty"):
        scaffold(tmp_path / "My Pack!")
