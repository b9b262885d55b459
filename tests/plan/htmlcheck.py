"""An HTML checker for plan tests: what may never appear in a plan, and its text.

Built on html.parser, which tokenises the way a browser's tokenizer broadly does: a
string that escaped autoescape would show up here as a start tag or an attribute.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

FORBIDDEN_TAGS = frozenset(
    {
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "form",
        "input",
        "button",
        "base",
        "link",
        "svg",
        "math",
        "template",
        "audio",
        "video",
        "source",
        "portal",
    }
)
URL_ATTRIBUTES = frozenset(
    {
        "src",
        "href",
        "action",
        "formaction",
        "srcset",
        "background",
        "poster",
        "cite",
        "longdesc",
        "data",
        "codebase",
        "xlink:href",
        "ping",
        "manifest",
    }
)
_CSS_DANGER = re.compile(r"url\s*\(|expression\s*\(|@import|javascript:", re.IGNORECASE)


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # text content outside style/title
    structure: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    images: list[str] = field(default_factory=list)  # data: URLs of <img>
    styles: list[str] = field(default_factory=list)
    lang: str | None = None
    dir: str | None = None
    csp: str | None = None

    @property
    def all_text(self) -> str:
        return "".join(self.text)


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.report = Report()
        self._skip = 0  # inside <style> or <title>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        r = self.report
        names = tuple(sorted(name for name, _ in attrs))
        r.structure.append((tag, names))
        if tag in FORBIDDEN_TAGS:
            r.problems.append(f"forbidden element <{tag}>")
        values = {name: (value or "") for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                r.problems.append(f"event handler {name} on <{tag}>")
            if name in URL_ATTRIBUTES and not (value.startswith("#") or value.startswith("data:")):
                r.problems.append(f"external reference {name}={value[:60]!r} on <{tag}>")
            if name == "style" and _CSS_DANGER.search(value):
                r.problems.append(f"dangerous inline style on <{tag}>")
        if tag == "meta":
            equiv = values.get("http-equiv", "").lower()
            if equiv == "refresh":
                r.problems.append("meta refresh")
            if equiv == "content-security-policy":
                r.csp = values.get("content")
        if tag == "img":
            src = values.get("src", "")
            if not src.startswith("data:image/"):
                r.problems.append(f"image not a data:image URL: {src[:60]!r}")
            r.images.append(src)
        if tag == "html":
            r.lang = values.get("lang")
            r.dir = values.get("dir")
        if tag in ("style", "title"):
            self._skip += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("style", "title"):
            self._skip -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._skip:
            self.report.styles.append(data)
        else:
            self.report.text.append(data)


def check(html: str) -> Report:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    report = checker.report
    for css in report.styles:
        if _CSS_DANGER.search(css):
            report.problems.append("dangerous CSS in <style>")
    for url in report.images:
        if url.startswith("data:image/svg+xml;base64,"):
            svg = base64.b64decode(url.split(",", 1)[1]).decode("utf-8")
            inner = _Checker()
            inner.feed(svg)
            inner.close()
            # The chart itself is an <svg>; anything active inside it is not allowed.
            found = [p for p in inner.report.problems if p != "forbidden element <svg>"]
            report.problems.extend(f"in chart: {p}" for p in found)
    return report
