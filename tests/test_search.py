"""Search in every language: a word found on only one page finds that page, in a real browser,
under the site's Content-Security-Policy without a single violation."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from browser import violations, watch_csp
from content import LANGUAGES, SOURCE, prefix

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


WORD = re.compile(r"[^\W\d_]{7,}")


def _language_of(location: str) -> str:
    first = location.split("/", 1)[0]
    return first if first in LANGUAGES and first != SOURCE else SOURCE


def unique_word(site: Path, lang: str) -> tuple[str, str]:
    """A word that stands on exactly one page of the site, in `lang` only: (word, page location)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages: dict[str, set[str]] = defaultdict(set)
    languages: dict[str, set[str]] = defaultdict(set)
    for doc in index["docs"]:
        page = doc["location"].split("#", 1)[0]
        for word in WORD.findall(re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}").lower()):
            pages[word].add(page)
            languages[word].add(_language_of(page))
    candidates = sorted(
        (word, next(iter(found)))
        for word, found in pages.items()
        if len(found) == 1 and languages[word] == {lang} and "translations" not in next(iter(found))
    )
    assert candidates, f"no word found only on one {lang} page"
    return candidates[len(candidates) // 2]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_word_of_one_page_finds_that_page(site: Path, base: str, browser: Browser, lang: str) -> None:
    word, location = unique_word(site, lang)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch_csp(context)
    page = context.new_page()
    page.goto(f"{base}/{prefix(lang)}")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.fill("input.md-search__input", word)
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=15000)
    href = urlsplit(first.get_attribute("href") or "").path
    first.click()  # the result leads to its page, still under the policy
    page.wait_for_load_state("networkidle")
    blocked = violations(page)
    context.close()
    assert blocked == []
    assert href.rstrip("/").endswith("/" + location.rstrip("/")), (word, href, location)
