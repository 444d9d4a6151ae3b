"""The handbook offline: a service worker at the site root that keeps, per language, the pages a
reader needs without signal (the escalation paths, the help numbers, the contacts) and the files
those pages load.

Everything here reads the built site: the escalation pages are the pages of the content kind whose
model is `Escalation` (from the registry in `kinds`), and the pages with the help numbers and the
contacts are the pages that link every number and every contact of handbook.yml. No content id
and no language is named. The cache name carries a hash of what the worker can serve, so a new
build gets a new cache and the worker drops the old one.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from handbook.errors import HandbookError
from handbook.kinds import COLLECTIONS, TEMPLATES_DIR, language_folder
from handbook.models import Escalation

if TYPE_CHECKING:
    from pathlib import Path

    from handbook.models import Settings

WORKER = "service-worker.js"  # at the site root: its scope covers every language
TEMPLATE = f"{TEMPLATES_DIR}/offline-worker.js"
REGISTRATION = "assets/offline.js"  # the page script that registers the worker (mkdocs.yml)
PLAN_MARKER = "{/* plan */}"
# What the worker may serve, and so what the version hashes: not PDFs, source maps or sitemaps
# (a sitemap changes with the date alone, which must not throw away a reader's copy).
SERVABLE = frozenset(
    {".html", ".css", ".js", ".json", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico"}
    | {".woff", ".woff2", ".ttf", ".otf"}
)
_ROOT = "https://site.invalid/"  # a stand-in origin to resolve a page's relative links against
_LOADING_TAG = re.compile(r"<(link|script|img)\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r"""([A-Za-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")


class OfflineError(HandbookError):
    pass


@dataclass(frozen=True)
class LanguageList:
    """What the worker keeps for one language: where its pages live, and the files to fetch."""

    prefix: str  # "" for the source language at the root, "en/" for the others
    pages: tuple[str, ...]  # addresses relative to the site root: "en/escalation/"
    files: tuple[str, ...]  # the pages and the CSS, scripts, images and fonts they load

    def size(self, site: Path) -> int:
        """The bytes the worker fetches for this language (as the files lie on disk)."""
        return sum(_file_of(site, url).stat().st_size for url in self.files)


def prefixes(settings: Settings) -> dict[str, str]:
    """Where each language's pages live: the source language at the root, the others in a folder."""
    return {
        language.code: language_folder(language.code, settings.default_language)
        for language in settings.languages
    }


def version(site: Path) -> str:
    """A hash of every file the worker may serve, the worker itself left out."""
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and path.suffix in SERVABLE and rel != WORKER:
            digest.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def escalation_folder() -> str:
    """The site folder of the escalation paths, from the registry of content kinds."""
    return next(collection.pages for collection in COLLECTIONS if collection.model is Escalation)


def _digits(number: str) -> str:
    return re.sub(r"[^0-9+]", "", number)


def wanted_links(settings: Settings) -> list[frozenset[str]]:
    """The link sets a page must hold all of to be kept: every help number, and every way to reach
    the contacts (phone and e-mail). An empty set (no numbers) asks for no page."""
    numbers = frozenset("tel:" + _digits(n.number) for n in settings.emergency_numbers.values())
    contacts = frozenset(
        {"tel:" + _digits(c.phone) for c in settings.contacts.values() if c.phone}
        | {"mailto:" + c.email.lower() for c in settings.contacts.values() if c.email}
    )
    return [links for links in (numbers, contacts) if links]


_CONTACT_LINK = re.compile(r"""<a\s[^>]*?href=(["'])((?:tel|mailto):[^"']*)\1""", re.I)


def contact_links(page_html: str) -> set[str]:
    """The phone and e-mail links of a page, written as `wanted_links` writes them."""
    found = set()
    for _, href in _CONTACT_LINK.findall(page_html):
        scheme, _, rest = html.unescape(href).partition(":")
        found.add("tel:" + _digits(rest) if scheme.lower() == "tel" else "mailto:" + rest.lower())
    return found


def _page_url(rel: str, directory_urls: bool) -> str:
    """`en/escalation/index.html` → `en/escalation/` (MkDocs' directory URLs); `index.html` → ``."""
    if directory_urls and (rel == "index.html" or rel.endswith("/index.html")):
        return rel.removesuffix("index.html")
    return rel


def _file_of(site: Path, url: str) -> Path:
    path = urlsplit(url).path
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def _resolve(site: Path, base: str, href: str) -> str | None:
    """A link of the page at `base` as an address relative to the site root, if it is one of the
    site's own files; absolute paths are skipped (a fork may publish under a sub-path)."""
    if not href or href.startswith(("/", "#", "data:")) or urlsplit(href).scheme:
        return None
    url = urljoin(_ROOT + base, href).split("#", 1)[0]
    if not url.startswith(_ROOT):
        return None
    rel = url.removeprefix(_ROOT)
    return rel if _file_of(site, rel).is_file() else None


def _loaded(page_html: str) -> list[str]:
    """The addresses of the stylesheets, scripts and images a page loads, in order."""
    loads = []
    for tag, attributes in _LOADING_TAG.findall(page_html):
        pairs = _ATTRIBUTE.findall(attributes)
        values = {name.lower(): html.unescape(dq or sq or bare) for name, dq, sq, bare in pairs}
        if tag.lower() == "link":
            if "stylesheet" in values.get("rel", "").split() and values.get("href"):
                loads.append(values["href"])
        elif values.get("src"):
            loads.append(values["src"])
    return loads


def _loads(site: Path, page: str, page_html: str, styles: dict[str, list[str]]) -> list[str]:
    """The files a page loads, and the fonts and images its stylesheets load in turn; `styles`
    keeps what each stylesheet loads, read once for all the pages that share it."""
    found = [url for href in _loaded(page_html) if (url := _resolve(site, page, href))]
    for url in list(found):
        if urlsplit(url).path.endswith(".css"):
            if url not in styles:
                text = _file_of(site, url).read_text(encoding="utf-8", errors="replace")
                refs = (_resolve(site, url, href) for _, href in _CSS_URL.findall(text))
                styles[url] = [ref for ref in refs if ref]
            found += styles[url]
    return found


def language_lists(site: Path, settings: Settings, *, directory_urls: bool = True) -> dict[str, LanguageList]:
    """For each language: its escalation pages, its pages that hold every help number or every
    contact, and what those pages load."""
    where = prefixes(settings)
    others = [prefix for prefix in where.values() if prefix]
    folder = escalation_folder() + "/"
    wanted = wanted_links(settings)
    htmls = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    lists: dict[str, LanguageList] = {}
    styles: dict[str, list[str]] = {}
    for code, prefix in where.items():
        pages: list[str] = []
        files: list[str] = []
        for rel in htmls:
            if not rel.startswith(prefix) or (not prefix and rel.startswith(tuple(others))):
                continue
            url = _page_url(rel, directory_urls)
            own = rel.removeprefix(prefix)
            escalation = own.startswith(folder)
            if not escalation and not wanted:
                continue
            text = (site / rel).read_text(encoding="utf-8")
            if escalation or any(links <= contact_links(text) for links in wanted):
                pages.append(url)
                files += [url, *_loads(site, url, text, styles)]
        lists[code] = LanguageList(prefix, tuple(pages), tuple(sorted(set(files))))
    return lists


def plan(
    site: Path,
    settings: Settings,
    *,
    directory_urls: bool = True,
    lists: dict[str, LanguageList] | None = None,
) -> dict[str, object]:
    """What the worker is told: the cache version and each language's list (none when off).
    The lists may be read before (`language_lists`): they depend on the pages only, while the
    version takes in every file the worker may serve, the search index's too."""
    if not settings.offline:
        return {"version": version(site), "off": True, "languages": {}}
    if lists is None:
        lists = language_lists(site, settings, directory_urls=directory_urls)
    return {
        "version": version(site),
        "off": False,
        "languages": {
            code: {"prefix": item.prefix, "files": list(item.files)} for code, item in lists.items()
        },
    }


def worker_source(template: str, worker_plan: dict[str, object]) -> str:
    """The worker's JavaScript with its plan filled in (JSON, which is a JavaScript literal)."""
    if template.count(PLAN_MARKER) != 1:
        raise OfflineError(f"{TEMPLATE}: the worker template must hold {PLAN_MARKER} exactly once")
    text = json.dumps(worker_plan, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return template.replace(PLAN_MARKER, text.replace("</", "<\\/"))


def write_worker(
    root: Path,
    site: Path,
    settings: Settings,
    *,
    directory_urls: bool = True,
    lists: dict[str, LanguageList] | None = None,
) -> Path:
    """Write the service worker at the root of the built site (with the `lists` read before)."""
    path = root / TEMPLATE
    if not path.is_file():
        raise OfflineError(f"{TEMPLATE}: the service worker's template is missing (copy it from the kit)")
    source = worker_source(
        path.read_text(encoding="utf-8"), plan(site, settings, directory_urls=directory_urls, lists=lists)
    )
    target = site / WORKER
    target.write_text(source, encoding="utf-8")
    return target
