"""What the search index leaves out: elements named by class, whatever else their class says;
and a Pagefind service that fails is replaced once before the build fails."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from handbook import search
from handbook.errors import BuildFailed
from handbook.search import mark_not_indexed

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def test_named_classes_are_marked_and_others_are_not() -> None:
    html = (
        '<div class="hb-exit"><a class="hb-exit__link" href="x">Weg</a></div>'
        '<p class="x hb-cites y">1</p><a class="headerlink" href="#a">¶</a><p class="hb-exits">tekst</p>'
    )
    assert mark_not_indexed(html) == (
        '<div class="hb-exit" data-pagefind-ignore><a class="hb-exit__link" href="x">Weg</a></div>'
        '<p class="x hb-cites y" data-pagefind-ignore>1</p>'
        '<a class="headerlink" data-pagefind-ignore href="#a">¶</a><p class="hb-exits">tekst</p>'
    )


def _failing(times: int, calls: list[Path]) -> Callable[[search.SearchIndexer, Path], int]:
    def finish(self: search.SearchIndexer, site_dir: Path) -> int:
        calls.append(site_dir)
        if len(calls) <= times:
            raise BuildFailed("search index: Pagefind failed: Expecting value: line 1 column 1 (char 0)")
        return 7

    return finish


def test_a_garbled_service_is_replaced_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[Path] = []
    monkeypatch.setattr(search.SearchIndexer, "finish", _failing(1, calls))
    assert search.build_index(tmp_path) == 7
    assert calls == [tmp_path, tmp_path]


def test_a_service_that_fails_again_fails_the_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[Path] = []
    monkeypatch.setattr(search.SearchIndexer, "finish", _failing(2, calls))
    with pytest.raises(BuildFailed, match="Pagefind failed"):
        search.build_index(tmp_path)
    assert len(calls) == search.ATTEMPTS
