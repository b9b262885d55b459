"""Messages that help a trainer fix a pack (issue 14, points 2 and 7): TOML hints,
"did you mean" for ids and PO contexts, placeholders left from ``pack new``, questions
that repeat an installed one, and stale review dates summarised."""

from __future__ import annotations

from pathlib import Path

import pytest

from safetykit.packs import lint
from safetykit.packs.errors import StaleReview
from safetykit.packs.model import Question, QuestionKind
from tests.helpers import run_cli
from tests.packs.factory import TODAY, base_files, problems_of, write_pack

B = "checklists/01-basics.toml"
ES = "locales/es.po"


@pytest.mark.parametrize(
    ("old", "new", "line", "hint"),
    [
        (
            'applies_if = { travel = "yes", devices = ["android", "iphone"] }',
            'applies_if = { travel = "yes", }',
            24,
            "(remove the comma before the }: TOML 1.0 allows none there)",
        ),
        (
            'applies_if = { travel = "yes", devices = ["android", "iphone"] }',
            'applies_if = { travel = "yes",\n  devices = ["android"] }',
            24,
            "(an inline table { … } must be on one line: join the lines up to the })",
        ),
        (
            'title = "Lock your phone"',
            "title = “Lock your phone”",
            7,
            "(the text is in curly quotes (“ ”), as word processors write them: put it in "
            'straight double quotes " ")',
        ),
        (
            'title = "Lock your phone"',
            'title = "Lock your "smart" phone"',
            7,
            '(a " inside the text ends it: write it as \\" (or use “curly” quotes inside the '
            "text))",
        ),
        (
            '  "Set a PIN.",',
            '  "Set a "long" PIN.",',
            11,
            '(a " inside the text ends it',
        ),
        (
            'title = "Lock your phone"',
            'title = "Lock your phone',
            7,
            '(the text has no closing " on this line',
        ),
        (
            'title = "Lock your phone"',
            'title = "Lock C:\\Users"',
            7,
            '(a backslash inside "…" starts an escape: write it twice',
        ),
        (
            'id = "basics"',
            '\ufeffid = "basics"',
            1,
            "(the file starts with a byte-order mark (BOM): save it as UTF-8 without BOM)",
        ),
    ],
    ids=[
        "trailing comma",
        "line break in braces",
        "curly quotes",
        "quote inside text",
        "quote inside a step",
        "no closing quote",
        "backslash",
        "byte-order mark",
    ],
)
def test_toml_mistakes_get_a_one_line_hint(
    tmp_path: Path, old: str, new: str, line: int, hint: str
) -> None:
    files = base_files()
    assert old in files[B]
    files[B] = files[B].replace(old, new)
    found = [str(p) for p in problems_of(write_pack(tmp_path, files))]
    assert len(found) == 1, found
    assert found[0].startswith(f"{tmp_path}/{B}:{line}: not valid TOML: "), found
    assert hint in found[0], found
    assert "\n" not in found[0]


def test_did_you_mean_for_items_questions_and_contexts(tmp_path: Path) -> None:
    files = base_files()
    files[B] = files[B].replace('depends_on = ["screen-lock"]', 'depends_on = ["screen-lok"]')
    files[B] = files[B].replace('{ travel = "yes",', '{ travle = "yes",')
    found = [str(p) for p in problems_of(write_pack(tmp_path, files))]
    assert (
        f"{tmp_path}/{B}:25: 'depends_on' names unknown item 'screen-lok' "
        "(did you mean 'screen-lock'?)" in found
    ), found
    assert (
        f"{tmp_path}/{B}:24: 'applies_if' names unknown question 'travle' "
        "(did you mean 'travel'?)" in found
    ), found
    files = base_files()  # translations are read once the pack itself has no errors
    files[ES] = files[ES].replace('msgctxt "basics:title"', 'msgctxt "basic:title"')
    found = [str(p) for p in problems_of(write_pack(tmp_path / "po", files))]
    assert any(
        p.startswith(f"{tmp_path}/po/{ES}:")
        and "entry for unknown context 'basic:title' (did you mean 'basics:title'?)" in p
        for p in found
    ), found


def test_did_you_mean_for_another_packs_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = Question("border", "Do you travel?", QuestionKind.YES_NO)
    monkeypatch.setattr(lint, "_installed", lambda: {"org.example.base": (other,)})
    files = base_files()
    files[B] = files[B].replace('{ travel = "yes",', '{ "org.example.base/bordr" = "yes",')
    found = [str(p) for p in lint.lint_path(write_pack(tmp_path, files), TODAY).problems]
    assert any(
        "names unknown question 'org.example.base/bordr' "
        "(did you mean 'org.example.base/border'?)" in p
        for p in found
    ), found


def test_a_question_repeating_an_installed_one_is_warned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    same_id = Question("travel", "Do you go abroad?", QuestionKind.YES_NO)
    same_text = Question("kind-of-role", "What is your ROLE", QuestionKind.YES_NO)
    monkeypatch.setattr(lint, "_installed", lambda: {"org.safetykit.core": (same_id, same_text)})
    folder = write_pack(tmp_path / "p", base_files())
    report = lint.lint_path(folder, TODAY)
    assert report.ok  # a warning: the pack still loads
    warnings = [str(p) for p in report.problems if "would answer both" in str(p)]
    assert warnings == [
        f"{folder}/pack.toml:12: warning: question 'travel' has the id of the installed "
        "question 'org.safetykit.core/travel' (\"Do you go abroad?\"): users would answer "
        'both; remove it and write applies_if = { "org.safetykit.core/travel" = … } in its '
        "items",
        f"{folder}/pack.toml:17: warning: question 'role' asks the same as the installed "
        "question 'org.safetykit.core/kind-of-role' (\"What is your ROLE\"): users would "
        'answer both; remove it and write applies_if = { "org.safetykit.core/kind-of-role" '
        "= … } in its items",
    ]
    # A pack is not compared with itself (linting the built-in pack).
    monkeypatch.setattr(lint, "_installed", lambda: {"org.example.test": (same_id,)})
    assert not [p for p in lint.lint_path(folder, TODAY).problems if "answer both" in str(p)]


def test_the_real_built_in_travel_question_is_found(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", base_files())
    found = [str(p) for p in lint.lint_path(folder, TODAY).problems]
    assert any("'org.safetykit.core/travel'" in p and "answer both" in p for p in found), found


def test_stale_review_dates_are_summarised_unless_verbose(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", base_files())
    report = lint.lint_path(folder, TODAY.replace(year=2028))
    stale = [p for p in report.problems if isinstance(p, StaleReview)]
    assert len(stale) == 5  # the pack, its contact, three items
    lines = lint.summarised(report.problems, "p")
    summary = [line for line in lines if "review dates" in line]
    assert summary == [
        "p: warning: 5 review dates are more than 12 months old; the oldest is contact "
        f"'Helpline', 2026-10-01 ({folder}/pack.toml:40); --verbose lists each"
    ]
    assert not any("last reviewed" in line for line in lines)
    assert lint.summarised(report.problems, "p", verbose=True) == [str(p) for p in report.problems]
    done = run_cli("pack", "lint", "--today", "2028-01-01", folder)
    assert "5 review dates are more than 12 months old" in done.stdout
    assert done.stdout.count("last reviewed") == 0
    done = run_cli("pack", "lint", "--verbose", "--today", "2028-01-01", folder)
    assert done.stdout.count("last reviewed") == 5, done.stdout


def test_one_stale_date_is_shown_as_it_is(tmp_path: Path) -> None:
    files = base_files()
    folder = write_pack(tmp_path / "p", files)
    report = lint.lint_path(folder, TODAY.replace(year=2027, month=10, day=15))
    lines = lint.summarised(report.problems, "p")
    assert any("contact 'Helpline' was last reviewed 2026-10-01" in line for line in lines)
