"""A hand-written page with no version in a language: the source page, marked and with the notice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handbook.assemble import render_files
from handbook.build import load_valid
from minihandbook import write_tree

if TYPE_CHECKING:
    from pathlib import Path


def test_missing_page_is_the_source_page_in_its_language_under_the_notice(mini: Path) -> None:
    handbook, catalogues = load_valid(mini)
    source = handbook.settings.default_language
    assert source == "nl"
    files, _ = render_files(handbook, catalogues, pdf=False)
    # The source language's own page is copied as it is.
    assert files[f"about.{source}.md"] == (mini / f"content/pages/about.{source}.md").read_bytes()
    english = files["about.en.md"].decode("utf-8")
    marks = f'lang="{source}" dir="auto" class="hb-missing"'
    assert english.startswith(f"# <span {marks}>Over dit handboek</span>\n\n")
    # The notice every other page gets, right under the title, pointing at the original.
    notice = english.index('<div class="hb-notice" role="note" markdown>')
    assert "Nog niet vertaald: 1. Verouderd: 0." in english
    assert f'](../../about/){{ hreflang="{source}" }}' in english
    # The body in a block marked as the source language, so screen readers switch voice.
    body = english.index(f'<div {marks} markdown="1">\n\nEen testpagina.\n\n</div>\n')
    assert notice < body


def test_a_language_with_its_own_page_gets_it_as_it_is(mini: Path) -> None:
    write_tree(mini, {"content/pages/about.en.md": "# About this handbook\n\nA test page.\n"})
    handbook, catalogues = load_valid(mini)
    files, _ = render_files(handbook, catalogues, pdf=False)
    assert files["about.en.md"] == b"# About this handbook\n\nA test page.\n"
    assert files["about.nl.md"] == (mini / "content/pages/about.nl.md").read_bytes()
