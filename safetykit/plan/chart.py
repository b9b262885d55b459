"""The category chart: an SVG bar chart inside a ``data:image/svg+xml`` URL.

An ``<img>`` with a data URL is the one form both the browser and Qt's rich text show
(Qt drops inline ``<svg>``), and the CSP allows it (``img-src data:``). The chart must
read on a black-and-white printout, so it does not rely on colour: every bar has an
outline, its filled part is hatched, and every row carries its label and percentage as
text. Right-to-left plans mirror the layout. The SVG is drawn at twice its printed
size so the PDF (where Qt rasterises it) stays sharp.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape, quoteattr

SCALE = 2  # drawn size / printed size
WIDTH = 600  # printed width in CSS pixels (fits A4 and Letter at 2 cm margins)
ROW = 20  # printed row height
_LABEL_SHARE = 0.5
_VALUE_WIDTH = 56
_HATCH_GAP = 5


def chart_height(rows: int) -> int:
    return ROW * max(rows, 1) + 8


def chart_svg(
    rows: Sequence[tuple[str, int | None]],
    rtl: bool = False,
    font: str = "DejaVu Sans, Noto Sans Arabic, Arial, sans-serif",
    not_scored: str = "–",
    percent: Callable[[int], str] = "{}%".format,
) -> str:
    """An SVG bar per (label, percent) row; None draws an empty bar marked ``not_scored``."""
    s = SCALE
    width = WIDTH * s
    height = chart_height(len(rows)) * s
    label_w = int(WIDTH * _LABEL_SHARE) * s
    value_w = _VALUE_WIDTH * s
    bar_w = width - label_w - value_w - 16 * s
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="white"/>',
    ]
    for n, (label, value_percent) in enumerate(rows):
        top = (4 + n * ROW) * s
        bar_top = top + 4 * s
        bar_h = (ROW - 8) * s
        text_y = top + (ROW // 2 + 4) * s
        # Left to right: label | bar | value. Right to left: value | bar | label.
        if rtl:
            label_x, label_anchor = width - 4 * s, "end"
            bar_x = value_w + 8 * s
            value_x, value_anchor = value_w, "end"
        else:
            label_x, label_anchor = 4 * s, "start"
            bar_x = label_w + 8 * s
            value_x, value_anchor = width - 4 * s, "end"
        shown = _fit(label, label_w // s)
        out.append(_text(label_x, text_y, shown, label_anchor, font, s))
        out.append(
            f'<rect x="{bar_x}" y="{bar_top}" width="{bar_w}" height="{bar_h}" '
            f'fill="white" stroke="black" stroke-width="{s}"/>'
        )
        if value_percent:
            filled = bar_w * min(max(value_percent, 0), 100) // 100
            start = bar_x + bar_w - filled if rtl else bar_x
            out.append(_hatched(start, bar_top, filled, bar_h, s))
        value = not_scored if value_percent is None else percent(value_percent)
        out.append(_text(value_x, text_y, value, value_anchor, font, s, bold=True))
    out.append("</svg>")
    return "".join(out)


def chart_data_url(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _fit(label: str, room: int) -> str:
    """Shorten a label that would overrun its column (about 6 px per character)."""
    most = max(room // 6, 4)
    return label if len(label) <= most else label[: most - 1].rstrip() + "…"


def _text(x: int, y: int, text: str, anchor: str, font: str, s: int, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-family={quoteattr(font)} '
        f'font-size="{11 * s}"{weight} fill="black">{escape(text)}</text>'
    )


def _hatched(x: int, y: int, w: int, h: int, s: int) -> str:
    """A grey block with diagonal black hatching: dark on paper, in any printer."""
    parts = [f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="#bbbbbb"/>']
    gap = _HATCH_GAP * s
    # Lines at 45°, clipped by hand to the block (Qt's SVG Tiny has no clipPath).
    for offset in range(-h, w, gap):
        left, right = max(offset, 0), min(offset + h, w)
        if left >= right:
            continue
        parts.append(
            f'<line x1="{x + left}" y1="{y + h - (left - offset)}" '
            f'x2="{x + right}" y2="{y + h - (right - offset)}" '
            f'stroke="black" stroke-width="{s}"/>'
        )
    parts.append(
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="none" stroke="black" '
        f'stroke-width="{s}"/>'
    )
    return "".join(parts)
