"""One generation per build: what the CLI generated is reused by MkDocs' hook in its own process,
and a rebuild with nothing changed does no generation work at all."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from handbook import build
from handbook.assemble import Generated
from minihandbook import FILES, write_tree

if TYPE_CHECKING:
    from pathlib import Path


def _no_generation(*_: object) -> Generated:
    raise AssertionError("generated again")


def test_a_result_is_reused_across_processes_until_a_source_changes(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = mini / "generated"
    first, fresh = build.generate_if_changed(mini, docs)
    assert fresh
    build._cache.clear()  # as in a new process: only the saved result is left
    monkeypatch.setattr(build, "generate", _no_generation)
    again, fresh = build.generate_if_changed(mini, docs)
    assert not fresh
    assert again.to_json() == first.to_json()
    # A changed source is generated again.
    write_tree(mini, {"roles/buddy.yml": FILES["roles/buddy.yml"].replace("Een vrijwilliger.", "Een buur.")})
    with pytest.raises(AssertionError, match="generated again"):
        build.generate_if_changed(mini, docs)


def test_the_saved_result_is_not_used_for_another_output_folder_or_without_pdfs(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build.generate_if_changed(mini, mini / "generated")
    build._cache.clear()
    monkeypatch.setattr(build, "generate", _no_generation)
    with pytest.raises(AssertionError):
        build.generate_if_changed(mini, mini / "elsewhere")
    monkeypatch.setattr(os, "environ", {**os.environ, "HANDBOOK_PDF": "0"})
    with pytest.raises(AssertionError):
        build.generate_if_changed(mini, mini / "generated")


def test_the_result_survives_json(mini: Path) -> None:
    generated, _ = build.generate_if_changed(mini, mini / "generated")
    copy = Generated.from_json(generated.to_json())
    assert copy.settings == generated.settings
    assert copy.pages == generated.pages
    assert (copy.nav, copy.titles, copy.partly, copy.copyright) == (
        generated.nav,
        generated.titles,
        generated.partly,
        generated.copyright,
    )


def test_a_rebuild_that_generates_nothing_still_dates_the_output(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs dates the sitemap by SOURCE_DATE_EPOCH: a rebuild must give it the same date."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build.generate_if_changed(mini, mini / "generated")
    dated = os.environ["SOURCE_DATE_EPOCH"]
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    build._cache.clear()
    assert not build.generate_if_changed(mini, mini / "generated")[1]
    assert os.environ["SOURCE_DATE_EPOCH"] == dated == str(build.source_date(mini))
