"""`handbook translations update` runs whatever state the catalogues are in, and keeps every
translation it can: a deleted source's become obsolete (#~), a changed source's become fuzzy with
the previous text, and a renamed or moved file's follow their unchanged text to the new place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handbook.build import load_valid
from handbook.commands import update
from minihandbook import FILES, write_tree
from test_fork import rename_role

if TYPE_CHECKING:
    from pathlib import Path

EN = "content/locales/en.po"


def _po(root: Path) -> str:
    return (root / EN).read_text(encoding="utf-8")


def test_update_runs_on_catalogues_that_do_not_validate(mini: Path) -> None:
    orphan = '\nmsgctxt "roles/buddy.yml:nickname"\nmsgid "Maat"\nmsgstr "Mate"\n'
    write_tree(mini, {EN: FILES[EN] + orphan})
    assert update(mini) == 0
    assert '#~ msgctxt "roles/buddy.yml:nickname"\n#~ msgid "Maat"\n#~ msgstr "Mate"' in _po(mini)
    load_valid(mini)  # valid again


def test_deleted_changed_renamed_and_moved_sources(mini: Path) -> None:
    rename_role(mini, "buddy", "maatje")
    moved = (mini / "content/checklists/first.yml").read_text(encoding="utf-8")
    (mini / "content/checklists/first.yml").unlink()
    module = (mini / "content/modules/intro.yml").read_text(encoding="utf-8")
    write_tree(
        mini,
        {
            "content/checklists/first-meeting.yml": moved,
            "content/modules/intro.yml": module.replace("checklists: [first]", "checklists: [first-meeting]"),
        },
    )
    write_tree(
        mini,
        {
            "content/topics.yml": FILES["content/topics.yml"].replace(
                "name: Vrije tijd", "name: Vrije tijd samen"
            )
        },
    )
    assert update(mini) == 0
    po = _po(mini)
    # renamed: the same text at the new address keeps its translation, not fuzzy
    assert 'msgctxt "roles/maatje.yml:summary"\nmsgid "Een vrijwilliger."\nmsgstr "A volunteer."' in po
    assert 'msgctxt "roles/buddy.yml:summary"' not in po
    # moved: likewise
    assert 'msgctxt "content/checklists/first-meeting.yml:' in po
    assert 'msgctxt "content/checklists/first.yml:' not in po.replace("#~ ", "")
    # changed: kept, fuzzy, with the text it translated
    assert (
        '#, fuzzy\n#| msgid "Vrije tijd"\nmsgctxt "content/topics.yml:topics.leisure.name"\n'
        'msgid "Vrije tijd samen"\nmsgstr "Free time"'
    ) in po
    handbook, catalogues = load_valid(mini)
    assert "maatje" in handbook.roles
    entries = catalogues["en"].entries
    assert not entries["roles/maatje.yml:summary"].fuzzy
    assert entries["roles/maatje.yml:summary"].text == "A volunteer."


def test_a_second_update_changes_nothing(mini: Path) -> None:
    assert update(mini) == 0
    first = _po(mini)
    assert update(mini) == 0
    assert _po(mini) == first
