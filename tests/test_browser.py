"""Every page type in every language, in a real Chromium at phone width: WCAG 2.1 A/AA (axe-core),
no request to another host, no sideways scrolling, the right language and direction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

from handbook.build import load_valid
from minihandbook import REPO

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

HANDBOOK = load_valid(REPO)[0]
LANGUAGES = {language.code: language.dir for language in HANDBOOK.settings.languages}
PAGE_TYPES = {
    "home": "",
    "role": "roles/buddy/",
    "matrix": "boundaries/",
    "escalation": f"escalation/{sorted(HANDBOOK.escalations)[0]}/",
    "module": f"modules/{sorted(HANDBOOK.modules)[0]}/",
    "checklist": f"checklists/{sorted(HANDBOOK.checklists)[0]}/",
    "glossary": "glossary/",
    "status": "translations/",
}
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_page_type_at_phone_width(base: str, browser: Browser, lang: str, tmp_path: Path) -> None:
    axe = Axe()
    host = urlsplit(base).netloc
    problems: list[Any] = []
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for kind, path in PAGE_TYPES.items():
        prefix = "" if lang == "nl" else f"{lang}/"
        page.goto(f"{base}/{prefix}{path}")
        page.wait_for_load_state("networkidle")
        html = page.locator("html")
        if (html.get_attribute("lang"), html.get_attribute("dir")) != (lang, LANGUAGES[lang]):
            problems.append((kind, "lang/dir", html.get_attribute("lang"), html.get_attribute("dir")))
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if widths[0] > widths[1]:
            problems.append((kind, "scrolls sideways", widths))
        violations = axe.run(page, options=WCAG).response["violations"]
        problems += [(kind, v["id"], v["impact"], v["nodes"][0]["target"]) for v in violations]
    offsite = sorted({url for url in requests if urlsplit(url).netloc not in (host, "")} - {"about:blank"})
    context.close()
    assert offsite == []
    assert problems == []
