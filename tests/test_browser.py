"""Every page type in every language, in a real Chromium at phone width: WCAG 2.1 A/AA (axe-core),
no request to another host, no sideways scrolling, the right language and direction, and not one
Content-Security-Policy violation (navigation drawer, language switcher and print view included)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

from browser import violations as csp_violations
from browser import watch_csp
from content import DIRECTION, SAMPLE, first, prefix
from minihandbook import REPO

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

LANGUAGES = DIRECTION
PAGE_TYPES = {
    "home": "",
    "role": f"roles/{first('role')}/",
    "matrix": "boundaries/",
    "escalation": f"escalation/{first('escalation')}/",
    "module": f"modules/{first('module')}/",
    "checklist": f"checklists/{first('checklist')}/",
    "glossary": "glossary/",
    "status": "translations/",
}
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


ARTIFACTS = REPO / "test-artifacts" / "screenshots"


def _navigation_problems(page: Any, kind: str, direction: str) -> list[Any]:
    """At phone width the drawer is off screen, slides in from the menu button (from the right in
    a right-to-left page), which says it is open, and goes again with a tap beside it."""

    def on_screen() -> bool:
        box = page.locator(".md-sidebar--primary").bounding_box()
        return bool(box) and box["x"] >= 0 and box["x"] + box["width"] <= 361

    if on_screen():
        return [(kind, "navigation open at start")]
    button = page.locator("button.hb-menu")
    button.click()
    page.wait_for_timeout(400)
    opened = on_screen() and button.get_attribute("aria-expanded") == "true"
    page.mouse.click(355 if direction == "ltr" else 5, 700)
    page.wait_for_timeout(400)
    closed = not on_screen()
    return [] if opened and closed else [(kind, "navigation", {"opened": opened, "closed": closed})]


def _switcher_problems(page: Any, kind: str, base: str, lang: str, path: str) -> list[Any]:
    """Each entry of the language switcher leads to this same page in that language."""
    problems = []
    for link in page.locator("a.md-select__link").all():
        other = link.get_attribute("hreflang") or ""
        href = urlsplit(urljoin(page.url, link.get_attribute("href") or "")).path
        expected = "/" + prefix(other) + path
        if href != expected:
            problems.append((kind, "switcher", other, href, expected))
    return problems


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_page_type_at_phone_width(base: str, browser: Browser, lang: str) -> None:
    axe = Axe()
    host = urlsplit(base).netloc
    problems: list[Any] = []
    context = browser.new_context(viewport={"width": 360, "height": 740})
    watch_csp(context)
    page = context.new_page()
    requests: list[str] = []
    failed: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    for kind, path in PAGE_TYPES.items():
        page.goto(f"{base}/{prefix(lang)}{path}")
        page.wait_for_load_state("networkidle")
        html = page.locator("html")
        if (html.get_attribute("lang"), html.get_attribute("dir")) != (lang, LANGUAGES[lang]):
            problems.append((kind, "lang/dir", html.get_attribute("lang"), html.get_attribute("dir")))
        laid_out = page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction")
        if laid_out != LANGUAGES[lang]:
            problems.append((kind, "laid out", laid_out))
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if widths[0] > widths[1]:
            problems.append((kind, "scrolls sideways", widths))
        violations = axe.run(page, options=WCAG).response["violations"]
        problems += [(kind, v["id"], v["impact"], v["nodes"][0]["target"]) for v in violations]
        if lang in SAMPLE:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{lang}-{kind}.png"), full_page=True)
        problems += _navigation_problems(page, kind, LANGUAGES[lang])
        problems += _switcher_problems(page, kind, base, lang, path)
        page.emulate_media(media="print")
        chrome = [
            s
            for s in (".md-header", ".md-sidebar--primary", ".md-footer")
            if page.locator(s).first.is_visible()
        ]
        if chrome:
            problems.append((kind, "print shows", chrome))
        page.emulate_media(media="screen")
        problems += [(kind, "Content-Security-Policy", v) for v in csp_violations(page)]
    offsite = sorted({url for url in requests if urlsplit(url).netloc not in (host, "")} - {"about:blank"})
    context.close()
    assert offsite == []
    assert failed == []
    assert problems == []
