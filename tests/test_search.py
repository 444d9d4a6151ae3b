"""Search in the reader's language, in a real browser: a word of one page finds that page and
only pages of that language; the dialog is named and works by keyboard; a query stays small;
without JavaScript there is no search button; no Content-Security-Policy violation."""

from __future__ import annotations

import functools
import gzip
import re
from collections import defaultdict
from html import unescape
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlsplit

import pytest

from browser import serve, violations, watch_csp
from content import DIRECTION, LANGUAGES, SOURCE, prefix

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

WORD = re.compile(r"[^\W\d_]{7,}")
BODY = re.compile(r"<article [^>]*data-pagefind-body>(.*?)</article>", re.S)
IGNORED = re.compile(r"<([a-z][a-z0-9]*) [^>]*data-pagefind-ignore[^>]*>.*?</\1>", re.S)
# What a reader on prepaid data pays: opening the search loads Pagefind's script, the language's
# WebAssembly (its stemmer) and the list of index parts, once (about 87 KB); each query then
# loads the parts of the index its words need and the text of the first three results.
ENGINE_BUDGET = 100_000
QUERY_BUDGET = 150_000
GZIPPED = (".html", ".js", ".json", ".css")


def _language_of(path: str) -> str:
    first = path.split("/", 1)[0]
    return first if first in LANGUAGES and first != SOURCE else SOURCE


@functools.cache
def _pages(site: Path) -> dict[str, dict[str, str]]:
    """The indexed text of every page, by language and address (`ar/roles/buddy/`)."""
    pages: dict[str, dict[str, str]] = defaultdict(dict)
    for path in sorted(site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        body = BODY.search(html)
        if body is None:
            continue
        address = path.parent.relative_to(site).as_posix()
        address = "" if address == "." else address + "/"
        text = unescape(re.sub(r"<[^>]+>", " ", IGNORED.sub(" ", body.group(1))))
        pages[_language_of(address)][address] = text.lower()
    return pages


def _where(site: Path, lang: str) -> dict[str, set[str]]:
    """Every word of `lang`'s pages, with the addresses of the pages it stands on."""
    where: dict[str, set[str]] = defaultdict(set)
    for address, text in _pages(site)[lang].items():
        for word in WORD.findall(text):
            where[word].add(address)
    return where


def unique_word(site: Path, lang: str) -> tuple[str, str]:
    """A word that stands on exactly one page of `lang`: (word, that page's address)."""
    where = _where(site, lang)
    candidates = sorted((word, next(iter(found))) for word, found in where.items() if len(found) == 1)
    assert candidates, f"no word stands on only one {lang} page"
    return candidates[len(candidates) // 2]


def _search(page: Page, term: str, *, all_results: bool = False, opened: bool = False) -> list[str]:
    """Open the dialog (unless `opened`), type `term`, and return the result addresses shown
    (path only): the first few, or with `all_results` every one, asking for more until there
    are no more."""
    if not opened:
        page.click(".hb-search__open")
    page.fill("#hb-search-input", term)
    page.locator(".hb-search__results li a").first.wait_for(timeout=15000)
    more = page.locator(".hb-search__more")
    while all_results and more.is_visible():
        shown = page.locator(".hb-search__results li").count()
        more.click()
        page.locator(".hb-search__results li").nth(shown).wait_for(timeout=15000)
    return [
        urlsplit(href or "").path
        for href in page.locator(".hb-search__results li a").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_word_of_one_page_finds_that_page_and_only_pages_of_its_language(
    site: Path, base: str, browser: Browser, lang: str
) -> None:
    word, address = unique_word(site, lang)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    watch_csp(context)
    page = context.new_page()
    page.goto(f"{base}/{prefix(lang)}")
    found = _search(page, word, all_results=True)
    others = [path for path in found if _language_of(path.lstrip("/")) != lang]
    page.locator(".hb-search__results li a").first.click()  # the result leads to its page
    page.wait_for_load_state("networkidle")
    blocked = violations(page)
    context.close()
    assert "/" + address in found, (word, found)
    assert others == []
    assert blocked == []


def test_the_dialog_is_named_keyboard_usable_and_right_to_left_where_the_language_is(
    base: str, browser: Browser
) -> None:
    lang = next((code for code in LANGUAGES if DIRECTION[code] == "rtl"), SOURCE)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{base}/{prefix(lang)}")
    button = page.locator(".hb-search__open")
    name = button.get_attribute("aria-label") or ""
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    title = page.locator("#hb-search-title").inner_text()
    focused = page.evaluate("document.activeElement.id")
    direction = dialog.evaluate("element => getComputedStyle(element).direction")
    labelled = dialog.get_attribute("aria-labelledby")
    page.keyboard.type("112")
    page.locator(".hb-search__results li a").first.wait_for(timeout=15000)
    page.keyboard.press("Enter")  # from the box to the first result
    on_result = page.evaluate("document.activeElement.closest('.hb-search__results') !== null")
    page.keyboard.press("Escape")
    closed = not dialog.is_visible()
    back = page.evaluate("document.activeElement.classList.contains('hb-search__open')")
    context.close()
    assert name.strip() and title.strip()
    assert labelled == "hb-search-title"
    assert focused == "hb-search-input"
    assert direction == DIRECTION[lang]
    assert on_result and closed and back


class _Counting(SimpleHTTPRequestHandler):
    """Serves the site and counts what a host that compresses text would send, per path."""

    sent: ClassVar[list[tuple[str, int]]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            data = path.read_bytes()
            size = len(gzip.compress(data, 6)) if path.suffix in GZIPPED else len(data)
            self.sent.append((urlsplit(self.path).path, size))
        super().do_GET()


def _quiet(page: Page, sent: list[tuple[str, int]]) -> None:
    """Wait until the server has had no request for half a second: Pagefind goes on loading
    after the page first went idle, which Playwright's "networkidle" does not wait for again."""
    seen = -1
    while seen != len(sent):
        seen = len(sent)
        page.wait_for_timeout(500)


@pytest.fixture(scope="module")
def counted(site: Path) -> Iterator[str]:
    yield from serve(site, _Counting)


def common_word(site: Path, lang: str) -> str:
    """The word that stands on the most pages of `lang`: its query matches the most pages."""
    where = _where(site, lang)
    return max(sorted(where), key=lambda word: len(where[word]))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_opening_the_search_and_each_query_stay_small(
    site: Path, counted: str, browser: Browser, lang: str
) -> None:
    """Opening the search loads Pagefind's script and WebAssembly (its stemmer included); a query
    then loads the parts of the index it needs and the text of the first results only: a word of
    one page, and the word that stands on the most pages."""
    words = [unique_word(site, lang)[0], common_word(site, lang)]
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{counted}/{prefix(lang)}")
    page.wait_for_load_state("networkidle")
    start = len(_Counting.sent)
    page.click(".hb-search__open")
    page.locator("[data-hb-search][data-hb-ready]").wait_for(state="attached", timeout=15000)
    _quiet(page, _Counting.sent)
    engine = _Counting.sent[start:]
    queries = []
    for word in words:
        before = len(_Counting.sent)
        _search(page, word, opened=True)
        _quiet(page, _Counting.sent)
        queries.append(_Counting.sent[before:])
    context.close()
    assert any(path.endswith(".pagefind") for path, _ in engine), engine  # the WebAssembly, on opening
    assert sum(size for _, size in engine) <= ENGINE_BUDGET, engine
    assert any(path.endswith(".pf_fragment") for path, _ in queries[0])  # the query really ran
    for word, sent in zip(words, queries, strict=True):
        assert sum(size for _, size in sent) <= QUERY_BUDGET, (word, sent)


def test_without_javascript_there_is_no_search_button(base: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{base}/{prefix(SOURCE)}")
    hidden = page.locator("[data-hb-search]").evaluate("element => element.hidden")
    visible = page.locator(".hb-search__open").is_visible()
    context.close()
    assert hidden and not visible
