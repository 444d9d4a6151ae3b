"""What the search index leaves out: elements named by class, whatever else their class says;
languages indexed apart make the index of the whole site; a Pagefind service that fails is
replaced once before the build fails; Pagefind leaves the build a core of its own."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from handbook import search
from handbook.errors import BuildFailed
from handbook.search import mark_not_indexed


def test_named_classes_are_marked_and_others_are_not() -> None:
    html = (
        '<div class="hb-exit"><a class="hb-exit__link" href="x">Weg</a></div>'
        '<p class="x hb-cites y">1</p><a class="headerlink" href="#a">¶</a><p class="hb-exits">tekst</p>'
        '<p>Schrijf class="hb-notice" of data-class="hb-ui"</p><code>class="hb-cite"</code>'
    )
    assert mark_not_indexed(html) == (
        '<div class="hb-exit" data-pagefind-ignore><a class="hb-exit__link" href="x">Weg</a></div>'
        '<p class="x hb-cites y" data-pagefind-ignore>1</p>'
        '<a class="headerlink" data-pagefind-ignore href="#a">¶</a><p class="hb-exits">tekst</p>'
        '<p>Schrijf class="hb-notice" of data-class="hb-ui"</p><code>class="hb-cite"</code>'
    )


class _Calls:
    """What the indexers were given (their `add` globs) and which of them were finished."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.added: dict[int, list[str | None]] = {}
        self.finished: list[int] = []

    def add(self, indexer: search.SearchIndexer, glob: str | None = None) -> None:
        self.added.setdefault(id(indexer), []).append(glob)

    def finish(self, indexer: search.SearchIndexer) -> int:
        self.finished.append(id(indexer))
        indexer.close()
        if len(self.finished) <= self.failures:
            raise BuildFailed("search index: Pagefind failed: Expecting value: line 1 column 1 (char 0)")
        return 7


def _calls(monkeypatch: pytest.MonkeyPatch, failures: int) -> _Calls:
    calls = _Calls(failures)

    def add(self: search.SearchIndexer, glob: str | None = None) -> None:
        calls.add(self, glob)

    def finish(self: search.SearchIndexer) -> int:
        return calls.finish(self)

    monkeypatch.setattr(search.SearchIndexer, "add", add)
    monkeypatch.setattr(search.SearchIndexer, "finish", finish)
    return calls


def test_a_garbled_service_is_replaced_once_by_one_that_reads_the_whole_site(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls = _calls(monkeypatch, 1)
    fed = search.SearchIndexer(tmp_path)
    fed.add("ar/**/*.html")
    assert search.build_index(tmp_path, fed) == 7
    assert calls.finished[0] == id(fed)
    assert len(calls.finished) == 2
    assert calls.added == {id(fed): ["ar/**/*.html"], calls.finished[1]: [None]}


def test_a_service_that_fails_again_fails_the_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls = _calls(monkeypatch, 2)
    with pytest.raises(BuildFailed, match="Pagefind failed"):
        search.build_index(tmp_path)
    assert len(calls.finished) == search.ATTEMPTS


def test_each_language_is_handed_over_once_as_its_pages_are_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls = _calls(monkeypatch, 0)
    indexer = search.SearchIndexer(tmp_path)
    for page in ("index.html", "roles/buddy/index.html", "roles/newcomer/index.html"):
        indexer.written(page)
    indexer.hand_over()
    indexer.hand_over()  # nothing new
    indexer.written("en/roles/buddy/index.html")
    indexer.written("roles/buddy/index.html")  # handed over already
    indexer.hand_over()
    assert calls.added == {id(indexer): ["{index.html,roles/**/*.html}", "en/**/*.html"]}
    indexer.close()


def test_the_pages_of_one_language_by_their_top_folders() -> None:
    assert search.pages_glob(["ar"]) == "ar/**/*.html"
    assert (
        search.pages_glob(["roles", "index.html", "about"]) == "{about/**/*.html,index.html,roles/**/*.html}"
    )


PAGE = (
    '<!doctype html><html lang="{lang}"><head><title>{word}</title></head>'
    "<body><main data-pagefind-body><h1>{word}</h1><p>{word} {word}</p></main></body></html>"
)


PAGES = {
    "index.html": ("nl", "vrijwilliger"),
    "roles/buddy/index.html": ("nl", "buddy"),
    "en/index.html": ("en", "volunteer"),
    "en/roles/buddy/index.html": ("en", "buddy"),
}


def _site(folder: Path) -> Path:
    for path, (lang, word) in PAGES.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(PAGE.format(lang=lang, word=word), encoding="utf-8")
    return folder


def _index_files(site: Path) -> dict[str, bytes]:
    folder = site / search.SEARCH_DIR
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()
    }


def test_languages_indexed_apart_make_the_same_index_as_the_whole_site(tmp_path: Path) -> None:
    """Real Pagefind: the default language at the top of the site and another in its folder,
    each indexed on its own, put together: the same files as one index of the whole site, the
    entry listing both languages, without Pagefind's unused interfaces or the parts."""
    apart = _site(tmp_path / "apart")
    indexer = search.SearchIndexer(apart)
    indexer.add(search.pages_glob(["index.html", "roles"]))
    indexer.add(search.pages_glob(["en"]))
    assert search.build_index(apart, indexer) == 4
    whole = _site(tmp_path / "whole")
    assert search.build_index(whole) == 4
    files = _index_files(apart)
    assert files == _index_files(whole)
    assert sorted(json.loads(files[search.ENTRY])["languages"]) == ["en", "nl"]
    assert not [name for name in files if name.startswith("pagefind-ui")]
    assert not (apart / search.PARTS_DIR).exists()


def test_a_language_in_two_parts_gives_one_index_of_the_whole_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refused: list[str] = []
    merge = search.merge_parts

    def noting(parts: list[Path], target: Path) -> None:
        try:
            merge(parts, target)
        except search.PartsDiffer as error:
            refused.append(str(error))
            raise

    monkeypatch.setattr(search, "merge_parts", noting)
    site = _site(tmp_path / "site")
    indexer = search.SearchIndexer(site)
    indexer.add("index.html")
    indexer.add("{en/**/*.html,roles/**/*.html}")  # Dutch in both parts
    assert search.build_index(site, indexer) == 4
    assert len(refused) == 1
    assert "['nl']" in refused[0]
    whole = _site(tmp_path / "whole")
    search.build_index(whole)
    assert _index_files(site) == _index_files(whole)


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads a process's environment in /proc")
def test_pagefind_runs_one_worker_thread_a_pool_and_the_build_keeps_its_environment(tmp_path: Path) -> None:
    """Pagefind indexes beside the build on the core it leaves free, not on both."""
    before = dict(os.environ)
    indexer = search.SearchIndexer(_site(tmp_path))
    try:
        service = indexer._wait(indexer._started())
        environment = Path(f"/proc/{service._backend.pid}/environ").read_bytes().split(b"\0")
        assert {b"TOKIO_WORKER_THREADS=1", b"RAYON_NUM_THREADS=1"} <= set(environment)
        assert dict(os.environ) == before
    finally:
        indexer.close()
