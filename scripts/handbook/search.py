"""The site's search index, made with Pagefind from the written pages.

Pagefind splits the index by each page's `<html lang>`, so a reader searches the pages of their
own language only, with that language's stemmer where Pagefind has one, and loads only the
chunks a query needs. Its indexer (Pagefind's service, a separate process) reads and indexes
each language's pages as soon as MkDocs has written them, while MkDocs builds the next language.
Each language's index is written apart; once every language is in, they are put side by side
with one entry file, which gives the same files, byte for byte, as one index of the whole site.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import shutil
import threading
from fnmatch import fnmatch
from typing import TYPE_CHECKING, Any

from handbook.errors import BuildFailed

if TYPE_CHECKING:
    from collections.abc import Iterable
    from concurrent.futures import Future
    from pathlib import Path

    from pagefind.service import PagefindService

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


# Where the indexes of the parts are written, under the site, before they are put together.
PARTS_DIR = ".pagefind-parts"


class PartsDiffer(Exception):
    """The parts of the index do not fit together (a language in two of them, or shared files that
    differ); one index of the whole site is made instead."""


def merge_parts(parts: list[Path], target: Path) -> None:
    """Put the indexes Pagefind wrote for parts of the site (each with its own languages) side by
    side in `target`: every file of each part, a file they share (Pagefind's script, a stemmer)
    once, and one entry file that lists every language. Pagefind lists the languages of an
    entry file in no fixed order: they are sorted, so that two builds give the same bytes."""
    entry: dict[str, Any] = {}
    languages: dict[str, Any] = {}
    shutil.rmtree(target, ignore_errors=True)
    for part in parts:
        found = json.loads((part / ENTRY).read_text(encoding="utf-8"))
        own = found.pop("languages")
        if languages.keys() & own.keys():
            raise PartsDiffer(f"languages {sorted(languages.keys() & own.keys())} are in more than one part")
        if entry and found != entry:
            raise PartsDiffer(f"the parts' entry files differ: {found} and {entry}")
        languages.update(own)
        entry = found
        for path in sorted(part.rglob("*")):
            name = path.relative_to(part).as_posix()
            if not path.is_file() or name == ENTRY or any(fnmatch(name, pattern) for pattern in UNUSED):
                continue
            placed = target / name
            if placed.exists():
                if placed.read_bytes() != path.read_bytes():
                    raise PartsDiffer(f"{name} differs between the parts")
                continue
            placed.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, placed)
    entry["languages"] = languages
    text = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    (target / ENTRY).write_text(text, encoding="utf-8")


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
ONE_THREAD = {"TOKIO_WORKER_THREADS": "1", "RAYON_NUM_THREADS": "1"}


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
    """A Pagefind service, driven from a thread of its own, both started when first needed.

    The build notes each page it writes (`written`) and, when a language's pages are all
    written, hands them over (`hand_over`): Pagefind reads, indexes and writes them apart, as one
    part, in its own process (on another core), while the build goes on. `finish` waits for
    every part and puts them together."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._service: PagefindService | None = None
        self._starting: asyncio.Task[PagefindService] | None = None
        self._parts: list[Future[int]] = []
        self._written: set[str] = set()  # the site's top-level folders (or pages) written ...
        self._handed: set[str] = set()  # ... and those handed over already

    @property
    def parts(self) -> int:
        return len(self._parts)

    def _run(self, coroutine: Any) -> Future[Any]:
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
            self._thread.start()
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)

    def _wait(self, coroutine: Any) -> Any:
        return self._run(coroutine).result(timeout=STEP_SECONDS)

    async def _start(self) -> PagefindService:
        from pagefind.service import PagefindService

        # One worker thread of each of Pagefind's thread pools (Tokio's, Rayon's): Pagefind then
        # indexes beside the build, on the core the build leaves free, instead of taking both
        # cores from it. The service reads them when it starts, from this process's environment.
        saved = {name: os.environ.get(name) for name in ONE_THREAD}
        os.environ.update(ONE_THREAD)
        try:
            self._service = await PagefindService().launch()
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        return self._service

    async def _started(self) -> PagefindService:
        if self._starting is None:  # in the service's thread: the first part starts the service
            self._starting = asyncio.ensure_future(self._start())
        return await self._starting

    async def _index(self, glob: str | None, folder: Path) -> int:
        from pagefind.index import IndexConfig

        service = await self._started()
        # Pagefind's own logging of each step would flood the build's output (and its IPC).
        index = await service.create_index(IndexConfig(verbose=False))
        found = await index.add_directory(str(self.site_dir), glob=glob)
        await index.write_files(output_path=str(folder))
        await index.delete_index()
        return int(found.get("page_count", 0))

    def add(self, glob: str | None = None) -> None:
        """Have Pagefind index the written pages that `glob` matches (all, without one), as one
        part of the index. Each language's pages must be in one part only."""
        folder = self.site_dir / PARTS_DIR / str(len(self._parts))
        self._parts.append(self._run(self._index(glob, folder)))

    def written(self, page: str) -> None:
        """Note a page the build has written (its path in the site) for the next `hand_over`."""
        self._written.add(page.split("/", 1)[0])

    def hand_over(self) -> None:
        """Index the pages written since the last hand-over (a language's: its folder, or the
        source language's folders at the top of the site) as one part."""
        new = self._written - self._handed  # Pagefind cannot finish an index that holds a page twice
        self._written.clear()
        if new:
            self.add(pages_glob(new))
            self._handed |= new

    def finish(self) -> int:
        """Wait for every part, put them together in the site's search folder and stop the
        service: the number of pages indexed."""
        parts = self.site_dir / PARTS_DIR
        try:
            count = sum(part.result(timeout=STEP_SECONDS) for part in self._parts)
            merge_parts(
                [parts / str(number) for number in range(len(self._parts))], self.site_dir / SEARCH_DIR
            )
        except Exception as error:  # noqa: BLE001 - Pagefind's service raises plain exceptions
            reason = str(error) or type(error).__name__  # a step that timed out says only that
            raise BuildFailed(f"search index: Pagefind failed: {reason}") from None
        finally:
            self.close()
        return count

    async def _stop(self) -> None:
        if self._service is not None:
            await self._service.close()

    def close(self) -> None:
        """Stop Pagefind's service and the thread that talks to it, and remove the parts (once;
        again does nothing)."""
        if self._loop is None or self._loop.is_closed():
            shutil.rmtree(self.site_dir / PARTS_DIR, ignore_errors=True)
            return
        for part in self._parts:
            part.cancel()
        try:
            self._wait(self._stop())
        except Exception as error:  # noqa: BLE001 - a failed service is stopped as far as it can be
            logging.getLogger(__name__).debug("Pagefind's service did not stop cleanly: %s", error)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join()
            self._loop.close()
            shutil.rmtree(self.site_dir / PARTS_DIR, ignore_errors=True)
