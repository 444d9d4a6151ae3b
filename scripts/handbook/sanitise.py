"""The one boundary between text and output: what a text may become, judged as a browser reads it.

Every text — a YAML field, a PO msgstr, a hand-written page — is checked here before anything is
built (`text_problems`, `page_problems`), and every page's HTML passes `clean_html` on its way to
the site or a PDF, so that a case the checks miss is still made inert. Both use one allowlist.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown  # type: ignore[import-untyped]  # Python-Markdown ships no type information
import nh3

# Links may point at the web, e-mail, a phone, or another page of the handbook: nothing else.
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# The Markdown a text is written in: the extensions of the site (mkdocs.yml) and the printables.
# The checks render a text with all of them, so they see what the site would make of it.
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tasklist",
]
EXTENSION_CONFIGS: dict[str, dict[str, object]] = {
    "pymdownx.tasklist": {"custom_checkbox": True},
    "toc": {"permalink": False},
}

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
ALIGN = {"style": {"text-align: left;", "text-align: right;", "text-align: center;"}}

# What Markdown in a YAML field or a translation may become: text formatting, lists, links,
# headings and tables. No images (a request to another host, or a file of the build machine).
TEXT_TAGS = frozenset(
    {"p", "br", "em", "strong", "a", "ul", "ol", "li", "code", "pre", "blockquote", "hr", "abbr"}
    | {"table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd"}
    | HEADINGS
)
TEXT_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    **{heading: {"id"} for heading in HEADINGS},  # the table of contents' anchors
}
# The same attribute, allowed with these values only.
TEXT_ATTRIBUTE_VALUES: dict[str, dict[str, set[str]]] = {
    "th": ALIGN,
    "td": ALIGN,
    "input": {"type": {"checkbox"}},  # the checklists' boxes; never a field that sends anything
}

# What a page of the site or a printable may hold: the above, plus what the kit's own templates
# and the Markdown extensions of mkdocs.yml make (icons, notes, checkboxes, the language marks
# of untranslated text). Event handlers, style, script, forms and frames are never allowed.
PAGE_TAGS = TEXT_TAGS | {
    "div",
    "span",
    "small",
    "bdi",
    "sup",
    "sub",
    "del",
    "details",
    "summary",
    "label",
    "input",
    "img",
    "nav",
    "section",
    "svg",
    "path",
}
PAGE_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "lang", "dir", "title", "aria-hidden", "aria-label", "role"},
    **TEXT_ATTRIBUTES,
    "a": {"href", "title", "download", "hreflang"},
    "div": {"id"},
    "section": {"id"},
    "p": {"id"},  # the steps of an escalation path, which the decision guide links to
    "details": {"open"},
    # A checklist item's words again, for the search index: Pagefind skips what is in a <label>.
    "li": {"data-hb-text", "data-pagefind-index-attrs"},
    "input": {"disabled", "checked"},
    "img": {"src", "alt", "width", "height"},
    "svg": {"xmlns", "viewBox", "viewbox", "width", "height"},
    "path": {"d"},
}
URL_ATTRIBUTES = frozenset({"href", "src"})

# The WHATWG URL parser drops these anywhere in a URL, and C0 controls and spaces at its ends.
_DROPPED = re.compile(r"[\t\n\r]")
_ENDS = "".join(chr(code) for code in range(0x21))  # C0 controls and the space
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def browser_url(url: str) -> str:
    """A URL as a browser reads it from an attribute: entities decoded, tab and newline
    removed anywhere, controls and spaces stripped at both ends. `java&#9;script:` is `javascript:`."""
    return _DROPPED.sub("", html.unescape(url)).strip(_ENDS)


def url_scheme(url: str) -> str | None:
    """The scheme a browser would use for `url`, folded to lower case; None for a relative link."""
    match = _SCHEME.match(browser_url(url))
    return match.group(1).lower() if match else None


def url_problem(url: str, *, image: bool = False) -> str | None:
    """Why `url` may not stand in a text, or None when it may."""
    scheme = url_scheme(url)
    if image:
        if scheme is not None or browser_url(url).startswith(("/", "\\")):
            return (
                f"an image may only show a file of the handbook, by a relative path (found '{_short(url)}')"
            )
        return None
    if scheme is not None and scheme not in SAFE_SCHEMES:
        return f"a link may not use '{scheme}:'; use https:, mailto: or tel:"
    return None


def url_host(url: str) -> str:
    """Where a link leads, for comparing a translation's links with the source's."""
    target = browser_url(url)
    scheme = url_scheme(target)
    if scheme in ("mailto", "tel"):
        return target.lower()
    if scheme is None:
        return ""
    try:
        return f"{scheme}://{(urlsplit(target).hostname or '').lower()}"
    except ValueError:
        return target.lower()


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


_MARKDOWN: list[markdown.Markdown] = []


def to_html(text: str) -> str:
    """What the site's Markdown makes of a text (one converter, reset for each text: building
    one per text would cost more than the conversion)."""
    if not _MARKDOWN:
        _MARKDOWN.append(markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS))
    return str(_MARKDOWN[0].reset().convert(text))


@dataclass(frozen=True)
class Shape:
    """What a piece of HTML is made of: its elements in order, where its links lead, and what
    is wrong with it (each problem once)."""

    tags: tuple[str, ...]
    links: tuple[str, ...]
    problems: tuple[str, ...]

    def blocks(self) -> dict[str, int]:
        """How many lists, list items, headings and tables: what a translation must keep."""
        counts = Counter(self.tags)
        return {tag: counts[tag] for tag in BLOCKS if counts[tag]}


BLOCKS = ("ul", "ol", "li", "table", "h1", "h2", "h3", "h4", "h5", "h6")


class _Inspector(HTMLParser):
    """Walks HTML as a browser would parse it and notes every element, attribute and URL."""

    def __init__(self, tags: frozenset[str], attributes: dict[str, set[str]]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_tags = tags
        everywhere = {name.lower() for name in attributes.get("*", set())}
        self.allowed = {
            tag: {name.lower() for name in names} | everywhere for tag, names in attributes.items()
        }
        self.everywhere = everywhere
        self.tags: list[str] = []
        self.links: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in self.allowed_tags:
            self.problems.append(
                f"HTML is not allowed in text (found '<{tag}>'); write plain text or Markdown"
            )
            return
        allowed = self.allowed.get(tag, self.everywhere)
        for name, value in attrs:
            values = TEXT_ATTRIBUTE_VALUES.get(tag, {}).get(name)
            if name not in allowed and not (values and value in values):
                self.problems.append(
                    f"'{name}' would become an HTML attribute of <{tag}>; attribute lists "
                    "('{: … }') and HTML are not allowed in text"
                )
            elif name in URL_ATTRIBUTES and value is not None:
                problem = url_problem(value, image=tag == "img")
                if problem:
                    self.problems.append(problem)
                if tag == "a":
                    self.links.append(value)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        self.problems.append("HTML is not allowed in text (found '<!--'); write plain text or Markdown")

    def handle_decl(self, decl: str) -> None:
        self.handle_comment(decl)

    def handle_pi(self, data: str) -> None:
        self.handle_comment(data)


def inspect(html_text: str, *, page: bool = False) -> Shape:
    """The shape of some HTML and what is wrong with it, by the text or the page allowlist."""
    inspector = _Inspector(PAGE_TAGS if page else TEXT_TAGS, PAGE_ATTRIBUTES if page else TEXT_ATTRIBUTES)
    inspector.feed(html_text)
    inspector.close()
    problems = tuple(dict.fromkeys(inspector.problems))
    return Shape(tuple(inspector.tags), tuple(inspector.links), problems)


# A text that can only become one paragraph of words: one line, none of the characters that start
# Markdown or HTML (tags, links, attribute lists, code, tables, headings, emphasis, escapes), no
# list or block marker at its start and no emoji shortcode. Most texts are like this; they need
# no Markdown run to know their shape (a property test holds this equal to the full path).
_MARKUP = re.compile(r"[<>\[\]{}`~|#*_\\\n\r]|:[+\w-]+:|^\s|\s$|^(?:[-+=]|\d+[.)]|!!!|\?\?\?)")
_PARAGRAPH = Shape(("p",), (), ())


@functools.cache
def text_shape(text: str) -> Shape:
    """What a YAML field or a translation becomes on a page, and what is wrong with it. Cached:
    a source text is judged for itself and again against each of its translations."""
    if text and not _MARKUP.search(text):
        return _PARAGRAPH
    return inspect(to_html(text))


def text_problems(text: str) -> list[str]:
    """Everything wrong with one text, whatever its language; empty when it is safe to publish."""
    return list(text_shape(text).problems)


def page_problems(markdown_text: str) -> list[str]:
    """Everything wrong with a hand-written page (it may use more of Markdown than a field)."""
    return list(inspect(to_html(markdown_text), page=True).problems)


# The kit's own printables inline the organisation's logo; no text can (validation refuses it).
_INLINE_IMAGE = re.compile(r"^data:image/(?:png|jpeg|webp|svg\+xml);base64,[A-Za-z0-9+/=]+$")


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "img" and name == "src" and _INLINE_IMAGE.match(value):
        return value
    values = TEXT_ATTRIBUTE_VALUES.get(tag, {}).get(name)
    if values is not None:
        return value if value in values else None
    if name in URL_ATTRIBUTES and url_problem(value, image=tag == "img"):
        return None
    return value


# The page allowlist as nh3 takes it: the attributes allowed only with some values are let
# through here and judged by `_keep_attribute`.
_CLEAN_ATTRIBUTES = {
    tag: set(PAGE_ATTRIBUTES.get(tag, set())) | set(TEXT_ATTRIBUTE_VALUES.get(tag, {}))
    for tag in {*PAGE_ATTRIBUTES, *TEXT_ATTRIBUTE_VALUES}
}


def clean_html(html_text: str) -> str:
    """A page's HTML with everything outside the allowlist removed: the last line of defence,
    after validation, for the site and the printables alike (nh3, the binding of ammonia)."""
    return nh3.clean(
        html_text,
        tags=set(PAGE_TAGS),
        clean_content_tags={"script", "style"},
        attributes=_CLEAN_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes=set(SAFE_SCHEMES) | {"data"},  # `data:` only for the logo, see _keep_attribute
        link_rel=None,
        strip_comments=True,
    )
