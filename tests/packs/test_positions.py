"""The TOML position finder: the line of keys, entries and elements."""

from __future__ import annotations

import tomllib

from safetykit.packs.positions import find_positions

DOC = '''\
# a comment with [brackets] and "quotes"
title = "a # not a comment"
"quoted key" = 'literal \\ no escape'
dotted.key = 1
multi = """
first line "with" quotes \\"""
still inside
"""
after = 2

[table]
inner = [
  "one", # comment between elements
  [1, 2],
  { a = 1, b = { c = "x" } },
]

[[item]]
id = "a"
steps = ["s0",
         "s1"]

[[item]]
id = "b"
when = 2026-11-28
nested.deep = true

[item.sub]
flag = false

[[item.child]]
x = 1

[[item.child]]
x = 2
'''


def test_positions_follow_the_data_paths():
    data = tomllib.loads(DOC)  # the document is valid TOML
    assert data["item"][1]["child"][1]["x"] == 2
    pos = find_positions(DOC)
    expect = {
        ("title",): 2,
        ("quoted key",): 3,
        ("dotted", "key"): 4,
        ("multi",): 5,
        ("after",): 9,
        ("table",): 11,
        ("table", "inner"): 12,
        ("table", "inner", 0): 13,
        ("table", "inner", 1): 14,
        ("table", "inner", 1, 1): 14,
        ("table", "inner", 2): 15,
        ("table", "inner", 2, "b", "c"): 15,
        ("item",): 18,
        ("item", 0): 18,
        ("item", 0, "steps", 1): 21,
        ("item", 1): 23,
        ("item", 1, "when"): 25,
        ("item", 1, "nested", "deep"): 26,
        ("item", 1, "sub", "flag"): 29,
        ("item", 1, "child", 0, "x"): 32,
        ("item", 1, "child", 1): 34,
        ("item", 1, "child", 1, "x"): 35,
    }
    assert {path: pos.line(path) for path in expect} == expect


def test_unknown_paths_fall_back_to_the_enclosing_entry():
    pos = find_positions(DOC)
    assert pos.line(("item", 1, "missing")) == 23
    assert pos.line(("nowhere",)) == 1


def test_text_it_cannot_follow_keeps_what_it_found():
    pos = find_positions('a = 1\nb = "unterminated\nc = 3\n')
    assert pos.line(("a",)) == 1
    assert pos.line(("c",)) == 1  # fallback: never an exception
