"""``safetykit pack preview`` (issue 14, point 4): a folder or .skpack rendered for
review, with no vault; an archive's signature checked first and shown at the top."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from safetykit.packs.errors import PackError
from safetykit.packs.loader import load_pack_dir, read_pack_dir
from safetykit.plan.preview import build_preview, read_for_preview, render_preview
from tests.helpers import REPO, assert_clean_error, require_tool, run_cli
from tests.packs.factory import base_files, fixed_key, signed_archive, write_pack
from tests.plan.pdftext import pdf_text

EXAMPLE = REPO / "docs" / "examples" / "field-reporting"
CORE = REPO / "checklists" / "core"


def _text(page: str) -> str:
    """The visible text of an HTML page, tags dropped, entities decoded."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_every_part_of_the_pack_is_in_the_preview(tmp_path: Path) -> None:
    out = tmp_path / "core.html"
    done = run_cli("pack", "preview", CORE, "-o", out, "--lang", "en")
    assert done.returncode == 0, done.stderr
    text = _text(out.read_text(encoding="utf-8"))
    pack = load_pack_dir(CORE)
    assert text.index("Not imported") < text.index(pack.checklists[0].title)
    assert "A folder: not signed" in text
    assert pack.license in text and pack.credit in text and pack.description in text
    for question in pack.questions:
        assert question.text in text, question.id
        for option in question.options:
            assert option.label in text, (question.id, option.value)
    for checklist in pack.checklists:
        assert checklist.title in text and checklist.summary in text
        for item in checklist.items:
            for words in (item.title, item.why, *item.steps, *item.sources):
                assert words in text, (item.id, words)
    assert "Critical risk" in text and "takes minutes" in text
    assert "Playbook: read when something happens, not rated." in text
    for contact in pack.contacts:
        assert contact.name in text and contact.website in text


def test_what_each_answer_brings_in(tmp_path: Path) -> None:
    preview = _preview(write_pack(tmp_path / "p"))
    travel = next(q for q in preview.questions if q.id == "travel")
    yes = next(a for a in travel.answers if a.value == "yes")
    no = next(a for a in travel.answers if a.value == "no")
    assert yes.brings_in == ("Prepare for the border",) and no.brings_in == ()
    role = next(q for q in preview.questions if q.id == "role")
    assert [(a.label, a.brings_in) for a in role.answers] == [
        ("Staff", ()),
        ("Freelance", ("Make backups",)),
    ]
    item = preview.checklists[0].items[1]
    assert item.only_if == ("Do you cross borders? yes · Which devices? Android / iPhone",)
    assert item.after == ("Lock your phone",)
    assert item.sources == ("EFF Surveillance Self-Defense",)


def test_step_conditions_are_shown(tmp_path: Path) -> None:
    files = base_files()
    files["pack.toml"] = files["pack.toml"].replace("format = 1", "format = 2")
    files["checklists/01-basics.toml"] = files["checklists/01-basics.toml"].replace(
        '  "Set a PIN.",', '  { text = "Set a PIN.", applies_if = { devices = "iphone" } },'
    )
    preview = _preview(write_pack(tmp_path / "p", files))
    steps = preview.checklists[0].items[0].steps
    assert [(s.text, s.only_if) for s in steps] == [
        ("Open settings.", ""),
        ("Set a PIN.", "Which devices? iPhone"),
    ]
    devices = next(q for q in preview.questions if q.id == "devices")
    iphone = next(a for a in devices.answers if a.value == "iphone")
    assert "Lock your phone (step 2)" in iphone.brings_in


def _preview(folder: Path, **kw: object):
    files, status = read_for_preview(folder)
    return build_preview(files, label=str(folder), signature=status, **kw)  # type: ignore[arg-type]


def test_archive_signature_is_checked_first_and_shown(tmp_path: Path) -> None:
    archive = tmp_path / "p.skpack"
    archive.write_bytes(signed_archive())
    out = tmp_path / "p.html"
    done = run_cli("pack", "preview", archive, "-o", out)
    assert done.returncode == 0, done.stderr
    text = _text(out.read_text(encoding="utf-8"))
    assert "Signed by key 0807060504030201, which is not a trusted key here." in text
    assert text.index("which is not a trusted key") < text.index("Basics")
    (tmp_path / "k.pub").write_text(fixed_key().public.to_file())
    done = run_cli("pack", "preview", archive, "-o", out, "--pubkey", tmp_path / "k.pub")
    assert done.returncode == 0, done.stderr
    text = _text(out.read_text(encoding="utf-8"))
    assert f"Signed by key 0807060504030201, trusted: --pubkey {tmp_path / 'k.pub'}." in text
    # One byte changed: refused before anything is parsed, no file written.
    damaged = bytearray(signed_archive())
    damaged[len(damaged) // 3] ^= 0x01
    archive.write_bytes(bytes(damaged))
    out.unlink()
    done = run_cli("pack", "preview", archive, "-o", out)
    assert_clean_error(done)
    assert not out.exists()


def test_side_by_side_marks_outdated_and_missing(tmp_path: Path) -> None:
    files = base_files()
    files["checklists/01-basics.toml"] = files["checklists/01-basics.toml"].replace(
        'title = "Lock your phone"', 'title = "Lock your phone now"'
    )
    folder = write_pack(tmp_path / "p", files)
    preview = _preview(folder, side_by_side="es")
    states = {pair.context: (pair.state, pair.translation) for pair in preview.pairs}
    assert states["pack:name"] == ("ok", "Paquete de prueba")
    assert states["screen-lock:title"] == ("outdated", "Bloquea tu teléfono")
    assert states["screen-lock:why"] == ("missing", "")
    page = _text(render_preview(preview))
    assert "Source and translation side by side (es)" in page
    assert "outdated Bloquea tu teléfono" in page and "missing" in page
    with pytest.raises(PackError, match="has no translation into 'de'"):
        _preview(folder, side_by_side="de")


def test_lang_shows_the_translation(tmp_path: Path) -> None:
    out = tmp_path / "es.html"
    done = run_cli("pack", "preview", EXAMPLE, "-o", out, "--lang", "es")
    assert done.returncode == 0, done.stderr
    text = _text(out.read_text(encoding="utf-8"))
    assert "Bloquea tu teléfono" in text
    assert "Vista previa" in text  # SafetyKit's own words in Spanish too


def test_pdf_preview_reads_back(tmp_path: Path) -> None:
    require_tool("pdftotext")
    out = tmp_path / "p.pdf"
    done = run_cli("pack", "preview", EXAMPLE, "-o", out, "--side-by-side", "es")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    text = re.sub(r"\s+", " ", pdf_text(out))
    assert "Field reporting basics" in text and "Lo básico del reporterismo de calle" in text
    assert "Lock your phone with a six-digit PIN or longer" in text


def test_no_vault_is_needed_or_touched(tmp_path: Path) -> None:
    data = tmp_path / "no-vault-here"
    out = tmp_path / "p.html"
    done = run_cli("pack", "preview", EXAMPLE, "-o", out, env={"SAFETYKIT_DATA_DIR": str(data)})
    assert done.returncode == 0, done.stderr
    assert not data.exists()


def test_a_broken_pack_is_refused_with_its_lines(tmp_path: Path) -> None:
    files = base_files()
    files["checklists/01-basics.toml"] = files["checklists/01-basics.toml"].replace(
        'risk = "critical"', 'risk = "severe"'
    )
    folder = write_pack(tmp_path / "p", files)
    done = run_cli("pack", "preview", folder, "-o", tmp_path / "p.html")
    assert_clean_error(done)
    assert f"{folder}/checklists/01-basics.toml:13: 'risk' must be one of" in done.stderr
    assert not (tmp_path / "p.html").exists()


def test_pack_text_is_escaped(tmp_path: Path) -> None:
    files = base_files()
    files["checklists/01-basics.toml"] = files["checklists/01-basics.toml"].replace(
        'title = "Lock your phone"', 'title = "<script>alert(1)</script> phone"'
    )
    page = render_preview(_preview(write_pack(tmp_path / "p", files)))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert read_pack_dir(tmp_path / "p")[0]


def test_findings_and_coverage_are_in_the_documents_language(tmp_path: Path) -> None:
    """The warnings and the translation's coverage at the top of the preview are worded
    in the document's language (--lang), as lint words them for that language."""
    from safetykit import i18n

    files = base_files()
    files["checklists/01-basics.toml"] = files["checklists/01-basics.toml"].replace(
        'title = "Lock your phone"', 'title = "Lock your phone now"'
    )
    folder = write_pack(tmp_path / "p", files)
    english = _preview(folder, locale="es", lang="en")
    spanish = _preview(folder, locale="es", lang="es")
    assert spanish.status.problems, "the outdated translation is a finding"
    assert spanish.status.problems != english.status.problems
    assert spanish.status.coverage != english.status.coverage
    catalog = i18n.translations("es")
    singular = "%(done)s of %(count)s string translated (%(percent)s%%)"
    plural = "%(done)s of %(count)s strings translated (%(percent)s%%)"
    spanish_form = catalog.ngettext(singular, plural, 2)
    assert spanish_form != plural  # the catalog has it
    start = spanish_form.split("%(done)s", 1)[1].split("%(count)s", 1)[0]
    assert start.strip() and start in spanish.status.coverage
