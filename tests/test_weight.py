"""What the first visit to a page costs a reader on a phone with prepaid data: every page type in
every language, opened with an empty cache at 360 px from a host that compresses text, stays
under 60 KB transferred and 12 requests, and no request fails."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from browser import first_load, serve_gzipped
from content import HANDBOOK, LANGUAGES, prefix
from handbook.kinds import COLLECTIONS, DOCUMENTS

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Browser

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

MAX_BYTES = 60 * 1024
MAX_REQUESTS = 12


def page_types() -> dict[str, str]:
    """The home page and each single-file page (the boundaries matrix, the glossary, the sources), and the first
    page of each kind of item (a role, an escalation path, a module, a checklist)."""
    types = {}
    for document in DOCUMENTS:
        if document.page:
            address = document.page.removesuffix(".md").removesuffix("index")
            types[document.kind] = address + "/" if address else ""
    items = HANDBOOK.collections()
    for collection in COLLECTIONS:
        if items[collection.kind]:
            types[collection.kind] = f"{collection.pages}/{sorted(items[collection.kind])[0]}/"
    return types


@pytest.fixture(scope="module")
def gzipped(site: Path) -> Iterator[str]:
    with serve_gzipped(site) as url:
        yield url


@pytest.mark.parametrize("lang", LANGUAGES)
def test_first_load_of_every_page_type_is_light(gzipped: str, browser: Browser, lang: str) -> None:
    heavy = {}
    for kind, path in page_types().items():
        load = first_load(browser, f"{gzipped}/{prefix(lang)}{path}")
        if load.transferred > MAX_BYTES or len(load.requests) > MAX_REQUESTS or load.failed:
            heavy[kind] = (load.transferred, len(load.requests), load.failed, load.requests)
    assert heavy == {}
