"""The printables: real, tagged PDFs in every language, one A4 page per checklist, every glyph there."""

from __future__ import annotations

import io
import re
import unicodedata
from html import escape
from typing import TYPE_CHECKING, Any

import pytest
from pypdf import PdfReader

from content import DIRECTION, RIGHT_TO_LEFT, SAMPLE, SOURCE, local, prefix
from handbook.build import generate, load_valid
from handbook.kinds import BY_KIND, TOPICS
from handbook.pdf import STYLESHEET, Printable, document, render_pdf
from minihandbook import REPO

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.e2e

HANDBOOK, _ = load_valid(REPO)
LANGUAGES = [language.code for language in HANDBOOK.settings.languages]
WORD = re.compile(r"[^\W\d_]{3,}")


def _pdf(site: Path, lang: str, path: str) -> PdfReader:
    return PdfReader(site / f"{prefix(lang)}{path}")


def _plain(text: str) -> str:
    """Compatibility forms folded and vowel marks dropped: PDF text may put marks in another order."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Mn")


def _text(reader: PdfReader) -> str:
    return _plain("\n".join(page.extract_text() for page in reader.pages))


def _found(word: str, text: str) -> bool:
    """The word is in the text, or broken over two lines: PDF text has no soft hyphens to join it
    again, and right-to-left lines come out of pypdf in pieces, so both halves must be there."""
    return word in text or any(word[:k] in text and word[k:] in text for k in range(2, len(word) - 1))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_checklists_are_one_tagged_a4_page_with_title_and_language(site: Path, lang: str) -> None:
    for checklist_id in HANDBOOK.checklists:
        reader = _pdf(site, lang, f"checklists/{checklist_id}.pdf")
        assert len(reader.pages) == 1, checklist_id
        width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        root: Any = reader.trailer["/Root"]
        assert root["/Lang"] == lang
        assert bool(root["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in root
        assert reader.metadata is not None
        assert reader.metadata.title


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_text_is_real_and_every_glyph_is_there(site: Path, lang: str) -> None:
    catalogues = load_valid(REPO)[1]
    from handbook.localise import localise_handbook

    local = localise_handbook(HANDBOOK, lang, catalogues.get(lang))
    for checklist_id, checklist in local.checklists.items():
        reader = _pdf(site, lang, f"checklists/{checklist_id}.pdf")
        text = _text(reader)
        words = {
            w for item in checklist.items for w in WORD.findall(unicodedata.normalize("NFKC", str(item.text)))
        }
        missing_words = sorted(w for w in words if not _found(w, text))
        # pypdf rebuilds right-to-left lines from pieces and splits some lam-alef ligatures, so a
        # few Arabic words come back broken; the letter check below still needs every glyph.
        allowed = len(words) // 20 if DIRECTION[lang] == "rtl" else 0
        assert len(missing_words) <= allowed, (checklist_id, missing_words[:5])
        # A glyph missing from the fonts leaves its character out of the text (and garbles it):
        # every letter of the source must come back, and nothing unreadable may.
        source = _plain(" ".join(str(item.text) for item in checklist.items))
        letters = {c for c in source if unicodedata.category(c)[0] in "LN"}
        assert sorted(letters - set(text)) == [], checklist_id
        assert "\x00" not in text
        assert "\ufffd" not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pocket_card_has_every_number_and_contact(site: Path, lang: str) -> None:
    reader = _pdf(site, lang, "escalation/card.pdf")
    assert len(reader.pages) == 2
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (298, 420)  # A6
    text = _text(reader)
    for number in HANDBOOK.settings.emergency_numbers.values():
        assert number.number in text
    for contact in HANDBOOK.settings.contacts.values():
        if contact.phone:
            assert contact.phone in text
    if lang == SOURCE:  # and who takes up each topic (the names are the source's own here)
        words = " ".join(text.split())
        assert [topic.name for topic in HANDBOOK.topics if topic.name not in words] == []


@pytest.mark.parametrize("lang", SAMPLE)
def test_booklet_has_cover_contents_page_numbers_and_parts(site: Path, lang: str) -> None:
    assert HANDBOOK.settings.booklets
    for role_id in HANDBOOK.settings.booklets:
        _check_booklet(_pdf(site, lang, f"booklets/{role_id}.pdf"))


def _check_booklet(reader: PdfReader) -> None:
    assert len(reader.pages) > 20
    assert HANDBOOK.settings.organisation in reader.pages[0].extract_text()
    contents = reader.pages[1].extract_text()
    assert re.search(r"\d+\s*$", contents.strip())  # entries end in page numbers
    last = reader.pages[-1].extract_text().strip().splitlines()
    assert str(len(reader.pages)) in last[-1] or str(len(reader.pages)) in last[0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_matrix_is_one_a4_landscape_page_with_roles_topics_and_numbers(site: Path, lang: str) -> None:
    reader = _pdf(site, lang, (TOPICS.page or "").removesuffix(".md") + ".pdf")
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape in points
    text = _text(reader)
    for number in HANDBOOK.settings.emergency_numbers.values():
        assert number.number in text
    hb: Any = local(lang)
    words = {w for item in [*hb.roles.values(), *hb.topics] for w in WORD.findall(_plain(str(item.name)))}
    missing_words = sorted(w for w in words if not _found(w, text))
    allowed = len(words) // 20 if DIRECTION[lang] == "rtl" else 0
    assert len(missing_words) <= allowed, missing_words[:5]
    assert {"●", "◐", "✕"} <= set(text)  # a shape beside every stance's word, never colour alone


@pytest.mark.parametrize("lang", LANGUAGES)
def test_facilitator_packs_have_objectives_notes_and_answers(site: Path, lang: str) -> None:
    modules = BY_KIND["module"]
    packs = sorted((site / prefix(lang) / modules.pages).glob("*.pdf"))
    if lang == SOURCE:
        assert len(packs) == len(HANDBOOK.modules)  # the source language has every module's pack
    hb: Any = local(lang)
    for pdf in packs:
        module = hb.modules[pdf.stem]
        text = _text(PdfReader(pdf))
        expected = [*module.objectives, *module.key_points]
        expected += [
            check.options[[o.id for o in check.options].index(check.answer)] for check in module.self_check
        ]
        words = [w for item in expected for w in WORD.findall(_plain(str(item.text)))[:3]]
        words += [w for s in module.scenarios for w in WORD.findall(_plain(str(s.facilitator_notes)))[:3]]
        missing = [w for w in words if not _found(w, text)]
        # pypdf rebuilds right-to-left lines from pieces and splits some words (see the checklists).
        allowed = len(words) // 20 if DIRECTION[lang] == "rtl" else 0
        assert len(missing) <= allowed, (pdf.name, missing[:5])
        page = (site / prefix(lang) / modules.pages / pdf.stem / "index.html").read_text(encoding="utf-8")
        assert f'href="../{pdf.name}"' in page


def test_pdfs_are_cached_by_their_inputs(mini: Path, capfd: pytest.CaptureFixture[str]) -> None:
    generate(mini, mini / "generated")
    first = capfd.readouterr().err
    assert re.search(r"pdf: (\d+)/\1 rendered", first)
    before = {p: p.read_bytes() for p in (mini / "generated").rglob("*.pdf")}
    # Per language: one checklist, the card, the booklet and the matrix; the source has a pack too.
    assert len(before) == 2 * 4 + 1
    generate(mini, mini / "generated")
    assert "rendered" not in capfd.readouterr().err
    assert {p: p.read_bytes() for p in (mini / "generated").rglob("*.pdf")} == before


@pytest.mark.parametrize("lang", RIGHT_TO_LEFT)
def test_print_fonts_draw_every_letter_of_a_right_to_left_language(lang: str) -> None:
    """Persian and Pashto write letters the Arabic alphabet lacks (پ چ ژ گ, ښ ځ ې ټ ړ): the
    print stylesheet's fonts must draw each one, or the PDF shows a box and its text loses the
    letter. Every checklist text of the language goes through the real stylesheet and WeasyPrint,
    and every letter must come back out of the PDF's text."""
    localised: Any = local(lang)
    texts = [str(item.text) for checklist in localised.checklists.values() for item in checklist.items]
    letters = {c for c in _plain(" ".join(texts)) if unicodedata.category(c)[0] == "L"}
    assert letters, lang
    css = (REPO / STYLESHEET).read_text(encoding="utf-8")
    body = "".join(f"<p>{escape(text)}</p>" for text in texts)
    printable = Printable("letters.pdf", lang, DIRECTION[lang], lang, body, "checklist")
    pdf = render_pdf(document(printable, css), str(REPO))
    reader = PdfReader(io.BytesIO(pdf))
    text = _text(reader)
    assert sorted(letters - set(text)) == [], lang
    assert "\ufffd" not in text
