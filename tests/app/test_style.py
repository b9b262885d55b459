"""The stylesheet adds structure only: no fixed colours and no fixed font sizes, so
the system's palette (light or dark) and the user's text size always apply (UI.md)."""

from __future__ import annotations

import re

from safetykit import resources

STYLE = resources.ui_dir() / "style.qss"
FIXED_COLOUR = re.compile(
    r"#[0-9a-fA-F]{3,8}\b|\brgba?\s*\(|\bhsla?\s*\(|"
    r"\b(?:black|white|red|green|blue|gray|grey|yellow|orange|purple|navy|silver)\b",
    re.IGNORECASE,
)
FIXED_FONT_SIZE = re.compile(r"font(?:-size)?\s*:[^;]*\b\d+(?:\.\d+)?\s*(?:pt|px|em)\b", re.I)


def _without_comments(text: str) -> str:
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def test_no_fixed_colours_or_font_sizes() -> None:
    text = _without_comments(STYLE.read_text(encoding="utf-8"))
    assert FIXED_COLOUR.findall(text) == []
    assert FIXED_FONT_SIZE.findall(text) == []
    assert "palette(" in text  # emphasis comes from the palette's roles


def test_the_checks_would_catch_them() -> None:
    bad = "QLabel { color: #1d3557; font-size: 11pt; background: white; }"
    assert FIXED_COLOUR.findall(bad)
    assert FIXED_FONT_SIZE.findall(bad)
    assert not FIXED_COLOUR.findall("QLabel { color: palette(highlight); }")
