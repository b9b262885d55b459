"""``pack enable|disable`` and ``plan --packs``: a workshop prints a plan from the
trainer's pack alone, with the built-in pack turned off (issue 14, #6)."""

from __future__ import annotations

from pathlib import Path

from safetykit.assessment import selection
from safetykit.packs import store
from safetykit.vault import Vault
from tests.helpers import assert_clean_error, make_vault, run_cli
from tests.packs.factory import fixed_key, signed_archive

PASS = "pack use passphrase"
CORE = "org.safetykit.core"
TEST = "org.example.test"


def _vault_with_trainer_pack(data_dir: Path) -> None:
    vault = make_vault(data_dir, PASS)
    with vault.changing() as body:
        store.add_key(body, fixed_key().public)
        store.import_pack(body, signed_archive(), label="workshop.skpack")
    vault.save()
    vault.lock()


def _plan(data_dir: Path, out: Path, *extra: str) -> str:
    done = run_cli("plan", "--data-dir", data_dir, "-o", out, *extra, input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    return out.read_text(encoding="utf-8")


def test_the_built_in_pack_can_be_turned_off_and_on(tmp_path: Path, data_dir: Path) -> None:
    _vault_with_trainer_pack(data_dir)
    both = _plan(data_dir, tmp_path / "both.html")
    assert "Test pack" in both and "SafetyKit essentials" in both
    done = run_cli("pack", "disable", CORE, "--data-dir", data_dir, input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    assert f"Used in the assessment: {TEST}" in done.stderr
    alone = _plan(data_dir, tmp_path / "alone.html")
    assert "Test pack" in alone and "SafetyKit essentials" not in alone
    vault = Vault.open(data_dir, PASS)
    assert selection.turned_off(vault.data) == {CORE}
    vault.lock()
    # The last pack in use cannot be turned off; an unknown id is named plainly.
    last = run_cli("pack", "disable", TEST, "--data-dir", data_dir, input=PASS + "\n")
    assert_clean_error(last)
    assert "last pack in use" in last.stderr
    unknown = run_cli("pack", "enable", "org.nope", "--data-dir", data_dir, input=PASS + "\n")
    assert_clean_error(unknown)
    assert "org.nope" in unknown.stderr
    done = run_cli("pack", "enable", CORE, "--data-dir", data_dir, input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    assert "SafetyKit essentials" in _plan(data_dir, tmp_path / "again.html")


def test_plan_packs_chooses_for_one_plan(tmp_path: Path, data_dir: Path) -> None:
    _vault_with_trainer_pack(data_dir)
    html = _plan(data_dir, tmp_path / "one.html", "--packs", TEST)
    assert "Test pack" in html and "SafetyKit essentials" not in html
    done = run_cli(
        "plan",
        "--data-dir",
        data_dir,
        "-o",
        tmp_path / "x.html",
        "--packs",
        "org.nope",
        input=PASS + "\n",
    )
    assert_clean_error(done)
    assert "org.nope" in done.stderr and CORE in done.stderr
    assert not (tmp_path / "x.html").exists()
    vault = Vault.open(data_dir, PASS)
    assert selection.turned_off(vault.data) == set()  # a one-off choice is not kept
    vault.lock()
