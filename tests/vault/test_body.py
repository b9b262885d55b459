"""The canonical body encoding, and the cached encoder that saves use."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from safetykit.vault import body

text = st.text(max_size=6)
answer = st.fixed_dictionaries(
    {
        "status": st.sampled_from(["done", "partly", "todo", "na"]),
        "note": text,
        "due": st.none() | st.just("2026-12-01"),
    }
)
assessment = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["a", "b", "c", "d"]),
        "started": text,
        "answers": st.dictionaries(text, answer, max_size=4),
    }
)
edit = st.tuples(st.integers(0, 10), text, answer | st.none())


def test_canonical_form() -> None:
    data = body.empty_body()
    data["profile"] = {"b/x": "é", "a/y": ["z", "a"]}
    assert body.encode(data) == (
        b'{"assessments":[],"packs":{"digests":{},"imported":{},"signers":{},"trusted_keys":{},'
        b'"versions":{}},'
        b'"profile":{"a/y":["z","a"],"b/x":"\xc3\xa9"},"settings":{}}'
    )
    assert body.decode(body.encode(data)) == data


@settings(max_examples=200, deadline=None)
@given(st.lists(assessment, max_size=5), st.lists(edit, max_size=12))
def test_cached_encoder_matches_a_fresh_encoding(
    start: list[dict[str, Any]], edits: list[tuple[int, str, Any]]
) -> None:
    data = body.empty_body()
    data["assessments"] = copy.deepcopy(start)
    encoder = body.Encoder()
    assert encoder.encode(data) == body.encode(data)
    for where, key, value in edits:
        items = data["assessments"]
        if not items:
            items.append({"id": key or "new", "started": "", "answers": {}})
        target = items[where % len(items)]
        if value is None:
            target["answers"].pop(key, None)
            if where % 3 == 0:
                items.remove(target)  # assessments can go, too
        elif key in target["answers"] and where % 2:
            target["answers"][key]["note"] += "!"  # change nested in place
        else:
            target["answers"][key] = value
        assert encoder.encode(data) == body.encode(data)
        json.loads(encoder.encode(data))


def test_cached_sections_follow_changes() -> None:
    data = body.empty_body()
    data["packs"]["imported"]["org.example"] = {"archive": "QUJD" * 1000, "version": 3}
    encoder = body.Encoder()
    assert encoder.encode(data) == body.encode(data)
    data["packs"]["imported"]["org.example"]["version"] = 4  # changed in place
    assert encoder.encode(data) == body.encode(data)
    data["packs"]["versions"]["org.example"] = 4
    data["settings"]["idle_minutes"] = 5
    assert encoder.encode(data) == body.encode(data)
    del data["packs"]["imported"]["org.example"]
    data["extra"] = {"kept": ["as", "is"]}  # a section a newer version may add
    assert encoder.encode(data) == body.encode(data)
    del data["extra"]
    assert encoder.encode(data) == body.encode(data)
