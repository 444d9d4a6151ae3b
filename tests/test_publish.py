"""`handbook validate --publish`: everything that must not go live is listed with file:line, and
a handbook with real details passes; a plain validate still accepts the demo."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from handbook import assemble
from handbook.assemble import render_files
from handbook.build import generate, load_valid
from handbook.commands import validate
from minihandbook import FILES, write_tree

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

    from handbook.pdf import Printable

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
        "handbook.yml:18:5 contacts.coordinator.placeholder: a placeholder: fill in the real details, then remove 'placeholder: true'",
        "handbook.yml:24:5 emergency_numbers.emergency-112.reviewed: last reviewed 2024-01-31, more than 12 months ago",
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


def test_fill_in_texts_and_made_up_numbers_are_refused(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A demo contact without `placeholder: true` is still refused, by each field that is not real;
    real opening hours pass."""
    settings = REAL.replace(
        "    hours: Op weekdagen\n",
        "    hours: Op weekdagen\n"
        "  ocmw:\n"
        "    basis: practice\n"
        "    name: OCMW\n"
        '    phone: "+32 9 000 00 01"\n'
        "    hours: Zoek de openingsuren op en vul ze hier in.\n"
        "  caw:\n"
        "    basis: practice\n"
        "    name: CAW\n"
        "    description: Fill in what your CAW does.\n"
        "    hours: Op werkdagen, van 9 tot 12 uur.\n",
    )
    write_tree(
        mini,
        {"handbook.yml": settings, "content/escalation/emergency.yml": "reviewed: 2026-11-15\n" + ESCALATION},
    )
    assert validate(mini) == 0
    capsys.readouterr()
    code, lines = _publish(mini, capsys)
    assert (code, lines) == (
        1,
        [
            "handbook.yml:21:5 contacts.ocmw.phone: '+32 9 000 00 01' looks like a made-up number",
            "handbook.yml:22:5 contacts.ocmw.hours: 'Zoek de openingsuren op en vul ze hier in.' asks to be "
            "filled in: write the real hours here",
            "handbook.yml:26:5 contacts.caw.description: 'Fill in what your CAW does.' asks to be filled in: "
            "write the real description here",
            "3 things to fix before publishing (handbook validate --publish)",
        ],
    )


def _printed(root: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The HTML of each printable (pocket card, booklet ...), by path, without making the PDFs."""
    captured: dict[str, str] = {}

    def keep(_root: Path, printables: list[Printable]) -> dict[str, bytes]:
        captured.update({p.path: p.body for p in printables})
        return {}

    monkeypatch.setattr(assemble, "render_all", keep)
    handbook, catalogues = load_valid(root)
    render_files(handbook, catalogues, pdf=True)
    return captured


def test_placeholder_values_are_marked_as_examples(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo's details are printed, but each value says in words that it is an example: on the
    web pages and on the pocket card. A real contact carries no mark."""
    settings = FILES["handbook.yml"].replace(
        "    hours: Op weekdagen\n",
        "    hours: Op weekdagen\n    placeholder: true\n  real:\n    basis: practice\n    name: Echt\n"
        '    phone: "+32 9 123 45 67"\n',
    )
    write_tree(mini, {"handbook.yml": settings})
    mark = '<span class="hb-example">(voorbeeld)</span>'
    generate(mini)
    home = (mini / "generated" / "index.nl.md").read_text(encoding="utf-8")
    assert f'[<bdi dir="ltr">+32 9 000 00 00</bdi>](tel:+3290000000) {mark}' in home
    assert f'[<bdi dir="ltr">test@example.org</bdi>](mailto:test@example.org) {mark}' in home
    assert f"Op weekdagen {mark}" in home
    assert "+32 9 123 45 67</bdi>](tel:+3291234567)." in home  # the real contact: no mark
    assert home.count(mark) == 3
    card = _printed(mini, monkeypatch)["escalation/card.nl.pdf"]
    assert card.count("(voorbeeld)") == 3
    assert '+32 9 000 00 00</bdi></span> <span class="hb-example">(voorbeeld)</span>' in card
    assert "+32 9 123 45 67</bdi></span><" in card  # the real contact: no mark
