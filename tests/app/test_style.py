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


def test_icons_are_svg_and_sharp_at_200_percent(qapp: object) -> None:
    """Every icon the app ships is an SVG drawn by Qt's SVG icon engine: asked for at a
    device pixel ratio of 2 it is rendered at twice the pixels (not an upscaled bitmap)
    and has detail at that size."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon, QImage

    from safetykit import resources

    icons = sorted((resources.ui_dir() / "icons").iterdir())
    assert icons, "no icons found"
    assert all(p.suffix == ".svg" for p in icons), [p.name for p in icons]
    for path in icons:
        icon = QIcon(str(path))
        assert not icon.isNull(), f"{path.name}: Qt cannot load it (is the SVG plugin there?)"
        assert icon.availableSizes() == [], f"{path.name}: not drawn by the scalable engine"
        pixmap = icon.pixmap(QSize(32, 32), 2.0)
        assert (pixmap.width(), pixmap.height()) == (64, 64)
        image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
        small = icon.pixmap(QSize(32, 32), 1.0).toImage().scaled(64, 64)
        small = small.convertToFormat(QImage.Format.Format_ARGB32)
        # An upscaled 32 px bitmap would equal the 2x rendering; a real one differs.
        assert image != small, f"{path.name}: the 200 % rendering is an upscaled bitmap"
