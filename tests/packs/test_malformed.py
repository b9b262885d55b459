"""Malformed packs: each case changes the valid test pack in one way and expects one
problem, with its message and the line of the offending key or entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from safetykit.packs.errors import Severity
from tests.packs.factory import TODAY, base_files, problems_of, write_pack

P, B, M, ES = "pack.toml", "checklists/01-basics.toml", "checklists/02-more.toml", "locales/es.po"
LONG_NAME = "n" * 81
LONG_WHY = "w" * 1001
LONG_TEXT = "t" * 301
THIRTEEN = ", ".join(f'"Step {n}."' for n in range(13))
CHOICE_OPTIONS = """options = [
  { value = "staff", label = "Staff" },
  { value = "freelance", label = "Freelance" },
]
"""

# (case, file, old text, new text, expected line, expected message part)
CASES: list[tuple[str, str, str, str, int, str]] = [
    (
        "unknown-key",
        P,
        'min_app = "0.1.0"\n',
        'min_app = "0.1.0"\nlicence = "x"\n',
        10,
        "unknown key 'licence' (did you mean 'license'?)",
    ),
    ("format-3", P, "format = 1", "format = 3", 1, "unsupported format 3"),
    ("format-text", P, "format = 1", 'format = "1"', 1, "unsupported format '1'"),
    ("pack-id", P, 'id = "org.example.test"', 'id = "Example"', 2, "malformed pack id 'Example'"),
    ("version-0", P, "version = 2", "version = 0", 3, "'version' must be a whole number"),
    ("version-text", P, "version = 2", 'version = "2"', 3, "'version' must be a whole number"),
    (
        "locale",
        P,
        'source_locale = "en"',
        'source_locale = "english"',
        4,
        "malformed language code 'english'",
    ),
    ("empty-name", P, 'name = "Test pack"', 'name = ""', 5, "'name' is empty"),
    (
        "long-name",
        P,
        'name = "Test pack"',
        f'name = "{LONG_NAME}"',
        5,
        "'name' is too long: 81 characters, at most 80",
    ),
    (
        "reviewed-text",
        P,
        "reviewed = 2026-11-01",
        'reviewed = "2026-11-01"',
        8,
        "'reviewed' must be a date like 2026-11-28",
    ),
    (
        "reviewed-datetime",
        P,
        "reviewed = 2026-11-01",
        "reviewed = 2026-11-01T10:00:00",
        8,
        "'reviewed' must be a date",
    ),
    (
        "toml-1.1-trailing-comma",
        B,
        'applies_if = { travel = "yes", devices = ["android", "iphone"] }',
        'applies_if = { travel = "yes", devices = ["android", "iphone"], }',
        24,
        # TOML 1.1 syntax; with a tomli that reads TOML 1.1 lint says "… TOML 1.0, …"
        "not valid TOML",
    ),
    (
        "toml-1.1-escape",
        P,
        'name = "Test pack"',
        'name = "Test\\x41pack"',
        5,
        "not valid TOML",
    ),
    ("reviewed-month-13", P, "reviewed = 2026-11-01", "reviewed = 2026-13-01", 8, "not valid TOML"),
    ("min-app", P, 'min_app = "0.1.0"', 'min_app = "latest"', 9, "'min_app' must be a version"),
    ("missing-publisher", P, 'publisher = "Test publisher"\n', "", 1, "missing key 'publisher'"),
    ("question-id", P, 'id = "travel"', 'id = "Travel"', 12, "malformed id 'Travel'"),
    (
        "question-kind",
        P,
        'kind = "yes_no"',
        'kind = "boolean"',
        14,
        "'kind' must be one of yes_no, choice, multi, not 'boolean'",
    ),
    (
        "yes-no-options",
        P,
        'kind = "yes_no"\n',
        'kind = "yes_no"\noptions = [{ value = "a", label = "A" }]\n',
        15,
        "a yes_no question has no 'options'",
    ),
    ("choice-no-options", P, CHOICE_OPTIONS, "", 16, "a choice question needs 'options'"),
    (
        "duplicate-option",
        P,
        '{ value = "freelance", label = "Freelance" }',
        '{ value = "staff", label = "Freelance" }',
        23,
        "duplicate option value 'staff'",
    ),
    (
        "option-key",
        P,
        '{ value = "android", label = "Android" }',
        '{ value = "android", lable = "Android" }',
        31,
        "unknown key 'lable' (did you mean 'label'?)",
    ),
    (
        "one-option",
        P,
        '  { value = "iphone", label = "iPhone" },\n',
        "",
        30,
        "'options' must be a list of 2 to 40 tables, not 1",
    ),
    (
        "long-question",
        P,
        'text = "Do you cross borders?"',
        f'text = "{LONG_TEXT}"',
        13,
        "'text' is too long: 301 characters, at most 300",
    ),
    (
        "website",
        P,
        'website = "https://example.org/help"',
        'website = "ftp://example.org"',
        38,
        "'website' must start with https://",
    ),
    (
        "contact-language",
        P,
        'languages = ["en", "es"]',
        'languages = ["en", "Spanish"]',
        39,
        "malformed language code 'Spanish'",
    ),
    ("contact-date", P, "checked = 2026-10-01", 'checked = "soon"', 40, "'checked' must be a date"),
    (
        "duplicate-question",
        P,
        'id = "devices"',
        'id = "travel"',
        27,
        "duplicate id 'travel' (first used at",
    ),
    ("toml-syntax", P, 'name = "Test pack"', 'name = "Test pack', 5, "not valid TOML"),
    (
        "toml-duplicate-key",
        P,
        "version = 2\n",
        "version = 2\nversion = 3\n",
        4,
        "not valid TOML: a key is given a value twice",
    ),
    (
        "item-unknown-key",
        B,
        'risk = "critical"\n',
        'risk = "critical"\nseverity = "x"\n',
        14,
        "unknown key 'severity'",
    ),
    (
        "item-typo",
        B,
        'title = "Lock your phone"',
        'titel = "Lock your phone"',
        7,
        "unknown key 'titel' (did you mean 'title'?)",
    ),
    (
        "item-missing-why",
        B,
        'why = "An unlocked phone gives away everything."\n',
        "",
        5,
        "missing key 'why'",
    ),
    ("item-empty-title", B, 'title = "Lock your phone"', 'title = "  "', 7, "'title' is empty"),
    (
        "item-long-why",
        B,
        'why = "An unlocked phone gives away everything."',
        f'why = "{LONG_WHY}"',
        8,
        "'why' is too long: 1001 characters, at most 1000",
    ),
    (
        "steps-empty",
        B,
        'steps = ["Back up.", "Remove what you do not need."]',
        "steps = []",
        21,
        "'steps' must have 1 to 12 entries, not 0",
    ),
    (
        "steps-13",
        B,
        'steps = ["Back up.", "Remove what you do not need."]',
        f"steps = [{THIRTEEN}]",
        21,
        "'steps' must have 1 to 12 entries, not 13",
    ),
    ("step-empty", B, '  "Set a PIN.",', '  "",', 11, "'steps' entry 2 is empty"),
    ("step-number", B, '  "Set a PIN.",', "  42,", 11, "'steps' entry 2 must be text"),
    (
        "risk",
        B,
        'risk = "critical"',
        'risk = "severe"',
        13,
        "'risk' must be one of critical, high, medium, low, not 'severe'",
    ),
    (
        "effort",
        B,
        'effort = "minutes"',
        'effort = "weeks"',
        14,
        "'effort' must be one of minutes, hours, days, not 'weeks'",
    ),
    ("item-id", B, 'id = "screen-lock"', 'id = "screen lock"', 6, "malformed id 'screen lock'"),
    (
        "duplicate-item",
        B,
        'id = "border-prep"',
        'id = "screen-lock"',
        18,
        "duplicate id 'screen-lock' (first used at",
    ),
    ("item-as-checklist-id", B, 'id = "border-prep"', 'id = "basics"', 18, "duplicate id 'basics'"),
    (
        "dangling-depends",
        B,
        'depends_on = ["screen-lock"]',
        'depends_on = ["screen-lok"]',
        25,
        "'depends_on' names unknown item 'screen-lok'",
    ),
    (
        "self-depends",
        B,
        'depends_on = ["screen-lock"]',
        'depends_on = ["border-prep"]',
        25,
        "item 'border-prep' depends on itself",
    ),
    (
        "depends-twice",
        B,
        'depends_on = ["screen-lock"]',
        'depends_on = ["screen-lock", "screen-lock"]',
        25,
        "'depends_on' lists 'screen-lock' twice",
    ),
    (
        "cycle",
        B,
        'depends_on = ["screen-lock"]',
        'depends_on = ["backups"]',
        0,
        "dependency cycle: border-prep -> backups -> border-prep",
    ),
    (
        "applies-unknown",
        B,
        'travel = "yes"',
        'travl = "yes"',
        24,
        "'applies_if' names unknown question 'travl'",
    ),
    (
        "applies-yes-no",
        B,
        'travel = "yes"',
        'travel = "maybe"',
        24,
        "'applies_if' answer 'maybe' is not an answer to 'travel' (one of: yes, no)",
    ),
    (
        "applies-multi",
        B,
        'devices = ["android", "iphone"]',
        'devices = ["android", "blackberry"]',
        24,
        "'applies_if' answer 'blackberry' is not an answer to 'devices'",
    ),
    (
        "applies-empty-list",
        B,
        'devices = ["android", "iphone"]',
        "devices = []",
        24,
        "'applies_if' answer for 'devices' must be text or a non-empty list",
    ),
    (
        "applies-not-table",
        B,
        'applies_if = { travel = "yes", devices = ["android", "iphone"] }',
        'applies_if = "travel"',
        24,
        "'applies_if' must be a table",
    ),
    (
        "source-empty",
        B,
        'sources = ["EFF Surveillance Self-Defense"]',
        'sources = [""]',
        27,
        "'sources' entry 1 is empty",
    ),
    (
        "item-reviewed",
        B,
        "reviewed = 2026-11-01\nsources",
        'reviewed = "2026-11-01"\nsources',
        26,
        "'reviewed' must be a date",
    ),
    (
        "checklist-no-summary",
        B,
        'summary = "The first things to do."\n',
        "",
        1,
        "missing key 'summary'",
    ),
    (
        "checklist-unknown-key",
        B,
        'summary = "The first things to do."\n',
        'summary = "The first things to do."\ndescription = "x"\n',
        4,
        "unknown key 'description'",
    ),
    ("checklist-id", B, 'id = "basics"', 'id = "-basics"', 1, "malformed id '-basics'"),
    (
        "applies-choice",
        M,
        'role = "freelance"',
        'role = "boss"',
        12,
        "'applies_if' answer 'boss' is not an answer to 'role'",
    ),
    (
        "toml-end-of-document",
        M,
        "reviewed = 2026-11-01\n",
        'reviewed = 2026-11-01\nsources = ["a",\n',
        15,
        "not valid TOML",
    ),
    (
        "applies-qualified",
        M,
        'role = "freelance"',
        '"Other/role" = "x"',
        12,
        "'applies_if' key 'Other/role' is not a question id",
    ),
    (
        "po-unknown-context",
        ES,
        'msgctxt "basics:title"',
        'msgctxt "basic:title"',
        18,
        "entry for unknown context 'basic:title'",
    ),
    ("po-no-context", ES, 'msgctxt "basics:title"\n', "", 18, "entry without msgctxt"),
    (
        "po-duplicate-context",
        ES,
        'msgctxt "screen-lock:steps.1"',
        'msgctxt "screen-lock:title"',
        14,
        "duplicate entry for context 'screen-lock:title' (first at line 10)",
    ),
    (
        "po-too-long",
        ES,
        'msgstr "Bloquea tu teléfono"',
        f'msgstr "{"x" * 361}"',
        12,
        "translation is too long: 361 characters, at most 360",
    ),
    (
        "po-repeated-entry",
        ES,
        'msgctxt "basics:title"\nmsgid "Basics"\nmsgstr "Lo básico"\n',
        'msgctxt "basics:title"\nmsgid "Basics"\nmsgstr "Lo básico"\n\n'
        'msgctxt "basics:title"\nmsgid "Basics"\nmsgstr "Otra cosa"\n',
        22,
        "duplicate entry for context 'basics:title' (msgfmt refuses repeated entries)",
    ),
    (
        "po-plural",
        ES,
        'msgid "Basics"\nmsgstr "Lo básico"',
        'msgid "Basics"\nmsgid_plural "Basics"\nmsgstr[0] "a"\nmsgstr[1] "b"',
        19,
        "plural entries (msgid_plural) are not used in packs",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_malformed_pack(tmp_path: Path, file: str, old: str, new: str, line: int, message: str):
    files = base_files()
    assert files[file].count(old) >= 1, "the case must change the pack"
    files[file] = files[file].replace(old, new, 1)
    if message.startswith("dependency cycle"):  # the cycle closes in the other file
        file, line = M, 13
    found = [str(p) for p in problems_of(write_pack(tmp_path, files))]
    expected = f"{tmp_path}/{file}:{line}: {message}"
    assert any(text.startswith(expected) for text in found), (expected, found)


def test_enough_distinct_cases():
    assert len({c[0] for c in CASES}) == len(CASES) >= 40


FILE_CASES: list[tuple[str, dict[str, str | None], str, str]] = [
    (
        "misnamed-checklist",
        {"checklists/01-basics.toml": None, "checklists/1-basics.toml": ""},
        "checklists/1-basics.toml",
        "checklist file names look like checklists/NN-name.toml",
    ),
    (
        "source-language-po",
        {"locales/en.po": ""},
        "locales/en.po",
        "a translation into the pack's source language",
    ),
    ("bad-locale-file", {"locales/ES.po": ""}, "locales/ES.po", "malformed language code 'ES'"),
    (
        "no-checklists",
        {"checklists/01-basics.toml": None, "checklists/02-more.toml": None},
        "checklists/",
        "the pack has no checklists",
    ),
    ("no-manifest", {"pack.toml": None}, "pack.toml", "missing: not a pack folder"),
    (
        "stray-file",
        {"checklists/03-extra.toml.bak": "x"},
        "checklists/03-extra.toml.bak",
        "warning: not part of the pack (checklists/ holds only *.toml files)",
    ),
    (
        "stray-translation",
        {"locales/es.pot": "x"},
        "locales/es.pot",
        "warning: not part of the pack (locales/ holds only *.po files)",
    ),
]


@pytest.mark.parametrize(
    ("changes", "file", "message"), [c[1:] for c in FILE_CASES], ids=[c[0] for c in FILE_CASES]
)
def test_malformed_layout(tmp_path: Path, changes: dict[str, str | None], file: str, message: str):
    files: dict[str, str] = base_files()
    for name, content in changes.items():
        if content is None:
            del files[name]
        else:
            files[name] = content
    found = [str(p) for p in problems_of(write_pack(tmp_path, files))]
    expected = f"{tmp_path}/{file}: {message}"  # about the whole file: no line
    assert any(text.startswith(expected) for text in found), (expected, found)


def test_not_utf8_names_the_line(tmp_path: Path):
    files: dict[str, str | bytes] = dict(base_files())
    files[B] = base_files()[B].replace("Lock your phone", "Verrouillé").encode("latin-1")
    found = [str(p) for p in problems_of(write_pack(tmp_path, files))]
    assert f"{tmp_path}/{B}:7: not UTF-8 text (save the file as UTF-8)" in found


def test_every_case_is_an_error_and_the_valid_pack_is_clean(tmp_path: Path):
    assert problems_of(write_pack(tmp_path / "ok")) == []
    files = base_files()
    files[P] = files[P].replace("format = 1", "format = 3")
    problems = problems_of(write_pack(tmp_path / "bad", files))
    assert problems and all(p.severity is Severity.ERROR for p in problems)


def test_a_refused_entry_does_not_cascade(tmp_path: Path):
    """A bad item or question is reported once, not again by each reference to it."""
    files = base_files()
    files[B] = files[B].replace('risk = "critical"', 'risk = "severe"')
    files[P] = files[P].replace('kind = "yes_no"', 'kind = "boolean"')
    found = [str(p) for p in problems_of(write_pack(tmp_path, files))]
    assert [text.split(": ", 1)[0] for text in found] == [
        f"{tmp_path}/{P}:14",
        f"{tmp_path}/{B}:13",
    ]


def test_a_typo_of_a_required_key_is_reported_once(tmp_path: Path):
    """'titel' is one mistake: reported at the typo, not again as a missing 'title'."""
    files = base_files()
    files[B] = files[B].replace('title = "Lock your phone"', 'titel = "Lock your phone"')
    files[P] = files[P].replace("publisher =", "publsher =")
    found = [str(p) for p in problems_of(write_pack(tmp_path, files))]
    assert found == [
        f"{tmp_path}/{P}:6: unknown key 'publsher' (did you mean 'publisher'?)",
        f"{tmp_path}/{B}:7: unknown key 'titel' (did you mean 'title'?)",
    ]
    files = base_files()
    files[P] = files[P].replace(
        'publisher = "Test publisher"\n', 'publisher = "Test publisher"\nx = 1\n'
    )
    files[P] = files[P].replace('license = "CC-BY-SA-4.0"\n', "")
    found = [str(p) for p in problems_of(write_pack(tmp_path / "two", files))]
    assert f"{tmp_path}/two/{P}:1: missing key 'license'" in found  # no near miss: missing


def test_a_file_that_does_not_parse_does_not_cascade(tmp_path: Path):
    """Items of a file with a TOML error are unknown, not missing: references to them
    from other files are not reported as dangling."""
    files = base_files()
    files[B] = files[B].replace('title = "Basics"', 'title = "Basics')
    found = [str(p) for p in problems_of(write_pack(tmp_path, files))]
    assert len(found) == 1 and found[0].startswith(f"{tmp_path}/{B}:2: not valid TOML"), found


def test_lint_reports_coverage_even_when_a_translation_has_errors(tmp_path: Path):
    from safetykit.packs.lint import lint_path

    files = base_files()
    files[ES] += 'msgctxt "nope:title"\nmsgid "x"\nmsgstr "y"\n'
    report = lint_path(write_pack(tmp_path, files), TODAY)
    assert not report.ok
    assert "es: 4 of 25 strings translated (16%)" in [str(n) for n in report.notes]


def test_references_to_other_packs_questions_are_checked_by_lint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from safetykit.packs import lint
    from safetykit.packs.model import Question, QuestionKind

    assert lint._installed()["org.safetykit.core"]  # the built-in pack's questions
    other = Question("travel", "Do you travel?", QuestionKind.YES_NO)
    monkeypatch.setattr(lint, "_installed", lambda: {"org.example.base": (other,)})
    old = 'applies_if = { travel = "yes", devices = ["android", "iphone"] }'
    cases = [
        ('"org.example.base/travel" = "yes"', None),
        ('"org.example.base/travl" = "yes"', "'applies_if' names unknown question"),
        ('"org.example.base/travel" = "maybe"', "'applies_if' answer 'maybe' is not an answer"),
        ('"org.example.gone/q" = "yes"', "warning: 'applies_if' names a question of pack"),
    ]
    for n, (condition, message) in enumerate(cases):
        files = base_files()
        files[B] = files[B].replace(old, f"applies_if = {{ {condition} }}")
        folder = write_pack(tmp_path / str(n), files)
        # Placeholder ids and the repeated "travel" question are warned about elsewhere.
        found = [
            str(p)
            for p in lint.lint_path(folder, TODAY).problems
            if "placeholder" not in str(p) and "would answer both" not in str(p)
        ]
        if message is None:
            assert found == []
        else:
            assert found and found[0].startswith(f"{folder}/{B}:24: {message}"), found
    # Loading alone (no lint) does not know the installed packs: no warning there.
    assert problems_of(folder) == []
