"""Real Chromium against a built site served on 127.0.0.1: shared by the browser tests."""

from __future__ import annotations

import contextlib
import functools
import gzip
import mimetypes
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

if TYPE_CHECKING:
    from collections.abc import Generator, Iterator

    from playwright.sync_api import Browser, BrowserContext, Page, Request, Response

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


def serve(folder: Path, handler_class: type[SimpleHTTPRequestHandler] = _Quiet) -> Generator[str, None, None]:
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


# --- what a page costs a reader ------------------------------------------------------------------

VIEWPORT = {"width": 360, "height": 740}
GZIPPED = {".html", ".css", ".js", ".json", ".svg", ".xml"}
# Body bytes each gzipping server sent, by "port path": a worker's own script is reported by
# the browser with size 0, so the server's count is used where the browser has none.
SENT: dict[str, int] = {}


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves files like a plain static host that compresses text responses."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        if path.suffix in GZIPPED:
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        SENT[f"{cast('ThreadingHTTPServer', self.server).server_port} {urlsplit(self.path).path}"] = len(body)
        self.wfile.write(body)


@contextlib.contextmanager
def serve_gzipped(folder: Path) -> Iterator[str]:
    """Serve `folder`, gzipped, on a free port of 127.0.0.1 while the context lasts."""
    yield from serve(folder, GzipHandler)


@dataclass
class FirstLoad:
    """One page opened with an empty cache, up to network idle."""

    requests: list[str] = field(default_factory=list)
    transferred: int = 0
    failed: list[str] = field(default_factory=list)
    # What the service worker fetched for the offline copy, after the page had loaded: counted
    # apart, as it is not what showing the page costs.
    offline_requests: list[str] = field(default_factory=list)
    offline_transferred: int = 0

    @property
    def totals(self) -> tuple[int, int]:
        return len(self.requests), self.transferred


def first_load(browser: Browser, url: str) -> FirstLoad:
    """Requests, transferred bytes (headers and body as sent) and failures of one page at 360 px.

    The context's events include a worker's requests, which a page's own CDP session misses.
    A request that failed, or answered 4xx or 5xx, is listed in `failed` and counts with 0 bytes.
    """
    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    try:
        load = FirstLoad()
        finished: list[Request] = []

        def requested(request: Request) -> None:
            if request.service_worker is not None:
                load.offline_requests.append(request.url)
            else:
                load.requests.append(request.url)

        context.on("request", requested)
        context.on("requestfinished", lambda request: finished.append(request))  # noqa: PLW0108 - a bound builtin cannot be a handler
        context.on("requestfailed", lambda request: load.failed.append(request.url))

        def answered(response: Response) -> None:
            if response.status >= 400:
                load.failed.append(f"{response.status} {response.url}")

        context.on("response", answered)
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        load.requests = [address for address in load.requests if not address.startswith("data:")]
        for request in finished:
            if request.url.startswith("data:"):
                continue
            size = request.sizes()
            body = size["responseBodySize"]
            if body == 0:
                address = urlsplit(request.url)
                body = SENT.get(f"{address.port} {address.path}", 0)
            if request.service_worker is not None:
                load.offline_transferred += size["responseHeadersSize"] + body
            else:
                load.transferred += size["responseHeadersSize"] + body
        return load
    finally:
        context.close()
