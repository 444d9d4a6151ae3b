"""The shipped handbook, built by the real `mkdocs build --strict`, checked in its HTML."""

from __future__ import annotations

import re
from html import escape as html_escape
from html import unescape as html_unescape
from pathlib import Path

import pytest

from content import LANGUAGES, SOURCE, first, label, prefix, translated
from handbook.build import load_valid

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parent.parent
OFFSITE = re.compile(r"""(?:src|href|url)\s*[=(]\s*["']?(?:https?:)?//(?!127\.0\.0\.1|localhost)""", re.I)


def _html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    """What a reader sees of a page: no tags, entities decoded."""
    return html_unescape(re.sub(r"<[^>]+>", "", html))


def test_every_page_exists_in_every_language(site: Path) -> None:
    handbook, _ = load_valid(REPO)
    pages = ["", "boundaries", "glossary", "sources", "roles", "escalation", "modules", "checklists"]
    for kind, folder in (
        ("role", "roles"),
        ("escalation", "escalation"),
        ("module", "modules"),
        ("checklist", "checklists"),
    ):
        pages += [f"{folder}/{item_id}" for item_id in handbook.collections()[kind]]
    assert len(pages) >= 8 + 4 + 2 + 2 + 2
    for lang in LANGUAGES:
        for page in pages:
            html = _html(site, prefix(lang) + page)
            assert f'<html lang="{lang}"' in html, (lang, page)


def test_translated_pages_are_in_their_language(site: Path) -> None:
    """A role page of every language whose catalogue has it: its headings in that language."""
    heading = "Per onderwerp: wat doe je, en wat niet?"
    role = first("role")
    checked = 0
    for lang in LANGUAGES:
        if lang == SOURCE or not translated(lang, "role.md.j2", heading):
            continue
        html = _html(site, f"{prefix(lang)}roles/{role}")
        assert label(lang, "role.md.j2", heading) in _text(html), lang
        checked += 1
    assert checked or len(LANGUAGES) == 1


def test_matrix_shows_each_stance_in_words_with_a_legend(site: Path) -> None:
    words = ("Doet het", "Ondersteunt", "Verwijst door", "Doet het niet")
    for lang in LANGUAGES:
        html = _html(site, f"{prefix(lang)}boundaries")
        for word in words:
            assert label(lang, "_labels.j2", word) in _text(html), (lang, word)
    source = _html(site, "boundaries")
    table = source[source.index("<table") : source.index("</table>")]
    handbook, _ = load_valid(REPO)
    owner = html_escape(label(SOURCE, "_labels.j2", words[0]), quote=False)
    assert table.count("<tr>") == len(handbook.topics) + 1
    assert table.count(f"{owner}<") + table.count(f"{owner}</a>") >= len(handbook.topics)
    assert 'aria-hidden="true"' in table  # icons are decoration; the words carry the meaning


def test_escalation_pages_have_a_flowchart_and_contacts(site: Path) -> None:
    """The steps are drawn as a flow at build time: one box a step, no script, no diagram library."""
    handbook, _ = load_valid(REPO)
    for esc_id, esc in handbook.escalations.items():
        html = _html(site, f"{prefix(SOURCE)}escalation/{esc_id}")
        flow = html[html.index('<div class="hb-flow') :]  # "hb-flow hb-flow--guided" under a decision guide
        flow = flow[: flow.index("</ol>")]
        assert flow.count("<li>") - flow.count("<ul>") == len(esc.steps)
        assert "mermaid" not in html
        for step in esc.steps:
            if step.contact in handbook.settings.emergency_numbers:
                number = handbook.settings.emergency_numbers[step.contact].number
                assert f'href="tel:{number.replace(" ", "")}"' in html


def test_checklists_are_task_lists_a_reader_can_tick(site: Path) -> None:
    handbook, _ = load_valid(REPO)
    for checklist_id, checklist in handbook.checklists.items():
        html = _html(site, f"checklists/{checklist_id}")
        assert html.count('<input type="checkbox">') == len(checklist.items)
        assert "disabled" not in html
        assert html.count('<label class="task-list-control">') == len(checklist.items)


def test_language_switcher_leads_to_the_same_page(site: Path) -> None:
    role = first("role")
    for lang in LANGUAGES:
        html = _html(site, f"{prefix(lang)}roles/{role}")
        up = "../" * (2 + (lang != SOURCE))
        for other in LANGUAGES:
            href = "./" if other == lang else f"{up}{prefix(other)}roles/{role}/"
            link = f'<a href="{href}" hreflang="{other}" class="md-select__link">'
            assert link in html, (lang, other)


def test_no_file_references_another_host(site: Path) -> None:
    offenders = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css", ".js", ".mjs"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            # Links a reader clicks (sources, e-mail) are fine; nothing may be *loaded* from elsewhere.
            loads = re.findall(r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*>", text, re.I)
            offenders += [
                f"{path}: {tag}"
                for tag in loads
                if OFFSITE.search(tag) and 'rel="alternate"' not in tag and 'rel="canonical"' not in tag
            ]
            offenders += [f"{path}: inline style url" for m in re.findall(r"url\([^)]*\)", text) if "//" in m]
        else:
            offenders += [f"{path}: {m}" for m in re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)", text)]
            offenders += [
                f"{path}: import" for m in re.findall(r"""import\s*\(?\s*["'](?:https?:)?//""", text)
            ]
    assert offenders == []
    assert "fonts.googleapis.com" not in (site / "index.html").read_text(encoding="utf-8")


def test_script_in_content_never_becomes_markup(site: Path) -> None:
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text
