"""Catalogues merge like code: a translator's fork and the upstream handbook both change en.po,
and git merges them, with a conflict only where both changed the same translation."""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest

from minihandbook import FILES, make_handbook, run

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
]

EN = "content/locales/en.po"

# en.po's header as a translator's earlier save in Poedit left it, merged upstream long ago.
SAVED_HEADER = """\
# Buddy Handbook: en translation.
# msgctxt is where a string comes from; msgid is the Dutch source.
msgid ""
msgstr ""
"Project-Id-Version: Buddy Handbook 1\\n"
"Report-Msgid-Bugs-To: \\n"
"POT-Creation-Date: 2024-01-01 00:00+0000\\n"
"PO-Revision-Date: 2025-01-10 09:00+0100\\n"
"Last-Translator: Ann Eerste <ann@example.org>\\n"
"Language: en\\n"
"Language-Team: en <LL@li.org>\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Generator: Poedit 3.4.2\\n"
"""

# What Poedit stamps in the header when the next translator saves.
POEDIT = {
    '"PO-Revision-Date: 2025-01-10 09:00+0100\\n"': '"PO-Revision-Date: 2025-05-06 14:30+0200\\n"',
    '"Last-Translator: Ann Eerste <ann@example.org>\\n"': '"Last-Translator: Sam Vertaler <sam@example.org>\\n"',
    '"Language-Team: en <LL@li.org>\\n"': '"Language-Team: English <en@example.org>\\n"',
    '"X-Generator: Poedit 3.4.2\\n"': '"X-Generator: Poedit 3.5\\n"',
}

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,  # no one's pull.rebase or merge tool
    "GIT_TERMINAL_PROMPT": "0",
}


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        ["git", *args],  # noqa: S607 - git from PATH, as a person runs it
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, **GIT_ENV},
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def edit(path: Path, replacements: dict[str, str]) -> None:
    """Replace each text that occurs exactly once in the file."""
    text = path.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def update(root: Path) -> None:
    result = run(root, "handbook.cli", "translations", "update")
    assert result.returncode == 0, result.stderr


def changed_lines(root: Path, path: str) -> list[str]:
    """The lines the last commit added or removed in a file."""
    diff = git(root, "diff", "--unified=0", "HEAD~1", "HEAD", "--", path).stdout
    return [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def diverge(tmp_path: Path, fork_translation: tuple[str, str]) -> tuple[Path, Path]:
    """Upstream and a fork of it; the fork translates in Poedit, upstream edits Dutch and fixes a
    translation. Returns (upstream, fork), neither merged yet."""
    upstream = make_handbook(tmp_path / "upstream")
    saved_po = SAVED_HEADER + "\n" + FILES[EN].split("\n\n", 1)[1]
    (upstream / EN).write_text(saved_po, encoding="utf-8")
    (upstream / ".gitignore").write_text("generated/\nsite/\n", encoding="utf-8")
    update(upstream)
    assert (upstream / EN).read_text(encoding="utf-8").startswith(SAVED_HEADER)  # kept as it was
    git(upstream, "init", "-q", "-b", "main")
    commit(upstream, "A handbook with an English catalogue")
    git(tmp_path, "clone", "-q", "upstream", "fork")
    fork = tmp_path / "fork"

    # The fork's translator saves en.po in Poedit: one translation and the header's stamps.
    edit(fork / EN, {**POEDIT, f'msgstr "{fork_translation[0]}"': f'msgstr "{fork_translation[1]}"'})
    commit(fork, "Translate in Poedit")

    # Upstream changes the Dutch of a different string and updates the catalogues ...
    edit(
        upstream / "roles/buddy.yml",
        {"summary: Een vrijwilliger.\n": "summary: Een vrijwilliger uit de buurt.\n"},
    )
    update(upstream)
    commit(upstream, "Buddy summary")
    # ... which changes en.po only where that string is: no header, no dates, no other entry.
    assert changed_lines(upstream, EN) == [
        "+#, fuzzy",
        '+#| msgid "Een vrijwilliger."',
        '-msgid "Een vrijwilliger."',
        '+msgid "Een vrijwilliger uit de buurt."',
    ]
    # ... and fixes a translation.
    edit(upstream / EN, {'msgstr "Free time"': 'msgstr "Leisure"'})
    commit(upstream, "Better English")
    return upstream, fork


def test_fork_and_upstream_catalogue_changes_merge_without_conflict(tmp_path: Path) -> None:
    _, fork = diverge(tmp_path, ("Tasks", "Your tasks"))
    pulled = git(fork, "pull", "--no-rebase", "--no-edit", check=False)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert git(fork, "ls-files", "--unmerged").stdout == ""
    merged = (fork / EN).read_text(encoding="utf-8")
    assert "<<<<<<<" not in merged
    # The fork's Poedit header and translation survive ...
    for stamped in POEDIT.values():
        assert stamped in merged
    assert 'msgstr "Your tasks"' in merged
    # ... and upstream's Dutch edit (now fuzzy) and its fixed translation arrived.
    assert (
        '#, fuzzy\n#| msgid "Een vrijwilliger."\nmsgctxt "roles/buddy.yml:summary"\n'
        'msgid "Een vrijwilliger uit de buurt."\nmsgstr "A volunteer."\n'
    ) in merged
    assert 'msgstr "Leisure"' in merged
    validated = run(fork, "handbook.cli", "validate")
    assert validated.returncode == 0, validated.stderr
    # The merged catalogues are what the kit writes: updating them changes nothing.
    update(fork)
    assert git(fork, "status", "--porcelain").stdout == ""


def test_both_sides_changing_one_translation_conflict_in_that_hunk_only(tmp_path: Path) -> None:
    _, fork = diverge(tmp_path, ("Free time", "Spare time"))
    pulled = git(fork, "pull", "--no-rebase", "--no-edit", check=False)
    assert pulled.returncode != 0
    assert git(fork, "diff", "--name-only", "--diff-filter=U").stdout.split() == [EN]
    merged = (fork / EN).read_text(encoding="utf-8")
    assert merged.count("<<<<<<<") == 1
    conflict = merged[merged.index("<<<<<<<") : merged.index(">>>>>>>")]
    assert 'msgstr "Spare time"' in conflict
    assert 'msgstr "Leisure"' in conflict
    # Everything else merged: the header stamps and upstream's Dutch edit lie outside the conflict.
    outside = merged.replace(conflict, "")
    for stamped in POEDIT.values():
        assert stamped in outside
    assert 'msgid "Een vrijwilliger uit de buurt."' in outside
