"""The Content-Security-Policy of every built page, and proof in Chromium that it blocks what a
hostile text would need: inline script, event handlers, and requests to other hosts."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import TYPE_CHECKING

import pytest

from browser import violations, watch_csp
from content import LANGUAGES, prefix

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def test_every_page_carries_the_policy_before_any_script(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = META.search(html)
        assert found, path
        policy = dict(part.strip().split(" ", 1) for part in found.group(1).split(";"))
        assert policy["default-src"] == "'none'"
        assert policy["object-src"] == "'none'"
        assert policy["base-uri"] == "'self'"
        assert policy["form-action"] == "'self'"
        for directive in ("style-src", "img-src", "font-src", "connect-src"):
            assert policy[directive].split()[0] == "'self'", (path, directive)
        sources = policy["script-src"].split()
        # The search compiles its WebAssembly: that, and no eval() of script, is what it allows.
        assert sources[:2] == ["'self'", "'wasm-unsafe-eval'"]
        assert all(source.startswith("'sha256-") for source in sources[2:]), sources
        assert "unsafe" not in found.group(1).replace("'wasm-unsafe-eval'", "")
        assert '<meta name="referrer" content="no-referrer">' in html
        first_script = html.find("<script")
        assert first_script == -1 or found.start() < first_script, path
        assert set(sources[2:]) == {_hash(body) for body in INLINE.findall(html)}, path


def test_the_policy_blocks_injected_script_and_handlers(base: str, browser: Browser) -> None:
    """What a text would need to run code is refused, and the refusal is seen: so a page that
    reports no violation really had none."""
    context = browser.new_context()
    watch_csp(context)
    page = context.new_page()
    page.goto(f"{base}/{prefix(LANGUAGES[-1])}escalation/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__ran = 'inline'";
          document.body.append(script);
          const holder = document.createElement("div");
          holder.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__ran = \\'handler\\'">';
          document.body.append(holder);
          const remote = document.createElement("img");
          remote.src = "http://127.0.0.2:9/pixel.png";
          document.body.append(remote);
        }"""
    )
    page.wait_for_timeout(500)
    ran = page.evaluate("window.__ran || null")
    directives = sorted({v[0] for v in violations(page)})
    context.close()
    assert ran is None
    assert directives == ["img-src", "script-src-attr", "script-src-elem"]


def test_no_cookies_and_no_referrer(base: str, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}/{prefix(LANGUAGES[-1])}")
    page.wait_for_load_state("networkidle")
    policy = page.evaluate("document.querySelector('meta[name=referrer]').content")
    cookies = context.cookies()
    context.close()
    assert policy == "no-referrer"
    assert cookies == []
