"""The category chart reads on a black-and-white printout and stays inert."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET

from safetykit.plan.chart import chart_data_url, chart_svg

SVG = "{http://www.w3.org/2000/svg}"
ROWS = [("Accounts & <passwords>", 65), ("Devices", 0), ("Travel", None), ("Wellbeing", 100)]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output) well-formed, or Qt drops it


def test_every_row_has_its_label_and_percentage_as_text() -> None:
    root = parse(chart_svg(ROWS, not_scored="not scored"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    for label, percent in ROWS:
        assert label in texts
        assert (f"{percent}%" if percent is not None else "not scored") in texts


def test_only_black_white_and_grey_no_colour_to_tell_apart() -> None:
    root = parse(chart_svg(ROWS))
    colours = set()
    for element in root.iter():
        for name in ("fill", "stroke"):
            if name in element.attrib:
                colours.add(element.attrib[name].lower())
    assert colours <= {"black", "white", "none"} | {
        c for c in colours if re.fullmatch(r"#([0-9a-f]{2})\1\1", c)
    }, colours
    # Filled parts are hatched with black lines, and every bar has a black outline.
    assert any(e.attrib.get("stroke") == "black" for e in root.iter(f"{SVG}line"))
    outlined = [e for e in root.iter(f"{SVG}rect") if e.attrib.get("stroke") == "black"]
    assert len(outlined) >= len(ROWS)


def test_right_to_left_puts_labels_on_the_right() -> None:
    ltr = parse(chart_svg([("Label", 50)]))
    rtl = parse(chart_svg([("Label", 50)], rtl=True))
    width = int(ltr.attrib["width"])

    def label_x(root: ET.Element) -> int:
        return int(next(t for t in root.iter(f"{SVG}text") if t.text == "Label").attrib["x"])

    assert label_x(ltr) < width / 2 < label_x(rtl)


def test_data_url_round_trips_and_has_no_active_content() -> None:
    svg = chart_svg([("<script>alert(1)</script>", 10)])
    url = chart_data_url(svg)
    assert url.startswith("data:image/svg+xml;base64,")
    decoded = base64.b64decode(url.split(",", 1)[1]).decode("utf-8")
    assert decoded == svg
    assert "<script" not in decoded
    assert not any(el.tag.endswith("script") for el in parse(decoded).iter())
