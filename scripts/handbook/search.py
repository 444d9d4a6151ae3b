"""The site's search index, made with Pagefind from the written pages.

Pagefind splits the index by each page's `<html lang>`, so a reader searches the pages of their
own language only, with that language's stemmer where Pagefind has one, and loads only the
chunks a query needs. Its indexer (Pagefind's service, a separate process) reads each language's
pages from disk as soon as MkDocs has written them, while MkDocs builds the next language; the
index is written once every language is in.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
from typing import TYPE_CHECKING, Any

from handbook.errors import BuildFailed

if TYPE_CHECKING:
    from collections.abc import Iterable
    from concurrent.futures import Future
    from pathlib import Path

    from pagefind.index import PagefindIndex

# The folder under the site that holds the index and Pagefind's search script.
SEARCH_DIR = "pagefind"
# Pagefind's ready-made interfaces, which the handbook's own dialog replaces: not published.
ENTRY = "pagefind-entry.json"
# What a reader does not search for: permalinks, translation notices, citation numbers and the
# lists of sources under a page (the sources page itself is searched), and the answers of a decision
# guide, which repeat the steps listed below it; the quick exit and the words for the script.
NOT_INDEXED = (
    ".headerlink",
    ".hb-notice",
    ".hb-cite",
    ".hb-cites",
    ".hb-basis",
    ".hb-sources",
    ".hb-q__yes",
    ".hb-q__no",
    ".hb-ui",
    ".hb-exit",
)
UNUSED = (
    "pagefind-ui.*",
    "pagefind-modular-ui.*",
    "pagefind-component-ui.*",
    "pagefind-highlight.js",
    "pagefind-worker.js",  # the dialog runs the search without a worker (templates/assets/handbook.js)
)


def _sorted_entry(path: Path) -> None:
    """Pagefind lists the languages of its entry file in no fixed order: sort them, so that two
    builds of the same sources give the same bytes."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    text = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")


# A class attribute that names one of NOT_INDEXED (searched for by its literal start, which is
# quick; whether it stands in a tag is checked for each one found).
_NOT_INDEXED = re.compile(
    r'class="(?:[^"]*\s)?(?:'
    + "|".join(re.escape(name.lstrip(".")) for name in NOT_INDEXED)
    + r')(?:\s[^"]*)?"'
)


def mark_not_indexed(html: str) -> str:
    """The page with `data-pagefind-ignore` on every element that NOT_INDEXED names by class."""
    parts: list[str] = []
    done = 0
    for match in _NOT_INDEXED.finditer(html):
        start, end = match.span()
        # An attribute: after a space, within "<…>"; not text that happens to read class="…".
        if start and html[start - 1].isspace() and html.rfind("<", 0, start) > html.rfind(">", 0, start):
            parts += [html[done:end], " data-pagefind-ignore"]
            done = end
    parts.append(html[done:])
    return "".join(parts)


# How long one step of Pagefind's service may take before the build says it failed (indexing
# this handbook's 441 pages takes under 2 s); a service that stopped answering never hangs a build.
STEP_SECONDS = 300
ATTEMPTS = 2


def build_index(site_dir: Path, indexer: SearchIndexer | None = None) -> int:
    """Write the index into `site_dir`/pagefind: the number of pages indexed.

    `indexer` has been given the pages as they were written (`SearchIndexer.add`); without one,
    the whole written site is indexed now. Pagefind's service talks over its standard output,
    which a message of its own can garble: a new service then indexes the whole site, once,
    before the build fails."""
    for attempt in range(1, ATTEMPTS + 1):
        if indexer is None:
            indexer = SearchIndexer(site_dir)
            indexer.add()
        try:
            return indexer.finish()
        except BuildFailed:
            indexer = None
            if attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def pages_glob(names: Iterable[str]) -> str:
    """A glob for Pagefind of the pages under the site's top-level `names` (folders, or pages such
    as index.html): the pages of one language, without the other languages' folders."""
    patterns = sorted({name if name.endswith(".html") else f"{name}/**/*.html" for name in names})
    return patterns[0] if len(patterns) == 1 else "{" + ",".join(patterns) + "}"


class SearchIndexer:
    """A Pagefind service, driven from a thread of its own. `add` hands it written pages and
    returns at once: Pagefind reads and indexes them in its own process (on another core) while
    the build goes on. `finish` waits for them and writes the index."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._index: PagefindIndex | None = None
        self._opening: asyncio.Task[PagefindIndex] | None = None
        self._added: list[Future[dict[str, Any]]] = []

    def _wait(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=STEP_SECONDS)

    async def _open(self) -> PagefindIndex:
        from pagefind.index import IndexConfig, PagefindIndex

        # Pagefind's own logging of each step would flood the build's output.
        config = IndexConfig(output_path=SEARCH_DIR, verbose=False)
        self._index = await PagefindIndex(config).__aenter__()
        return self._index

    async def _opened(self) -> PagefindIndex:
        if self._opening is None:  # in the service's thread: the first step starts the service
            self._opening = asyncio.ensure_future(self._open())
        return await self._opening

    async def _add(self, glob: str | None) -> dict[str, Any]:
        index = await self._opened()
        return dict(await index.add_directory(str(self.site_dir), glob=glob))

    def add(self, glob: str | None = None) -> None:
        """Have Pagefind index the written pages that `glob` matches (all, without one). A page
        must be added once only: Pagefind does not finish an index that has a page twice."""
        self._added.append(asyncio.run_coroutine_threadsafe(self._add(glob), self._loop))

    def finish(self) -> int:
        """Wait for the pages added, write the index into the site's search folder and stop the
        service: the number of pages indexed."""
        try:
            found = [future.result(timeout=STEP_SECONDS) for future in self._added]
            index = self._wait(self._opened())
            self._wait(index.write_files(output_path=str(self.site_dir / SEARCH_DIR)))
            for pattern in UNUSED:
                for path in (self.site_dir / SEARCH_DIR).glob(pattern):
                    path.unlink()
            _sorted_entry(self.site_dir / SEARCH_DIR / ENTRY)
        except Exception as error:  # noqa: BLE001 - Pagefind's service raises plain exceptions
            reason = str(error) or type(error).__name__  # a step that timed out says only that
            raise BuildFailed(f"search index: Pagefind failed: {reason}") from None
        finally:
            self.close()
        return sum(int(item.get("page_count", 0)) for item in found)

    async def _stop(self) -> None:
        # Not the context's exit, which would write the index a second time.
        service = self._index._service if self._index is not None else None
        if service is not None:
            await service.close()

    def close(self) -> None:
        """Stop Pagefind's service and the thread that talks to it (once; again does nothing)."""
        if self._loop.is_closed():
            return
        for future in self._added:
            future.cancel()
        try:
            self._wait(self._stop())
        except Exception as error:  # noqa: BLE001 - a failed service is stopped as far as it can be
            logging.getLogger(__name__).debug("Pagefind's service did not stop cleanly: %s", error)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()
