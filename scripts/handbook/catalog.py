"""The PO catalogues: extract every translatable string, read and update translations with Babel.

A string's msgctxt is its stable address (`roles/buddy.yml:boundaries.housing.instead`, or the
template's path for interface text) and its msgid is the Dutch source. When the Dutch text at an
address changes, the translation is kept, marked fuzzy, and the previous Dutch is recorded as
`#| msgid`, so the translator sees exactly what changed.

A template's `ngettext(singular, plural, n)` is a plural entry: `msgid` and `msgid_plural` in the
templates' language, and one `msgstr[i]` for each form of the catalogue's language, in the order
of its `Plural-Forms:` header (see plurals.py).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.pofile import PoFileError, denormalize, normalize, read_po, write_po
from jinja2 import Environment, TemplateSyntaxError, nodes

from handbook.errors import Problem, ValidationFailed
from handbook.kinds import COLLECTIONS, DOCUMENTS
from handbook.load import LOCALES_DIR, TEMPLATES_DIR
from handbook.plurals import carry_forms, parse_rule, plural_rule
from handbook.texts import iter_texts
from handbook.yamlsrc import read_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from handbook.load import Handbook
    from handbook.plurals import PluralRule

POT_FILE = f"{LOCALES_DIR}/handbook.pot"
# The template whose macros say a number with its unit (`hours(n)`): content reads them as
# `{quantity.<programme setting>}`.
UNITS_TEMPLATE = "_units.j2"
FIXED_DATE = datetime(2024, 1, 1, tzinfo=UTC)
PROJECT = "Buddy Handbook"
# Kept in the header comment, which Babel, Poedit and Weblate all preserve.
REVIEW_NOTE = "Machine translation: needs review by a native speaker."


def entry_key(context: str, source: str) -> str:
    """How a translation is found: by address for content, by template and text for templates.

    A content string's address is unique, so a Dutch edit keeps its translation (as fuzzy).
    A template holds many strings under one context, so there the Dutch text is part of the key.
    """
    return context if ":" in context else f"{context}\x04{source}"


def msgid_of(message: Message) -> str:
    """A message's msgid: the singular of a plural entry."""
    return message.id if isinstance(message.id, str) else str(message.id[0])


def strings_of(message: Message) -> tuple[str, ...]:
    """A message's msgstr, or the msgstr[i] of a plural entry."""
    if isinstance(message.string, str):
        return (message.string,)
    return tuple(str(form or "") for form in message.string or ())


@dataclass(frozen=True)
class Entry:
    """A translatable string: where it lives, its Dutch text, and its position for errors."""

    context: str
    source: str
    file: str
    line: int
    column: int
    loc: tuple[str | int, ...] = ()  # where in its YAML file (content strings only)
    plural: str | None = None  # a template's ngettext: the msgid_plural

    @property
    def key(self) -> str:
        return entry_key(self.context, self.source)


@dataclass(frozen=True)
class Translation:
    text: str  # of a plural entry: msgstr[0]
    source: str
    fuzzy: bool
    line: int  # of the msgid, where the entry is named
    string_line: int = 0  # of the msgstr, where a problem of the translation itself is
    plural: str | None = None  # a plural entry's msgid_plural
    forms: tuple[str, ...] = ()  # and its msgstr[i], in the order of the header's Plural-Forms
    form_lines: tuple[int, ...] = ()  # the line of each msgstr[i] (0: the file has none)

    @property
    def at(self) -> int:
        return self.string_line or self.line


@dataclass
class Language:
    """One language's catalogue, indexed by address."""

    code: str
    file: str
    entries: dict[str, Translation]
    needs_review: bool = False
    # The header's `Plural-Forms:` where it is not the language's rule, and its line.
    other_rule: tuple[str, int] | None = None


def content_documents(handbook: Handbook) -> Iterator[tuple[str, tuple[str, ...], object]]:
    """Every source file's model with the address its strings start at, in a stable order."""
    for document in DOCUMENTS:
        yield document.file, document.prefix, getattr(handbook, document.attribute)
    for collection in COLLECTIONS:
        for item_id, value in getattr(handbook, collection.attribute).items():
            yield collection.file(item_id), (), value


def content_entries(handbook: Handbook) -> list[Entry]:
    """Every translatable string of the YAML sources, in a stable order."""
    entries = []
    for file, prefix, value in content_documents(handbook):
        source = handbook.files.get(file)
        for address, loc, text in iter_texts(value, prefix, prefix):
            line, column = source.position(loc) if source else (1, 1)
            entries.append(Entry(f"{file}:{address}", text, file, line, column, loc))
    return entries


# Babel parses every template to find its strings; a generation asks once per language. The
# templates' names, sizes and modification times say when the answer is still good.
_template_cache: dict[Path, tuple[tuple[tuple[str, int, int], ...], list[Entry]]] = {}
# The content's strings of the last handbook asked about (one generation reads one handbook).
_content_cache: list[tuple[Handbook, list[Entry]]] = []


def template_entries(root: Path) -> list[Entry]:
    """Every string marked for translation in the Jinja2 templates (via Babel's extractor)."""
    paths = sorted((root / TEMPLATES_DIR).rglob("*.j2"))
    stamp = tuple((path.as_posix(), *_size_and_time(path)) for path in paths)
    cached = _template_cache.get(root)
    if cached is not None and cached[0] == stamp:
        return list(cached[1])
    entries = _extract_templates(root, paths)
    _template_cache[root] = (stamp, entries)
    return list(entries)


def _size_and_time(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def _extract_templates(root: Path, paths: list[Path]) -> list[Entry]:
    entries: dict[tuple[str, str], Entry] = {}
    for path in paths:
        name = path.relative_to(root).as_posix()
        found = extract_from_file(
            "jinja2.ext:babel_extract",
            str(path),
            keywords={"_": None, "gettext": None, "ngettext": (1, 2)},
            options={"extensions": "jinja2.ext.do", "trimmed": "true"},
        )
        for lineno, message, _comments, _context in found:
            if isinstance(message, str):
                entries.setdefault((name, message), Entry(name, message, name, lineno, 1))
            elif len(message) == 2:
                singular, plural = message
                entries.setdefault((name, singular), Entry(name, singular, name, lineno, 1, plural=plural))
    return list(entries.values())


def unit_messages(root: Path) -> dict[str, tuple[str, str]]:
    """The units of templates/_units.j2: each macro's name and the singular and plural of the
    `ngettext` it says its number with (`hours` → `%(count)s uur`). Empty without the file; a
    syntax error in it is reported where templates are rendered."""
    path = root / TEMPLATES_DIR / UNITS_TEMPLATE
    if not path.is_file():
        return {}
    env = Environment(extensions=["jinja2.ext.i18n", "jinja2.ext.do"], autoescape=True)
    try:
        tree = env.parse(path.read_text(encoding="utf-8"))
    except (TemplateSyntaxError, UnicodeError):
        return {}
    units: dict[str, tuple[str, str]] = {}
    for macro in tree.find_all(nodes.Macro):
        for call in macro.find_all(nodes.Call):
            args = call.args
            if isinstance(call.node, nodes.Name) and call.node.name == "ngettext" and len(args) == 3:
                words = [arg.value for arg in args[:2] if isinstance(arg, nodes.Const)]
                if all(isinstance(word, str) for word in words) and len(words) == 2:
                    units.setdefault(macro.name, (str(words[0]), str(words[1])))
    return units


def all_entries(handbook: Handbook) -> list[Entry]:
    if not _content_cache or _content_cache[0][0] is not handbook:
        _content_cache[:] = [(handbook, content_entries(handbook))]
    return _content_cache[0][1] + template_entries(handbook.root)


def entries_for(handbook: Handbook, code: str) -> list[Entry]:
    """The strings a language's catalogue translates: all of them, or for the source language
    (when the templates are in another language) the templates' interface strings only."""
    if code == handbook.settings.default_language:
        return template_entries(handbook.root)
    return all_entries(handbook)


def _field(lines: list[str], start: str, continuation: str) -> str | None:
    """The quoted value of a PO field, joined over its continuation lines."""
    parts: list[str] = []
    for line in lines:
        if line.startswith(start):
            parts = [line[len(start) :]]
        elif parts and line.startswith(continuation):
            parts.append(line[len(continuation) - 1 :])
        elif parts:
            break
    return denormalize("\n".join(parts)) if parts else None


def previous_ids(text: str) -> dict[str, list[str]]:
    """The `#| msgid` (previous Dutch) of each fuzzy entry, by context and msgid, with the
    `#| msgid_plural` of a plural entry.

    Babel writes these comments but does not read them back, so they are parsed here.
    """
    found: dict[str, list[str]] = {}
    for block in re.split(r"\n[ \t]*\n", text):
        lines = block.splitlines()
        previous = _field(lines, "#| msgid ", '#| "')
        context = _field(lines, "msgctxt ", '"')
        msgid = _field(lines, "msgid ", '"')
        if previous is not None and context is not None and msgid is not None:
            plural = _field(lines, "#| msgid_plural ", '#| "')
            found[entry_key(context, msgid)] = [previous] if plural is None else [previous, plural]
    return found


def read_language(root: Path, code: str) -> tuple[Language, list[Problem]]:
    """Read content/locales/<code>.po; a missing file is an empty catalogue."""
    name = f"{LOCALES_DIR}/{code}.po"
    path = root / name
    language = Language(code, name, {})
    if not path.exists():
        return language, []
    text, problems = read_text(path, name)
    if text is None:
        return language, problems
    try:
        catalog = read_po(io.StringIO(readable(text, code)), locale=None, abort_invalid=True)
    except PoFileError as error:
        # Babel counts lines from 0 and puts the number at the end of its message.
        line = int(getattr(error, "lineno", 0)) + 1
        reason = re.sub(r" on \d+$", "", str(error)).lower()
        return language, [Problem(name, line, 1, "", f"not a valid PO file: {reason}")]
    except (ValueError, UnicodeError) as error:
        return language, [Problem(name, 1, 1, "", f"not a valid PO file: {error}")]
    lines = text.splitlines()
    language.needs_review = REVIEW_NOTE.lower() in (catalog.header_comment or "").lower()
    language.other_rule = _other_rule(header_of(text) or "", code)
    for message in catalog:
        if not message.id:
            continue  # the header
        if not message.context:
            problems.append(
                Problem(name, message.lineno or 1, 1, "msgctxt", "every entry needs a msgctxt (its address)")
            )
            continue
        source = msgid_of(message)
        key = entry_key(message.context, source)
        if key in language.entries:
            problems.append(
                Problem(name, message.lineno or 1, 1, "msgctxt", f"'{message.context}' appears twice")
            )
            continue
        start = message.lineno or 1
        if isinstance(message.id, str):
            text_value = message.string if isinstance(message.string, str) else ""
            language.entries[key] = Translation(
                text_value, source, message.fuzzy, start, _msgstr_lines(lines, start)[0]
            )
            continue
        forms = strings_of(message)
        found = _msgstr_lines(lines, start)
        language.entries[key] = Translation(
            forms[0] if forms else "",
            source,
            message.fuzzy,
            start,
            found[0],
            plural=str(message.id[1]),
            forms=forms,
            form_lines=(*found[1:], *[0] * len(forms))[: len(forms)],
        )
    return language, problems


def _msgstr_lines(lines: list[str], start: int) -> list[int]:
    """The line of the first msgstr of the entry whose msgid is on line `start`, then the line of
    each of its msgstr[i] (0 where the entry has none)."""
    numbered: dict[int, int] = {}
    first = 0
    for number in range(start, len(lines) + 1):
        line = lines[number - 1]
        if not line.startswith("msgstr"):
            if first and not line.startswith('"'):
                break
            continue
        first = first or number
        index = re.match(r"msgstr\[(\d+)\]", line)
        if index:
            numbered.setdefault(int(index.group(1)), number)
    count = max(numbered, default=-1) + 1
    return [first or start, *(numbered.get(index, 0) for index in range(count))]


def header_field(header: str, name: str) -> tuple[str, int] | None:
    """A field of a catalogue's header (`Plural-Forms`): its value and the line it starts on."""
    lines = header.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("msgstr ")), None)
    if start is None:
        return None
    for index in range(start, len(lines)):
        line = lines[index]
        quoted = line.removeprefix("msgstr ")
        if not quoted.startswith('"'):
            break
        if quoted.lower().startswith(f'"{name.lower()}:'):
            parts = [quoted]
            for more in lines[index + 1 :]:
                if parts[-1].endswith('\\n"') or not more.startswith('"'):
                    break
                parts.append(more)
            value = denormalize("\n".join(parts))
            return value.partition(":")[2].strip(), index + 1
    return None


def _other_rule(header: str, code: str) -> tuple[str, int] | None:
    """The header's `Plural-Forms:` and its line, where that is not the language's rule."""
    found = header_field(header, "Plural-Forms")
    if found is None:
        return None
    rule = parse_rule(found[0])
    return None if rule is not None and rule.same_as(plural_rule(code)) else found


def new_catalog(code: str | None, *, needs_review: bool = False) -> Catalog:
    title = f"{PROJECT}: {code} translation" if code else f"{PROJECT}: template for translations"
    header = f"# {title}.\n# msgctxt is where a string comes from; msgid is the Dutch source."
    if needs_review:
        header += f"\n# {REVIEW_NOTE}"
    catalog = Catalog(
        header_comment=header,
        locale=code,
        project=PROJECT,
        version="1",
        copyright_holder=None,
        msgid_bugs_address="",
        fuzzy=False,
    )
    # Fixed dates keep the files byte-stable: history lives in git, not in the header.
    catalog.creation_date = FIXED_DATE
    catalog.revision_date = FIXED_DATE
    if code:
        catalog.mime_headers = [("Plural-Forms", plural_rule(code).header)]
    return catalog


def dump_catalog(catalog: Catalog, *, width: int = 0, omit_header: bool = False) -> str:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=width, omit_header=omit_header, sort_output=False)
    return _with_previous_ids(buffer.getvalue().decode("utf-8"), catalog)


def _previous_lines(field: str, value: str) -> str:
    """`#| msgid "…"` as msgmerge writes it: every line of a long value its own `#| "…"` line.
    (Babel wraps the quoted value as comment text instead, which cannot be read back exactly.)"""
    return f"#| {field} {normalize(value, prefix='#| ', width=0)}\n"


def _with_previous_ids(text: str, catalog: Catalog) -> str:
    """The written catalogue with the previous source text above each fuzzy entry that has one."""
    previous = {
        entry_key(message.context or "", _ids(message)[0]): message.previous_id
        for message in catalog
        if message.id and message.fuzzy and message.previous_id
    }
    if not previous:
        return text
    blocks = text.split("\n\n")
    for index, block in enumerate(blocks):
        lines = block.split("\n")
        context = _field(lines, "msgctxt ", '"')
        msgid = _field(lines, "msgid ", '"')
        ids = previous.get(entry_key(context or "", msgid)) if msgid is not None else None
        if not ids:
            continue
        first = next(i for i, line in enumerate(lines) if line.startswith(("msgctxt ", "msgid ")))
        added = _previous_lines("msgid", ids[0])
        if len(ids) > 1:
            added += _previous_lines("msgid_plural", ids[1])
        lines[first:first] = added.rstrip("\n").split("\n")
        blocks[index] = "\n".join(lines)
    return "\n\n".join(blocks)


# The header entry and the comment above it, as the file has them.
HEADER = re.compile(r'\A(?:#[^\n]*\n)*msgid ""\n(?:"[^\n]*\n)*msgstr [^\n]*\n(?:"[^\n]*\n)*')


def header_of(text: str) -> str | None:
    """A catalogue's header, byte for byte: Poedit and Weblate stamp `PO-Revision-Date`,
    `Last-Translator`, `Language-Team` and `X-Generator` in it, and an update that rewrote them
    would make every translator's next merge conflict there."""
    match = HEADER.match(text)
    return match.group(0) if match else None


def _with_review_note(header: str, review: bool) -> str:
    """The header with the review note added to or taken out of its comment, nothing else changed."""
    lines = header.splitlines(keepends=True)
    if not review:
        noted = [line for line in lines if line.startswith("#") and REVIEW_NOTE.lower() in line.lower()]
        return "".join(line for line in lines if line not in noted)
    comments = next(i for i, line in enumerate(lines) if not line.startswith("# ") and line.rstrip() != "#")
    return "".join([*lines[:comments], f"# {REVIEW_NOTE}\n", *lines[comments:]])


def _field_end(lines: list[str], index: int) -> int:
    """The last line of the header field that starts on line `index`: a long one goes on over
    several quoted lines, up to the one that ends with its `\\n`."""
    end = index
    while not lines[end].rstrip("\r\n").endswith('\\n"') and end + 1 < len(lines):
        if not lines[end + 1].startswith('"'):
            break
        end += 1
    return end


def with_plural_forms(header: str, rule: PluralRule, *, same_lines: bool = False) -> str:
    """The header with the language's `Plural-Forms:`, nothing else changed: one that says the
    same rule in other words stays as written; another is replaced where it stands; a missing
    one goes after `Language:` (or at the end). `same_lines`: a replaced field keeps its number
    of lines (with empty continuations), so line numbers after it stay true."""
    lines = header.splitlines(keepends=True)
    found = header_field(header, "Plural-Forms")
    prefix = ""
    if found is not None:
        written = parse_rule(found[0])
        if written is not None and written.same_as(rule):
            return header
        start = found[1] - 1
        end = _field_end(lines, start)
        prefix = "msgstr " if lines[start].startswith("msgstr ") else ""
    else:
        language = header_field(header, "Language")
        if language is not None:
            start = _field_end(lines, language[1] - 1) + 1
        else:
            start = 1 + max(i for i, line in enumerate(lines) if line.startswith(('"', "msgstr ")))
        end = start - 1
    ending = "\r\n" if lines[0].endswith("\r\n") else "\n"
    field = f'{prefix}"Plural-Forms: {rule.header}\\n"{ending}'
    padding = [f'""{ending}'] * (end - start) if same_lines else []
    return "".join([*lines[:start], field, *padding, *lines[end + 1 :]])


def readable(text: str, code: str) -> str:
    """A catalogue's text as Babel can read it: a `Plural-Forms:` that is no rule gettext can
    evaluate (`nplurals=INTEGER`, copied from a template) stops Babel, so it is read as the
    language's rule. Validation reports it; `translations update` writes the right one."""
    header = header_of(text)
    written = header_field(header or "", "Plural-Forms")
    if header is None or written is None or parse_rule(written[0]) is not None:
        return text
    return with_plural_forms(header, plural_rule(code), same_lines=True) + text[len(header) :]


def render_template_catalog(entries: list[Entry]) -> str:
    catalog = new_catalog(None)
    for entry in entries:
        if entry.plural is None:
            catalog.add(entry.source, "", context=entry.context)
        else:
            catalog.add((entry.source, entry.plural), ("", ""), context=entry.context)
    return dump_catalog(catalog)


def _follow_moved_strings(
    entries: list[Entry],
    matched: dict[str, Message | None],
    old_by_context: dict[str, Message],
    obsolete: dict[str, Message],
) -> None:
    """A content file renamed or moved: its strings' addresses changed, their text did not. The
    translation follows the unchanged text to its new address (not fuzzy) when an orphaned entry
    has the same text at the same place inside its file. Taken entries leave the orphans."""
    orphans = {
        key: message
        for key, message in [*old_by_context.items(), *obsolete.items()]
        if any(strings_of(message)) and ":" in (message.context or "")
    }
    by_text: dict[str, list[str]] = {}
    for key, message in orphans.items():
        by_text.setdefault(str(message.id), []).append(key)
    for entry in entries:
        if matched[entry.key] is not None or ":" not in entry.context:
            continue
        candidates = by_text.get(entry.source, [])
        if not candidates:
            continue
        field = entry.context.partition(":")[2]
        found = next((k for k in candidates if k.partition(":")[2] == field), None)
        if found is None:
            continue  # the same words elsewhere (a glossary term, another field) are not this string
        candidates.remove(found)
        matched[entry.key] = orphans[found]
        old_by_context.pop(found, None)
        obsolete.pop(found, None)


def _follow_plurals(
    entries: list[Entry],
    matched: dict[str, Message | None],
    old_by_context: dict[str, Message],
    obsolete: dict[str, Message],
) -> None:
    """A template's string that became plural (`_("%(n)s weken")` → `ngettext("%(n)s week",
    "%(n)s weken", n)`): its translation goes into every form, fuzzy, for the translator to
    write each form from it, instead of leaving as obsolete."""
    for entry in entries:
        if matched[entry.key] is not None or entry.plural is None:
            continue
        key = entry_key(entry.context, entry.plural)
        for pool in (old_by_context, obsolete):
            message = pool.get(key)
            if message is not None and isinstance(message.id, str) and message.string:
                matched[entry.key] = pool.pop(key)
                break


def _ids(message: Message) -> list[str]:
    return [message.id] if isinstance(message.id, str) else [str(part) for part in message.id[:2]]


def _carried(
    entry: Entry, message: Message, old_rule: PluralRule | None, rule: PluralRule
) -> tuple[str | tuple[str, ...], bool]:
    """An old entry's translation as the new entry's msgstr (a plural entry's msgstr[i], in the
    order of the language's rule), and whether carrying it changed what it says: then the
    translator checks it (fuzzy)."""
    strings = strings_of(message)
    if entry.plural is None:
        if isinstance(message.id, str):
            return strings[0], False
        one = (old_rule or rule).index(1)  # the form the translator wrote for 1
        return (strings[one] if one < len(strings) else ""), True
    if isinstance(message.id, str):
        return (strings[0],) * rule.count, True
    if old_rule is not None and not old_rule.same_as(rule):
        forms, clean = carry_forms(strings, old_rule, rule)
        return forms, not clean
    return (*strings, *[""] * rule.count)[: rule.count], False


def update_language(root: Path, code: str, entries: list[Entry], *, needs_review: bool | None = None) -> str:
    """The new text of <code>.po: every entry, translations kept, changed ones fuzzy."""
    name = f"{LOCALES_DIR}/{code}.po"
    rule = plural_rule(code)
    old_rule: PluralRule | None = None  # what the old header's Plural-Forms said
    old_by_context: dict[str, Message] = {}
    old_review = False
    path = root / name
    obsolete: dict[str, Message] = {}
    header: str | None = None  # only a new file (or one without a header) gets the default header
    if path.exists():
        old_text = path.read_text(encoding="utf-8")
        header = header_of(old_text)
        written = header_field(header or "", "Plural-Forms")
        old_rule = parse_rule(written[0]) if written else None
        try:
            old = read_po(io.StringIO(readable(old_text, code)), locale=None)
        except (ValueError, UnicodeError) as error:
            raise ValidationFailed([Problem(name, 1, 1, "", f"not a valid PO file: {error}")]) from error
        previous = previous_ids(old_text)
        for message in old:
            key = entry_key(message.context or "", msgid_of(message))
            if message.fuzzy and key in previous:
                message.previous_id = previous[key]
        old_review = REVIEW_NOTE.lower() in (old.header_comment or "").lower()
        for message in old:
            if message.id and message.context:
                old_by_context[entry_key(message.context, msgid_of(message))] = message
        obsolete = {entry_key(m.context, msgid_of(m)): m for m in old.obsolete.values() if m.context}
    review = old_review if needs_review is None else needs_review
    catalog = new_catalog(code, needs_review=review)
    matched = {
        entry.key: old_by_context.pop(entry.key, None) or obsolete.pop(entry.key, None) for entry in entries
    }
    _follow_moved_strings(entries, matched, old_by_context, obsolete)
    _follow_plurals(entries, matched, old_by_context, obsolete)
    for entry in entries:
        msgid: str | tuple[str, str] = entry.source if entry.plural is None else (entry.source, entry.plural)
        old_message = matched[entry.key]
        if old_message is None or not any(strings_of(old_message)):
            catalog.add(msgid, "" if entry.plural is None else ("",) * rule.count, context=entry.context)
            continue
        string, changed = _carried(entry, old_message, old_rule, rule)
        old_ids = _ids(old_message)
        if old_ids == _ids(Message(msgid)) and not changed:
            catalog.add(
                msgid,
                string,
                context=entry.context,
                flags=set(old_message.flags),
                previous_id=old_message.previous_id or (),
            )
            continue
        # The Dutch changed: keep the translation, mark it fuzzy, remember what it translated.
        earlier = old_message.previous_id if old_message.fuzzy and old_message.previous_id else old_ids
        catalog.add(
            msgid,
            string,
            context=entry.context,
            flags={*old_message.flags, "fuzzy"},
            previous_id=list(earlier) if earlier != _ids(Message(msgid)) else (),
        )
    # Translations of strings that left the sources stay as obsolete entries (#~), not lost.
    for message in [*old_by_context.values(), *obsolete.values()]:
        strings = strings_of(message)
        if any(strings) and message.context:
            if not isinstance(message.id, str) and old_rule is not None and not old_rule.same_as(rule):
                strings = carry_forms(strings, old_rule, rule)[0]
            catalog.obsolete[(msgid_of(message), message.context)] = Message(
                message.id,
                message.string if isinstance(message.id, str) else strings,
                context=message.context,
                flags=message.flags,
            )
    if header is not None:
        if review != old_review:
            header = _with_review_note(header, review)
        header = with_plural_forms(header, rule)
    return with_header(header, catalog)


def with_header(header: str | None, catalog: Catalog) -> str:
    """The catalogue's text under an existing file's header, kept byte for byte; with no header
    (a new file), under the catalogue's own."""
    if header is None:
        return dump_catalog(catalog)
    return header + "\n" + dump_catalog(catalog, omit_header=True)


def rewrite_catalogue(text: str, new_id: Callable[[Message], str | None]) -> str:
    """A PO file's text with each entry's msgid replaced by `new_id(entry)`, or the entry left
    out where that is None; translations, flags and the header stay. A plural entry (a
    template's, whose msgids are the templates') is kept or left out, never renamed."""
    old = read_po(io.StringIO(text))
    catalog = Catalog(locale=None)
    catalog.mime_headers = [("Plural-Forms", old.plural_forms)]
    for message in old:
        msgid = new_id(message) if message.id else None
        if msgid is not None:
            kept = msgid if isinstance(message.id, str) else message.id
            catalog.add(kept, message.string, context=message.context, flags=message.flags)
    return with_header(header_of(text), catalog)
