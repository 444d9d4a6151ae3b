"""The `handbook` command as a person runs it: exit codes, messages, and a site that stays whole."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from handbook.cli import main
from minihandbook import FILES, run, write_tree

if TYPE_CHECKING:
    import subprocess
    from pathlib import Path


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run(root, "handbook.cli", *args)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_validate_ok(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(mini), "validate"]) == 0
    assert "ok: 2 roles, 1 escalations, 1 modules, 1 checklists, 2 topics, 2 terms" in capsys.readouterr().err


def test_bad_input_exits_1_with_every_message_and_no_traceback(mini: Path) -> None:
    write_tree(
        mini,
        {
            "roles/buddy.yml": FILES["roles/buddy.yml"].replace("stance: does", "stance: refer"),
            "content/escalation/emergency.yml": FILES["content/escalation/emergency.yml"].replace(
                "contact: coordinator", "contact: nobody"
            ),
        },
    )
    result = _run(mini, "validate")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "content/escalation/emergency.yml:14:5 steps[1].contact: unknown contact 'nobody' (known: coordinator, emergency-112)",
        "roles/buddy.yml:15:5 boundaries.leisure.stance: 'refer' is not one of does, supports, refers, never",
        "2 problems found; nothing was built.",
    ]
    assert "Traceback" not in result.stderr


@pytest.mark.e2e
def test_failed_build_leaves_the_previous_site_untouched(mini: Path) -> None:
    result = _run(mini, "build")
    assert result.returncode == 0, result.stderr
    site = mini / "site"
    before = _snapshot(site)
    assert "index.html" in before
    write_tree(mini, {"roles/buddy.yml": FILES["roles/buddy.yml"].replace("name: Buddy", "name: [Buddy")})
    broken = _run(mini, "build")
    assert broken.returncode == 1
    assert "Traceback" not in broken.stderr
    assert _snapshot(site) == before
    # A problem only MkDocs finds (a broken link, under --strict) also leaves site/ as it was.
    write_tree(
        mini, {"roles/buddy.yml": FILES["roles/buddy.yml"], "content/pages/about.nl.md": "[x](nowhere.md)\n"}
    )
    failed = _run(mini, "build")
    assert failed.returncode == 1
    assert "mkdocs build failed; site/ was left as it was" in failed.stderr
    assert "nowhere.md" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert _snapshot(site) == before
    assert not [p for p in mini.iterdir() if p.name.startswith(".site-")]


def test_translations_update_and_status(mini: Path) -> None:
    result = _run(mini, "translations", "update")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("en:")
    assert "4 translated, 1 outdated" in result.stdout
    assert (mini / "content/locales/handbook.pot").is_file()


def test_required_language_that_is_incomplete_fails_the_check(mini: Path) -> None:
    write_tree(
        mini,
        {
            "handbook.yml": FILES["handbook.yml"].replace(
                "    name: English\n", "    name: English\n    required: true\n"
            )
        },
    )
    result = _run(mini, "translations", "status", "--check")
    assert result.returncode == 1
    assert "required languages not complete: en" in result.stderr
