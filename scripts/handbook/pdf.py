"""Printables: checklists, the pocket card and the volunteer booklet as tagged PDFs, per language.

Each printable is the same Markdown as its pages (or a print template of its own) turned into HTML
with a stylesheet made for paper, and rendered by WeasyPrint. PDFs are cached by a hash of
everything that goes into them, and rendered in parallel on every core.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from urllib.request import url2pathname

from handbook import sanitise
from handbook.icons import icon_html

if TYPE_CHECKING:
    from typing import Any

CACHE_DIR = ".cache/pdf"
STYLESHEET = "templates/print/print.css"

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
PAGE_LINK = re.compile(r"\[([^\]]*)\]\((?!https?:|mailto:|tel:)[^)]*\)(?:\{[^{}]*\})?")
ICON = re.compile(r":((?:material|octicons|fontawesome)-[a-z0-9-]+):(?:\{([^{}]*)\})?")
CLASS = re.compile(r"(?<![^\s{])\.([a-z][a-z0-9-]*)")


@dataclass(frozen=True)
class Printable:
    """One PDF to make: where it goes, its language and direction, and its HTML."""

    path: str
    lang: str
    direction: str
    title: str
    body: str
    kind: str


def to_html(markdown_text: str) -> str:
    """A generated page's Markdown as HTML for paper: no front matter, diagrams or links to other
    pages (on paper they lead nowhere; web, e-mail and phone links stay); the theme's icons drawn
    inline, hidden from assistive technology as on the site (the word stands beside each)."""
    text = FRONT_MATTER.sub("", markdown_text)
    text = ICON.sub(lambda m: icon_html(m.group(1), CLASS.findall(m.group(2) or "")), text).replace("[ ", "[")
    text = "\n".join(line for line in text.splitlines() if ".hb-download" not in line)
    text = PAGE_LINK.sub(r"\1", text)
    return sanitise.to_html(text)


def _created() -> str:
    """The date each PDF says it was made: when the sources changed (see build.source_date)."""
    stamp = int(os.environ.get("SOURCE_DATE_EPOCH", "1704067200"))
    return datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def document(printable: Printable, css: str) -> str:
    created = _created()
    return (
        f'<!doctype html>\n<html lang="{printable.lang}" dir="{printable.direction}">\n<head>\n'
        f'<meta charset="utf-8">\n<title>{escape(printable.title)}</title>\n'
        f'<meta name="dcterms.created" content="{created}">\n'
        f'<meta name="dcterms.modified" content="{created}">\n'
        f"<style>\n{css}\n</style>\n</head>\n"
        f'<body class="hb-{printable.kind}">\n{sanitise.clean_html(printable.body)}\n</body>\n</html>\n'
    )


def project_fetcher(root: Path) -> Any:
    """WeasyPrint's fetcher, locked to the handbook: `data:` URLs and the files under `root`.
    Nothing on the network and no other file of the machine is read, whatever a text holds."""
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    class ProjectFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type information
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.partition(":")[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if path.is_relative_to(root) and path.is_file():
                    return super().fetch(path.as_uri(), headers)
            raise ValueError(f"not a file of the handbook, so not read: {url[:80]}")

    return ProjectFetcher(timeout=1, allowed_protocols={"data", "file"}, allow_redirects=False)


def render_pdf(html: str, root: str) -> bytes:
    """One PDF from its HTML; relative addresses are read from the handbook's folder only."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # WeasyPrint ships no type information

    base = Path(root).resolve()
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    document = HTML(string=html, base_url=base.as_uri() + "/", url_fetcher=project_fetcher(base))
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier))


def _weasyprint_version() -> str:
    from weasyprint import __version__

    return str(__version__)


def render_all(root: Path, printables: list[Printable]) -> dict[str, bytes]:
    """Every printable's PDF, from the cache when its inputs did not change."""
    if not printables:
        return {}  # nothing to print: not even WeasyPrint is imported (half a second a process)
    css = (root / STYLESHEET).read_text(encoding="utf-8")
    cache = root / CACHE_DIR
    cache.mkdir(parents=True, exist_ok=True)
    version = _weasyprint_version()
    jobs: dict[str, tuple[str, Path]] = {}
    out: dict[str, bytes] = {}
    for printable in printables:
        html = document(printable, css)
        key = hashlib.sha256(f"{version}\0{html}".encode()).hexdigest()
        cached = cache / f"{key}.pdf"
        if cached.exists():
            out[printable.path] = cached.read_bytes()
        else:
            jobs[printable.path] = (html, cached)
    if jobs:
        workers = min(len(jobs), os.cpu_count() or 1)
        done = 0
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {path: pool.submit(render_pdf, html, str(root)) for path, (html, _) in jobs.items()}
            for path, future in futures.items():
                data = future.result()
                jobs[path][1].write_bytes(data)
                out[path] = data
                done += 1
                if done == len(jobs) or done % 10 == 0:
                    print(f"pdf: {done}/{len(jobs)} rendered", file=sys.stderr, flush=True)
    return out
