"""The boundaries matrix on one A4 landscape page and a module's facilitator pack, read back from
the PDF as text: what a professional keeps on the desk and what a trainer takes into the room."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pypdf import PdfReader

from handbook import assemble
from handbook.build import generate
from handbook.pdf import Printable, document, to_html
from minihandbook import FILES, write_tree

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

RTL = "  - code: ar\n    name: العربية\n    dir: rtl\n"
SETTINGS = FILES["handbook.yml"].replace("    name: English\n", "    name: English\n" + RTL)


def _pages(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def _size(pdf: Path) -> tuple[int, int]:
    width, height = (float(v) for v in PdfReader(pdf).pages[0].mediabox.upper_right)
    return round(width), round(height)


def test_matrix_is_one_a4_landscape_page_with_stances_owners_and_numbers(mini: Path) -> None:
    write_tree(mini, {"handbook.yml": SETTINGS})
    generate(mini, mini / "generated")
    for lang in ("nl", "en", "ar"):
        pdf = mini / "generated" / f"boundaries.{lang}.pdf"
        pages = _pages(pdf)
        assert len(pages) == 1, lang
        assert _size(pdf) == (842, 595)  # A4 landscape, in points
        assert "112" in pages[0]
    rows = {
        line.split()[0]: line for line in _pages(mini / "generated" / "boundaries.nl.pdf")[0].splitlines()
    }
    # A shape and a word for every stance, never colour alone; the owner of the topic last.
    assert rows["Onderwerp"].split() == ["Onderwerp", "Buddy", "Trajectbegeleider", "Eigenaar"]
    assert rows["Wonen"].split() == [
        "Wonen",
        "→",
        "Verwijst",
        "door",
        "●",
        "Doet",
        "het",
        "Trajectbegeleider",
    ]
    text = _pages(mini / "generated" / "boundaries.nl.pdf")[0]
    assert "Vrije tijd ●  Doet het ◐  Ondersteunt Buddy" in text
    assert "◐ Ondersteunt: Deze rol helpt mee" in text  # the key
    assert "112 Noodnummer" in text
    assert "Bij levensgevaar." in text
    # Right to left: a referral points the way the page reads.
    assert "←" in _pages(mini / "generated" / "boundaries.ar.pdf")[0]
    assert "→" not in _pages(mini / "generated" / "boundaries.ar.pdf")[0]


def test_facilitator_pack_has_what_a_trainer_needs_and_a_handout_of_its_own(mini: Path) -> None:
    generate(mini, mini / "generated")
    pages = _pages(mini / "generated" / "modules" / "intro.nl.pdf")
    assert _size(mini / "generated" / "modules" / "intro.nl.pdf") == (595, 842)
    trainer, handout = "\n".join(pages[:-1]), pages[-1]
    for text in (
        "Begeleiderspakket",
        "Kennismaking",
        "Duur: 60 minuten",
        "Doelen\nJe kent je rol.",
        "Verloop van de sessie",
        "Oefenen met situaties: Een vraag over huur",
        "Totaal 60",
        "De nieuwkomer vraagt hulp bij de huur.",
        "Wat doe je?",
        "Voor de begeleider\nVerwijs door.",
        "Antwoorden van de test\n1. Betaal je de huur?\nAntwoord: Nee.\nGeld is voor de professional.",
    ):
        assert text in trainer, text
    for text in (
        "Hand-out",
        "Om te onthouden\nVerwijs door.",
        "Waarom doe je mee?",
        "Betaal je de huur?",
        "Ja.",
    ):
        assert text in handout, text
    # The handout is copied for the participants: no answers on it.
    assert "Geld is voor de professional." not in handout
    assert "Antwoord" not in handout


def test_a_pack_only_in_a_language_that_has_all_of_it(mini: Path) -> None:
    """The mini handbook's English is partial: no pack, and no link to one; Dutch has both."""
    generate(mini, mini / "generated")
    assert (mini / "generated" / "modules" / "intro.nl.pdf").exists()
    assert not (mini / "generated" / "modules" / "intro.en.pdf").exists()
    page = (mini / "generated" / "modules" / "intro.nl.md").read_text(encoding="utf-8")
    assert "](intro.pdf){ .hb-download download }" in page
    assert "intro.pdf" not in (mini / "generated" / "modules" / "intro.en.md").read_text(encoding="utf-8")
    boundaries = (mini / "generated" / "boundaries.en.md").read_text(encoding="utf-8")
    assert "](boundaries.pdf){ .hb-download download }" in boundaries


def _printables(mini: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Printable]:
    """The printables of a generation as planned (their HTML), without rendering them."""
    planned: dict[str, Printable] = {}

    def keep(root: Path, printables: list[Printable]) -> dict[str, bytes]:
        planned.update((printable.path, printable) for printable in printables)
        return {}

    monkeypatch.setattr(assemble, "render_all", keep)
    generate(mini, mini / "generated")
    return planned


def test_matrix_and_pocket_card_draw_each_topics_pictogram_beside_its_name(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(
        mini,
        {
            "content/topics.yml": FILES["content/topics.yml"].replace(
                "    name: Wonen\n", "    name: Wonen\n    icon: material-home-city\n"
            )
        },
    )
    planned = _printables(mini, monkeypatch)
    icon = '<span class="hb-icon" aria-hidden="true"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M0 21V10'
    default = '<span class="hb-icon" aria-hidden="true"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
    for path in ("boundaries.nl.pdf", "escalation/card.nl.pdf"):
        html = document(planned[path], "")  # as WeasyPrint gets it: after the last sanitising
        # Hidden from assistive technology, with the topic's name right beside it.
        assert html.count('class="hb-icon"') == 2, path
        assert icon in html and html.index(icon) < html.index("Wonen"), path
        assert html.count(default) == 2, path  # the other topic: the default icon
    card = re.sub(r"<svg .*?</svg>", "", document(planned["escalation/card.nl.pdf"], ""), flags=re.S)
    # The card says who takes up each topic: the buddy leisure, the professional housing.
    owned = '<span class="hb-owned"><span class="hb-icon" aria-hidden="true"></span>{}</span></p>'
    assert "<strong>Buddy</strong>: " + owned.format("Vrije tijd") in card
    assert "<strong>Trajectbegeleider</strong>: " + owned.format("Wonen") in card


def test_an_icon_on_paper_keeps_the_pages_classes_and_an_unknown_one_is_left_out() -> None:
    # `hb-refers` turns the referral's arrow round in right-to-left (templates/print/print.css).
    html = to_html(':material-arrow-right:{ .hb-refers aria-hidden="true" } Buddy :material-no-such-icon: x')
    assert html.startswith('<p><span class="hb-icon hb-refers" aria-hidden="true"><svg ')
    assert html.endswith("</svg></span> Buddy  x</p>")
