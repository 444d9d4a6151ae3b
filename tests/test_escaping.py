"""Defence in depth: even text that slipped past validation reaches a page as text, never markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

import markdown  # type: ignore[import-untyped]

from handbook.build import load_valid
from handbook.localise import LocalText, localise_handbook
from handbook.render import Page, Renderer, language_globals, page_title, render_pages
from handbook.sanitise import text_problems

if TYPE_CHECKING:
    from pathlib import Path

SCRIPT = '</title><script>alert(1)</script><b onclick="x()">'


def test_validation_refuses_html_and_script_links() -> None:
    assert text_problems(f"Hallo {SCRIPT}") == [
        "HTML is not allowed in text (found '<script>'); write plain text or Markdown",
        "HTML is not allowed in text (found '<b>'); write plain text or Markdown",
    ]
    assert text_problems("[klik](javascript:alert(1))") == [
        "a link may not use 'javascript:'; use https:, mailto: or tel:"
    ]
    assert text_problems("Als a < b en b > c, **dan** [lees dit](https://example.org).") == []


def test_markup_in_text_is_escaped_on_the_page_and_in_the_title(mini: Path) -> None:
    handbook, catalogues = load_valid(mini)
    local = localise_handbook(handbook, "en", catalogues["en"])
    buddy = local.roles["buddy"]
    evil = LocalText(f"Buddy {SCRIPT}", "en", "translated")
    fallback = LocalText(f"Wie {SCRIPT}", "nl", "missing")
    local.roles["buddy"] = buddy.model_copy(update={"name": evil, "who": fallback})
    renderer = Renderer(mini, "nl")
    renderer.use("en", catalogues["en"])
    page = Page("roles/buddy.md", "role.md.j2", "roles/buddy.yml", {"item_id": "buddy"})
    text = render_pages(renderer, {**language_globals(local, "en"), "pdf": False}, [page])[0].text
    assert "<script>" not in text
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;b onclick=" in text
    html = markdown.markdown(text, extensions=["attr_list", "md_in_html"])
    assert "<script>" not in html
    assert "<b onclick" not in html
    assert "</title>" not in page_title(text).replace("&lt;/title&gt;", "")
