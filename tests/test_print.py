"""Every checklist prints on one A4 page, in print emulation in a real Chromium."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from content import prefix
from handbook.build import load_valid
from minihandbook import REPO

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

CHECKLISTS = sorted(load_valid(REPO)[0].checklists)
LANGUAGES = [language.code for language in load_valid(REPO)[0].settings.languages]
PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_checklist_fits_one_a4_page(base: str, browser: Browser, lang: str) -> None:
    page = browser.new_page()
    too_long = {}
    for checklist in CHECKLISTS:
        page.goto(f"{base}/{prefix(lang)}checklists/{checklist}/")
        page.emulate_media(media="print")
        assert not page.locator(".md-header").is_visible()
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        pages = len(PAGE.findall(pdf))
        if pages != 1:
            too_long[checklist] = pages
    page.close()
    assert too_long == {}
