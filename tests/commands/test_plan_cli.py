"""``safetykit plan`` end to end: the demo, the vault, errors, file permissions."""

from __future__ import annotations

import datetime as dt
import stat
import subprocess
import sys
from pathlib import Path

from safetykit.assessment import history
from safetykit.assessment.records import Answer, Assessment, Status
from safetykit.packs.catalog import builtin_packs
from safetykit.packs.model import Pack
from tests.helpers import assert_clean_error, make_vault, run_cli
from tests.plan.htmlcheck import check
from tests.plan.pdftext import normalise, pdf_fonts, pdf_text

PASS = "correct horse battery staple"
CORE = "org.safetykit.core"
NOTE = "ask-the-editor-note-7731"


def assert_one_line_error(done: subprocess.CompletedProcess[str], code: int) -> None:
    """DESIGN §8: the right exit status, one clear line on stderr, no traceback."""
    assert_clean_error(done, code)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("safetykit: error: "), done.stderr


def core_pack() -> Pack:
    return next(p for p in builtin_packs("en") if p.id == CORE)


def test_demo_html(tmp_path: Path) -> None:
    out = tmp_path / "demo.html"
    out.write_bytes(b"an older plan")
    out.chmod(0o644)  # the CLI's own umask 077 would not make an existing file private
    done = run_cli("plan", "--demo", "-o", out)
    assert done.returncode == 0, done.stderr
    assert "not encrypted" in done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    report = check(out.read_text(encoding="utf-8"))
    assert report.problems == []
    assert "invented answers" in report.all_text
    core = next(p for p in builtin_packs("en") if p.id == CORE)
    assert core.item("password-manager").title not in report.all_text  # done in the demo
    assert core.item("two-step-login").title in report.all_text  # partly: a priority
    assert NOTE not in report.all_text
    assert not list(tmp_path.glob(".plan-*"))  # no temporary file left behind


def test_demo_pdf_and_arabic_and_actions(tmp_path: Path) -> None:
    out = tmp_path / "demo.pdf"
    done = run_cli("plan", "--demo", "--detail", "actions", "-o", out)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Where to get help" in pdf_text(out)
    assert all(embedded == "yes" for _, embedded in pdf_fonts(out))
    html = tmp_path / "demo-ar.html"
    done = run_cli("plan", "--demo", "--lang", "ar", "-o", html)
    assert done.returncode == 0, done.stderr
    assert check(html.read_text(encoding="utf-8")).dir == "rtl"


def test_bad_output_name_is_a_usage_error(tmp_path: Path) -> None:
    done = run_cli("plan", "--demo", "-o", tmp_path / "plan.docx")
    assert_one_line_error(done, 2)
    assert not (tmp_path / "plan.docx").exists()


def test_no_vault_is_a_clean_error(tmp_path: Path, data_dir: Path) -> None:
    done = run_cli("plan", "--data-dir", data_dir, "-o", tmp_path / "p.html")
    assert_one_line_error(done, 1)
    assert not (tmp_path / "p.html").exists()


def test_plan_from_the_vault(tmp_path: Path, data_dir: Path) -> None:
    vault = make_vault(data_dir, PASS)
    body = vault.data
    history.set_profile(body, {f"{CORE}/sources": "yes", f"{CORE}/devices": ["android"]})
    first = history.start_new(body, now=dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
    history.store(body, first.with_answer(f"{CORE}/use-signal", Answer(Status.PARTLY)))
    second: Assessment = history.start_new(body, now=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    second = second.with_answer(f"{CORE}/use-signal", Answer(Status.DONE))
    second = second.with_answer(
        f"{CORE}/two-step-login", Answer(Status.PARTLY, NOTE, dt.date(2026, 12, 24))
    )
    history.store(body, second)
    vault.save()
    vault.lock()

    out = tmp_path / "plan.html"
    done = run_cli("plan", "--data-dir", data_dir, "-o", out, input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    assert "not encrypted" in done.stderr
    report = check(out.read_text(encoding="utf-8"))
    assert report.problems == []
    text = report.all_text
    assert "December 24, 2026" in text  # the due date
    assert NOTE not in text  # notes only on request
    assert "Change" in text  # two assessments: the change column is there
    assert "invented answers" not in text

    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert check(out.read_text(encoding="utf-8")).lang == "en"

    with_notes = tmp_path / "plan-notes.pdf"
    done = run_cli("plan", "--data-dir", data_dir, "--notes", "-o", with_notes, input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    assert "not encrypted" in done.stderr
    assert stat.S_IMODE(with_notes.stat().st_mode) == 0o600
    text = pdf_text(with_notes)
    assert NOTE in text
    sources = next(q for q in core_pack().questions if q.id == "sources")
    assert normalise(sources.text) in text  # profile answers come with --notes

    arabic = tmp_path / "plan-ar.html"
    args = ("plan", "--data-dir", data_dir, "--lang", "ar", "--detail", "actions", "-o", arabic)
    done = run_cli(*args, input=PASS + "\n")
    assert done.returncode == 0, done.stderr
    report = check(arabic.read_text(encoding="utf-8"))
    assert (report.lang, report.dir, report.problems) == ("ar", "rtl", [])
    assert NOTE not in report.all_text


def test_wrong_passphrase_writes_nothing(tmp_path: Path, data_dir: Path) -> None:
    make_vault(data_dir, PASS).lock()
    out = tmp_path / "plan.html"
    done = run_cli("plan", "--data-dir", data_dir, "-o", out, input="wrong\n")
    assert_one_line_error(done, 1)
    assert not out.exists()


def test_html_plan_never_imports_qt(tmp_path: Path) -> None:
    out = tmp_path / "demo.html"
    code = (
        "import sys\n"
        "from safetykit.cli import main\n"
        f"status = main(['plan', '--demo', '-o', {str(out)!r}])\n"
        "assert status == 0, status\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert out.is_file()


def test_unwritable_output_is_a_clean_error(tmp_path: Path) -> None:
    done = run_cli("plan", "--demo", "-o", tmp_path / "missing" / "plan.html")
    assert_one_line_error(done, 1)
    done = run_cli("plan", "--demo", "-o", tmp_path / "missing" / "plan.pdf")
    assert_one_line_error(done, 1)


def test_unwritable_folder_is_reported_before_the_passphrase(
    tmp_path: Path, data_dir: Path
) -> None:
    """No passphrase is read (stdin is empty) when the plan could not be written anyway."""
    make_vault(data_dir, PASS).lock()
    done = run_cli("--data-dir", data_dir, "plan", "-o", tmp_path / "missing" / "plan.html")
    assert_one_line_error(done, 1)
    assert "does not exist" in done.stderr
    assert "passphrase" not in done.stderr
