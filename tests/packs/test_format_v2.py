"""Pack format 2 (issue 13): every new field and every new lint rule, and v1 packs.

Each test changes one thing in a small valid v2 pack and checks the exact problem (or
the exact model value), so that a rule that stops working fails here.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from safetykit.packs.errors import Problem, Severity
from safetykit.packs.loader import analyse, load_pack_dir, read_pack_dir
from safetykit.packs.model import ItemKind, Pack
from safetykit.packs.po import write_pot
from tests.helpers import REPO
from tests.packs.factory import TODAY, base_files, problems_of, write_pack

P = "pack.toml"
B = "checklists/01-basics.toml"
M = "checklists/02-more.toml"

V2_HEAD = """\
description = "Steps for reporters who travel."
credit = "Reviewed by a trainer."
legal_hold = "Do not delete anything related once a lawsuit is threatened."
"""

PLAYBOOK = """
[[item]]
id = "lost-phone"
title = "If your phone is lost"
why = "A lost phone can expose your accounts."
steps = [
  "Sign the phone out of your accounts.",
  { text = "Use Find Hub to lock it.", applies_if = { devices = "android" } },
  { text = "Use Find My to lock it.", applies_if = { devices = "iphone" } },
]
kind = "playbook"
applies_if_any = [{ travel = "yes" }, { role = "freelance" }]
reviewed = 2026-11-01
"""


def v2_files() -> dict[str, str]:
    files = base_files()
    pack = files[P].replace("format = 1", "format = 2")
    pack = pack.replace('min_app = "0.1.0"\n', 'min_app = "0.1.0"\n' + V2_HEAD)
    # The travel question becomes a situation, with what skipping it means.
    pack = pack.replace(
        'text = "Do you cross borders?"\nkind = "yes_no"\n',
        'text = "Do you cross borders?"\nkind = "yes_no"\nsituation = true\n'
        'if_skipped = "You see the travel items."\n',
    )
    files[P] = pack
    files[B] = files[B] + PLAYBOOK
    return files


def found(tmp_path: Path, files: dict[str, str]) -> list[str]:
    return [str(p) for p in problems_of(write_pack(tmp_path, files))]


def loaded(tmp_path: Path, files: dict[str, str]) -> Pack:
    return load_pack_dir(write_pack(tmp_path, files))


def test_the_v2_pack_is_clean_and_carries_every_new_field(tmp_path: Path) -> None:
    files = v2_files()
    assert found(tmp_path / "lint", files) == []
    pack = loaded(tmp_path / "load", files)
    assert pack.format == 2
    assert pack.description == "Steps for reporters who travel."
    assert pack.credit == "Reviewed by a trainer."
    assert pack.legal_hold.startswith("Do not delete")
    travel = pack.question("travel")
    assert travel.situation and travel.situation_values() == ("yes",)
    assert travel.if_skipped == "You see the travel items."
    assert pack.question("role").situation_values() == ()
    playbook = pack.item("lost-phone")
    assert playbook.kind is ItemKind.PLAYBOOK and playbook.is_playbook
    assert playbook.steps[1] == "Use Find Hub to lock it."
    assert playbook.step_condition(0) == {}
    assert playbook.step_condition(2) == {"devices": ("iphone",)}
    assert playbook.applies_if_any == ({"travel": ("yes",)}, {"role": ("freelance",)})
    # Steps without conditions keep the v1 shape: no per-step table at all.
    assert pack.item("screen-lock").step_conditions == ()
    assert pack.item("screen-lock").kind is ItemKind.TODO


def test_v1_packs_still_load_and_mean_what_they_meant(tmp_path: Path) -> None:
    pack = loaded(tmp_path, base_files())
    assert pack.format == 1 and pack.description == "" and pack.legal_hold == ""
    assert all(not q.situation and not q.if_skipped for q in pack.questions)
    assert all(i.kind is ItemKind.TODO and not i.step_conditions for i in pack.items())
    example = load_pack_dir(REPO / "docs" / "examples" / "field-reporting")
    assert example.format == 1 and example.items()


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            P,
            'min_app = "0.1.0"\n',
            'min_app = "0.1.0"\ncredit = "Me"\n',
            "'credit' needs format = 2",
        ),
        (
            P,
            'kind = "yes_no"\n',
            'kind = "yes_no"\nsituation = true\n',
            "'situation' needs format = 2",
        ),
        (
            B,
            'effort = "minutes"\n',
            'effort = "minutes"\nkind = "todo"\n',
            "'kind' needs format = 2",
        ),
        (
            B,
            '"Set a PIN.",',
            '{ text = "Set a PIN.", applies_if = { travel = "yes" } },',
            "steps with conditions need format = 2",
        ),
    ],
)
def test_format_1_refuses_format_2_fields(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    files = base_files()
    assert old in files[file]
    files[file] = files[file].replace(old, new, 1)
    assert any(message in text for text in found(tmp_path, files)), message


CASES = [
    # (file, old, new, expected message)
    (P, "situation = true", 'situation = "yes"', "'situation' must be true or false"),
    (P, 'min_app = "0.1.0"', 'min_app = "99.0"', "this pack needs SafetyKit 99.0 or later"),
    (P, 'credit = "Reviewed by a trainer."', 'credit = ""', "'credit' is empty"),
    (B, 'kind = "playbook"', 'kind = "guide"', "'kind' must be one of todo, playbook"),
    (
        B,
        'kind = "playbook"',
        'kind = "playbook"\nrisk = "high"',
        "a playbook has no 'risk': it is not a to-do",
    ),
    (
        B,
        '{ text = "Use Find Hub to lock it.", applies_if = { devices = "android" } }',
        '{ text = "Use Find Hub to lock it." }',
        "missing key 'applies_if'",
    ),
    (
        B,
        '{ text = "Use Find Hub to lock it.", applies_if = { devices = "android" } }',
        '{ text = "Use Find Hub to lock it.", applies_if = { devices = "android" }, note = "x" }',
        "unknown key 'note'",
    ),
    (
        B,
        'applies_if = { devices = "android" } }',
        'applies_if = { phones = "android" } }',
        "'applies_if' names unknown question 'phones'",
    ),
    (
        B,
        'applies_if = { devices = "android" } }',
        'applies_if = { devices = "nokia" } }',
        "'applies_if' answer 'nokia' is not an answer to 'devices'",
    ),
    (
        B,
        'applies_if_any = [{ travel = "yes" }, { role = "freelance" }]',
        'applies_if_any = [{ travel = "yes" }]',
        "'applies_if_any' must be a list of 2 to 10 tables of conditions",
    ),
    (
        B,
        'applies_if_any = [{ travel = "yes" }, { role = "freelance" }]',
        'applies_if_any = [{ travel = "yes" }, { rol = "freelance" }]',
        "'applies_if' names unknown question 'rol'",
    ),
    (
        B,
        'applies_if_any = [{ travel = "yes" }, { role = "freelance" }]',
        'applies_if_any = [{ travel = "yes" }, {}]',
        "an 'applies_if_any' table is empty",
    ),
    (
        M,
        'depends_on = ["border-prep"]',
        'depends_on = ["lost-phone"]',
        "'depends_on' names playbook 'lost-phone': only to-dos order",
    ),
    (
        B,
        'effort = "minutes"\nreviewed',
        'effort = "minutes"\nlegal_hold = "yes"\nreviewed',
        "'legal_hold' must be true or false",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "message"), CASES)
def test_each_v2_rule_is_an_error_where_it_is_broken(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    files = v2_files()
    assert old in files[file], old
    files[file] = files[file].replace(old, new, 1)
    problems = problems_of(write_pack(tmp_path, files))
    errors = [str(p) for p in problems if p.severity is Severity.ERROR]
    assert any(message in text for text in errors), (message, [str(p) for p in problems])


def _warnings(problems: list[Problem]) -> list[str]:
    return [p.message for p in problems if p.severity is Severity.WARNING]


def test_a_step_the_item_condition_rules_out_is_a_warning(tmp_path: Path) -> None:
    files = v2_files()
    files[B] = files[B].replace(
        'kind = "playbook"', 'kind = "playbook"\napplies_if = { devices = "android" }'
    )
    warnings = _warnings(problems_of(write_pack(tmp_path, files)))
    assert any(
        "step 3 is never shown: the item applies only when 'devices' is android" in w
        for w in warnings
    ), warnings


def test_an_item_with_no_step_for_everyone_is_a_warning(tmp_path: Path) -> None:
    files = v2_files()
    files[B] = files[B].replace(
        '"Sign the phone out of your accounts.",',
        '{ text = "Sign out.", applies_if = { travel = "yes" } },',
    )
    warnings = _warnings(problems_of(write_pack(tmp_path, files)))
    assert "every step has a condition: keep at least one for everyone" in warnings


def test_advice_to_delete_needs_a_legal_hold_decision(tmp_path: Path) -> None:
    files = v2_files()
    files[B] = files[B].replace(
        'gives away everything."', 'gives away everything. Delete old chats too."'
    )
    problems = problems_of(write_pack(tmp_path / "a", files))
    warning = [w for w in _warnings(problems) if "screen-lock" in w]
    assert len(warning) == 1 and "may advise deleting ('Delete')" in warning[0]
    assert "add 'legal_hold = true'" in warning[0]
    # Either answer settles it: true shows the warning, false says it is not advice to delete.
    for answer in ("true", "false"):
        fixed = dict(files)
        fixed[B] = files[B].replace(
            'effort = "minutes"\nreviewed', f'effort = "minutes"\nlegal_hold = {answer}\nreviewed'
        )
        assert problems_of(write_pack(tmp_path / answer, fixed)) == []
    pack = loaded(tmp_path / "true", {})
    assert pack.item("screen-lock").legal_hold
    assert not loaded(tmp_path / "false", {}).item("screen-lock").legal_hold


def test_deletion_words_are_found_in_title_why_and_steps() -> None:
    from safetykit.packs.advice import DELETION

    for text in (
        "Turn on disappearing messages",
        "Wipe the phone",
        "auto-delete old mail",
        "Erase it remotely",
        "Deleting files",
    ):
        assert DELETION.search(text), text
    for text in ("Delegate the task", "Wiper blades", "the eraser app"):
        assert not DELETION.search(text), text


def test_legal_hold_items_need_the_pack_text(tmp_path: Path) -> None:
    files = v2_files()
    files[P] = files[P].replace(V2_HEAD.splitlines()[2] + "\n", "")
    files[B] = files[B].replace(
        'effort = "minutes"\nreviewed', 'effort = "minutes"\nlegal_hold = true\nreviewed'
    )
    errors = [str(p) for p in problems_of(write_pack(tmp_path, files))]
    assert any("pack.toml has no 'legal_hold' text" in e for e in errors), errors


def test_v1_items_that_mention_deleting_get_a_hint_to_move_to_format_2(tmp_path: Path) -> None:
    files = base_files()
    files[B] = files[B].replace(
        'gives away everything."', 'gives away everything. Delete old chats too."'
    )
    warnings = _warnings(problems_of(write_pack(tmp_path, files)))
    assert any("format 2 lets you add 'legal_hold = true'" in w for w in warnings), warnings


def test_the_pot_knows_every_new_string_and_where_it_is(tmp_path: Path) -> None:
    folder = write_pack(tmp_path, v2_files())
    files, _ = read_pack_dir(folder)
    analysis = analyse(files, label=str(folder), today=TODAY, locations=True)
    assert analysis.pack is not None
    pot = write_pot(analysis.pack, analysis.locations)
    entries = {m.context: m for m in read_po(io.BytesIO(pot)) if m.context}
    for context in ("pack:description", "pack:credit", "pack:legal_hold", "travel:if_skipped"):
        assert context in entries, context
    # A step written as a table is located at its text, and keeps its index.
    step = entries["lost-phone:steps.2"]
    assert step.id == "Use Find My to lock it."
    line = (
        files[B]
        .decode()
        .splitlines()
        .index('  { text = "Use Find My to lock it.", applies_if = { devices = "iphone" } },')
    )
    assert step.locations == [(B, line + 1)]


def test_translations_cover_the_new_strings(tmp_path: Path) -> None:
    files = v2_files()
    files["locales/es.po"] += (
        '\nmsgctxt "pack:legal_hold"\n'
        'msgid "Do not delete anything related once a lawsuit is threatened."\n'
        'msgstr "No borres nada relacionado si te amenazan con una demanda."\n'
        '\nmsgctxt "travel:if_skipped"\nmsgid "You see the travel items."\n'
        'msgstr "Ves los puntos sobre viajes."\n'
        '\nmsgctxt "lost-phone:steps.1"\nmsgid "Use Find Hub to lock it."\n'
        'msgstr "Usa Find Hub para bloquearlo."\n'
    )
    pack = load_pack_dir(write_pack(tmp_path, files), locale="es")
    assert pack.legal_hold.startswith("No borres")
    assert pack.question("travel").if_skipped == "Ves los puntos sobre viajes."
    assert pack.item("lost-phone").steps[1] == "Usa Find Hub para bloquearlo."
    # The condition stays with its step after translation.
    assert pack.item("lost-phone").step_condition(1) == {"devices": ("android",)}
    assert pack.credit == "Reviewed by a trainer."  # untranslated: the source text


def test_review_dates_of_playbooks_are_checked_like_any_item(tmp_path: Path) -> None:
    files = v2_files()
    folder = write_pack(tmp_path, files)
    pack_files, _ = read_pack_dir(folder)
    later = dt.date(2027, 12, 1)
    warnings = _warnings(analyse(pack_files, label=str(folder), today=later).problems)
    assert any("item 'lost-phone' was last reviewed" in w for w in warnings)
