"""Templates are compiled once per process, whatever the number of Jinja environments (one per
language MkDocs builds), and compiled again when their source changes (`mkdocs serve`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader

from handbook.compiled import CompiledTemplates

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def _environment(folder: Path, cache: CompiledTemplates) -> Environment:
    return Environment(loader=FileSystemLoader(str(folder)), autoescape=True, bytecode_cache=cache)


def test_a_template_is_compiled_once_for_every_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "page.html").write_text("<p>{{ word }}</p>", encoding="utf-8")
    cache = CompiledTemplates()
    compiled: list[str] = []
    compile_ = Environment.compile

    def counting(self: Environment, source: Any, name: str | None = None, *args: Any, **named: Any) -> Any:
        compiled.append(str(name))
        return compile_(self, source, name, *args, **named)

    monkeypatch.setattr(Environment, "compile", counting)
    for word in ("één", "two", "ثلاثة"):
        assert _environment(tmp_path, cache).get_template("page.html").render(word=word) == f"<p>{word}</p>"
    assert compiled == ["page.html"]
    assert len(cache) == 1
    # Edited, as in `mkdocs serve`: the new source is compiled, and what it says is shown.
    (tmp_path / "page.html").write_text("<b>{{ word }}</b>", encoding="utf-8")
    assert _environment(tmp_path, cache).get_template("page.html").render(word="x") == "<b>x</b>"
    assert compiled == ["page.html", "page.html"]
    assert len(cache) == 1
    cache.clear()
    assert len(cache) == 0


def test_the_generator_and_the_theme_each_share_one_cache(repo: Path) -> None:
    """The generator's renderers share one cache; every environment MkDocs makes gets the hook's."""
    import mkdocs_hooks
    from handbook.render import COMPILED, Renderer

    assert Renderer(repo, "und").env.bytecode_cache is COMPILED
    assert Renderer(repo, "nl").env.bytecode_cache is COMPILED
    for env in (Environment(autoescape=True), Environment(autoescape=True)):
        assert mkdocs_hooks.on_env(env, None, None) is env
        assert env.bytecode_cache is mkdocs_hooks._THEME_TEMPLATES
    assert mkdocs_hooks._THEME_TEMPLATES is not COMPILED  # Jinja configured otherwise
