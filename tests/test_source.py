"""`handbook translations set-source LANG`: any language can be the source. A Dutch-source mini
handbook becomes English-source; then Dutch is dropped and the English handbook still validates
and builds, with no Dutch at all."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from babel.messages.pofile import escape

from handbook.assemble import render_files
from handbook.build import load_valid
from handbook.catalog import all_entries
from handbook.errors import ValidationFailed
from handbook.source import set_source
from minihandbook import write_tree

if TYPE_CHECKING:
    from pathlib import Path


def english(text: str) -> str:
    """A stand-in English text that keeps the source's placeholders and Markdown."""
    return f"{text} [en]"


def complete_english(root: Path, *, skip: int = 0) -> None:
    """An en.po with every string translated (but the first `skip` content strings)."""
    handbook, _ = load_valid(root)
    blocks = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n']
    content = [entry for entry in all_entries(handbook) if ":" in entry.context]
    for entry in all_entries(handbook):
        text = "" if entry in content[:skip] else english(entry.source)
        blocks.append(
            f"msgctxt {escape(entry.context)}\nmsgid {escape(entry.source)}\nmsgstr {escape(text)}\n"
        )
    write_tree(
        root,
        {"content/locales/en.po": "\n".join(blocks), "content/pages/about.en.md": "# About\n\nA page.\n"},
    )


def test_an_incomplete_language_is_refused_with_what_is_missing(mini: Path) -> None:
    complete_english(mini, skip=2)
    with pytest.raises(ValidationFailed) as caught:
        set_source(mini, "en")
    assert [str(p) for p in caught.value.problems] == [
        "handbook.yml:2:1 title: no current en translation",
        "handbook.yml:3:1 description: no current en translation",
    ]
    assert "default_language: nl" in (mini / "handbook.yml").read_text(encoding="utf-8")


def test_english_becomes_the_source_and_dutch_can_go(mini: Path) -> None:
    complete_english(mini)
    summary = (mini / "roles/buddy.yml").read_text(encoding="utf-8")
    set_source(mini, "en")
    buddy = (mini / "roles/buddy.yml").read_text(encoding="utf-8")
    assert '"Een vrijwilliger. [en]"' in buddy
    assert buddy.count("\n") == summary.count("\n")  # rewritten in place
    settings = (mini / "handbook.yml").read_text(encoding="utf-8")
    assert "default_language: en\ntemplates_language: nl\n" in settings
    nl_po = (mini / "content/locales/nl.po").read_text(encoding="utf-8")
    assert (
        'msgctxt "roles/buddy.yml:summary"\nmsgid "Een vrijwilliger. [en]"\nmsgstr "Een vrijwilliger."'
        in nl_po
    )
    handbook, catalogues = load_valid(mini)
    assert handbook.settings.default_language == "en"
    files, _ = render_files(handbook, catalogues, pdf=False)
    en = files["roles/buddy.en.md"].decode("utf-8")
    nl = files["roles/buddy.nl.md"].decode("utf-8")
    assert "Een vrijwilliger. [en]" in en
    assert "hb-notice" not in en  # the source has no notice
    assert "Een vrijwilliger." in nl and "[en]" not in re.sub(r"hb-notice.*?</div>", "", nl, flags=re.S)

    # No Dutch at all: drop the language and its catalogue.
    settings = re.sub(r"  - code: nl\n    name: Nederlands\n", "", settings)
    write_tree(
        mini, {"handbook.yml": settings, "content/locales/nl.po": None, "content/pages/about.nl.md": None}
    )
    handbook, catalogues = load_valid(mini)
    assert [language.code for language in handbook.settings.languages] == ["en"]
    files, _ = render_files(handbook, catalogues, pdf=False)
    assert "Een vrijwilliger. [en]" in files["roles/buddy.en.md"].decode("utf-8")
