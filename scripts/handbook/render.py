"""Render the localised handbook into Markdown pages with Jinja2 templates, one set per language."""

from __future__ import annotations

import posixpath
import re
import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    pass_context,
)
from markupsafe import Markup

from handbook.compiled import CompiledTemplates
from handbook.errors import Problem
from handbook.icons import icon_html
from handbook.kinds import COLLECTIONS, DOCUMENTS, SOURCES
from handbook.load import TEMPLATES_DIR
from handbook.localise import Localiser, LocalText, escape_text, recording

if TYPE_CHECKING:
    import datetime
    from pathlib import Path

    from jinja2.runtime import Context

    from handbook.catalog import Language
    from handbook.load import Handbook


@dataclass
class Page:
    """One generated page in one language."""

    path: str  # without language suffix, e.g. roles/buddy.md
    template: str
    source: str  # the file a reader would edit to change this page
    context: dict[str, Any] = field(default_factory=dict)
    audiences: list[str] = field(default_factory=list)  # empty: everyone
    # Rendered after every other page: the sources page lists where the others cite each source.
    last: bool = False


@dataclass
class Rendered:
    path: str
    text: str
    status: str
    counts: dict[str, int]


def _plain(value: Any) -> str:
    """Text for places where no markup may go (Mermaid labels, attributes)."""
    return " ".join(str(value).split())


def _quoted(value: Any) -> Markup:
    """Text inside an admonition's quoted title: one line, no quote that would end it."""
    return Markup(escape_text(_plain(value)).replace('"', "&quot;"))


def _block(value: Any) -> Markup:
    if isinstance(value, LocalText):
        return value.block()
    return Markup(escape_text(str(value)))


def _cell(value: Any) -> Markup:
    """Text inside a Markdown table cell: no line breaks, no column separators."""
    html = value.__html__() if isinstance(value, LocalText) else escape_text(str(value))
    return Markup(" ".join(html.split()).replace("|", "&#124;"))


def _finalize(value: Any) -> Any:
    """Every `{{ value }}` of plain text (names, numbers, addresses) is escaped like content
    text: braces too, so no attribute list in the Markdown can come from a value."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return Markup(escape_text(value).replace('"', "&#34;").replace("'", "&#39;"))
    return value


def _fmt(value: Any, **values: Any) -> Any:
    """`%(name)s` formatting that keeps a translation's language and status. Validation has
    checked every translation's placeholders; a source that still fails is a template error.

    A value given per language (`InLanguages`) is filled in in the language the text is shown in:
    a fallback sentence in the source language names a language in the source language too."""
    lang = value.lang if isinstance(value, LocalText) else ""
    values = {k: v.get(lang, v.default) if isinstance(v, InLanguages) else v for k, v in values.items()}
    try:
        text = str(value) % values
    except (KeyError, ValueError, TypeError) as error:
        raise TemplateError(f"cannot fill in {str(value)!r}: {error}") from None
    if isinstance(value, LocalText):
        return LocalText(text, value.lang, value.status)
    return text


class InLanguages(dict[str, str]):
    """One value in several languages, e.g. a language's name in each language of the site."""

    def __init__(self, values: dict[str, str], default: str) -> None:
        super().__init__(values)
        self.default = default


def _tel(number: str) -> str:
    return "tel:" + re.sub(r"[^0-9+]", "", number)


def page_title(markdown: str) -> str:
    """The page's H1 as plain text, still HTML-escaped, for the front matter's `title`.

    MkDocs would otherwise derive the title from the H1 and Material prints it unescaped in places
    (`<title>` after `striptags`); a title given here is used as it is, and stays inert.
    """
    for line in markdown.splitlines():
        if line.startswith("# "):
            # Content cannot contain '<' (it is escaped), so every tag left is the kit's own span.
            return " ".join(re.sub(r"<[^>]*>", "", line[2:]).split())
    return ""


# Every Renderer of the process shares its compiled templates: the check of the templates
# compiles them, and the rendering that follows does not compile them again.
COMPILED = CompiledTemplates()


class Renderer:
    """A Jinja2 environment bound to one language's catalogue for interface strings.

    It also notes which page cites which source while the pages render (`cited`), so a page can
    list the sources it cited and the sources page can say where each one is used."""

    def __init__(self, root: Path, source_lang: str) -> None:
        self.root = root
        self.source_lang = source_lang
        self.localiser = Localiser(source_lang, source_lang, None)
        self.citations: dict[str, list[str]] = {}  # page path → source ids, in citing order
        self.titles: dict[str, str] = {}  # page path → its title, for the pages rendered so far
        self.env = Environment(
            loader=FileSystemLoader(str(root / TEMPLATES_DIR)),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
            finalize=_finalize,
            bytecode_cache=COMPILED,
        )

        @pass_context
        def gettext(context: Context, *args: object, **named: object) -> LocalText:
            match args:
                case (str(message),) if not named:
                    return self.localiser.text(f"{TEMPLATES_DIR}/{context.name}", message)
            given = repr(args) + (f" and {', '.join(named)}=" if named else "")
            raise TemplateError(f"_() takes one text (fill in its %(names)s with | fmt), not {given}"[:300])

        @pass_context
        def ngettext(context: Context, *args: object, **named: object) -> LocalText:
            """`ngettext(singular, plural, n)`: the form `n` takes in the page's language (CLDR's
            plural rules), from the catalogue's msgstr[i]; `| fmt(...)` then fills in the number."""
            match args:
                case (str(singular), str(plural), int(n)) if not isinstance(n, bool) and not named:
                    return self.localiser.plural(f"{TEMPLATES_DIR}/{context.name}", singular, plural, n)
            raise TemplateError(
                f"ngettext takes a singular text, a plural text and a whole number, not {args!r}"[:300]
            )

        self.env.install_gettext_callables(gettext, ngettext, newstyle=False)  # type: ignore[attr-defined]

        @pass_context
        def cited(context: Context, source_id: str) -> str:
            """Note that the page being rendered cites `source_id`; shows nothing."""
            page = context.get("page")
            if isinstance(page, Page):
                ids = self.citations.setdefault(page.path, [])
                if source_id not in ids:
                    ids.append(source_id)
            return ""

        @pass_context
        def cited_here(context: Context) -> list[str]:
            """The sources the page being rendered has cited so far."""
            page = context.get("page")
            return list(self.citations.get(page.path, [])) if isinstance(page, Page) else []

        def used_in(source_id: str) -> list[tuple[str, Markup]]:
            """(page path, title) of every page rendered so far that cites `source_id`; the
            title is escaped already (see `page_title`)."""
            return [
                (path, Markup(self.titles[path]))  # escaped by the page's template
                for path, ids in self.citations.items()
                if source_id in ids and path in self.titles
            ]

        self.env.globals.update(cited=cited, cited_here=cited_here, used_in=used_in)
        self.env.filters.update(block=_block, cell=_cell, fmt=_fmt, plain=_plain, quoted=_quoted, tel=_tel)
        self.env.filters["long_date"] = self.long_date
        self.env.filters["join_list"] = self.join_list
        # A printable that is HTML already (the matrix) draws the theme's icon itself.
        self.env.filters["icon"] = lambda name: Markup(icon_html(str(name)))

    def join_list(self, items: Any) -> str:
        """`A, B en C` in the page's language (CLDR list patterns)."""
        names = [str(item) for item in items]
        try:
            return str(format_list(names, locale=self.localiser.lang.replace("-", "_")))
        except (ValueError, UnknownLocaleError):
            return ", ".join(names)

    def use(self, lang: str, catalogue: Language | None) -> None:
        self.localiser = Localiser(self.source_lang, lang, catalogue)
        self.citations, self.titles = {}, {}

    def long_date(self, day: datetime.date, lang: str | None = None) -> str:
        """A date as the page's language (or `lang`: that of the sentence it stands in, which may
        be a fallback) writes it in full, `15 november 2026`; YYYY-MM-DD for a language Babel
        does not know."""
        try:
            locale = Locale.parse(lang or self.localiser.lang, sep="-")
        except (UnknownLocaleError, ValueError):
            return day.isoformat()
        # A date that ends in an abbreviation (Ukrainian: "year.") ends a sentence with one full stop.
        return str(format_date(day, format="long", locale=locale)).rstrip(".")

    def label(self, template: str, message: str) -> LocalText:
        """An interface string for Python code, looked up as if it stood in `template`."""
        return self.localiser.text(f"{TEMPLATES_DIR}/{template}", message)

    def render(self, page: Page, globals_: dict[str, Any]) -> Rendered:
        here = posixpath.dirname(page.path)

        def link(target: str) -> str:
            return posixpath.relpath(target, here or ".")

        template = self.env.get_template(page.template)
        self.citations.pop(page.path, None)
        with recording() as usage:
            text = template.render(**globals_, **page.context, page=page, link=link)
        self.titles[page.path] = page_title(text)
        return Rendered(page.path, text, usage.status, dict(usage.counts))


def template_problem(root: Path, error: Exception) -> Problem:
    """Where in which template a Jinja2 error happened."""
    if isinstance(error, TemplateSyntaxError):
        name = f"{TEMPLATES_DIR}/{error.name or error.filename or '?'}"
        return Problem(name, error.lineno or 1, 1, "", f"template syntax error: {error.message}")
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename.endswith(".j2") and str(root) in frame.filename
    ]
    if frames:
        frame = frames[-1]
        name = posixpath.relpath(frame.filename.replace("\\", "/"), str(root).replace("\\", "/"))
        return Problem(name, frame.lineno or 1, 1, "", f"template error: {error}")
    return Problem(TEMPLATES_DIR, 1, 1, "", f"template error: {error}")


def plan_pages(hb: Handbook) -> list[Page]:
    """Every generated page, the same for each language: the home page and the matrix, each
    kind's overview, the reference pages, then one page per item of every kind."""
    first, rest = DOCUMENTS[:2], DOCUMENTS[2:]
    pages = [Page(d.page, d.template, d.file) for d in first if d.page and d.template]
    pages += [Page(f"{c.pages}/index.md", c.index_template, c.folder) for c in COLLECTIONS]
    pages += [Page(d.page, d.template, d.file, last=d is SOURCES) for d in rest if d.page and d.template]
    for collection in COLLECTIONS:
        for item_id, item in sorted(getattr(hb, collection.attribute).items()):
            pages.append(
                Page(
                    collection.page(item_id),
                    collection.template,
                    collection.file(item_id),
                    {"item_id": item_id},
                    _readers(collection.kind, item_id, item),
                )
            )
    return pages


def _readers(kind: str, item_id: str, item: Any) -> list[str]:
    """Whom a page is for, by role id: the plain-language check holds it to their limits."""
    if kind == "role":
        return [item_id]
    if kind == "escalation":
        return sorted({step.who for step in item.steps})
    return list(item.audiences)


def ordered(items: dict[str, Any]) -> list[tuple[str, Any]]:
    return sorted(items.items(), key=lambda pair: (pair[1].order, pair[0]))


def language_globals(hb: Handbook, lang: str) -> dict[str, Any]:
    """What every template of one language sees (`hb` is already localised)."""
    contacts: dict[str, Any] = {**hb.settings.contacts, **hb.settings.emergency_numbers}
    language = next(language for language in hb.settings.languages if language.code == lang)
    source = hb.settings.default_language
    return {
        "source_name": InLanguages(
            {code.code: language_name(hb, source, code.code) for code in hb.settings.languages},
            language_name(hb, source, lang),
        ),
        "hb": hb,
        "lang": lang,
        "language": language,
        "source_lang": hb.settings.default_language,
        "roles": ordered(hb.roles),
        "escalations": ordered(hb.escalations),
        "modules": ordered(hb.modules),
        "checklists": ordered(hb.checklists),
        "topics": hb.topics,
        "contacts": contacts,
        "sources_by_id": {source.id: source for source in hb.sources},
        "source_numbers": source_numbers(hb),
        "terms_by_id": {term.id: term for term in hb.glossary},
    }


def source_numbers(hb: Handbook) -> dict[str, int]:
    """Each source's number, the same on every page and in every language: its place on the
    sources page, which lists them by title."""
    ordered_sources = sorted(hb.sources, key=lambda source: (source.title.casefold(), source.id))
    return {source.id: number for number, source in enumerate(ordered_sources, start=1)}


def language_name(hb: Handbook, code: str, in_lang: str) -> str:
    """The name of language `code` in language `in_lang` (CLDR via Babel), else its own name."""
    own = next((language.name for language in hb.settings.languages if language.code == code), code)
    try:
        name = Locale.parse(in_lang.replace("-", "_")).languages.get(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        name = None
    return str(name) if name else own


def render_pages(renderer: Renderer, globals_: dict[str, Any], pages: list[Page]) -> list[Rendered]:
    """Render pages, turning any template error into a problem with template and line. A page
    marked `last` renders after the others (it reads what they cited); the order stays the given one."""
    out: dict[int, Rendered] = {}
    for index, page in sorted(enumerate(pages), key=lambda pair: pair[1].last):
        try:
            out[index] = renderer.render(page, globals_)
        except TemplateError as error:
            raise TemplateFailure(template_problem(renderer.root, error)) from error
    return [out[index] for index in range(len(pages))]


def render_template(renderer: Renderer, name: str, **context: Any) -> str:
    """One template that is not a page (the navigation, the header's words), with the same
    problem report as a page's when it fails."""
    try:
        return renderer.env.get_template(name).render(**context)
    except TemplateError as error:
        raise TemplateFailure(template_problem(renderer.root, error)) from error


class TemplateFailure(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem
