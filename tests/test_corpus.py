"""The bad-input corpus: every broken handbook exits 1 with file:line:column messages, no traceback,
and leaves a site/ built before it byte for byte unchanged."""

from __future__ import annotations

import re
import shutil
from typing import TYPE_CHECKING

import pytest

from handbook.cli import main
from minihandbook import FILES, REPO, make_handbook, run, write_tree
from test_errors import CASES

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.e2e

BUDDY = FILES["roles/buddy.yml"]
ESC = FILES["content/escalation/emergency.yml"]
MOD = FILES["content/modules/intro.yml"]
EN = FILES["content/locales/en.po"]
SETTINGS = FILES["handbook.yml"]

# (changes, the file and a fragment of the message that must be reported)
MORE: dict[str, tuple[dict[str, str | bytes | None], str, str]] = {
    "a 5 MB string": (
        {"roles/buddy.yml": BUDDY.replace("summary: Een vrijwilliger.", "summary: " + "x" * 5_000_000)},
        "roles/buddy.yml:3:1 summary",
        "is too long (at most 20000 characters)",
    ),
    "zero-width character in an id": (
        {"content/escalation/emergency.yml": ESC.replace("- id: call", "- id: call\u200b")},
        "content/escalation/emergency.yml:6:5 steps[0].id",
        "is not a valid id",
    ),
    "right-to-left mark in an id": (
        {"content/topics.yml": FILES["content/topics.yml"].replace("id: housing", "id: \u202ehousing")},
        "content/topics.yml:2:5 topics[0].id",
        "is not a valid id",
    ),
    "right-to-left and zero-width characters in a file name": (
        {"content/checklists/first\u200f.yml": FILES["content/checklists/first.yml"]},
        "content/checklists/first\u200f.yml:1:1",
        "is not a valid id",
    ),
    "HTML in content": (
        {
            "roles/buddy.yml": BUDDY.replace(
                "who: Je bent een vrijwilliger.", "who: Je bent <b>vrijwilliger</b>."
            )
        },
        "roles/buddy.yml:4:1 who",
        "HTML is not allowed in text (found '<b>')",
    ),
    "script in content": (
        {"roles/buddy.yml": BUDDY.replace("name: Buddy", "name: 'Buddy <script>alert(1)</script>'")},
        "roles/buddy.yml:2:1 name",
        "HTML is not allowed in text (found '<script>')",
    ),
    "script in a translation": (
        {
            "content/locales/en.po": EN.replace(
                'msgstr "A volunteer."', 'msgstr "A <script>alert(1)</script>"'
            )
        },
        "content/locales/en.po:11:1 msgstr",
        "HTML is not allowed in text",
    ),
    "script link in a translation": (
        {
            "content/locales/en.po": EN.replace(
                'msgstr "A volunteer."', 'msgstr "[A volunteer](javascript:alert(1))"'
            )
        },
        "content/locales/en.po:11:1 msgstr",
        "a link may not use 'javascript:'",
    ),
    "text where a number belongs": (
        {"content/modules/intro.yml": MOD.replace("duration_minutes: 60", "duration_minutes: een uur")},
        "content/modules/intro.yml:4:1 duration_minutes",
        "expected a whole number, got 'een uur'",
    ),
    "number out of range": (
        {"content/modules/intro.yml": MOD.replace("duration_minutes: 60", "duration_minutes: -5")},
        "content/modules/intro.yml:4:1 duration_minutes",
        "is out of range",
    ),
    "unknown urgency": (
        {"content/escalation/emergency.yml": ESC.replace("urgency: emergency", "urgency: urgent")},
        "content/escalation/emergency.yml:4:1 urgency",
        "'urgent' is not one of emergency, today, this-week, next-check-in",
    ),
    "invalid language code": (
        {"handbook.yml": SETTINGS.replace("code: en", "code: EN")},
        "handbook.yml:9:5 languages[1].code",
        "'EN' is not a language code like 'nl', 'en' or 'pt-BR'",
    ),
    "language listed twice": (
        {
            "handbook.yml": SETTINGS.replace(
                "  - code: en\n    name: English\n",
                "  - code: en\n    name: English\n  - code: en\n    name: Engels\n",
            )
        },
        "handbook.yml:11:5 languages[2].code",
        "language 'en' is listed twice",
    ),
    "settings file missing": ({"handbook.yml": None}, "handbook.yml:1:1", "file is missing"),
    "invalid e-mail address": (
        {"handbook.yml": SETTINGS.replace("email: test@example.org", "email: test-at-example")},
        "handbook.yml:15:5 contacts.coordinator.email",
        "is not an e-mail address",
    ),
    "source without a web address": (
        {
            "content/sources.yml": FILES["content/sources.yml"].replace(
                "https://example.org/rapport", "example.org/rapport"
            )
        },
        "content/sources.yml:6:5 sources[0].url",
        "is not a web address",
    ),
    "owner that refers to someone": (
        {
            "roles/buddy.yml": BUDDY.replace(
                "    instead: Je gaat samen op stap.\n",
                "    instead: Je gaat samen op stap.\n    to: professional\n",
            )
        },
        "roles/buddy.yml:17:5 boundaries.leisure.to",
        "does 'leisure' itself, so it refers to nobody",
    ),
    "self-check answer that is not an option": (
        {"content/modules/intro.yml": MOD.replace("answer: b", "answer: c")},
        "content/modules/intro.yml:38:5 self_check[0].answer",
        "unknown option 'c'",
    ),
    "unknown source": (
        {"content/modules/intro.yml": MOD.replace("sources: [hai]", "sources: [hai, kba]")},
        "content/modules/intro.yml:15:20 sections[0].sources[1]",
        "unknown source 'kba'",
    ),
    "unknown glossary term": (
        {"content/glossary.yml": FILES["content/glossary.yml"].replace("see_also: [nt2]", "see_also: [nt3]")},
        "content/glossary.yml:5:16 terms[0].see_also[0]",
        "unknown term 'nt3'",
    ),
    "tab in the indentation": (
        {"roles/buddy.yml": BUDDY.replace("  - id: meet", "\t- id: meet")},
        "roles/buddy.yml:7:1",
        "not valid YAML",
    ),
    "file named .yaml": (
        {"roles/helper.yaml": BUDDY},
        "roles/helper.yaml:1:1",
        "name the file with .yml, not .yaml",
    ),
    "PO entry without msgctxt": (
        {"content/locales/en.po": EN + '\nmsgid "Los"\nmsgstr "Loose"\n'},
        "content/locales/en.po:27:1 msgctxt",
        "every entry needs a msgctxt",
    ),
    "page without a language in its name": (
        {"content/pages/extra.md": "# Extra\n"},
        "content/pages/extra.md:1:1",
        "name a page <name>.<language>.md",
    ),
    "a list where a mapping belongs": (
        {"content/topics.yml": "- housing\n- leisure\n"},
        "content/topics.yml:1:1",
        "expected a mapping of fields, got a list",
    ),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_handbook(tmp_path_factory.mktemp("corpus") / "hb")
    result = run(root, "handbook.cli", "--root", str(root), "build")
    assert result.returncode == 0, result.stderr
    return root


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _expected(case: str) -> tuple[dict[str, str | bytes | None], str, str]:
    if case in MORE:
        return MORE[case]
    changes, messages = CASES[case]
    where, _, message = messages[0].partition(": ")
    return changes, where, message


ALL = sorted({*CASES, *MORE})
TEMPLATE = (REPO / "templates" / "role.md.j2").read_text(encoding="utf-8")


def test_the_corpus_has_at_least_40_distinct_cases() -> None:
    assert len(ALL) >= 40


@pytest.mark.parametrize("case", [*ALL, "template with an undefined variable"])
def test_broken_handbook(built: Path, tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    if case == "template with an undefined variable":
        changes: dict[str, str | bytes | None] = {"templates/role.md.j2": TEMPLATE + "{{ role_nam }}\n"}
        where, fragment = f"templates/role.md.j2:{TEMPLATE.count(chr(10)) + 1}:1", "'role_nam' is undefined"
    else:
        changes, where, fragment = _expected(case)
    root = tmp_path / "hb"
    shutil.copytree(built, root)
    before = _snapshot(root / "site")
    write_tree(root, changes)
    code = main(["--root", str(root), "build"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    lines = err.splitlines()
    assert re.fullmatch(r"\d+ problems? found; nothing was built\.", lines[-1])
    for line in lines[:-1]:
        assert re.match(r"^\S[^:]*:\d+:\d+(:| \S+:) ", line), line
    assert any(line.startswith(where) and fragment in line for line in lines), (where, fragment, lines[:5])
    assert _snapshot(root / "site") == before
