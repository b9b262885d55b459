"""Loading valid packs: the model, translations, outdated flags, warnings, catalog."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from safetykit.packs import catalog
from safetykit.packs.errors import PackError, Severity
from safetykit.packs.lint import lint_path
from safetykit.packs.loader import analyse, load_pack_dir, read_pack_dir
from safetykit.packs.model import Origin, QuestionKind, Risk
from safetykit.packs.po import write_pot
from tests.packs.factory import TODAY, base_files, problems_of, write_pack


def test_valid_pack_becomes_the_model(tmp_path: Path):
    pack = load_pack_dir(write_pack(tmp_path))
    assert (pack.id, pack.version, pack.locale) == ("org.example.test", 2, "en")
    assert [q.kind for q in pack.questions] == [
        QuestionKind.YES_NO,
        QuestionKind.CHOICE,
        QuestionKind.MULTI,
    ]
    assert pack.question("devices").values() == ("android", "iphone")
    border = pack.item("border-prep")
    assert border.risk is Risk.HIGH
    assert border.applies_if == {"travel": ("yes",), "devices": ("android", "iphone")}
    assert border.depends_on == ("screen-lock",)
    assert [c.id for c in pack.checklists] == ["basics", "more"]  # file-name order
    assert pack.contacts[0].languages == ("en", "es")
    assert pack.available_locales == ("es",)
    assert pack.origin is Origin.BUILTIN and pack.verified


def test_translation_is_used_where_current(tmp_path: Path):
    pack = load_pack_dir(write_pack(tmp_path), locale="es-MX")
    assert pack.locale == "es"
    assert pack.name == "Paquete de prueba"
    assert pack.checklists[0].title == "Lo básico"
    assert pack.item("screen-lock").title == "Bloquea tu teléfono"
    assert pack.item("screen-lock").steps == ("Open settings.", "Pon un PIN.")
    assert pack.item("border-prep").title == "Prepare for the border"  # untranslated
    assert all(not item.outdated for item in pack.items())
    assert load_pack_dir(tmp_path, locale="fr").name == "Test pack"


def test_outdated_translation_falls_back_and_is_flagged(tmp_path: Path):
    files = base_files()
    files["checklists/01-basics.toml"] = files["checklists/01-basics.toml"].replace(
        "Lock your phone", "Lock your phone with a PIN"
    )
    folder = write_pack(tmp_path, files)
    pack = load_pack_dir(folder, locale="es")
    item = pack.item("screen-lock")
    assert item.title == "Lock your phone with a PIN"
    assert item.outdated == ("title",)
    assert item.steps[1] == "Pon un PIN."
    warnings = [str(p) for p in problems_of(folder) if p.severity is Severity.WARNING]
    assert warnings == [
        f"{folder}/locales/es.po:11: warning: translation of 'screen-lock:title' is outdated: "
        "its source text changed (the source text is shown until it is updated)"
    ]


def test_outdated_steps_and_options_are_flagged_by_field(tmp_path: Path):
    files = base_files()
    files["checklists/01-basics.toml"] = files["checklists/01-basics.toml"].replace(
        "Set a PIN.", "Set a six-digit PIN."
    )
    files["locales/es.po"] += (
        '\nmsgctxt "role:option.staff"\nmsgid "Staff member"\nmsgstr "Plantilla"\n'
    )
    pack = load_pack_dir(write_pack(tmp_path, files), locale="es")
    item = pack.item("screen-lock")
    assert item.outdated == ("steps",)
    assert item.title == "Bloquea tu teléfono"  # still current
    assert item.steps == ("Open settings.", "Set a six-digit PIN.")
    assert pack.question("role").outdated == ("option",)
    assert pack.question("travel").outdated == ()
    assert pack.checklists[0].outdated == ()


def test_lint_reports_coverage_per_language(tmp_path: Path):
    report = lint_path(write_pack(tmp_path), TODAY)
    assert report.ok
    total = len(analyse_files(tmp_path).locations)
    assert f"es: 4 of {total} strings translated ({400 // total}%)" in [
        str(n) for n in report.notes
    ]
    # A fuzzy entry (msgmerge marks changed ones so) is not used, but is counted.
    files = base_files()
    files["locales/es.po"] = files["locales/es.po"].replace(
        'msgctxt "basics:title"', '#, fuzzy\nmsgctxt "basics:title"'
    )
    report = lint_path(write_pack(tmp_path / "fuzzy", files), TODAY)
    expected = f"es: 3 of {total} strings translated ({300 // total}%), 1 fuzzy (to review)"
    assert expected in [str(n) for n in report.notes]
    # And each fuzzy entry is named with its line, like an outdated one.
    fuzzy = [str(p) for p in report.problems if "fuzzy" in p.message]
    line = files["locales/es.po"].splitlines().index('msgctxt "basics:title"') + 1
    assert fuzzy == [
        f"{tmp_path}/fuzzy/locales/es.po:{line}: warning: translation of 'basics:title' is "
        "marked fuzzy (to review): the source text is shown until a translator checks it "
        "and removes the '#, fuzzy' line"
    ]


def analyse_files(folder: Path):
    files, _ = read_pack_dir(folder)
    return analyse(files, label=str(folder), locations=True)


def test_age_warnings_depend_on_today(tmp_path: Path):
    folder = write_pack(tmp_path)
    assert problems_of(folder) == []  # TODAY is 2026-11-28, reviews are from 2026-11-01
    files, _ = read_pack_dir(folder)
    later = analyse(files, label="p", today=dt.date(2027, 11, 2)).problems
    assert {str(p) for p in later} >= {
        "p/checklists/01-basics.toml:15: warning: item 'screen-lock' was last reviewed "
        "2026-11-01, more than 12 months ago",
        "p/pack.toml:40: warning: contact 'Helpline' was last reviewed 2026-10-01, "
        "more than 12 months ago",
    }
    assert all(p.severity is Severity.WARNING for p in later)
    earlier = analyse(files, label="p", today=dt.date(2026, 10, 15)).problems
    assert "p/pack.toml:8: warning: the pack has a review date in the future (2026-11-01)" in {
        str(p) for p in earlier
    }


def test_invalid_pack_raises_pack_error_with_every_problem(tmp_path: Path):
    files = base_files()
    files["pack.toml"] = files["pack.toml"].replace("version = 2", "version = 0")
    files["checklists/02-more.toml"] = files["checklists/02-more.toml"].replace(
        'risk = "medium"', 'risk = "huge"'
    )
    with pytest.raises(PackError) as caught:
        load_pack_dir(write_pack(tmp_path, files))
    assert [p.line for p in caught.value.problems] == [3, 10]
    assert "(and 1 more problem)" in str(caught.value)


def test_pot_lists_every_string_with_its_location(tmp_path: Path):
    analysis = analyse_files(write_pack(tmp_path))
    assert analysis.pack is not None
    pot = write_pot(analysis.pack, analysis.locations)
    assert pot == write_pot(analysis.pack, analysis.locations)  # stable
    catalog_ = read_po(io.BytesIO(pot))
    messages = {m.context: m for m in catalog_ if m.id}
    assert messages["screen-lock:steps.1"].id == "Set a PIN."
    assert messages["screen-lock:steps.1"].locations == [("checklists/01-basics.toml", 11)]
    assert messages["role:option.freelance"].locations == [("pack.toml", 23)]
    assert messages["contacts.0:offers"].id == "Round-the-clock digital security help."
    assert len(messages) == len(analysis.locations) == 25


def test_builtin_packs_load_and_validate():
    packs = catalog.builtin_packs()
    assert packs and all(p.origin is Origin.BUILTIN and p.verified for p in packs)
    assert any(p.id == "org.safetykit.core" for p in packs)
    assert [p.id for p in catalog.all_packs()] == [p.id for p in packs]


def test_org_bundle_packs_and_keys(tmp_path: Path):
    from safetykit.packs.trust import org_keys
    from tests.packs.factory import fixed_key, signed_archive

    org = tmp_path / "org"
    write_pack(org / "packs" / "folder-pack")
    (org / "keys").mkdir()
    (org / "keys" / "trainer.pub").write_text(fixed_key().public.to_file())
    files = base_files()
    files["pack.toml"] = files["pack.toml"].replace("org.example.test", "org.example.archived")
    (org / "packs" / "b.skpack").write_bytes(signed_archive(files))
    packs = catalog.org_packs(org=org)
    assert [(p.id, p.origin, p.verified) for p in packs] == [
        ("org.example.test", Origin.ORG, True),
        ("org.example.archived", Origin.ORG, True),
    ]
    keys = org_keys(org)
    assert [k.key for k in keys] == [fixed_key().public]
    assert keys[0].source == "the organisation bundle (trainer.pub)"
