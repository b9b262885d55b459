"""Pack loading speed: load, validate and verify a generated 5,000-item pack, and all
built-in packs (issue 3 aims at <= 500 ms for 5,000 items on the reference machine)."""

from __future__ import annotations

import tomllib

from benchmarks.common import Result, median_seconds, ms, print_table, ratio
from safetykit.packs.catalog import builtin_packs
from safetykit.packs.loader import analyse
from safetykit.packs.minisign import SecretKey
from safetykit.packs.po import _read_po
from safetykit.packs.po_check import check_po
from safetykit.packs.signing import build, load_verified, verify_archive
from safetykit.packs.trust import TrustedKey

CHECKLISTS = 10
ITEMS_PER_CHECKLIST = 500

PACK_TOML = """\
format = 1
id = "org.example.bench"
version = 1
source_locale = "en"
name = "Benchmark pack"
publisher = "Benchmarks"
license = "CC-BY-SA-4.0"
reviewed = 2026-11-28
min_app = "0.1.0"

[[profile]]
id = "travel"
text = "Do you cross borders?"
kind = "yes_no"

[[profile]]
id = "devices"
text = "Which devices do you use?"
kind = "multi"
options = [
  { value = "android", label = "Android" },
  { value = "iphone", label = "iPhone" },
]
"""

ITEM = """
[[item]]
id = "item-{c}-{i}"
title = "Do the thing number {i} of checklist {c}"
why = "Leaving this undone exposes your accounts, devices and sources to people who want them."
steps = [
  "Open the settings of the app you use for this.",
  "Turn on the protection described in the guide.",
  "Check that it works by signing out and in again.",
]
risk = "{risk}"
effort = "minutes"
applies_if = {{ travel = "yes", devices = ["android", "iphone"] }}
depends_on = [{deps}]
reviewed = 2026-11-28
sources = ["EFF Surveillance Self-Defense"]
"""

RISKS = ("critical", "high", "medium", "low")


def generated_files() -> dict[str, bytes]:
    files = {"pack.toml": PACK_TOML.encode()}
    po = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    for c in range(CHECKLISTS):
        parts = [f'id = "list-{c}"\ntitle = "Checklist {c}"\nsummary = "Generated checklist."\n']
        for i in range(ITEMS_PER_CHECKLIST):
            deps = f'"item-{c}-{i - 1}"' if i else ""
            parts.append(ITEM.format(c=c, i=i, risk=RISKS[i % 4], deps=deps))
            title = f"Do the thing number {i} of checklist {c}"
            po.append(f'\nmsgctxt "item-{c}-{i}:title"\nmsgid "{title}"\nmsgstr "Hacer {i}/{c}"\n')
        files[f"checklists/{c:02d}-list-{c}.toml"] = "".join(parts).encode()
    files["locales/es.po"] = "".join(po).encode()
    return files


def results() -> list[Result]:
    key = SecretKey.generate()
    keys = [TrustedKey(key.public, "benchmark")]
    files = generated_files()
    archive = build(files, label="bench", key=key)
    items = CHECKLISTS * ITEMS_PER_CHECKLIST

    def load_archive() -> None:
        pack = load_verified(verify_archive(archive, keys), label="bench", locale="es")
        assert pack.verified and len(pack.items()) == items

    def validate_only() -> None:
        assert analyse(files, label="bench").pack is not None

    toml_texts = [data.decode() for name, data in files.items() if name.endswith(".toml")]

    def parse_only() -> None:
        for text in toml_texts:
            tomllib.loads(text)

    po_text = files["locales/es.po"].decode("utf-8")

    def po_check() -> None:
        assert check_po(po_text) == []

    def po_babel() -> None:
        _read_po(po_text)

    check = median_seconds(po_check, repeat=5)
    babel = median_seconds(po_babel, repeat=5)
    seconds = median_seconds(load_archive, repeat=5)
    validate = median_seconds(validate_only, repeat=5)
    parse = median_seconds(parse_only, repeat=5)
    builtin_items = sum(len(p.items()) for p in builtin_packs())
    builtin = median_seconds(builtin_packs, repeat=5)
    size = f"{len(archive) / 1e6:.1f} MB"
    return [
        Result(
            f"5,000-item pack ({size}): verify + load + validate + localise",
            ms(seconds),
            baseline=f"{ms(parse)} (stdlib tomllib parse alone)",
            ratio=ratio(seconds, parse),
            aim="<= 500 ms",
        ),
        Result("5,000-item pack: items per second", f"{items / seconds:,.0f} items/s"),
        Result(
            "5,000-item pack: validate only (files already read)",
            ms(validate),
            baseline=ms(parse),
            ratio=ratio(validate, parse),
        ),
        Result(
            "5,000-entry PO file: msgfmt --check's rules (po_check, issue 14)",
            ms(check),
            baseline=f"{ms(babel)} (Babel's PO parse of the same file)",
            ratio=ratio(check, babel),
        ),
        Result(f"all built-in packs ({builtin_items} items): load + validate", ms(builtin)),
        Result("built-in packs: items per second", f"{builtin_items / builtin:,.0f} items/s"),
    ]


if __name__ == "__main__":
    print_table(results())
