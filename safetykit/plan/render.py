"""Render a Plan to one self-contained HTML file (DESIGN §6).

Jinja2 with autoescape on, every fixed string through gettext (the i18n extension,
new-style, so ``%(name)s`` arguments are escaped too), dates and percentages formatted
for the plan's language by ``safetykit.formatting`` (the app's own path). The
extension treats a translation as markup; ours are escaped first, so a catalog can only
ever add text, never a link or an element. The result has no scripts and no external
references; the same HTML feeds the browser and Qt's PDF export, so the template keeps
to Qt's rich-text CSS subset.
"""

from __future__ import annotations

import datetime as dt
import functools

import jinja2
from markupsafe import Markup, escape

from safetykit import formatting, i18n, resources
from safetykit.plan.chart import WIDTH, chart_data_url, chart_height, chart_svg
from safetykit.plan.content import Plan

TEMPLATE = "plan.html.j2"
# Written literally in the template's <meta>; tests and self-test check the two agree.
# form-action and base-uri are not fetch directives, so default-src does not cover them.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "form-action 'none'; base-uri 'none'"
)


@functools.lru_cache(maxsize=8)
def environment(lang: str) -> jinja2.Environment:
    """One compiled environment per language: templates are parsed once per process."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(resources.package_file("plan/templates")),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    catalog = i18n.translations(lang)

    # The i18n extension wraps what these return in Markup: escaped here, a catalog's
    # "<a href=…>" stays text (a translator writes words, not HTML).
    def gettext(message: str) -> Markup:
        return escape(catalog.gettext(message))

    def ngettext(singular: str, plural: str, n: int) -> Markup:
        return escape(catalog.ngettext(singular, plural, n))

    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["date"] = functools.partial(_format_date, lang=lang)
    env.filters["shortdate"] = functools.partial(_format_short, lang=lang)
    env.filters["signed"] = functools.partial(formatting.signed, lang=lang)
    env.filters["number"] = functools.partial(formatting.number, lang=lang)
    env.filters["percent"] = functools.partial(formatting.percent, lang=lang)
    env.filters["isodate"] = functools.partial(_iso_date, lang=lang)
    return env


def render_html(plan: Plan) -> str:
    lang = plan.options.lang
    direction = i18n.text_direction(lang)
    env = environment(lang)
    gettext = i18n.translations(lang).gettext
    chart_url = chart_data_url(
        chart_svg(
            [(c.title, c.percent) for c in plan.categories],
            rtl=direction == "rtl",
            not_scored=gettext("not scored"),
            percent=functools.partial(formatting.percent, lang=lang),
        )
    )
    return env.get_template(TEMPLATE).render(
        plan=plan,
        lang=lang,
        dir=direction,
        rtl=direction == "rtl",
        start="right" if direction == "rtl" else "left",
        end="left" if direction == "rtl" else "right",
        paper="letter" if plan.options.paper == "letter" else "A4",
        chart_url=chart_url,
        chart_width=WIDTH,
        chart_height=chart_height(len(plan.categories)),
        interface=i18n.review(lang),
    )


def _format_date(value: dt.date | dt.datetime, lang: str) -> str:
    return formatting.date(value.date() if isinstance(value, dt.datetime) else value, lang)


def _format_short(day: dt.date, lang: str) -> str:
    """ "1 dic 2026": for table columns, where the long form wraps into the next one."""
    return formatting.short_date(day, lang)


def _iso_date(value: str, lang: str) -> str:
    """A review date recorded as YYYY-MM-DD, in the plan's calendar and digits."""
    try:
        return formatting.date(dt.date.fromisoformat(value), lang)
    except ValueError:
        return value
