"""A fork's first day, on a copy of this repository: it renames a role, adds a fifth role and a
language, drops a training module and stops requiring a language — and then its own test suite
(the content tests, which read the handbook instead of naming it) passes unchanged.

The steps are the ones FORKING.md gives; each step's time is printed (`pytest -s` shows it).
"""

from __future__ import annotations

import re
import shutil
import time
from typing import TYPE_CHECKING

import pytest

from handbook.build import load_valid
from minihandbook import REPO, run

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.e2e

KEPT = ("handbook.yml", "mkdocs.yml", "pyproject.toml", "content", "roles", "templates", "schemas", "tests")
ROLE_REFERENCE = re.compile(r"^(\s*(?:to|who):\s*)(?P<id>[a-z0-9-]+)\s*$", re.M)
LIST_LINE = re.compile(r"^(\s*(?:audiences|booklets):\s*\[)([^\]]*)\]", re.M)


def copy_repository(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in KEPT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(source, target / name)
    (target / "scripts").mkdir()
    shutil.copyfile(REPO / "scripts" / "mkdocs_hooks.py", target / "scripts" / "mkdocs_hooks.py")
    (target / "generated").mkdir()
    return target


def rename_role(root: Path, old: str, new: str) -> None:
    """What a person does with search and replace: the file, and every reference to the id."""
    (root / "roles" / f"{old}.yml").rename(root / "roles" / f"{new}.yml")
    for path in [root / "handbook.yml", *root.glob("roles/*.yml"), *root.glob("content/*/*.yml")]:
        text = path.read_text(encoding="utf-8")
        text = ROLE_REFERENCE.sub(
            lambda m: m.group(1) + (new if m.group("id") == old else m.group("id")), text
        )
        text = LIST_LINE.sub(
            lambda m: (
                m.group(1)
                + ", ".join(new if x.strip() == old else x.strip() for x in m.group(2).split(","))
                + "]"
            ),
            text,
        )
        path.write_text(text, encoding="utf-8")


def _step(name: str, timings: list[tuple[str, float]], root: Path, *args: str) -> str:
    start = time.perf_counter()
    result = run(root, *args)
    timings.append((name, time.perf_counter() - start))
    assert result.returncode == 0, f"{name}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout + result.stderr


def test_a_fork_renames_adds_drops_and_its_own_suite_passes(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "fork")
    handbook, _ = load_valid(root)
    timings: list[tuple[str, float]] = []
    old = handbook.settings.booklets[0] if handbook.settings.booklets else sorted(handbook.roles)[0]
    referenced = {module for esc in handbook.escalations.values() for module in esc.modules}
    dropped = sorted(set(handbook.modules) - referenced)[0]

    start = time.perf_counter()
    rename_role(root, old, "maatje")
    (root / "content" / "modules" / f"{dropped}.yml").unlink()
    settings = (root / "handbook.yml").read_text(encoding="utf-8")
    (root / "handbook.yml").write_text(
        settings.replace("required: true", "required: false"), encoding="utf-8"
    )
    timings.append(("rename a role, drop a module, stop requiring languages", time.perf_counter() - start))

    _step("handbook new role mentor", timings, root, "handbook.cli", "new", "role", "mentor")
    configured = {language.code for language in handbook.settings.languages}
    added = next(code for code in ("pl", "ro", "es", "it") if code not in configured)
    _step(f"handbook translations add {added}", timings, root, "handbook.cli", "translations", "add", added)
    _step("handbook translations update", timings, root, "handbook.cli", "translations", "update")
    _step("handbook validate", timings, root, "handbook.cli", "validate")
    fork, catalogues = load_valid(root)
    assert "maatje" in fork.roles and old not in fork.roles
    assert "mentor" in fork.roles
    assert dropped not in fork.modules
    assert added in catalogues
    # The renamed role's translations followed it to its new file: same text, same translation.
    for code, catalogue in catalogues.items():
        if code != added and catalogue.entries:  # a catalogue with translations
            moved = [key for key in catalogue.entries if key.startswith("roles/maatje.yml:")]
            assert moved, code
    _step("handbook lint (plain language)", timings, root, "handbook.cli", "lint")
    _step(
        "handbook translations status --check",
        timings,
        root,
        "handbook.cli",
        "translations",
        "status",
        "--check",
    )
    output = _step(
        "the fork's own tests (pytest -m 'e2e and not browser', content and engine)",
        timings,
        root,
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-m",
        "not browser",
        "-x",
        "tests/test_e2e.py",
        "tests/test_pdf.py",
        "tests/test_links.py",
        "tests/test_golden.py",
        "tests/test_errors.py",
    )
    summary = re.search(r"\d+ passed[^\n]*", output)
    assert summary
    timings.append((f"  ({summary.group(0)})", 0.0))
    assert " failed" not in output
    for name, seconds in timings:
        print(f"{seconds:7.1f} s  {name}")
