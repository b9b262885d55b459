"""``safetykit pack diff OLD NEW`` lists what changed between two versions."""

from __future__ import annotations

from pathlib import Path

from safetykit.packs.diff import diff_packs, read_any
from tests.helpers import assert_clean_error, run_cli
from tests.packs.factory import base_files, signed_archive, write_pack

B = "checklists/01-basics.toml"
M = "checklists/02-more.toml"


def _new_version() -> dict[str, str]:
    files = base_files()
    files["pack.toml"] = (
        files["pack.toml"]
        .replace("version = 2", "version = 3")
        .replace(
            '{ value = "iphone", label = "iPhone" },',
            '{ value = "iphone", label = "iPhone" },\n  { value = "laptop", label = "Laptop" },',
        )
    )
    files[B] = (
        files[B]
        .replace('risk = "critical"', 'risk = "high"')
        .replace('"Set a PIN.",', '"Set a PIN of six digits.",\n  "Check it locks.",')
        .replace('depends_on = ["screen-lock"]\n', "")
    )
    files[M] = files[M].replace('id = "backups"', 'id = "backup-plan"')
    return files


def test_every_kind_of_change_is_listed(tmp_path: Path) -> None:
    old = read_any(write_pack(tmp_path / "old"))
    new_files = _new_version()
    new_files["locales/es.po"] = new_files["locales/es.po"].replace(
        'msgstr "Pon un PIN."', 'msgstr ""'
    )
    new = read_any(write_pack(tmp_path / "new", new_files))
    lines = diff_packs(old, new)
    for expected in (
        "~ pack: version 2 -> 3",
        "~ question 'devices': option 'laptop' added: 'Laptop'",
        "~ item 'screen-lock': risk 'critical' -> 'high'",
        "~ item 'screen-lock': step 2 'Set a PIN.' -> 'Set a PIN of six digits.'",
        "~ item 'screen-lock': step 3 added: 'Check it locks.'",
        "~ item 'border-prep': depends_on ['screen-lock'] -> []",
        "+ item 'backup-plan' in 'more': 'Make backups'",
        "- item 'backups' from 'more': 'Make backups' (answers to it are no longer shown)",
    ):
        assert expected in lines, (expected, lines)
    assert any(line.startswith("~ translation es: coverage") for line in lines), lines
    assert diff_packs(old, old) == []


def test_a_version_not_raised_is_pointed_out(tmp_path: Path) -> None:
    files = base_files()
    files[B] = files[B].replace('title = "Basics"', 'title = "First things"')
    lines = diff_packs(
        read_any(write_pack(tmp_path / "a")), read_any(write_pack(tmp_path / "b", files))
    )
    assert "~ checklist 'basics': title 'Basics' -> 'First things'" in lines
    assert any(line.startswith("! version 2 is not higher than 2") for line in lines)


def test_archives_and_folders_through_the_command_line(tmp_path: Path) -> None:
    archive = tmp_path / "old.skpack"
    archive.write_bytes(signed_archive())
    new = write_pack(tmp_path / "new", _new_version())
    done = run_cli("pack", "diff", archive, new)
    assert done.returncode == 0, done.stderr
    assert "~ pack: version 2 -> 3" in done.stdout
    done = run_cli("pack", "diff", new, new)
    assert done.returncode == 0 and done.stdout == "" and "No differences." in done.stderr
    damaged = bytearray(signed_archive())
    damaged[200] ^= 0x01
    archive.write_bytes(bytes(damaged))
    assert_clean_error(run_cli("pack", "diff", archive, new))
