"""Citations: each claim shows its sources next to it (or that it is the programme's own practice),
a page lists what its numbers stand for, and the sources page says where each source is used."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handbook import pdf, sanitise
from handbook.build import load_valid
from handbook.localise import localise_handbook
from handbook.render import Renderer, language_globals, plan_pages, render_pages

if TYPE_CHECKING:
    from pathlib import Path

NOOD = '[1](../sources.md#src-nood){ aria-label="Bron 1: Noodnummers" }'
HAI = '[2](../sources.md#src-hai){ aria-label="Bron 2: Rapport over buddywerkingen" }'
PRACTICE = '<small class="hb-basis">Uit de praktijk van de buddywerking</small>'


def _pages(root: Path) -> dict[str, str]:
    handbook, catalogues = load_valid(root)
    local = localise_handbook(handbook, "nl", None)
    renderer = Renderer(root, "nl")
    renderer.use("nl", catalogues.get("nl"))
    pages = plan_pages(handbook)
    rendered = render_pages(renderer, {**language_globals(local, "nl"), "pdf": False}, pages)
    return {out.path: out.text for out in rendered}


def test_a_step_shows_its_source_and_a_practice_step_says_so(mini: Path) -> None:
    page = _pages(mini)["escalation/emergency.md"]
    assert f'1. **Buddy:** Bel 112.<sup class="hb-cite">{NOOD}</sup>\n' in page
    assert f"2. **Buddy:** Verwittig de coördinator. {PRACTICE}\n" in page
    # The emergency number the step names carries its own source.
    assert f'Bij levensgevaar.<sup class="hb-cite">{NOOD}</sup>\n' in page
    # Advice may name its sources too.
    assert f'- Blijf rustig.<sup class="hb-cite">{NOOD}</sup>\n' in page
    # What the number stands for, also on paper: the page's own list of the sources it cited.
    assert page.endswith(
        '<div class="hb-sources" markdown>\n\n## Bronnen\n\n'
        '- <span class="hb-source-n">1.</span> [Noodnummers](https://example.org/noodnummers), '
        "Federale overheid\n\n</div>\n"
    )


def test_a_section_and_a_term_show_their_sources_on_a_line_of_their_own(mini: Path) -> None:
    pages = _pages(mini)
    assert f'Je spreekt af.\n\n<small class="hb-cites">Bron: {HAI}</small>\n' in pages["modules/intro.md"]
    glossary = pages["glossary.md"]
    assert (
        f'Een vrijwilliger.\n\n<small class="hb-cites">Bron: {HAI.replace("../", "")}</small>\n' in glossary
    )
    assert f"Nederlands als tweede taal.\n\n{PRACTICE}\n" in glossary


def test_the_sources_page_lists_where_each_source_is_used(mini: Path) -> None:
    page = _pages(mini)["sources.md"]
    assert (
        '<div class="hb-source" id="src-nood" markdown>\n\n'
        '<span class="hb-source-n">1.</span> [Noodnummers](https://example.org/noodnummers), Federale overheid\n\n'
        "<small>Gebruikt in: [Als er iets misloopt](escalation/index.md), "
        "[Noodgeval](escalation/emergency.md)</small>\n\n</div>\n"
    ) in page
    assert (
        "<small>Gebruikt in: [Woordenlijst](glossary.md), [Kennismaking](modules/intro.md)</small>"
    ) in page
    assert page.index('id="src-nood"') < page.index('id="src-hai"')  # numbered by title


def test_a_citation_is_a_link_with_a_name_in_html_and_plain_text_on_paper(mini: Path) -> None:
    page = _pages(mini)["escalation/emergency.md"]
    html = sanitise.to_html(page)
    assert (
        '<sup class="hb-cite"><a aria-label="Bron 1: Noodnummers" href="../sources.md#src-nood">1</a></sup>'
    ) in html
    paper = pdf.to_html(page)
    assert '<sup class="hb-cite">1</sup>' in paper
    assert '<a href="https://example.org/noodnummers">Noodnummers</a>' in paper
