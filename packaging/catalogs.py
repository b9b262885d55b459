"""Keep SafetyKit's gettext catalogs in step with the code (docs/translating.md).

    .venv/bin/python packaging/catalogs.py extract      write translations/safetykit.pot
    .venv/bin/python packaging/catalogs.py update       extract, then update every <lang>.po
    .venv/bin/python packaging/catalogs.py apply LANG FILE.json
                                                        set translations from a JSON mapping
    .venv/bin/python packaging/catalogs.py status       what is untranslated or fuzzy

One place holds the extraction options, so the template the test compares with is
made exactly as a translator makes it. ``update`` keeps each catalog's
``X-Review-Status`` header (``pybabel update`` drops unknown header fields) and its
plural-forms rule, drops obsolete entries and leaves new strings untranslated, so the
completeness test shows what is still to do.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
TEMPLATE = TRANSLATIONS / "safetykit.pot"
AWAITING_REVIEW = "machine-assisted, awaiting review"
# The functions whose string arguments are messages: tr(), ntr() and N_() in the app,
# _() and ngettext() in the core and the templates (Jinja2's i18n extension).
KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "tr": None,
    "_": None,
    "gettext": None,
    "N_": None,  # marked only: translated later, possibly in another language
    "ntr": (1, 2),
    "ngettext": (1, 2),
}
WIDTH = 76
_REVIEW_LINE = re.compile(r'^"X-Review-Status: (.*)\\n"$', re.MULTILINE)


def languages() -> list[str]:
    return sorted(path.stem for path in TRANSLATIONS.glob("*.po"))


def template(root: Path = ROOT) -> Catalog:
    """Every message of the code and the plan templates, sorted, without locations."""
    catalog = Catalog(project="SafetyKit", version="VERSION", fuzzy=True)
    method_map = [
        ("safetykit/**.py", "python"),
        ("safetykit/plan/templates/**.j2", "jinja2"),
    ]
    options = {
        "safetykit/plan/templates/**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}
    }
    for _filename, _lineno, message, comments, context in extract_from_dir(
        str(root), method_map, options, keywords=KEYWORDS, strip_comment_tags=True
    ):
        catalog.add(message, None, [], auto_comments=comments, context=context)
    return catalog


def template_text(catalog: Catalog) -> str:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, no_location=True, sort_output=True)
    return buffer.getvalue().decode("utf-8")


def without_creation_date(text: str) -> str:
    """The template as compared by the tests: its creation date changes every run."""
    return re.sub(r'^"POT-Creation-Date: .*"$', "", text, flags=re.MULTILINE)


def review_status(text: str) -> str | None:
    found = _REVIEW_LINE.search(text)
    return found.group(1).strip() if found else None


def write_catalog(path: Path, catalog: Catalog, status: str) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, no_location=True, sort_output=True)
    text = buffer.getvalue().decode("utf-8")
    line = f'"X-Review-Status: {status}\\n"\n'
    if review_status(text) is None:
        text = text.replace('"Generated-By:', line + '"Generated-By:', 1)
    if review_status(text) is None:
        raise SystemExit(f"{path}: could not write the X-Review-Status header")
    path.write_text(text, encoding="utf-8")


def update(lang: str, pot: Catalog) -> list[str]:
    """Bring ``<lang>.po`` in step with ``pot``; the messages left to translate."""
    path = TRANSLATIONS / f"{lang}.po"
    text = path.read_text(encoding="utf-8")
    status = review_status(text) or AWAITING_REVIEW
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    # No fuzzy guesses from similar strings: a wrong guess shown to a reader under stress
    # is worse than English, and the completeness test lists what is new.
    catalog.update(pot, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    write_catalog(path, catalog, status)
    return untranslated(catalog)


def untranslated(catalog: Catalog) -> list[str]:
    left = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            left.append(message.id if isinstance(message.id, str) else message.id[0])
    return left


def apply(lang: str, mapping: dict[str, str | list[str]]) -> list[str]:
    """Set translations from ``{msgid: msgstr}`` (a list of forms for plurals)."""
    path = TRANSLATIONS / f"{lang}.po"
    status = review_status(path.read_text(encoding="utf-8")) or AWAITING_REVIEW
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key not in mapping:
            continue
        value = mapping[key]
        if isinstance(message.id, tuple):
            forms = value if isinstance(value, list) else [value]
            if len(forms) != catalog.num_plurals:
                raise SystemExit(f"{lang}: {key!r} needs {catalog.num_plurals} plural forms")
            message.string = tuple(forms)
        else:
            if not isinstance(value, str):
                raise SystemExit(f"{lang}: {key!r} is not a plural message")
            message.string = value
        message.flags.discard("fuzzy")
        message.previous_id = []
    write_catalog(path, catalog, status)
    return untranslated(catalog)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("extract")
    commands.add_parser("update")
    commands.add_parser("status")
    applying = commands.add_parser("apply")
    applying.add_argument("lang")
    applying.add_argument("mapping", type=Path)
    args = parser.parse_args(argv)
    if args.command == "apply":
        mapping = json.loads(args.mapping.read_text(encoding="utf-8"))
        left = apply(args.lang, mapping)
        for key in left:
            print(f"{args.lang}: to translate: {key!r}")
        return 1 if left else 0
    if args.command == "status":
        missing = 0
        for lang in languages():
            with (TRANSLATIONS / f"{lang}.po").open("rb") as handle:
                left = untranslated(read_po(handle, locale=lang))
            missing += len(left)
            for key in left:
                print(f"{lang}: to translate: {key!r}")
        return 1 if missing else 0
    pot = template()
    TEMPLATE.write_text(template_text(pot), encoding="utf-8")
    if args.command == "update":
        for lang in languages():
            left = update(lang, pot)
            print(f"{lang}: {len(left)} to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
