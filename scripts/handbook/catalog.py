"""The PO catalogues: extract every translatable string, read and update translations with Babel.

A string's msgctxt is its stable address (`roles/buddy.yml:boundaries.housing.instead`, or the
template's path for interface text) and its msgid is the Dutch source. When the Dutch text at an
address changes, the translation is kept, marked fuzzy, and the previous Dutch is recorded as
`#| msgid`, so the translator sees exactly what changed.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.pofile import PoFileError, denormalize, read_po, write_po

from handbook.errors import Problem
from handbook.kinds import COLLECTIONS, DOCUMENTS
from handbook.load import LOCALES_DIR, TEMPLATES_DIR
from handbook.texts import iter_texts
from handbook.yamlsrc import read_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from handbook.load import Handbook

POT_FILE = f"{LOCALES_DIR}/handbook.pot"
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


@dataclass(frozen=True)
class Entry:
    """A translatable string: where it lives, its Dutch text, and its position for errors."""

    context: str
    source: str
    file: str
    line: int
    column: int
    loc: tuple[str | int, ...] = ()  # where in its YAML file (content strings only)

    @property
    def key(self) -> str:
        return entry_key(self.context, self.source)


@dataclass(frozen=True)
class Translation:
    text: str
    source: str
    fuzzy: bool
    line: int  # of the msgid, where the entry is named
    string_line: int = 0  # of the msgstr, where a problem of the translation itself is

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


def template_entries(root: Path) -> list[Entry]:
    """Every string marked for translation in the Jinja2 templates (via Babel's extractor)."""
    entries: dict[tuple[str, str], Entry] = {}
    directory = root / TEMPLATES_DIR
    for path in sorted(directory.rglob("*.j2")):
        name = path.relative_to(root).as_posix()
        found = extract_from_file(
            "jinja2.ext:babel_extract",
            str(path),
            keywords={"_": None, "gettext": None},
            options={"extensions": "jinja2.ext.do", "trimmed": "true"},
        )
        for lineno, message, _comments, _context in found:
            if isinstance(message, str):
                entries.setdefault((name, message), Entry(name, message, name, lineno, 1))
    return list(entries.values())


def all_entries(handbook: Handbook) -> list[Entry]:
    return content_entries(handbook) + template_entries(handbook.root)


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


def previous_ids(text: str) -> dict[str, str]:
    """The `#| msgid` (previous Dutch) of each fuzzy entry, by context.

    Babel writes these comments but does not read them back, so they are parsed here.
    """
    found: dict[str, str] = {}
    for block in re.split(r"\n[ \t]*\n", text):
        lines = block.splitlines()
        previous = _field(lines, "#| msgid ", '#| "')
        context = _field(lines, "msgctxt ", '"')
        if previous is not None and context is not None:
            found[context] = previous
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
        catalog = read_po(io.StringIO(text), locale=None, abort_invalid=True)
    except PoFileError as error:
        # Babel counts lines from 0 and puts the number at the end of its message.
        line = int(getattr(error, "lineno", 0)) + 1
        reason = re.sub(r" on \d+$", "", str(error)).lower()
        return language, [Problem(name, line, 1, "", f"not a valid PO file: {reason}")]
    except (ValueError, UnicodeError) as error:
        return language, [Problem(name, 1, 1, "", f"not a valid PO file: {error}")]
    lines = text.splitlines()
    language.needs_review = REVIEW_NOTE.lower() in (catalog.header_comment or "").lower()
    for message in catalog:
        if not message.id:
            continue  # the header
        if not message.context:
            problems.append(
                Problem(name, message.lineno or 1, 1, "msgctxt", "every entry needs a msgctxt (its address)")
            )
            continue
        text_value = message.string if isinstance(message.string, str) else ""
        source = message.id if isinstance(message.id, str) else message.id[0]
        key = entry_key(message.context, source)
        if key in language.entries:
            problems.append(
                Problem(name, message.lineno or 1, 1, "msgctxt", f"'{message.context}' appears twice")
            )
            continue
        start = message.lineno or 1
        language.entries[key] = Translation(
            text_value, source, message.fuzzy, start, _msgstr_line(lines, start)
        )
    return language, problems


def _msgstr_line(lines: list[str], start: int) -> int:
    """The line of the msgstr of the entry whose msgid is on line `start`."""
    for number in range(start, len(lines) + 1):
        if lines[number - 1].startswith("msgstr"):
            return number
    return start


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
    return catalog


def dump_catalog(catalog: Catalog, *, width: int = 0, omit_header: bool = False) -> str:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=width, omit_header=omit_header, sort_output=False, include_previous=True)
    return buffer.getvalue().decode("utf-8")


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


def render_template_catalog(entries: list[Entry]) -> str:
    catalog = new_catalog(None)
    for entry in entries:
        catalog.add(entry.source, "", context=entry.context)
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
        if message.string and ":" in (message.context or "")
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


def update_language(root: Path, code: str, entries: list[Entry], *, needs_review: bool | None = None) -> str:
    """The new text of <code>.po: every entry, translations kept, changed ones fuzzy."""
    name = f"{LOCALES_DIR}/{code}.po"
    old_by_context: dict[str, Message] = {}
    old_review = False
    path = root / name
    obsolete: dict[str, Message] = {}
    header: str | None = None  # only a new file (or one without a header) gets the default header
    if path.exists():
        old_text = path.read_text(encoding="utf-8")
        header = header_of(old_text)
        old = read_po(io.StringIO(old_text), locale=None)
        previous = previous_ids(old_text)
        for message in old:
            if message.fuzzy and message.context in previous:
                message.previous_id = [previous[message.context]]
        old_review = REVIEW_NOTE.lower() in (old.header_comment or "").lower()
        for message in old:
            if message.id and message.context:
                old_by_context[entry_key(message.context, str(message.id))] = message
        obsolete = {entry_key(m.context, str(m.id)): m for m in old.obsolete.values() if m.context}
    review = old_review if needs_review is None else needs_review
    catalog = new_catalog(code, needs_review=review)
    matched = {
        entry.key: old_by_context.pop(entry.key, None) or obsolete.pop(entry.key, None) for entry in entries
    }
    _follow_moved_strings(entries, matched, old_by_context, obsolete)
    for entry in entries:
        old_message = matched[entry.key]
        if old_message is None or not old_message.string:
            catalog.add(entry.source, "", context=entry.context)
            continue
        old_id = old_message.id if isinstance(old_message.id, str) else old_message.id[0]
        if old_id == entry.source:
            catalog.add(
                entry.source,
                old_message.string,
                context=entry.context,
                flags=set(old_message.flags),
                previous_id=old_message.previous_id or (),
            )
            continue
        # The Dutch changed: keep the translation, mark it fuzzy, remember what it translated.
        earlier = old_message.previous_id if old_message.fuzzy and old_message.previous_id else [old_id]
        catalog.add(
            entry.source,
            old_message.string,
            context=entry.context,
            flags={*old_message.flags, "fuzzy"},
            previous_id=list(earlier),
        )
    # Translations of strings that left the sources stay as obsolete entries (#~), not lost.
    for message in [*old_by_context.values(), *obsolete.values()]:
        if message.string and message.context:
            catalog.obsolete[(str(message.id), message.context)] = Message(
                message.id, message.string, context=message.context, flags=message.flags
            )
    if header is not None and review != old_review:
        header = _with_review_note(header, review)
    return with_header(header, catalog)


def with_header(header: str | None, catalog: Catalog) -> str:
    """The catalogue's text under an existing file's header, kept byte for byte; with no header
    (a new file), under the catalogue's own."""
    if header is None:
        return dump_catalog(catalog)
    return header + "\n" + dump_catalog(catalog, omit_header=True)


def rewrite_catalogue(text: str, new_id: Callable[[Message], str | None]) -> str:
    """A PO file's text with each entry's msgid replaced by `new_id(entry)`, or the entry left
    out where that is None; translations, flags and the header stay."""
    catalog = Catalog(locale=None)
    for message in read_po(io.StringIO(text)):
        msgid = new_id(message) if message.id else None
        if msgid is not None:
            catalog.add(msgid, message.string, context=message.context, flags=message.flags)
    return with_header(header_of(text), catalog)
