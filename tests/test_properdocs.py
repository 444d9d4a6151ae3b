"""The generated Markdown builds with ProperDocs, the maintained fork of MkDocs 1.x, so the engine can be swapped.

ProperDocs (`python -m properdocs`, command `properdocs`) reads MkDocs themes and plugins through
their `mkdocs.*` entry points and answers their `import mkdocs.…` with its own modules, so Material
runs on it unchanged. It is installed beside MkDocs (it ships no `mkdocs` package of its own).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from minihandbook import REPO, make_handbook, run

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.e2e

GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def _markdown_extensions() -> str:
    """The `markdown_extensions:` block of mkdocs.yml, verbatim: its `!!python/name:` tags stay as they are."""
    lines = (REPO / "mkdocs.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("markdown_extensions:\n")
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if line.strip() and not line[0].isspace() and not line.startswith("#"):
            break
        block.append(line)
    return "".join(block)


def _properdocs_yml(site: Path) -> str:
    # No hook and no i18n plugin: ProperDocs reads generated/ as it is. The pages link to each other
    # without a language (`roles/buddy.md`), which mkdocs-static-i18n resolves to `buddy.nl.md`;
    # without the plugin those links cannot resolve, so only that check is lowered to INFO. Every
    # other warning still fails the build under --strict.
    return (
        "site_name: Testhandboek\n"
        "docs_dir: generated\n"
        f"site_dir: {site.as_posix()}\n"
        "theme:\n"
        "  name: material\n"
        "validation:\n"
        "  links:\n"
        "    not_found: info\n" + _markdown_extensions()
    )


def _html(site: Path) -> dict[str, str]:
    """Every page of a built site, the generator line left out."""
    return {
        p.relative_to(site).as_posix(): GENERATOR.sub("", p.read_text(encoding="utf-8"))
        for p in sorted(site.rglob("*.html"))
    }


def test_generated_markdown_builds_with_properdocs_and_material(tmp_path: Path) -> None:
    root = make_handbook(tmp_path / "hb")
    generated = run(root, "handbook.cli", "--root", str(root), "generate")
    assert generated.returncode == 0, generated.stderr
    assert (root / "generated" / "roles" / "buddy.nl.md").is_file()

    config = root / "properdocs.yml"
    site = tmp_path / "site"
    config.write_text(_properdocs_yml(site), encoding="utf-8")
    result = run(root, "properdocs", "build", "--strict", "--config-file", str(config))
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr

    # Without the i18n plugin every language is its own page: buddy.nl.md -> roles/buddy.nl/.
    buddy = (site / "roles" / "buddy.nl" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="generator" content="[^"]*ProperDocs[^"]*mkdocs-material', buddy)
    assert 'class="md-content"' in buddy  # Material's layout, not a fallback theme
    assert '<h1 id="buddy">Buddy' in buddy
    assert (site / "roles" / "buddy.en" / "index.html").is_file()
    # The Markdown extensions of mkdocs.yml ran: emoji, collapsible blocks, task lists.
    assert 'class="twemoji' in (site / "index.nl" / "index.html").read_text(encoding="utf-8")
    assert "<details" in (site / "modules" / "intro.nl" / "index.html").read_text(encoding="utf-8")
    assert "task-list-item" in (site / "checklists" / "first.nl" / "index.html").read_text(encoding="utf-8")
    assert (site / "checklists" / "first.nl.pdf").is_file()


def test_project_config_builds_the_same_site_with_properdocs_as_with_mkdocs(tmp_path: Path) -> None:
    """mkdocs.yml as it is (hook, mkdocs-static-i18n, Material): only the generator line differs."""
    root = make_handbook(tmp_path / "hb")
    sites: dict[str, dict[str, str]] = {}
    for engine in ("mkdocs", "properdocs"):
        site = tmp_path / f"site-{engine}"
        result = run(
            root, engine, "build", "--strict", "--config-file", "mkdocs.yml", "--site-dir", str(site)
        )
        assert result.returncode == 0, (engine, result.stderr)
        assert "WARNING" not in result.stderr, (engine, result.stderr)
        sites[engine] = _html(site)
    assert "en/roles/buddy/index.html" in sites["properdocs"]
    assert '<html lang="en"' in sites["properdocs"]["en/roles/buddy/index.html"]
    assert sorted(sites["properdocs"]) == sorted(sites["mkdocs"])
    different = [name for name in sites["mkdocs"] if sites["mkdocs"][name] != sites["properdocs"][name]]
    assert different == []
