"""Real Chromium against a built site served on 127.0.0.1: shared by the browser tests."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playwright.sync_api import sync_playwright

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, BrowserContext, Page

# Debian's Chromium where it is installed; elsewhere Playwright's own browser.
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path, handler_class: type[SimpleHTTPRequestHandler] = _Quiet) -> Iterator[str]:
    """Serve `folder` on a free port of 127.0.0.1 for as long as the generator lives."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        path = str(CHROMIUM) if CHROMIUM.exists() else None
        browser = playwright.chromium.launch(executable_path=path, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


# Every Content-Security-Policy violation of a page, kept where the test can read it.
WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push([event.violatedDirective, event.blockedURI, event.sourceFile, event.lineNumber]);
});
"""


def watch_csp(context: BrowserContext) -> None:
    """Record the policy violations of every page this context opens (read with `violations`)."""
    context.add_init_script(WATCH_CSP)


def violations(page: Page) -> list[Any]:
    return list(page.evaluate("window.__csp || []"))
