"""The cross-checks of the sources run in a second process while the pages render (on Linux with
two cores): they find what they find in one process, warnings included, a check that breaks
breaks as it would in one process, and nothing is written when something is wrong."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import pytest

from handbook import build
from handbook.build import generate, load_valid
from handbook.errors import ValidationFailed
from handbook.validate import validate_handbook
from minihandbook import FILES, make_handbook

if TYPE_CHECKING:
    from pathlib import Path

ESC = FILES["content/escalation/emergency.yml"]
BUDDY = FILES["roles/buddy.yml"]
# A cross-reference only validate_handbook sees: every field is of the right type.
UNKNOWN_CONTACT: dict[str, str | bytes | None] = {
    "content/escalation/emergency.yml": ESC.replace("contact: coordinator", "contact: nobody")
}
# A translation with a link a translation may not have: the pages render, the checks refuse it.
UNSAFE_TRANSLATION: dict[str, str | bytes | None] = {
    "content/locales/en.po": FILES["content/locales/en.po"].replace(
        'msgstr "A volunteer."', 'msgstr "A [volunteer](javascript:alert(1))."'
    )
}
# A translation that turns a sentence into a list: a warning, not an error.
LIST_IN_TRANSLATION: dict[str, str | bytes | None] = {
    "content/locales/en.po": FILES["content/locales/en.po"].replace(
        'msgstr "A volunteer."', 'msgstr "- A volunteer."'
    )
}


@pytest.fixture(params=["forked", "one process"])
def where(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Where the checks run, noted as one empty file per process that ran them: the folder."""
    if request.param == "forked":
        if sys.platform != "linux":
            pytest.skip("the checks run aside on Linux only")
        # Also with the suite's own threads running (a test server), which a build would not fork with.
        monkeypatch.setattr(build, "_may_fork", lambda: True)
    else:
        monkeypatch.setattr(build, "_may_fork", lambda: False)
    noted = tmp_path / "checked-by"
    noted.mkdir()
    real = validate_handbook

    def noting(*args: Any) -> Any:
        (noted / str(os.getpid())).touch()
        return real(*args)

    monkeypatch.setattr(build, "validate_handbook", noting)
    return noted


def _processes(noted: Path) -> list[str]:
    """Which processes ran the checks: this one, another one, or both."""
    here = str(os.getpid())
    return sorted("this" if path.name == here else "another" for path in noted.iterdir())


def _forked(request: pytest.FixtureRequest) -> bool:
    return bool(request.node.callspec.params["where"] == "forked")


def test_the_same_problems_and_nothing_written(
    tmp_path: Path, where: Path, request: pytest.FixtureRequest
) -> None:
    root = make_handbook(tmp_path / "hb", UNKNOWN_CONTACT)
    with pytest.raises(ValidationFailed) as in_generate:
        generate(root)
    assert _processes(where) == (["another"] if _forked(request) else ["this"])
    assert [str(p) for p in in_generate.value.problems] == [str(p) for p in _problems(root)]
    assert [p.file for p in in_generate.value.problems] == ["content/escalation/emergency.yml"]
    assert not any((root / "generated").iterdir())


def test_with_a_problem_in_reading_every_check_runs_here(
    tmp_path: Path, where: Path, request: pytest.FixtureRequest
) -> None:
    """Nothing is rendered from sources that did not even read well: the checks run at once."""
    root = make_handbook(
        tmp_path / "hb",
        {**UNKNOWN_CONTACT, "roles/buddy.yml": BUDDY.replace("stance: does", "stance: refer")},
    )
    with pytest.raises(ValidationFailed) as in_generate:
        generate(root)
    assert _processes(where) == ["this"]
    assert [p.file for p in in_generate.value.problems] == [
        "content/escalation/emergency.yml",
        "roles/buddy.yml",
    ]


def test_the_warnings_come_back(tmp_path: Path, where: Path, request: pytest.FixtureRequest) -> None:
    root = make_handbook(tmp_path / "hb", LIST_IN_TRANSLATION)
    generated = generate(root)
    handbook, _ = load_valid(root)
    assert handbook.warnings  # the list where the source has a sentence
    assert [str(w) for w in generated.warnings][: len(handbook.warnings)] == [
        str(w) for w in handbook.warnings
    ]
    assert (root / "generated" / "roles" / "buddy.en.md").exists()


def test_a_check_that_breaks_breaks_in_this_process(
    tmp_path: Path, where: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_handbook(tmp_path / "hb")

    def breaking(*_: object) -> Any:
        (where / str(os.getpid())).touch()
        raise RuntimeError("a check broke")

    monkeypatch.setattr(build, "validate_handbook", breaking)
    with pytest.raises(RuntimeError, match="a check broke"):
        generate(root)
    assert _processes(where) == (["another", "this"] if _forked(request) else ["this"])


def test_a_page_that_fails_on_bad_sources_is_reported_as_the_sources(
    tmp_path: Path, where: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_handbook(tmp_path / "hb", UNKNOWN_CONTACT)

    def failing(*_: object, **__: object) -> Any:
        raise KeyError("nobody")

    monkeypatch.setattr(build, "render_files", failing)
    with pytest.raises(ValidationFailed) as caught:
        generate(root)
    assert [p.field for p in caught.value.problems] == [p.field for p in _problems(root)]


def _problems(root: Path) -> list[Any]:
    with pytest.raises(ValidationFailed) as caught:
        load_valid(root)
    return list(caught.value.problems)


def test_no_pdf_is_rendered_from_sources_that_fail_the_checks(
    tmp_path: Path, where: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDFs, the slow part, wait for the checks: nothing is printed about them either."""
    from handbook import assemble

    rendered: list[int] = []

    def render_all(root: Path, printables: list[Any]) -> dict[str, bytes]:
        rendered.append(len(printables))
        return {}

    monkeypatch.setenv("HANDBOOK_PDF", "1")
    monkeypatch.setattr(assemble, "render_all", render_all)
    root = make_handbook(tmp_path / "hb", UNSAFE_TRANSLATION)  # renders, but is refused
    with pytest.raises(ValidationFailed) as caught:
        generate(root)
    assert [p.file for p in caught.value.problems] == ["content/locales/en.po"]
    assert rendered == []
    generate(make_handbook(tmp_path / "valid"))
    assert len(rendered) == 1
    assert rendered[0] > 0
