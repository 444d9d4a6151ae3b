"""`translations update` rewrites a catalogue only where a string changed, and never its header
but for the language's plural rule (`Plural-Forms:`) where that is missing or another."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handbook.build import load_valid
from handbook.catalog import REVIEW_NOTE, all_entries, read_language, update_language
from handbook.cli import main
from minihandbook import FILES, write_tree

if TYPE_CHECKING:
    from pathlib import Path

EN = "content/locales/en.po"

# A header as Poedit leaves it: its own comment, revision date, translator, team and generator.
POEDIT_HEADER = """\
# Buddy Handbook: en translation.
# Translators: Sam Vertaler, 2025.
#
msgid ""
msgstr ""
"Project-Id-Version: Buddy Handbook 1\\n"
"POT-Creation-Date: 2024-01-01 00:00+0000\\n"
"PO-Revision-Date: 2025-05-06 14:30+0200\\n"
"Last-Translator: Sam Vertaler <sam@example.org>\\n"
"Language-Team: English <en@example.org>\\n"
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Generator: Poedit 3.5\\n"
"""
# The same header after an update: only the language's plural rule added, after `Language:`.
WITH_RULE = POEDIT_HEADER.replace(
    '"Language: en\\n"\n', '"Language: en\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
)


def _locales(root: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((root / "content/locales").iterdir())}


def test_update_twice_changes_nothing_the_second_time(mini: Path) -> None:
    english = "  - code: en\n    name: English\n"
    write_tree(
        mini,
        {
            "handbook.yml": FILES["handbook.yml"].replace(
                english, english + "  - code: tr\n    name: Türkçe\n"
            )
        },
    )
    assert main(["--root", str(mini), "translations", "update"]) == 0
    first = _locales(mini)
    assert set(first) == {"en.po", "tr.po", "handbook.pot"}
    assert b"#:" not in first["en.po"]  # no source lines, which move with every edit
    assert main(["--root", str(mini), "translations", "update"]) == 0
    assert _locales(mini) == first


def test_update_keeps_an_edited_header_byte_for_byte(mini: Path) -> None:
    handbook, _ = load_valid(mini)
    body = FILES[EN].split("\n\n", 1)[1]
    write_tree(mini, {EN: POEDIT_HEADER + "\n" + body})
    updated = update_language(mini, "en", all_entries(handbook))
    assert WITH_RULE != POEDIT_HEADER
    assert updated.startswith(WITH_RULE + "\n")
    assert 'msgstr "A volunteer."' in updated
    write_tree(mini, {EN: updated})
    assert update_language(mini, "en", all_entries(handbook)) == updated
    assert read_language(mini, "en")[1] == []


def test_only_a_new_catalogue_gets_the_default_header(mini: Path) -> None:
    handbook, _ = load_valid(mini)
    new = update_language(mini, "tr", all_entries(handbook))
    assert new.startswith("# Buddy Handbook: tr translation.\n")
    assert '"Language: tr\\n"' in new


def test_review_note_is_added_and_removed_in_the_header_comment_only(mini: Path) -> None:
    handbook, _ = load_valid(mini)
    body = FILES[EN].split("\n\n", 1)[1]
    write_tree(mini, {EN: POEDIT_HEADER + "\n" + body})
    noted = update_language(mini, "en", all_entries(handbook), needs_review=True)
    lines = WITH_RULE.splitlines(keepends=True)
    assert noted.startswith("".join([*lines[:3], f"# {REVIEW_NOTE}\n", *lines[3:]]))
    write_tree(mini, {EN: noted})
    assert read_language(mini, "en")[0].needs_review
    assert update_language(mini, "en", all_entries(handbook)) == noted  # the note stays
    cleared = update_language(mini, "en", all_entries(handbook), needs_review=False)
    assert cleared.startswith(WITH_RULE + "\n")
