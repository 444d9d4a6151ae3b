"""Each kind of bad input gives one exact message: file:line:column field.path: what is wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from handbook.build import generate, load_valid
from handbook.errors import ValidationFailed
from minihandbook import FILES, make_handbook

if TYPE_CHECKING:
    from pathlib import Path

BUDDY = FILES["roles/buddy.yml"]
PRO = FILES["roles/professional.yml"]
ESC = FILES["content/escalation/emergency.yml"]
MOD = FILES["content/modules/intro.yml"]
GLOSSARY = FILES["content/glossary.yml"]
SOURCES = FILES["content/sources.yml"]
HANDBOOK = FILES["handbook.yml"]
NO_SOURCE = (
    "add 'sources: [<id>]' with ids from content/sources.yml, "
    "or 'basis: practice' when it is the programme's own practice"
)
EN = FILES["content/locales/en.po"]

CASES: dict[str, tuple[dict[str, str | bytes | None], list[str]]] = {
    "wrong type: stance not in the list": (
        {"roles/buddy.yml": BUDDY.replace("stance: does", "stance: refer")},
        [
            "roles/buddy.yml:15:5 boundaries.leisure.stance: 'refer' is not one of does, supports, refers, never"
        ],
    ),
    "wrong type: text where a list belongs": (
        {"content/modules/intro.yml": MOD.replace("audiences: [buddy]", "audiences: buddy")},
        ["content/modules/intro.yml:3:1 audiences: expected a list, got text"],
    ),
    "misspelt key": (
        {"roles/buddy.yml": BUDDY.replace("summary:", "sumary:")},
        [
            "roles/buddy.yml:1:1 summary: required field is missing",
            "roles/buddy.yml:3:1 sumary: unknown field 'sumary'; did you mean 'summary'? (allowed: boundaries, "
            "commitment, icon, name, order, responsibilities, sources, summary, who)",
        ],
    ),
    "missing field": (
        {"roles/buddy.yml": BUDDY.replace("    instead: Je gaat samen op stap.\n", "")},
        ["roles/buddy.yml:14:3 boundaries.leisure.instead: required field is missing"],
    ),
    "unknown topic id": (
        {"roles/buddy.yml": BUDDY.replace("  leisure:\n", "  leasure:\n")},
        [
            "content/topics.yml:5:5 topics[1].id: no role does 'leisure': exactly one role needs stance 'does'",
            "roles/buddy.yml:9:1 boundaries: no stance for topic 'leisure'; every role needs one",
            "roles/buddy.yml:14:3 boundaries.leasure: unknown topic 'leasure' (known: housing, leisure)",
        ],
    ),
    "unknown module id": (
        {"content/escalation/emergency.yml": ESC.replace("modules: [intro]", "modules: [intro, outro]")},
        ["content/escalation/emergency.yml:23:18 modules[1]: unknown module 'outro' (known: intro)"],
    ),
    "unknown role id": (
        {
            "content/escalation/emergency.yml": ESC.replace(
                "    who: buddy\n    action: Bel", "    who: vrijwilliger\n    action: Bel"
            )
        },
        [
            "content/escalation/emergency.yml:7:5 steps[0].who: unknown role 'vrijwilliger' (known: buddy, professional)"
        ],
    ),
    "invalid id": (
        {"content/escalation/emergency.yml": ESC.replace("  - id: tell", "  - id: Tell me")},
        [
            "content/escalation/emergency.yml:11:5 steps[1].id: 'Tell me' is not a valid id: use lowercase "
            "letters a-z, digits and hyphens, like 'first-meeting'"
        ],
    ),
    "duplicate id in a list": (
        {"content/escalation/emergency.yml": ESC.replace("  - id: tell", "  - id: call")},
        ["content/escalation/emergency.yml:11:5 steps[1].id: duplicate id 'call' (first at line 6)"],
    ),
    "duplicate topic": (
        {
            "content/topics.yml": FILES["content/topics.yml"]
            + "  - id: housing\n    name: X\n    description: Y.\n"
        },
        ["content/topics.yml:8:5 topics[2].id: duplicate id 'housing' (first at line 2)"],
    ),
    "duplicate key": (
        {
            "roles/buddy.yml": BUDDY.replace(
                "summary: Een vrijwilliger.", "summary: Een vrijwilliger.\nsummary: Twee."
            )
        },
        ["roles/buddy.yml:4:1 summary: duplicate key 'summary' (first at line 3)"],
    ),
    "topic with no owner": (
        {"roles/buddy.yml": BUDDY.replace("stance: does", "stance: supports")},
        ["content/topics.yml:5:5 topics[1].id: no role does 'leisure': exactly one role needs stance 'does'"],
    ),
    "topic with two owners": (
        {"roles/professional.yml": PRO.replace("stance: supports", "stance: does")},
        [
            "roles/professional.yml:14:5 boundaries.leisure.stance: 'leisure' already has an owner ('buddy'): "
            "exactly one role does a topic"
        ],
    ),
    "referral to a role that does not own the topic": (
        {"roles/buddy.yml": BUDDY.replace("to: professional", "to: buddy")},
        [
            "roles/buddy.yml:13:5 boundaries.housing.to: 'buddy' does not own 'housing'; refer to 'professional', who does it"
        ],
    ),
    "referral without a target": (
        {"roles/buddy.yml": BUDDY.replace("    to: professional\n", "")},
        [
            "roles/buddy.yml:10:3 boundaries.housing: a referral needs 'to: professional' (the role that does 'housing')"
        ],
    ),
    "contact id missing from handbook.yml": (
        {"content/escalation/emergency.yml": ESC.replace("contact: coordinator", "contact: coordinater")},
        [
            "content/escalation/emergency.yml:14:5 steps[1].contact: unknown contact 'coordinater' (known: coordinator, emergency-112)"
        ],
    ),
    "catalogue of a language handbook.yml does not configure": (
        {"content/locales/fr.po": EN},
        [
            "content/locales/fr.po:1:1: language 'fr' is not configured in handbook.yml (languages: en, nl); add it there first"
        ],
    ),
    "default language not among the languages": (
        {"handbook.yml": FILES["handbook.yml"].replace("default_language: nl\n", "default_language: de\n")},
        ["handbook.yml:4:1 default_language: 'de' is not in languages (nl, en)"],
    ),
    "PO entry whose context matches no source string": (
        {"content/locales/en.po": EN + '\nmsgctxt "roles/buddy.yml:nickname"\nmsgid "Maat"\nmsgstr "Mate"\n'},
        [
            "content/locales/en.po:28:1 msgctxt: 'roles/buddy.yml:nickname' matches no source string; "
            "run 'handbook translations update' to keep it as obsolete"
        ],
    ),
    "PO translation that drops a placeholder": (
        {
            "content/locales/en.po": EN
            + '\nmsgctxt "roles/buddy.yml:commitment"\nmsgid "Je bent buddy voor {programme.duration_months} maanden."\n'
            'msgstr "You are a buddy for six months."\n'
        },
        [
            "content/locales/en.po:29:1 msgstr: placeholders differ from the source text of "
            "'roles/buddy.yml:commitment' (expected: {programme.duration_months})"
        ],
    ),
    "PO file that is not valid": (
        {"content/locales/en.po": 'msgid "a"\nmsgstr "b"\nthis is not po\n'},
        ["content/locales/en.po:3:1: not a valid PO file: unknown or misformatted keyword"],
    ),
    "unknown placeholder": (
        {"roles/buddy.yml": BUDDY.replace("{programme.duration_months}", "{programme.months}")},
        [
            "roles/buddy.yml:5:1 commitment: unknown placeholder '{programme.months}' (known: {organisation}, "
            "{programme.check_in_weeks}, {programme.duration_months}, {programme.meeting_frequency}, "
            "{programme.meeting_hours}, {programme.participation_hours}, {quantity.check_in_weeks}, "
            "{quantity.duration_months}, {quantity.meeting_hours}, {quantity.participation_hours})"
        ],
    ),
    "link with a script scheme": (
        {
            "roles/buddy.yml": BUDDY.replace(
                "who: Je bent een vrijwilliger.", "who: '[klik](javascript:alert(1))'"
            )
        },
        ["roles/buddy.yml:4:1 who: a link may not use 'javascript:'; use https:, mailto: or tel:"],
    ),
    "YAML syntax error": (
        {"roles/buddy.yml": BUDDY.replace("who: Je bent", "who: [Je bent")},
        [
            "roles/buddy.yml:5:11: not valid YAML: while parsing a flow sequence expected ',' or ']', but got ':'"
        ],
    ),
    "empty file": ({"roles/buddy.yml": ""}, ["roles/buddy.yml:1:1: the file is empty"]),
    "file that is not UTF-8": (
        {"roles/buddy.yml": BUDDY.replace("Een vrijwilliger.", "Een vrijwilliger \xe9.").encode("latin-1")},
        ["roles/buddy.yml:3:27: not UTF-8 text (byte 0xe9); save it as UTF-8"],
    ),
    "folder where a file belongs": (
        {"roles/buddy.yml": None, "roles/buddy.yml/x.txt": "x"},
        ["roles/buddy.yml:1:1: expected a file but found a folder"],
    ),
    "file name that is not an id": (
        {"content/checklists/Eerste Keer.yml": FILES["content/checklists/first.yml"]},
        [
            "content/checklists/Eerste Keer.yml:1:1: the file name 'Eerste Keer' is not a valid id: use lowercase "
            "letters a-z, digits and hyphens, like 'first-meeting.yml'"
        ],
    ),
    "glossary term with neither sources nor basis": (
        {"content/glossary.yml": GLOSSARY.replace("    basis: practice\n", "")},
        [f"content/glossary.yml:7:5 terms[1]: no source for this term: {NO_SOURCE}"],
    ),
    "contact and emergency number with neither sources nor basis": (
        {
            "handbook.yml": HANDBOOK.replace("    basis: practice\n", "").replace(
                "    sources: [nood]\n", "    sources: []\n"
            )
        },
        [
            f"handbook.yml:12:3 contacts.coordinator: no source for this contact: {NO_SOURCE}",
            f"handbook.yml:18:3 emergency_numbers.emergency-112: no source for this emergency number: {NO_SOURCE}",
        ],
    ),
    "module section and escalation step with neither sources nor basis": (
        {
            "content/modules/intro.yml": MOD.replace("    sources: [hai]\n", ""),
            "content/escalation/emergency.yml": ESC.replace("    basis: practice\n", ""),
        },
        [
            f"content/escalation/emergency.yml:11:5 steps[1]: no source for this step: {NO_SOURCE}",
            f"content/modules/intro.yml:9:5 sections[0]: no source for this section: {NO_SOURCE}",
        ],
    ),
    "unknown source id": (
        {"content/modules/intro.yml": MOD.replace("sources: [hai]", "sources: [hai, hia]")},
        ["content/modules/intro.yml:15:20 sections[0].sources[1]: unknown source 'hia' (known: hai, nood)"],
    ),
    "both sources and basis on one step": (
        {
            "content/escalation/emergency.yml": ESC.replace(
                "    basis: practice\n", "    basis: practice\n    sources: [hai]\n"
            )
        },
        [
            "content/escalation/emergency.yml:15:5 steps[1].basis: give either 'sources' or 'basis: practice', not both"
        ],
    ),
    "source cited nowhere": (
        {
            "content/sources.yml": SOURCES
            + "  - id: unused\n    title: Ongebruikt\n    url: https://example.org/ongebruikt\n"
        },
        [
            "content/sources.yml:11:5 sources[2].id: source 'unused' is cited nowhere: cite it where it backs "
            "a claim, or remove it"
        ],
    ),
    "icon not in the theme's icon sets": (
        {
            "content/topics.yml": FILES["content/topics.yml"].replace(
                "    name: Vrije tijd\n", "    name: Vrije tijd\n    icon: material-socer\n"
            ),
            "roles/buddy.yml": BUDDY.replace("name: Buddy\n", "name: Buddy\nicon: material-acount\n"),
        },
        [
            "content/topics.yml:7:5 topics[1].icon: no icon 'material-socer' in the theme's icon sets",
            "roles/buddy.yml:3:1 icon: no icon 'material-acount' in the theme's icon sets",
        ],
    ),
    "template syntax error": (
        {"templates/role.md.j2": "# {{ role.name }\n"},
        ["templates/role.md.j2:1:1: template syntax error: unexpected '}'"],
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_input_gives_exact_messages(tmp_path: Path, case: str) -> None:
    changes, expected = CASES[case]
    root = make_handbook(tmp_path / "hb", changes)
    with pytest.raises(ValidationFailed) as caught:
        load_valid(root)
    assert [str(p) for p in caught.value.problems] == expected
    count = len(expected)
    assert str(caught.value).endswith(f"{count} problem{'s' if count > 1 else ''} found; nothing was built.")


def test_every_error_of_a_run_is_reported_together(tmp_path: Path) -> None:
    root = make_handbook(
        tmp_path / "hb",
        {
            "roles/buddy.yml": BUDDY.replace("stance: does", "stance: refer"),
            "content/escalation/emergency.yml": ESC.replace("contact: coordinator", "contact: nobody"),
            "content/modules/intro.yml": MOD.replace("duration_minutes: 60", "duration_minutes: lang"),
        },
    )
    with pytest.raises(ValidationFailed) as caught:
        load_valid(root)
    files = [p.file for p in caught.value.problems]
    assert files == ["content/escalation/emergency.yml", "content/modules/intro.yml", "roles/buddy.yml"]


def test_undefined_template_variable_names_template_and_line(tmp_path: Path, repo: Path) -> None:
    template = (repo / "templates" / "role.md.j2").read_text(encoding="utf-8") + "{{ role_nam }}\n"
    root = make_handbook(tmp_path / "hb", {"templates/role.md.j2": template})
    with pytest.raises(ValidationFailed) as caught:
        generate(root)
    line = template.count("\n")
    expected = [f"templates/role.md.j2:{line}:1: template error: 'role_nam' is undefined"]
    assert [str(p) for p in caught.value.problems] == expected
