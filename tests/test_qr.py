"""QR codes on the printables: read back from the printed page as a phone would, each opens the
same page online in the same language; without site_url there is no code and one warning."""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest

from handbook import qr
from handbook.build import generate
from handbook.kinds import split_language
from minihandbook import FILES, write_tree

if TYPE_CHECKING:
    from pathlib import Path

SITE_URL = "https://handboek.testwerking.be/buddy/"
# The mini handbook in Dutch (the source, at the root), English and a right-to-left language.
RTL = "  - code: ar\n    name: العربية\n    dir: rtl\n"
SETTINGS = FILES["handbook.yml"].replace("languages:\n", f"site_url: {SITE_URL}\nlanguages:\n")
SETTINGS = SETTINGS.replace("    name: English\n", "    name: English\n" + RTL)
# Which page of the site each printable opens: the page it prints, or the one it belongs to.
OPENS = {"escalation/card.md": "escalation/index.md", "booklets/buddy.md": "roles/buddy.md"}


def decode(pdf: Path, tmp: Path, last_page: int = 2) -> list[str]:
    """Every QR code a reader finds on the first pages of a PDF, printed at 150 dpi."""
    import zxingcpp  # zxing-cpp: a native decoder, in the test extra only
    from PIL import Image

    out = tmp / pdf.name.removesuffix(".pdf")
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", str(last_page), str(pdf), str(out)],  # noqa: S607
        check=True,
        capture_output=True,
        timeout=120,
    )
    found = []
    for image in sorted(tmp.glob(out.name + "-*.png")):
        with Image.open(image) as page:
            found += [code.text for code in zxingcpp.read_barcodes(page.convert("L"))]
        image.unlink()
    return found


def online(page: str, lang: str) -> str:
    """Where a page is read online: the source language at the root, the others under /<lang>/,
    a folder per page."""
    folder = page.removesuffix(".md").removesuffix("index").rstrip("/")
    return SITE_URL + ("" if lang == "nl" else f"{lang}/") + (folder + "/" if folder else "")


needs_pdftoppm = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) renders the PDF page to read the code"
)


def test_page_url_follows_the_site_layout() -> None:
    assert qr.page_url(SITE_URL, "index.md", "nl", "nl") == SITE_URL
    assert qr.page_url(SITE_URL, "boundaries.md", "nl", "nl") == SITE_URL + "boundaries/"
    assert qr.page_url(SITE_URL, "escalation/index.md", "ar", "nl") == SITE_URL + "ar/escalation/"
    assert (
        qr.page_url(SITE_URL.rstrip("/"), "checklists/first.md", "en", "nl")
        == SITE_URL + "en/checklists/first/"
    )


@needs_pdftoppm
def test_every_printable_opens_its_own_page_online_in_its_language(mini: Path, tmp_path: Path) -> None:
    write_tree(mini, {"handbook.yml": SETTINGS})
    result = generate(mini, mini / "generated")
    assert not [w for w in result.warnings if w.field == "site_url"]
    pdfs = sorted((mini / "generated").rglob("*.pdf"))
    kinds = {split_language(p.relative_to(mini / "generated").as_posix())[0] for p in pdfs}
    expected_kinds = {"checklists/first.pdf", "escalation/card.pdf", "booklets/buddy.pdf", "boundaries.pdf"}
    assert expected_kinds | {"modules/intro.pdf"} == kinds
    checked = set()
    for pdf in pdfs:
        path, lang = split_language(pdf.relative_to(mini / "generated").as_posix())
        assert lang is not None
        page = OPENS.get(path.replace(".pdf", ".md"), path.replace(".pdf", ".md"))
        # The address is that of a real page of the site, in the PDF's language.
        assert (mini / "generated" / page.replace(".md", f".{lang}.md")).exists(), page
        assert set(decode(pdf, tmp_path)) == {online(page, lang)}, pdf.name
        checked.add((path, lang))
    assert {lang for _, lang in checked} == {"nl", "en", "ar"}


@needs_pdftoppm
def test_without_site_url_no_code_and_one_warning(mini: Path, tmp_path: Path) -> None:
    result = generate(mini, mini / "generated")
    assert [(w.file, w.field) for w in result.warnings] == [("handbook.yml", "site_url")]
    assert "no QR code" in result.warnings[0].message
    pdfs = sorted((mini / "generated").rglob("*.pdf"))
    assert len(pdfs) == 2 * 4 + 1  # per language a checklist, card, booklet and matrix; one pack
    for pdf in pdfs:
        assert decode(pdf, tmp_path) == [], pdf.name
