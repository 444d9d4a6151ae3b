"""The PO catalogues: extraction, updates that keep translations, fallback and status."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from babel.messages.pofile import read_po

from handbook.build import load_valid
from handbook.catalog import REVIEW_NOTE, all_entries, read_language, update_language
from handbook.localise import MISSING, OUTDATED, SOURCE, TRANSLATED, Localiser, localise_handbook
from handbook.status import language_status
from minihandbook import FILES, write_tree

if TYPE_CHECKING:
    from pathlib import Path


def test_every_translatable_string_is_extracted_with_its_address(mini: Path) -> None:
    handbook, _ = load_valid(mini)
    entries = {entry.context: entry.source for entry in all_entries(handbook) if ":" in entry.context}
    assert entries["roles/buddy.yml:boundaries.housing.instead"] == "Je verwijst door naar de professional."
    assert entries["content/modules/intro.yml:self_check.rent.options.b.text"] == "Nee."
    assert entries["content/topics.yml:topics.leisure.name"] == "Vrije tijd"
    assert entries["handbook.yml:contacts.coordinator.hours"] == "Op weekdagen"
    # Ids, numbers and URLs are not text to translate.
    assert not any(key.endswith((".id", ".url", ".phone", "stance")) for key in entries)


def test_template_strings_are_extracted_per_template(mini: Path) -> None:
    handbook, _ = load_valid(mini)
    templates = {(e.context, e.source) for e in all_entries(handbook) if ":" not in e.context}
    assert ("templates/role.md.j2", "Taken") in templates
    assert ("templates/_labels.j2", "Verwijst door") in templates


def test_dutch_edit_keeps_translation_as_fuzzy_with_previous_text(mini: Path) -> None:
    handbook, _ = load_valid(mini)
    first = update_language(mini, "en", all_entries(handbook))
    write_tree(mini, {"content/locales/en.po": first})
    write_tree(
        mini,
        {
            "roles/buddy.yml": FILES["roles/buddy.yml"].replace(
                "Een vrijwilliger.", "Een vrijwilliger uit de buurt."
            )
        },
    )
    handbook, _ = load_valid(mini)
    second = update_language(mini, "en", all_entries(handbook))
    assert (
        '#, fuzzy\n#| msgid "Een vrijwilliger."\nmsgctxt "roles/buddy.yml:summary"\n'
        'msgid "Een vrijwilliger uit de buurt."\nmsgstr "A volunteer."\n'
    ) in second
    # An entry that was fuzzy already keeps the Dutch its translation was made from.
    assert '#, fuzzy\n#| msgid "Je bent een vrijwillger."\nmsgctxt "roles/buddy.yml:who"\n' in second


def test_long_previous_text_is_written_line_by_line_and_survives_a_second_update(mini: Path) -> None:
    """A previous text over several lines, with a double space, comes back exactly after two
    updates: each of its lines is a `#| "…"` line, as msgmerge writes it."""
    long = "Een vrijwilliger.\\nDie  helpt." + " Lang woord" * 12
    summary = "summary: Een vrijwilliger.\n"
    write_tree(mini, {"roles/buddy.yml": FILES["roles/buddy.yml"].replace(summary, f'summary: "{long}"\n')})
    handbook, _ = load_valid(mini)
    text = update_language(mini, "en", all_entries(handbook))
    marker = 'msgctxt "roles/buddy.yml:summary"\n'
    head, tail = text.split(marker)
    tail = re.sub(r'msgstr "[^"]*"', 'msgstr "A volunteer who helps."', tail, count=1)
    head = re.sub(r"#, fuzzy\n(#\| [^\n]*\n)*\Z", "", head)  # translated from the long text
    write_tree(mini, {"content/locales/en.po": head + marker + tail})
    write_tree(mini, {"roles/buddy.yml": FILES["roles/buddy.yml"]})
    handbook, _ = load_valid(mini)
    first = update_language(mini, "en", all_entries(handbook))
    write_tree(mini, {"content/locales/en.po": first})
    assert update_language(mini, "en", all_entries(handbook)) == first
    expected = '#, fuzzy\n#| msgid ""\n#| "Een vrijwilliger.\\n"\n#| "Die  helpt. Lang woord'
    assert expected in first
    assert 'msgid "Een vrijwilliger."\nmsgstr "A volunteer who helps."\n' in first


def test_update_is_idempotent_and_keeps_removed_strings_as_obsolete(mini: Path) -> None:
    handbook, _ = load_valid(mini)
    text = update_language(mini, "en", all_entries(handbook))
    write_tree(mini, {"content/locales/en.po": text})
    assert update_language(mini, "en", all_entries(handbook)) == text
    write_tree(
        mini,
        {
            "roles/buddy.yml": FILES["roles/buddy.yml"].replace(
                "summary: Een vrijwilliger.\n", "summary: Anders.\n"
            )
        },
    )
    handbook, _ = load_valid(mini)
    catalog = read_po(iter(update_language(mini, "en", all_entries(handbook)).splitlines(keepends=True)))
    assert ("Buddy", "roles/buddy.yml:name") not in catalog.obsolete  # still in use
    assert any(m.context == "templates/role.md.j2" and m.id == "Taken" for m in catalog)


def test_review_note_survives_updates(mini: Path) -> None:
    handbook, _ = load_valid(mini)
    write_tree(
        mini, {"content/locales/en.po": update_language(mini, "en", all_entries(handbook), needs_review=True)}
    )
    again = update_language(mini, "en", all_entries(handbook))
    assert REVIEW_NOTE in again
    assert read_language(mini, "en")[0].needs_review


def test_lookup_statuses(mini: Path) -> None:
    language, problems = read_language(mini, "en")
    assert problems == []
    localiser = Localiser("nl", "en", language)
    assert localiser.text("roles/buddy.yml:summary", "Een vrijwilliger.").status == TRANSLATED
    # The PO file marks this one fuzzy: the reader gets the Dutch, marked outdated.
    who = localiser.text("roles/buddy.yml:who", "Je bent een vrijwilliger.")
    assert (who.status, str(who), who.lang) == (OUTDATED, "Je bent een vrijwilliger.", "nl")
    # The Dutch changed after translation and nobody ran update: still never shown as current.
    changed = localiser.text("roles/buddy.yml:summary", "Een andere tekst.")
    assert (changed.status, str(changed)) == (OUTDATED, "Een andere tekst.")
    assert localiser.text("roles/buddy.yml:commitment", "X").status == MISSING
    assert Localiser("nl", "nl", None).text("roles/buddy.yml:summary", "Y").status == SOURCE


def test_fallback_text_is_marked_in_html(mini: Path) -> None:
    handbook, catalogues = load_valid(mini)
    english = localise_handbook(handbook, "en", catalogues["en"])
    summary = english.roles["buddy"].summary
    who = english.roles["buddy"].who
    assert summary.__html__() == "A volunteer."  # type: ignore[attr-defined]
    assert who.__html__() == '<span lang="nl" dir="auto" class="hb-outdated">Je bent een vrijwilliger.</span>'  # type: ignore[attr-defined]
    # Placeholders are filled in after the lookup, in every language.
    assert str(english.roles["buddy"].commitment) == "Je bent buddy voor 6 maanden."


def test_status_counts(mini: Path) -> None:
    handbook, catalogues = load_valid(mini)
    counts = language_status(handbook, catalogues["en"])
    assert counts["translated"] == 4  # name, summary, leisure topic name, one template string
    assert counts["outdated"] == 1
    assert counts["missing"] == len(all_entries(handbook)) - 5
