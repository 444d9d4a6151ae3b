"""`handbook validate --publish`: everything that must not go live is listed with file:line, and
a handbook with real details passes; a plain validate still accepts the demo."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from handbook.commands import validate
from minihandbook import FILES, write_tree

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

TODAY = datetime.date(2026, 12, 1)
REAL = (
    FILES["handbook.yml"]
    .replace('phone: "+32 9 000 00 00"', 'phone: "+32 9 123 45 67"')
    .replace("email: test@example.org", "email: buddy@stad.be")
    .replace("    name: Noodnummer\n", "    name: Noodnummer\n    reviewed: 2026-11-15\n")
)
ESCALATION = FILES["content/escalation/emergency.yml"]


def _publish(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = validate(root, publish=True, today=TODAY)
    return code, [line for line in capsys.readouterr().err.splitlines() if line]


def test_real_details_pass(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(
        mini,
        {"handbook.yml": REAL, "content/escalation/emergency.yml": "reviewed: 2026-11-15\n" + ESCALATION},
    )
    code, lines = _publish(mini, capsys)
    assert (code, lines[-1]) == (0, "ok: 2 roles, 1 escalations, 1 modules, 1 checklists, 2 topics, 2 terms")


def test_everything_that_must_not_go_live_is_listed(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = (
        FILES["handbook.yml"]
        .replace("    hours: Op weekdagen\n", "    hours: Op weekdagen\n    placeholder: true\n")
        .replace("    name: Noodnummer\n", "    name: Noodnummer\n    reviewed: 2024-01-31\n")
        + "publish:\n  reviewed_translations: true\n"
    )
    po = "# Machine translation: needs review by a native speaker.\n" + FILES["content/locales/en.po"]
    write_tree(
        mini,
        {
            "handbook.yml": settings,
            "content/locales/en.po": po,
            "roles/buddy.yml": FILES["roles/buddy.yml"].replace(
                "summary: Een vrijwilliger.", "summary: TODO"
            ),
            "content/pages/about.nl.md": "# Over\n\nTekst.\n\nFIXME: nog aanvullen.\n",
        },
    )
    assert validate(mini) == 0  # the demo builds; only publishing refuses it
    capsys.readouterr()
    code, lines = _publish(mini, capsys)
    assert code == 1
    assert lines == [
        "content/escalation/emergency.yml:1:1 reviewed: never reviewed; add 'reviewed: YYYY-MM-DD' once it is checked against its sources",
        "content/locales/en.po:1:1: the en translation is marked as machine-made and not yet reviewed; have a native speaker review it, then remove the note from the file's header",
        "content/pages/about.nl.md:5:1: unfinished: 'FIXME' in the text",
        "handbook.yml:14:5 contacts.coordinator.phone: '+32 9 000 00 00' looks like a made-up number",
        "handbook.yml:15:5 contacts.coordinator.email: 'test@example.org' is an example address that reaches nobody",
        "handbook.yml:17:5 contacts.coordinator.placeholder: a placeholder: fill in the real details, then remove 'placeholder: true'",
        "handbook.yml:23:5 emergency_numbers.emergency-112.reviewed: last reviewed 2024-01-31, more than 12 months ago",
        "roles/buddy.yml:3:1 summary: unfinished: 'TODO' in the text",
        "8 things to fix before publishing (handbook validate --publish)",
    ]


def test_an_example_site_url_is_refused(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The QR codes on the printables open site_url: an address reserved for examples opens nothing."""
    reviewed = {"content/escalation/emergency.yml": "reviewed: 2026-11-15\n" + ESCALATION}
    for url in ("https://buddyhandboek.voorbeeldstad.example/", "https://www.example.org/boek/"):
        write_tree(
            mini, {"handbook.yml": REAL.replace("languages:", f"site_url: {url}\nlanguages:"), **reviewed}
        )
        code, lines = _publish(mini, capsys)
        assert code == 1
        assert lines[-2:] == [
            f"handbook.yml:6:1 site_url: '{url}' is an example address: the QR codes on the printables would "
            "open nothing; set the address the site is published at",
            "1 thing to fix before publishing (handbook validate --publish)",
        ]
    write_tree(
        mini, {"handbook.yml": REAL.replace("languages:", "site_url: https://buddy.stad.be/\nlanguages:")}
    )
    code, lines = _publish(mini, capsys)
    assert (code, lines[-1][:3]) == (0, "ok:")
