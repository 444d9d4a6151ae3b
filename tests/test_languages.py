"""Languages end to end: adding one, right to left, honest fallback notices, the switcher, status."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from handbook.assemble import render_files
from handbook.build import load_valid
from handbook.cli import main
from minihandbook import FILES, make_handbook, run, write_tree

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini handbook with Turkish and Arabic added by the command, then built."""
    root = make_handbook(tmp_path_factory.mktemp("languages") / "hb")
    for code in ("tr", "ar"):
        result = run(root, "handbook.cli", "--root", str(root), "translations", "add", code)
        assert result.returncode == 0, result.stderr
    built = run(root, "handbook.cli", "--root", str(root), "build")
    assert built.returncode == 0, built.stderr
    return root


def _page(root: Path, path: str) -> str:
    return (root / "site" / path / "index.html").read_text(encoding="utf-8")


def test_add_writes_settings_and_catalogue(root: Path) -> None:
    settings = (root / "handbook.yml").read_text(encoding="utf-8")
    assert "  - code: tr\n    name: Türkçe\n" in settings
    assert "  - code: ar\n    name: العربية\n    dir: rtl\n" in settings
    catalogue = (root / "content/locales/tr.po").read_text(encoding="utf-8")
    assert 'msgctxt "roles/buddy.yml:summary"\nmsgid "Een vrijwilliger."\nmsgstr ""' in catalogue


def test_adding_a_language_twice_or_an_unknown_one_is_refused(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(root), "translations", "add", "tr"]) == 1
    assert "language 'tr' is configured already" in capsys.readouterr().err
    assert main(["--root", str(root), "translations", "add", "xx-Nope"]) == 1
    assert "is not a language code Babel knows" in capsys.readouterr().err


def test_new_language_builds_at_once_with_dutch_fallback(root: Path) -> None:
    html = _page(root, "tr/roles/buddy")
    assert '<html lang="tr" dir="ltr"' in html
    assert '<span lang="nl" dir="auto" class="hb-missing">Een vrijwilliger.</span>' in html
    assert re.search(r'<div class="hb-notice"[^>]* role="note"', html)
    assert 'href="../../../roles/buddy/" hreflang="nl"' in html  # the Dutch original


def test_right_to_left_is_set_on_the_page(root: Path) -> None:
    html = _page(root, "ar/roles/buddy")
    assert '<html lang="ar" dir="rtl"' in html
    assert 'dir="rtl"' in html[html.index("<body") :][:200]
    assert '<bdi dir="ltr">112</bdi>' in _page(root, "ar/escalation/emergency")


def test_outdated_translation_is_never_shown_as_current(root: Path) -> None:
    html = _page(root, "en/roles/buddy")
    # en.po has a fuzzy translation of `who`: the reader gets the Dutch, marked, and the notice says so.
    assert "You are a volunteer." not in html
    assert '<div class="hb-outdated" dir="auto" lang="nl">' in html
    assert "Verouderd: 1." in html
    assert "omdat de vertaling ontbreekt of niet meer klopt met de oorspronkelijke tekst" in html


def test_switcher_leads_to_the_same_page_and_says_when_it_is_partial(root: Path) -> None:
    html = _page(root, "roles/buddy")
    for code in ("en", "tr", "ar"):
        assert f'<a href="../../{code}/roles/buddy/" hreflang="{code}" class="md-select__link">' in html
    assert "Türkçe (gedeeltelijk vertaald)" in html
    assert "العربية (gedeeltelijk vertaald)" in html


def test_switcher_label_is_in_that_language_or_else_in_the_readers(mini: Path) -> None:
    english = "  - code: en\n    name: English\n"
    turkish = english + "  - code: tr\n    name: Türkçe\n"
    label = 'msgctxt "templates/_labels.j2"\nmsgid "gedeeltelijk vertaald"\nmsgstr "partly translated"\n'
    write_tree(
        mini,
        {
            "handbook.yml": FILES["handbook.yml"].replace(english, turkish),
            "content/locales/en.po": FILES["content/locales/en.po"] + "\n" + label,
        },
    )
    handbook, catalogues = load_valid(mini)
    result = render_files(handbook, catalogues, pdf=False)[1]
    # Turkish has no label of its own: a reader of the English page reads it in English.
    assert result.partly_label("tr", reader="en") == "partly translated"
    assert result.partly_label("tr", reader="nl") == "gedeeltelijk vertaald"
    assert result.partly_label("tr", reader="tr") == "gedeeltelijk vertaald"  # nobody's: the source's
    # English has its own, whoever reads.
    assert result.partly_label("en", reader="nl") == "partly translated"
    assert result.partly_label("en", reader="tr") == "partly translated"


def test_hand_written_page_without_a_translation_says_so(root: Path) -> None:
    html = _page(root, "tr/about")
    assert '<html lang="tr" dir="ltr"' in html
    assert '<span lang="nl" dir="auto" class="hb-missing">Over dit handboek</span>' in html
    assert re.search(r'<div class="hb-notice"[^>]* role="note"', html)
    assert '<div class="hb-missing" dir="auto" lang="nl">' in html
    assert "Een testpagina." in html
    assert "hb-notice" not in _page(root, "about")  # the Dutch page itself, as it was


def test_status_page_and_command_report_per_page(root: Path) -> None:
    page = _page(root, "translations")
    assert "<h1" in page
    assert "Türkçe" in page
    result = run(root, "handbook.cli", "--root", str(root), "translations", "status")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("en: ")
    assert any(line.startswith("  roles/buddy.md ") and "1 outdated" in line for line in lines)
    assert any(line.startswith("tr: ") and "0 translated" in line for line in lines)
