"""Review in a spreadsheet (issue 14, point 5): ``pack export-sheet`` and
``pack import-sheet`` round-trip every translatable field and rating; imports that
would change ids, drop a field, break the pack, re-format a date or arrive in another
encoding are refused with the row and column, and nothing is written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from safetykit.packs import po
from safetykit.packs.errors import PackError
from safetykit.packs.loader import load_pack_dir, read_pack_dir
from safetykit.packs.sheet import export_sheet, import_sheet
from tests.helpers import REPO, assert_clean_error, run_cli
from tests.packs.factory import base_files, write_pack

EXAMPLE = REPO / "docs" / "examples" / "field-reporting"
B = "checklists/01-basics.toml"


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, as spreadsheets expect
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _sheet(rows: list[list[str]], encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def _edit(rows: list[list[str]], key: str, value: str) -> list[list[str]]:
    found = [row for row in rows if row[0] == key]
    assert found, key
    found[0][1] = value
    return rows


def test_every_translatable_field_and_rating_is_in_the_sheet() -> None:
    files, _ = read_pack_dir(EXAMPLE)
    data = export_sheet(files, "example")
    assert b"\r\n" in data
    rows = _rows(data)
    assert rows[0][:2] == ["key", "text"]
    keys = [row[0] for row in rows[1:]]
    pack = load_pack_dir(EXAMPLE)
    expected = set(po.source_strings(pack))
    for item in pack.items():
        expected |= {f"{item.id}:risk", f"{item.id}:effort", f"{item.id}:reviewed"}
    expected |= {"pack:id", "pack:reviewed"}
    assert set(keys) == expected and len(keys) == len(expected)
    values = {row[0]: row[1] for row in rows[1:]}
    assert values["phone-lock:risk"] == "critical" and values["phone-lock:reviewed"] == "2026-11-28"
    assert all(row[2].split(":")[1].isdigit() for row in rows[1:])  # where: file:line


def test_round_trip_changes_nothing() -> None:
    files, _ = read_pack_dir(EXAMPLE)
    edited, changes = import_sheet(files, "example", export_sheet(files, "example"))
    assert changes == [] and edited == files


def test_formula_cells_stay_text_and_read_back_unchanged(tmp_path: Path) -> None:
    risky = ["=1+1", "+49 30 1234", "-rf", "@SUM(A1)", "'quoted", "\tTab", 'a\nb, "c"']
    files = base_files()
    # JSON strings are valid TOML basic strings.
    steps = ",\n".join("  " + json.dumps(s, ensure_ascii=False) for s in risky)
    files[B] = files[B].replace('  "Open settings.",\n  "Set a PIN.",', steps + ",")
    folder = write_pack(tmp_path / "p", files)
    packed, _ = read_pack_dir(folder)
    data = export_sheet(packed, "p")
    cells = {row[0]: row[1] for row in _rows(data)[1:]}
    for n, text in enumerate(risky):
        cell = cells[f"screen-lock:steps.{n}"]
        if text[0] in "=+-@'\t":
            assert cell == "'" + text  # a spreadsheet shows it as text, runs nothing
        else:
            assert cell == text
    edited, changes = import_sheet(packed, "p", data)
    assert changes == [] and edited == packed
    # Edited in a spreadsheet that keeps the apostrophe: the same text comes back.
    rows = _rows(data)
    _edit(rows, "screen-lock:title", '\'=HYPERLINK("x")')
    edited, changes = import_sheet(packed, "p", _sheet(rows))
    assert [(c.key, c.new) for c in changes] == [("screen-lock:title", '=HYPERLINK("x")')]


def test_edits_go_back_into_the_files_keeping_their_layout(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    files = base_files()
    files[B] = files[B].replace('title = "Lock your phone"', 'title = "Lock your phone"  # keep')
    write_pack(folder, files)
    sheet = tmp_path / "review.csv"
    done = run_cli("pack", "export-sheet", folder, "-o", sheet)
    assert done.returncode == 0, done.stderr
    rows = _rows(sheet.read_bytes())
    _edit(rows, "screen-lock:title", 'Lock your "smart" phone')
    _edit(rows, "screen-lock:steps.1", "Set a PIN\nof six digits.")
    _edit(rows, "screen-lock:risk", "high")
    _edit(rows, "screen-lock:reviewed", "2026-12-01")
    _edit(rows, "role:option.staff", "Staff member")
    _edit(rows, "pack:name", "Reviewed pack")
    sheet.write_bytes(_sheet(rows))
    done = run_cli("pack", "import-sheet", sheet, folder)
    assert done.returncode == 0, done.stderr
    assert "6 changes from" in done.stderr
    text = (folder / B).read_text()
    assert 'title = "Lock your \\"smart\\" phone"  # keep' in text
    assert '  "Set a PIN\\nof six digits.",' in text
    assert 'risk = "high"' in text and "reviewed = 2026-12-01" in text
    pack = load_pack_dir(folder)
    assert pack.name == "Reviewed pack"
    assert pack.item("screen-lock").steps[1] == "Set a PIN\nof six digits."
    assert pack.question("role").options[0].label == "Staff member"
    assert run_cli("pack", "lint", folder).returncode == 0


def _refusal(files: dict[str, bytes], data: bytes) -> str:
    with pytest.raises(PackError) as caught:
        import_sheet(files, "p", data)
    return str(caught.value)


@pytest.fixture
def packed(tmp_path: Path) -> dict[str, bytes]:
    return read_pack_dir(write_pack(tmp_path / "p"))[0]


def _row_of(rows: list[list[str]], key: str) -> int:
    return next(n for n, row in enumerate(rows, start=1) if row[0] == key)


def test_a_changed_id_is_refused(packed: dict[str, bytes]) -> None:
    rows = _rows(export_sheet(packed, "p"))
    row = _row_of(rows, "screen-lock:title")
    rows[row - 1][0] = "screen-lok:title"
    message = _refusal(packed, _sheet(rows))
    assert message.startswith(f"Row {row}, column A of the sheet: 'screen-lok:title' is not a key")
    assert "Nothing was changed" in message
    rows = _rows(export_sheet(packed, "p"))
    _edit(rows, "pack:id", "org.example.other")
    assert "column B of the sheet: the pack id cannot change" in _refusal(packed, _sheet(rows))


def test_a_dropped_field_is_refused(packed: dict[str, bytes]) -> None:
    rows = _rows(export_sheet(packed, "p"))
    row = _row_of(rows, "screen-lock:why")
    _edit(rows, "screen-lock:why", "  ")
    assert f"Row {row}, column B of the sheet: the text is empty" in _refusal(packed, _sheet(rows))
    rows = _rows(export_sheet(packed, "p"))
    del rows[row - 1]
    message = _refusal(packed, _sheet(rows))
    assert "column A of the sheet: the row for 'screen-lock:why' is missing" in message
    rows = _rows(export_sheet(packed, "p"))
    rows.append(list(rows[row - 1]))
    assert "a second time (first in row" in _refusal(packed, _sheet(rows))


def test_a_reformatted_date_is_refused(packed: dict[str, bytes]) -> None:
    for value in ("01/11/2026", "2026-11-1", "1 Nov 2026", "2026-02-30"):
        rows = _rows(export_sheet(packed, "p"))
        row = _row_of(rows, "screen-lock:reviewed")
        _edit(rows, "screen-lock:reviewed", value)
        message = _refusal(packed, _sheet(rows))
        assert message.startswith(f"Row {row}, column B of the sheet: '{value}' is not a"), message


def test_what_would_break_the_pack_is_refused(packed: dict[str, bytes]) -> None:
    rows = _rows(export_sheet(packed, "p"))
    row = _row_of(rows, "screen-lock:risk")
    _edit(rows, "screen-lock:risk", "severe")
    message = _refusal(packed, _sheet(rows))
    assert message.startswith(f"Row {row}, column B of the sheet: 'severe' is not one of")
    rows = _rows(export_sheet(packed, "p"))
    _edit(rows, "screen-lock:title", "x" * 121)
    assert "the text is too long: 121 characters, at most 120" in _refusal(packed, _sheet(rows))
    rows = _rows(export_sheet(packed, "p"))
    rows[0] = ["id", "value", "where"]
    assert _refusal(packed, _sheet(rows)).startswith("Row 1, column A of the sheet: the first")


def test_another_encoding_is_refused(packed: dict[str, bytes]) -> None:
    rows = _rows(export_sheet(packed, "p"))
    row = _row_of(rows, "screen-lock:title")
    _edit(rows, "screen-lock:title", "Verrouillez votre téléphone")
    message = _refusal(packed, _sheet(rows, "cp1252"))
    assert message.startswith(f"Row {row}, column B of the sheet: the sheet is not UTF-8")
    message = _refusal(packed, _sheet(rows, "utf-16"))
    assert "saved as UTF-16" in message
    # Without the BOM, UTF-8 is read just as well.
    _edited, changes = import_sheet(packed, "p", _sheet(rows, "utf-8"))
    assert [c.key for c in changes] == ["screen-lock:title"]


def test_a_refused_sheet_writes_nothing(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p")
    before = {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    rows = _rows(export_sheet(read_pack_dir(folder)[0], "p"))
    _edit(rows, "screen-lock:title", "A new title")  # fine…
    _edit(rows, "border-prep:reviewed", "28.11.2026")  # …but this is not
    (tmp_path / "s.csv").write_bytes(_sheet(rows))
    done = run_cli("pack", "import-sheet", tmp_path / "s.csv", folder)
    assert_clean_error(done)
    assert "column B of the sheet: '28.11.2026' is not a date" in done.stderr
    assert {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()} == before


def test_table_steps_and_multi_line_strings_are_edited_in_place(tmp_path: Path) -> None:
    files = base_files()
    files["pack.toml"] = files["pack.toml"].replace("format = 1", "format = 2")
    files[B] = (
        files[B]
        .replace(
            '  "Set a PIN.",', '  { text = "Set a PIN.", applies_if = { devices = "iphone" } },'
        )
        .replace(
            'why = "An unlocked phone gives away everything."',
            'why = """An unlocked phone\ngives away everything."""',
        )
    )
    packed = read_pack_dir(write_pack(tmp_path / "p", files))[0]
    rows = _rows(export_sheet(packed, "p"))
    _edit(rows, "screen-lock:steps.1", "Set a long PIN.")
    _edit(rows, "screen-lock:why", "An unlocked phone gives away everything you have.")
    edited, changes = import_sheet(packed, "p", _sheet(rows))
    assert len(changes) == 2
    text = edited[B].decode("utf-8")
    assert '{ text = "Set a long PIN.", applies_if = { devices = "iphone" } },' in text
    assert 'why = "An unlocked phone gives away everything you have."' in text
    # Everything else in the file is as it was.
    assert (
        text.replace("Set a long PIN.", "Set a PIN.").replace(
            '"An unlocked phone gives away everything you have."',
            '"""An unlocked phone\ngives away everything."""',
        )
        == files[B]
    )


def test_sorted_rows_are_matched_by_key(packed: dict[str, bytes]) -> None:
    rows = _rows(export_sheet(packed, "p"))
    _edit(rows, "screen-lock:title", "Lock your phone now")
    header, body = rows[0], sorted(rows[1:], key=lambda row: row[1].casefold(), reverse=True)
    _edited, changes = import_sheet(packed, "p", _sheet([header, *body]))
    assert [(c.key, c.new) for c in changes] == [("screen-lock:title", "Lock your phone now")]
