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
    # An example, so its id is the placeholder a trainer replaces: the one warning.
    assert [p.message.split(":")[0] for p in report.problems] == [
        "'org.example.field-reporting' is a placeholder id"
    ]
    assert "es: 29 of 29 strings translated (100%)" in [str(note) for note in report.notes]
    pack = load_pack_dir(EXAMPLE, locale="es")
    assert pack.item("phone-lock").title.startswith("Bloquea tu teléfono")
    assert all(not item.outdated for item in pack.items())


def test_example_pack_builds_signs_and_verifies():
    data = build(read_pack_dir(EXAMPLE)[0], label="example", key=fixed_key())
    verified = verify_archive(data, [TrustedKey(fixed_key().public, "test")])
    assert load_verified(verified, label="example").verified


def _placeholders(folder: Path) -> list[str]:
    """The scaffold's two warnings: "passes lint" means no errors, not no warnings."""
    pack_id = load_pack_dir(folder).id
    return [
        f"{folder}/pack.toml:3: warning: '{pack_id}' is a placeholder id: use a domain you "
        "control (e.g. org.yourgroup.pack) before you hand the pack out; it cannot change "
        "later",
        f"{folder}/pack.toml:8: warning: 'Your organisation' is the placeholder publisher",
    ]


def test_scaffold_passes_lint(tmp_path: Path):
    pack_id = scaffold(tmp_path / "My Pack!", today=dt.date(2026, 11, 28))
    assert pack_id == "org.example.my-pack"
    report = lint_path(tmp_path / "My Pack!", dt.date(2026, 11, 28))
    assert report.ok and [str(p) for p in report.problems] == _placeholders(tmp_path / "My Pack!")
    with pytest.raises(PackError, match="not empty"):
        scaffold(tmp_path / "My Pack!")


@pytest.mark.parametrize(
    ("folder", "pack_id", "name"),
    [
        ("Ünïcode", "org.example.unicode", "Ünïcode"),
        ("a\\b", "org.example.a-b", "ab"),  # a backslash would be a TOML escape
        ('say "hi"\n', "org.example.say-hi", "say hi"),
        ("x" * 100, "org.example." + "x" * 64, "x" * 60),
        ("---", "org.example.pack", "---"),
    ],
)
def test_scaffold_passes_lint_whatever_the_folder_name(
    tmp_path: Path, folder: str, pack_id: str, name: str
):
    assert scaffold(tmp_path / folder, today=dt.date(2026, 11, 28)) == pack_id
    report = lint_path(tmp_path / folder, dt.date(2026, 11, 28))
    assert report.ok and [str(p) for p in report.problems] == _placeholders(tmp_path / folder)
    assert load_pack_dir(tmp_path / folder).name == name
