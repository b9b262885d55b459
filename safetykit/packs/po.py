"""Pack translations: PO contexts, reading ``locales/<lang>.po``, applying it, the .pot.

Every translatable string of a pack has a context (docs/internals.md): ``pack:name``,
``<id>:title``, ``<item id>:steps.<n>``, ``<question id>:option.<value>``,
``contacts.<n>:offers``… The ``msgid`` is the source text: when the source changes,
the old translation no longer matches it, so it is "outdated" and the source text is
shown instead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, PoFileParser, write_po

from safetykit.i18n import header_review_status
from safetykit.packs.checks import TEXT_LIMITS, TRANSLATION_FACTOR, did_you_mean
from safetykit.packs.errors import Problem, Severity
from safetykit.packs.model import Checklist, Item, Pack, Question
from safetykit.packs.po_check import check_po
from safetykit.text import N_, Text, ngettext


@dataclass(frozen=True)
class Source:
    text: str
    limit: str  # key of TEXT_LIMITS


def source_strings(pack: Pack) -> dict[str, Source]:
    """Context -> source text of every translatable string, in reading order."""
    out: dict[str, Source] = {"pack:name": Source(pack.name, "name")}
    for key in ("description", "credit", "legal_hold"):
        text = getattr(pack, key)
        if text:
            out[f"pack:{key}"] = Source(text, key)
    for question in pack.questions:
        out[f"{question.id}:text"] = Source(question.text, "text")
        if question.help:
            out[f"{question.id}:help"] = Source(question.help, "help")
        if question.if_skipped:
            out[f"{question.id}:if_skipped"] = Source(question.if_skipped, "if_skipped")
        for option in question.options:
            out[f"{question.id}:option.{option.value}"] = Source(option.label, "label")
    for index, contact in enumerate(pack.contacts):
        out[f"contacts.{index}:offers"] = Source(contact.offers, "offers")
    for checklist in pack.checklists:
        out[f"{checklist.id}:title"] = Source(checklist.title, "title")
        out[f"{checklist.id}:summary"] = Source(checklist.summary, "summary")
        for item in checklist.items:
            out[f"{item.id}:title"] = Source(item.title, "title")
            out[f"{item.id}:why"] = Source(item.why, "why")
            for n, step in enumerate(item.steps):
                out[f"{item.id}:steps.{n}"] = Source(step, "step")
    return out


class _Catalog(Catalog):
    """A catalog that remembers repeated entries instead of merging them silently.

    Babel merges a second entry with the same context and msgid into the first (and
    drops its translation); msgfmt refuses such a file, and so does lint.
    """

    def __init__(self) -> None:
        super().__init__()
        self.repeated: list[tuple[int, str]] = []  # (line, context)

    def __setitem__(self, id: Any, message: Message) -> None:
        if id != "" and self._key_for(id, message.context) in self._messages:
            self.repeated.append((int(message.lineno or 1), message.context or ""))
            return
        super().__setitem__(id, message)


class _Parser(PoFileParser):
    """Babel's parser, also noting the line of each entry's ``msgctxt``.

    Babel gives an entry the line of its ``msgid``; a wrong or repeated context is
    reported at the ``msgctxt`` line, a translation that is too long at its ``msgstr``
    line: where the trainer has to look. (Should Babel
    rename this hook, entries simply keep their ``msgid`` line.)
    """

    def __init__(self, catalog: Catalog) -> None:
        super().__init__(catalog, ignore_obsolete=True, abort_invalid=True)
        self.context_lines: dict[int, int] = {}  # msgid line -> msgctxt line (1-based)
        self.string_lines: dict[int, int] = {}  # msgid line -> msgstr line (1-based)
        self._context_line = 0
        self._msgid_line = 0

    def _process_keyword_line(self, lineno: int, line: str, obsolete: bool = False) -> None:
        keyword = line.partition(" ")[0]
        if keyword == "msgctxt":
            self._context_line = lineno + 1
        elif keyword == "msgid":
            if self._context_line:
                self.context_lines[lineno + 1] = self._context_line
            self._context_line = 0
            self._msgid_line = lineno + 1
        elif keyword.startswith("msgstr") and self._msgid_line:
            self.string_lines.setdefault(self._msgid_line, lineno + 1)
        super()._process_keyword_line(lineno, line, obsolete)


def _read_po(text: str) -> tuple[_Catalog, _Parser]:
    catalog = _Catalog()
    parser = _Parser(catalog)
    parser.parse(io.StringIO(text))
    return catalog, parser


@dataclass
class Translation:
    """What one PO file offers: current translations and the contexts gone stale."""

    locale: str
    strings: dict[str, str] = field(default_factory=dict)
    outdated: set[str] = field(default_factory=set)
    total: int = 0
    fuzzy: int = 0  # translations marked fuzzy: not used until a translator reviews them
    # The texts not used, for reviewers (pack preview --side-by-side): context ->
    # translation of an older source text, or one marked fuzzy.
    outdated_text: dict[str, str] = field(default_factory=dict)
    fuzzy_text: dict[str, str] = field(default_factory=dict)
    # The header's X-Review-Status ("machine-assisted, awaiting review" or "reviewed by
    # <name>, <date>"), or "" when the translator recorded none.
    review: str = ""

    def coverage(self) -> str:
        return str(self.coverage_text())

    def coverage_text(self) -> Text:
        """How much is translated, in words shown in the reader's language."""
        done = len(self.strings)
        percent = 100 * done // self.total if self.total else 100
        text = Text.plural(
            ngettext(
                "%(done)s of %(count)s string translated (%(percent)s%%)",
                "%(done)s of %(count)s strings translated (%(percent)s%%)",
            ),
            "count",
            done=done,
            count=self.total,
            percent=percent,
        )
        if self.outdated:
            more = Text.plural(
                ngettext("%(count)s outdated", "%(count)s outdated"),
                "count",
                count=len(self.outdated),
            )
            text = Text.of(N_("%(first)s, %(then)s"), first=text, then=more)
        if self.fuzzy:
            more = Text.plural(
                ngettext("%(count)s fuzzy (to review)", "%(count)s fuzzy (to review)"),
                "count",
                count=self.fuzzy,
            )
            text = Text.of(N_("%(first)s, %(then)s"), first=text, then=more)
        return text


def read_translation(
    file: str, data: bytes, locale: str, sources: Mapping[str, Source]
) -> tuple[Translation, list[Problem]]:
    problems: list[Problem] = []
    translation = Translation(locale, total=len(sources))

    def error(
        line: int, message: str | Text, severity: Severity = Severity.ERROR, /, **params: object
    ) -> None:
        # ``message`` is marked with N_() (or a ready Text): shown in the reader's language.
        text = message if isinstance(message, Text) else Text.of(message, **params)
        problems.append(Problem(file, line, text, severity))

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        error(data.count(b"\n", 0, exc.start) + 1, N_("not UTF-8 text (save the PO file as UTF-8)"))
        return translation, problems
    # What msgfmt --check refuses, first: Babel would read past most of it.
    findings = check_po(text)
    if findings:
        for finding in findings:
            error(finding.line, finding.message)
        return translation, problems
    try:
        catalog, parser = _read_po(text)
    except PoFileError as exc:
        error(
            int(getattr(exc, "lineno", 0)) or 1,
            N_("not a valid PO file: %(reason)s"),
            reason=str(exc),
        )
        return translation, problems
    except (ValueError, LookupError, TypeError, AttributeError) as exc:
        # Babel raises assorted errors on some malformed headers and escapes.
        error(1, N_("not a valid PO file: %(reason)s"), reason=str(exc))
        return translation, problems
    # Babel keeps only the header fields it knows: the review status is read from the
    # header entry's own text (the first entry, up to its blank line).
    translation.review = header_review_status(text.split("\n\n", 1)[0]) or ""
    seen: dict[str, int] = {}
    for line, repeated in catalog.repeated:
        line = parser.context_lines.get(line, line)
        if repeated:
            error(
                line,
                N_("duplicate entry for context '%(context)s' (msgfmt refuses repeated entries)"),
                context=repeated,
            )
        else:
            error(line, N_("duplicate entry for this msgid (msgfmt refuses repeated entries)"))
    for message in catalog:
        line = int(message.lineno or 1)
        context_line = parser.context_lines.get(line, line)
        if message.id == "" and not message.context:
            continue  # the header entry
        if not isinstance(message.id, str):
            error(line, N_("plural entries (msgid_plural) are not used in packs"))
            continue
        context = message.context
        if not context:
            error(line, N_("entry without msgctxt (every pack string has a context)"))
            continue
        if context in seen:
            first = seen[context]
            error(
                context_line,
                N_("duplicate entry for context '%(context)s' (first at line %(first)s)"),
                context=context,
                first=first,
            )
            continue
        seen[context] = context_line
        source = sources.get(context)
        if source is None:
            hint = did_you_mean(context, sources)
            error(
                context_line,
                N_("entry for unknown context '%(context)s'%(hint)s"),
                context=context,
                hint=hint,
            )
            continue
        value = message.string
        if not isinstance(value, str):
            error(line, N_("plural translations are not used in packs"))
            continue
        if message.fuzzy and value.strip():
            translation.fuzzy += 1
            translation.fuzzy_text[context] = value
            error(
                context_line,
                N_(
                    "translation of '%(context)s' is marked fuzzy (to review): the source "
                    "text is shown until a translator checks it and removes the '#, fuzzy' line"
                ),
                Severity.WARNING,
                context=context,
            )
        if not value.strip() or message.fuzzy:
            continue  # untranslated, or marked for review: the source text is used
        limit = TEXT_LIMITS[source.limit] * TRANSLATION_FACTOR
        if len(value) > limit:
            where = parser.string_lines.get(line, line)
            problems.append(
                Problem(
                    file,
                    where,
                    Text.plural(
                        ngettext(
                            "translation is too long: %(count)s character, at most %(limit)s",
                            "translation is too long: %(count)s characters, at most %(limit)s",
                        ),
                        "count",
                        count=len(value),
                        limit=limit,
                    ),
                )
            )
            continue
        if message.id != source.text:
            translation.outdated.add(context)
            translation.outdated_text[context] = value
            error(
                line,
                N_(
                    "translation of '%(context)s' is outdated: its source text changed "
                    "(the source text is shown until it is updated)"
                ),
                Severity.WARNING,
                context=context,
            )
            continue
        translation.strings[context] = value
    return translation, problems


def localize(pack: Pack, translation: Translation | None) -> Pack:
    """``pack`` with translated strings where current, and outdated fields flagged."""
    if translation is None:
        return dataclasses.replace(pack, locale=pack.source_locale)
    strings = translation.strings
    # id -> outdated field names ("steps.2" and "option.x" count as "steps", "option").
    stale: dict[str, set[str]] = {}
    for context in translation.outdated:
        owner, _, name = context.partition(":")
        stale.setdefault(owner, set()).add(name.partition(".")[0])
    # Ids with no current or outdated translation keep their objects as they are.
    touched = {context.partition(":")[0] for context in strings} | stale.keys()

    def lookup(context: str, text: str) -> str:
        return strings.get(context, text)

    def flags(owner: str, names: tuple[str, ...]) -> tuple[str, ...]:
        found = stale.get(owner, ())
        return tuple(name for name in names if name in found)

    def item(it: Item) -> Item:
        if it.id not in touched:
            return it
        return dataclasses.replace(
            it,
            title=lookup(f"{it.id}:title", it.title),
            why=lookup(f"{it.id}:why", it.why),
            steps=tuple(lookup(f"{it.id}:steps.{n}", s) for n, s in enumerate(it.steps)),
            outdated=flags(it.id, ("title", "why", "steps")),
        )

    def checklist(cl: Checklist) -> Checklist:
        return dataclasses.replace(
            cl,
            title=lookup(f"{cl.id}:title", cl.title),
            summary=lookup(f"{cl.id}:summary", cl.summary),
            items=tuple(item(it) for it in cl.items),
            outdated=flags(cl.id, ("title", "summary")),
        )

    def question(q: Question) -> Question:
        return dataclasses.replace(
            q,
            text=lookup(f"{q.id}:text", q.text),
            help=lookup(f"{q.id}:help", q.help) if q.help else "",
            if_skipped=lookup(f"{q.id}:if_skipped", q.if_skipped) if q.if_skipped else "",
            options=tuple(
                dataclasses.replace(o, label=lookup(f"{q.id}:option.{o.value}", o.label))
                for o in q.options
            ),
            outdated=flags(q.id, ("text", "help", "option", "if_skipped")),
        )

    def optional(key: str, text: str) -> str:
        return lookup(f"pack:{key}", text) if text else ""

    return dataclasses.replace(
        pack,
        name=lookup("pack:name", pack.name),
        description=optional("description", pack.description),
        credit=optional("credit", pack.credit),
        legal_hold=optional("legal_hold", pack.legal_hold),
        questions=tuple(question(q) for q in pack.questions),
        contacts=tuple(
            dataclasses.replace(c, offers=lookup(f"contacts.{n}:offers", c.offers))
            for n, c in enumerate(pack.contacts)
        ),
        checklists=tuple(checklist(cl) for cl in pack.checklists),
        locale=translation.locale,
        translation_review=translation.review,
    )


def write_pot(pack: Pack, locations: Mapping[str, tuple[str, int]]) -> bytes:
    """The template translators start from; ``locations`` maps a context to file, line."""
    catalog = Catalog(
        project=pack.id,
        version=str(pack.version),
        charset="utf-8",
        fuzzy=False,
        # Fixed dates keep the .pot stable between runs (it goes into version control).
        creation_date=_datetime(pack),
        revision_date=_datetime(pack),
    )
    for context, source in source_strings(pack).items():
        where = locations.get(context)
        catalog.add(source.text, "", locations=[where] if where else (), context=context)
    out = io.BytesIO()
    write_po(out, catalog, width=0, omit_header=False, sort_output=False)
    return out.getvalue()


def _datetime(pack: Pack) -> dt.datetime:
    return dt.datetime(pack.reviewed.year, pack.reviewed.month, pack.reviewed.day, tzinfo=dt.UTC)
