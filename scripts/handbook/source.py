"""`handbook translations set-source LANG`: make another language the source of the handbook.

Every source text in the YAML files is rewritten from LANG's catalogue, in place (comments and
layout stay); the old source language becomes an ordinary translation catalogue; every other
catalogue keeps its translations, now of LANG's text; and handbook.yml's default_language is
LANG. Refused, with the list of what is missing, while LANG's translation is not complete.
"""

from __future__ import annotations

import io
import json
import re
from typing import TYPE_CHECKING

from babel.messages.pofile import read_po

from handbook.build import load_valid
from handbook.catalog import (
    POT_FILE,
    content_entries,
    dump_catalog,
    msgid_of,
    new_catalog,
    rewrite_catalogue,
    template_entries,
)
from handbook.errors import Problem, ValidationFailed
from handbook.kinds import LOCALES_DIR, PAGES_DIR, SETTINGS, split_language
from handbook.yamlsrc import load_yaml

if TYPE_CHECKING:
    from pathlib import Path

    from handbook.catalog import Entry, Language


def set_source(root: Path, lang: str) -> list[str]:
    """Make `lang` the source language; return what was rewritten, for the person to read."""
    handbook, catalogues = load_valid(root)
    settings = handbook.settings
    old = settings.default_language
    codes = [language.code for language in settings.languages]
    if lang == old:
        raise ValidationFailed(
            [Problem(SETTINGS.file, 1, 1, "default_language", f"'{lang}' is the source already")]
        )
    if lang not in codes or lang not in catalogues:
        raise ValidationFailed(
            [
                Problem(
                    SETTINGS.file,
                    1,
                    1,
                    "languages",
                    f"'{lang}' is not a language of the handbook ({', '.join(codes)})",
                )
            ]
        )
    new = catalogues[lang]
    entries = content_entries(handbook)
    missing = [
        Problem(
            entry.file,
            entry.line,
            entry.column,
            entry.context.partition(":")[2],
            f"no current {lang} translation",
        )
        for entry in entries
        if not _current(new, entry)
    ]
    missing += _missing_pages(handbook.pages, old, lang)
    if missing:
        raise ValidationFailed(missing)
    texts = {entry.context: new.entries[entry.key].text for entry in entries}
    done = [
        _rewrite_yaml(root, file, [e for e in entries if e.file == file], texts) for file in _files(entries)
    ]
    interface = settings.interface_language
    # The old source: a catalogue of its own texts, translating the new source's.
    _write(root, old, _old_source_catalogue(root, old, entries, texts, keep_templates=old != interface))
    done.append(f"{LOCALES_DIR}/{old}.po: the {old} texts, now a translation")
    # The new source keeps only the interface strings of the templates (unless it is their language).
    own = root / LOCALES_DIR / f"{lang}.po"
    if lang == interface:
        own.unlink()
        done.append(f"{LOCALES_DIR}/{lang}.po: removed (the templates are written in {lang})")
    else:
        _write(root, lang, _only_templates(own.read_text(encoding="utf-8"), template_entries(root)))
        done.append(f"{LOCALES_DIR}/{lang}.po: only the templates' strings are left")
    # Every other catalogue: the same translations, now of the new source's texts.
    for code, catalogue in catalogues.items():
        if code not in (lang, old):
            _resource(root, catalogue, texts)
            done.append(f"{LOCALES_DIR}/{code}.po: msgids now in {lang}, translations kept")
    _set_settings(root, lang, old, interface, templates_set=settings.templates_language is not None)
    done.append(f"{SETTINGS.file}: default_language: {lang}")
    (root / POT_FILE).unlink(missing_ok=True)  # `translations update` writes it again
    return done


def _current(catalogue: Language, entry: Entry) -> bool:
    found = catalogue.entries.get(entry.key)
    return bool(found and found.text and not found.fuzzy and found.source == entry.source)


def _missing_pages(pages: list[str], old: str, lang: str) -> list[Problem]:
    written = {split_language(page.removeprefix(PAGES_DIR + "/")) for page in pages if page.endswith(".md")}
    return [
        Problem(f"{PAGES_DIR}/{name.removesuffix('.md')}.{old}.md", 1, 1, "", f"has no {lang} version")
        for name, code in sorted(written)
        if code == old and (name, lang) not in written
    ]


def _files(entries: list[Entry]) -> list[str]:
    return list(dict.fromkeys(entry.file for entry in entries))


def _yaml_scalar(text: str, indent: int) -> str:
    """`text` as a YAML scalar: a literal block for several lines, else a double-quoted string."""
    # `|` keeps one final line break, `|-` none: the text must read back exactly as it is.
    body, indicator = (text[:-1], "|") if text.endswith("\n") else (text, "|-")
    lines = body.split("\n")
    plain_lines = all(line == line.rstrip() for line in lines) and not lines[0].startswith(" ")
    if len(lines) > 1 and plain_lines and not body.endswith("\n"):
        pad = " " * indent
        return indicator + "\n" + "\n".join(pad + line if line else "" for line in lines)
    return json.dumps(text, ensure_ascii=False)


def _rewrite_yaml(root: Path, file: str, entries: list[Entry], texts: dict[str, str]) -> str:
    """Replace each source text of one file by its new text, where it stands: the rest of the
    file (comments, order, layout) stays as it was."""
    path = root / file
    original = path.read_text(encoding="utf-8")
    source, problems = load_yaml(path, file)
    if source is None:
        raise ValidationFailed(problems)
    spans = []
    for entry in entries:
        start, end = source.spans[entry.loc]
        key_column = source.keys.get(entry.loc, source.values[entry.loc])[1]
        written = original[start:end]
        # A block scalar's span ends with its line breaks: keep them, or the next key would join.
        tail = written[len(written.rstrip("\n")) :] if written.startswith(("|", ">")) else ""
        spans.append((start, end, _yaml_scalar(texts[entry.context], key_column + 1) + tail))
    text = original
    for start, end, replacement in sorted(spans, reverse=True):
        text = text[:start] + replacement + text[end:]
    path.write_text(text, encoding="utf-8")
    return f"{file}: {len(spans)} texts"


def _old_source_catalogue(
    root: Path, old: str, entries: list[Entry], texts: dict[str, str], *, keep_templates: bool
) -> str:
    path = root / LOCALES_DIR / f"{old}.po"
    catalog = new_catalog(old)
    if keep_templates and path.exists():
        for message in read_po(io.StringIO(path.read_text(encoding="utf-8"))):
            if message.id and message.context and ":" not in message.context:
                catalog.add(message.id, message.string, context=message.context, flags=message.flags)
    for entry in entries:
        catalog.add(texts[entry.context], entry.source, context=entry.context)
    return dump_catalog(catalog)


def _only_templates(text: str, templates: list[Entry]) -> str:
    keep = {(entry.context, entry.source) for entry in templates}
    return rewrite_catalogue(text, lambda m: msgid_of(m) if (m.context, msgid_of(m)) in keep else None)


def _resource(root: Path, catalogue: Language, texts: dict[str, str]) -> None:
    """The same translations, keyed to the new source text: a current one stays current."""
    path = root / catalogue.file
    text = rewrite_catalogue(
        path.read_text(encoding="utf-8"), lambda m: texts.get(m.context or "", msgid_of(m))
    )
    path.write_text(text, encoding="utf-8")


def _write(root: Path, code: str, text: str) -> None:
    (root / LOCALES_DIR / f"{code}.po").write_text(text, encoding="utf-8")


def _set_settings(root: Path, lang: str, old: str, interface: str, *, templates_set: bool) -> None:
    path = root / SETTINGS.file
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^default_language:.*$", f"default_language: {lang}", text, count=1)
    if not count:
        text += f"default_language: {lang}\n"
    # The plain-language check follows the source, where it named the old one.
    text = re.sub(
        r"(?m)^(\s*check_languages:\s*\[)([^\]]*)\]",
        lambda m: (
            m.group(1)
            + ", ".join(lang if c.strip() == old else c.strip() for c in m.group(2).split(","))
            + "]"
        ),
        text,
    )
    if not templates_set:
        # The templates are still written in the old source language: say so, or they would be
        # taken to be in the new one.
        text = text.replace(
            f"default_language: {lang}\n", f"default_language: {lang}\ntemplates_language: {interface}\n", 1
        )
    path.write_text(text, encoding="utf-8")
