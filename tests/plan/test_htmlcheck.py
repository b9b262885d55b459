"""The checker the plan tests rely on must be able to fail: one page per kind of problem."""

from __future__ import annotations

import base64

import pytest

from tests.plan.htmlcheck import check

PAGE = (
    '<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8">'
    "<title>t</title>{head}</head><body><p>ok</p>{body}</body></html>"
)


def svg_url(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


BAD_BODY = {
    "script": "<script>alert(1)</script>",
    "script-upper": "<SCRIPT>alert(1)</SCRIPT>",
    "iframe": "<iframe></iframe>",
    "object": "<object></object>",
    "embed": "<embed>",
    "form": "<form></form>",
    "input": "<input>",
    "svg inline": "<svg></svg>",
    "onload": '<p onload="x()">a</p>',
    "onclick upper": '<p ONCLICK="x()">a</p>',
    "onerror on img": '<img src="data:image/png;base64,AA==" onerror="x()">',
    "external img": '<img src="http://192.0.2.1/x.png">',
    "protocol-relative img": '<img src="//192.0.2.1/x.png">',
    "javascript href": '<a href="javascript:alert(1)">a</a>',
    "external href": '<a href="https://example.org/">a</a>',
    "relative href": '<a href="other.html">a</a>',
    "srcset": '<img src="data:image/png;base64,AA==" srcset="http://192.0.2.1/x.png 2x">',
    "background attr": '<table background="http://192.0.2.1/x.png"></table>',
    "non-image data img": '<img src="data:text/html,<b>x</b>">',
    "style url": '<p style="background:url(http://192.0.2.1/x)">a</p>',
    "script in chart": '<img src="{}">'.format(
        svg_url('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    ),
    "handler in chart": '<img src="{}">'.format(
        svg_url('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>')
    ),
    "external image in chart": '<img src="{}">'.format(
        svg_url('<svg xmlns="http://www.w3.org/2000/svg"><image href="http://192.0.2.1/x"/></svg>')
    ),
}
BAD_HEAD = {
    "base": '<base href="http://192.0.2.1/">',
    "link": '<link rel="stylesheet" href="x.css">',
    "link data": '<link rel="icon" href="data:image/png;base64,AA==">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=http://192.0.2.1/">',
    "meta refresh upper": '<meta http-equiv="Refresh" content="5">',
    "css import": "<style>@import url(http://192.0.2.1/x.css);</style>",
    "css url": "<style>body { background: url(x.png) }</style>",
}


def test_a_clean_page_passes() -> None:
    img = '<img src="data:image/png;base64,AA=="><a href="#top">top</a>'
    assert check(PAGE.format(head="<style>p { color: #000 }</style>", body=img)).problems == []


@pytest.mark.parametrize("name", sorted(BAD_BODY))
def test_checker_catches_bad_body(name: str) -> None:
    assert check(PAGE.format(head="", body=BAD_BODY[name])).problems, name


@pytest.mark.parametrize("name", sorted(BAD_HEAD))
def test_checker_catches_bad_head(name: str) -> None:
    assert check(PAGE.format(head=BAD_HEAD[name], body="")).problems, name
