"""MkDocs hook: run the handbook generator before MkDocs reads the pages, and apply handbook.yml.

A thin adapter: the generator itself never imports MkDocs, so the generated Markdown also builds
with other MkDocs-compatible engines. mkdocs-static-i18n builds once per language and calls this
hook each time; the generator skips its work when no source changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs_static_i18n.config import I18nPluginLanguage

from handbook import HandbookError, generate_cached


def on_config(config: Any) -> Any:
    root = Path(config.config_file_path).parent
    try:
        result = generate_cached(root, Path(config.docs_dir))
    except HandbookError as error:
        raise PluginError(str(error)) from None
    settings = result.settings
    config.site_name = result.titles[settings.default_language]
    config.site_description = " ".join(str(settings.description).split())
    config.repo_url = settings.repo_url
    config.edit_uri = settings.edit_uri if settings.repo_url else None
    config.copyright = settings.copyright
    config.theme["palette"] = {"primary": settings.colours.primary, "accent": settings.colours.accent}
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        languages = []
        for language in settings.languages:
            entry = I18nPluginLanguage()
            entry.load_dict(
                {
                    "locale": language.code,
                    "name": language.name,
                    "default": language.code == settings.default_language,
                    "build": True,
                    "site_name": result.titles[language.code],
                    "nav": result.nav[language.code],
                }
            )
            failed, _ = entry.validate()
            if failed:
                raise PluginError(f"handbook.yml: language '{language.code}': {failed}")
            languages.append(entry)
        i18n.config.languages = languages
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Point "edit this page" at the source a person edits, not at the generated Markdown."""
    source = page.meta.get("hb_source")
    if source is None:
        generated = Path(page.file.abs_src_path).relative_to(Path(config.docs_dir).resolve())
        candidate = Path("content/pages") / generated
        source = candidate.as_posix() if (Path(config.config_file_path).parent / candidate).exists() else None
    if config.repo_url and source:
        edit_uri = config.edit_uri or ""
        page.edit_url = f"{config.repo_url.rstrip('/')}/{edit_uri.strip('/')}/{source}"
    else:
        page.edit_url = None
    return markdown
