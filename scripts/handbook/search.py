"""The site's search index, made with Pagefind once every page is written.

Pagefind splits the index by each page's `<html lang>`, so a reader searches the pages of their
own language only, with that language's stemmer where Pagefind has one, and loads only the
chunks a query needs. Its indexer (Pagefind's service, a separate process started once every
page is written) reads the built pages from disk in parallel.
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


_NOT_INDEXED = re.compile(
    r'(<[a-z][a-z0-9]*\s[^>]*\bclass="(?:[^"]*\s)?(?:'
    + "|".join(re.escape(name.lstrip(".")) for name in NOT_INDEXED)
    + r')(?:\s[^"]*)?")'
)


def mark_not_indexed(html: str) -> str:
    """The page with `data-pagefind-ignore` on every element that NOT_INDEXED names by class."""
    return _NOT_INDEXED.sub(r"\1 data-pagefind-ignore", html)


# How long one step of Pagefind's service may take before the build says it failed (indexing
# this handbook's 441 pages takes under 2 s); a service that stopped answering never hangs a build.
STEP_SECONDS = 300
ATTEMPTS = 2


def build_index(site_dir: Path) -> int:
    """Index the written site into `site_dir`/pagefind: the number of pages indexed. Pagefind's
    service talks over its standard output, which a message of its own can garble: the index is
    then made again by a new service, once, before the build fails."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return SearchIndexer().finish(site_dir)
        except BuildFailed:
            if attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")


class SearchIndexer:
    """A Pagefind service, driven from a thread of its own; the index is written by `finish`."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._index: PagefindIndex | None = None

    def _wait(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=STEP_SECONDS)

    async def _open(self) -> PagefindIndex:
        from pagefind.index import IndexConfig, PagefindIndex

        # Pagefind's own logging of each step would flood the build's output.
        config = IndexConfig(output_path=SEARCH_DIR, verbose=False)
        return await PagefindIndex(config).__aenter__()

    def finish(self, site_dir: Path) -> int:
        """Start the service, index the written site (Pagefind reads its pages in parallel) and
        write the index into `site_dir`/pagefind; the number of pages indexed."""
        try:
            self._index = index = self._wait(self._open())
            found = self._wait(index.add_directory(str(site_dir)))
            self._wait(index.write_files(output_path=str(site_dir / SEARCH_DIR)))
            for pattern in UNUSED:
                for path in (site_dir / SEARCH_DIR).glob(pattern):
                    path.unlink()
            _sorted_entry(site_dir / SEARCH_DIR / ENTRY)
        except Exception as error:  # noqa: BLE001 - Pagefind's service raises plain exceptions
            reason = str(error) or type(error).__name__  # a step that timed out says only that
            raise BuildFailed(f"search index: Pagefind failed: {reason}") from None
        finally:
            self.close()
        return int(found.get("page_count", 0))

    async def _stop(self) -> None:
        # Not the context's exit, which would write the index a second time.
        service = self._index._service if self._index is not None else None
        if service is not None:
            await service.close()

    def close(self) -> None:
        """Stop Pagefind's service and the thread that talks to it."""
        try:
            self._wait(self._stop())
        except Exception as error:  # noqa: BLE001 - a failed service is stopped as far as it can be
            logging.getLogger(__name__).debug("Pagefind's service did not stop cleanly: %s", error)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()
