"""MkDocs hook: run the handbook generator before MkDocs reads the pages, and apply handbook.yml.

A thin adapter: the generator itself never imports MkDocs, so the generated Markdown also builds
with other MkDocs-compatible engines. mkdocs-static-i18n builds once per language and calls this
hook each time; the generator skips its work when no source changed.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs_static_i18n.config import I18nPluginLanguage

from handbook import Generated, HandbookError, generate_cached
from handbook.compiled import CompiledTemplates
from handbook.kinds import split_language
from handbook.offline import REGISTRATION, LanguageList, language_lists, write_worker
from handbook.sanitise import clean_html
from handbook.search import SearchIndexer, build_index, mark_not_indexed

if TYPE_CHECKING:
    from handbook.models import Settings

_state: dict[str, Generated] = {}
_search: dict[str, SearchIndexer] = {}  # this build's search index, given each language's pages
_serving: list[bool] = []  # `mkdocs serve`: no offline copy, so an editor sees each change at once
# The theme's templates, compiled once for every language MkDocs builds (see handbook.compiled).
_THEME_TEMPLATES = CompiledTemplates()
ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="([^"]*)" hreflang="[^"]*">\n?')
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/json\")[^>]*>(.*?)</script>", re.S
)
CHARSET = '<meta charset="utf-8">'
ARTICLE = '<article class="md-content__inner md-typeset">'
# Everything from the site itself, nothing from anywhere else; the theme's few inline scripts are
# allowed by their hashes, computed for each page as it is written (see `content_security_policy`).
# 'wasm-unsafe-eval' lets the search compile its WebAssembly (the site's own file); it allows no
# eval() of JavaScript.
POLICY = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


def on_startup(command: str, dirty: bool) -> None:
    _serving[:] = [command == "serve"]


def on_config(config: Any) -> Any:
    root = Path(config.config_file_path).parent
    try:
        # One generation a build: the languages after the first are built from the same.
        if not (_building_languages(config) and "result" in _state):
            _state["result"] = generate_cached(root, Path(config.docs_dir))
    except HandbookError as error:
        raise PluginError(str(error)) from None
    result = _state["result"]
    settings = result.settings
    # The theme prints these without escaping them: they are text, so they are escaped here.
    config.site_name = html.escape(result.titles[settings.default_language])
    # The site's address online: canonical links, absolute hreflang alternates, the sitemap.
    config.site_url = str(settings.site_url) if settings.site_url else None
    config.site_description = html.escape(" ".join(str(settings.description).split()))
    config.repo_url = settings.repo_url
    config.edit_uri = settings.edit_uri if settings.repo_url else None
    config.copyright = html.escape(str(settings.copyright)) if settings.copyright else None
    config.theme["language"] = settings.default_language
    if not _offline(settings):  # the worker stays, to remove itself from phones that have it
        kept = [item for item in config.extra_javascript if str(getattr(item, "path", item)) != REGISTRATION]
        config.extra_javascript = kept
    config.theme["palette"] = {"primary": settings.colours.primary, "accent": settings.colours.accent}
    missing = [language.code for language in settings.languages if not _theme_speaks(config, language.code)]
    if missing:
        raise PluginError(
            "handbook.yml: languages: the theme has no interface strings (skip link, search, "
            f"navigation) for {', '.join(missing)}: add templates/overrides/partials/languages/"
            "<code>.html for each, a copy of the theme's en.html with the strings translated"
        )
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        languages = []
        for language in settings.languages:
            entry = I18nPluginLanguage()
            entry.load_dict(
                {
                    "locale": language.code,
                    "name": html.escape(language.name),
                    "default": language.code == settings.default_language,
                    "build": True,
                    "site_name": html.escape(result.titles[language.code]),
                    "copyright": html.escape(result.copyright[language.code]) or None,
                    "nav": _escaped_nav(result.nav[language.code]),
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


def _theme_speaks(config: Any, code: str) -> bool:
    """Whether the theme, or the handbook's overrides, have interface strings for `code`."""
    if config.theme.name != "material":
        return True
    return any(
        (Path(folder) / "partials" / "languages" / f"{code}.html").exists() for folder in config.theme.dirs
    )


def _escaped_nav(items: Any) -> Any:
    """Navigation titles come from the catalogues; the theme prints them as they are."""
    if isinstance(items, list):
        return [_escaped_nav(item) for item in items]
    if isinstance(items, dict):
        return {html.escape(str(key)): _escaped_nav(value) for key, value in items.items()}
    return items


def on_env(env: Any, config: Any, files: Any) -> Any:
    """The header's own interface words (search, menu) in every language, for the overrides;
    the theme's templates compiled once, not once per language."""
    env.bytecode_cache = _THEME_TEMPLATES
    result = _state.get("result")
    env.globals["hb_ui"] = result.ui if result is not None else {}
    return env


def on_page_content(output: str, page: Any, config: Any, files: Any) -> str:
    """Every page's HTML passes the handbook's sanitiser: whatever a text slipped past validation
    with, no script, event handler or unsafe URL reaches a reader."""
    return clean_html(output)


def content_security_policy(page_html: str) -> str:
    """The page's policy: the site's own files only, and the inline scripts it holds by hash."""
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"
            for body in INLINE_SCRIPT.findall(page_html)
        }
    )
    return POLICY.format(hashes="".join(" " + item for item in hashes))


@event_priority(-50)  # after mkdocs-static-i18n has pointed each language at this page
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Say in the language switcher where this page is only partly translated."""
    result = _state.get("result")
    # mkdocs-static-i18n sets this as an attribute, which is what the theme's template reads.
    alternates = getattr(config.extra, "alternate", None) or []
    if result is None:
        return context
    path = _page_path(page)
    reader = str(config.theme.get("language") or result.settings.default_language)
    for alternate in alternates:
        lang = alternate.get("lang")
        page_status = result.pages.get(lang, {}).get(path)
        if page_status is not None and page_status.status in ("partial", "outdated"):
            label = result.partly_label(lang, reader)
            alternate["name"] = f"{alternate['name']} ({html.escape(label)})"
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Put the Content-Security-Policy and the referrer policy first in <head>; make the hreflang
    links absolute; give <html> the page's writing direction too, not only <body>; mark what the
    search indexes, and hand the page to the search index."""
    output = with_policies(_alternates(output, page, config))
    result = _state.get("result")
    if result is None:
        return output
    lang = str(config.theme.get("language") or result.settings.default_language)
    direction = next((language.dir for language in result.settings.languages if language.code == lang), "ltr")
    output = re.sub(r"<html lang=\"([^\"]+)\"", rf'<html lang="\1" dir="{direction}"', output, count=1)
    if page.meta.get("hb_search") is False:
        return output
    # The search indexes the page's text, not its menus (and not what search.NOT_INDEXED lists).
    output = mark_not_indexed(output.replace(ARTICLE, ARTICLE[:-1] + " data-pagefind-body>", 1))
    _indexer(config).written(str(page.file.dest_uri))
    return output


def on_pre_build(config: Any) -> None:
    """A new build starts with a new search index; the build of one more language hands the
    pages of those built so far to the index, which reads them while this one is built."""
    if _building_languages(config):
        _indexer(config).hand_over()
    else:
        _stop_indexing()


def _building_languages(config: Any) -> bool:
    """Whether mkdocs-static-i18n is building a language after the first (the default one)."""
    i18n = config.plugins.get("i18n")
    return bool(i18n is not None and getattr(i18n, "building", False))


def _indexer(config: Any) -> SearchIndexer:
    if "indexer" not in _search:
        _search["indexer"] = SearchIndexer(Path(config.site_dir))
    return _search["indexer"]


def _stop_indexing() -> None:
    indexer = _search.pop("indexer", None)
    if indexer is not None:
        indexer.close()


@event_priority(-200)  # after mkdocs-static-i18n has built the other languages
def on_post_build(config: Any) -> None:
    """Hand the pages of the language just built to the search index; once every language's
    pages are written, write the index and then the offline worker."""
    indexer = _indexer(config)
    indexer.hand_over()
    if _building_languages(config):
        return  # one language of several: the index waits for the others
    _search.clear()
    offline = _offline_settings()
    lists = None
    try:
        # What the worker keeps is read while Pagefind finishes the last language's index.
        if offline is not None and offline.offline:
            lists = language_lists(Path(config.site_dir), offline, directory_urls=config.use_directory_urls)
        if indexer.parts:
            build_index(Path(config.site_dir), indexer)
    except HandbookError as error:
        raise PluginError(str(error)) from None
    finally:
        indexer.close()  # stopped already, unless reading the lists failed
    _offline_worker(config, offline, lists)


def on_build_error(error: Exception) -> None:
    _stop_indexing()


def _alternates(output: str, page: Any, config: Any) -> str:
    """The head's hreflang links (the same page in each language) as absolute addresses, as search
    engines read them; without `site_url` there is no address to give, and they are left out."""
    head, end, body = output.partition("</head>")  # only the head holds them: a short search
    if not config.site_url:
        return ALTERNATE.sub("", head) + end + body
    here = urljoin(config.site_url.rstrip("/") + "/", page.url)

    def absolute(match: re.Match[str]) -> str:
        return match.group(0).replace(
            f'href="{match.group(1)}"',
            f'href="{html.escape(urljoin(here, html.unescape(match.group(1))))}"',
            1,
        )

    return ALTERNATE.sub(absolute, head) + end + body


def with_policies(output: str) -> str:
    """The page with its Content-Security-Policy and referrer policy first in <head>."""
    policy = content_security_policy(output)  # quoted with single quotes only: no escaping needed
    head = f'{CHARSET}\n    <meta http-equiv="Content-Security-Policy" content="{policy}">'
    head += '\n    <meta name="referrer" content="no-referrer">'
    return output.replace(CHARSET, head, 1)


def on_post_template(output: str, template_name: str, config: Any) -> str:
    """The 404 page is a theme template, not a page: it gets the same policies."""
    return with_policies(output) if template_name.endswith(".html") else output


def _page_path(page: Any) -> str:
    """`roles/buddy.md` for the generated roles/buddy.<lang>.md."""
    return split_language(str(page.file.src_uri))[0]


def _offline_settings() -> Settings | None:
    """The handbook's settings, with the offline copy off while `mkdocs serve` runs."""
    result = _state.get("result")
    if result is None:
        return None
    return result.settings.model_copy(update={"offline": _offline(result.settings)})


def _offline_worker(config: Any, settings: Settings | None, lists: dict[str, LanguageList] | None) -> None:
    """The service worker that keeps the crisis pages offline, from the whole built site."""
    if settings is None:
        return
    root = Path(config.config_file_path).parent
    try:
        write_worker(
            root, Path(config.site_dir), settings, directory_urls=config.use_directory_urls, lists=lists
        )
    except HandbookError as error:
        raise PluginError(str(error)) from None


def _offline(settings: Any) -> bool:
    return bool(settings.offline) and not any(_serving)
