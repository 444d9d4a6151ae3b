"""Hostile text from every way in — a YAML field, a PO msgstr, a hand-written page — is refused
with file:line, or reaches the page inert: no script, event handler or unsafe URL, never a
traceback. Known attacks (tests/attacks.py) as cases; arbitrary text with hypothesis."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest
import yaml
from babel.messages.pofile import escape
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from attacks import INERT, every_attack
from handbook.assemble import render_files
from handbook.build import load_valid
from handbook.errors import Problem, ValidationFailed
from handbook.sanitise import SAFE_SCHEMES, browser_url, clean_html, to_html, url_scheme
from minihandbook import FILES, make_handbook, write_tree

if TYPE_CHECKING:
    from pathlib import Path

BUDDY = FILES["roles/buddy.yml"]
EN = FILES["content/locales/en.po"]
PAGE = FILES["content/pages/about.nl.md"]
SUMMARY_PO = 'msgctxt "roles/buddy.yml:summary"\nmsgid "Een vrijwilliger."\nmsgstr "A volunteer."'
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
NEVER = {"script", "style", "iframe", "object", "embed", "form", "base", "meta", "link", "frame"}


class _Danger(HTMLParser):
    """What in some HTML could run code, leave the site or read a file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in NEVER:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc", "formaction"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "data") and value is not None:
                scheme = url_scheme(value)
                if tag == "img" and (scheme is not None or browser_url(value).startswith(("/", "\\"))):
                    self.found.append(f"<img src={value!r}>")
                elif scheme is not None and scheme not in SAFE_SCHEMES:
                    self.found.append(f"<{tag} {name}={value!r}>")


def dangers(html: str) -> list[str]:
    parser = _Danger()
    parser.feed(html)
    parser.close()
    return parser.found


def publish(root: Path) -> tuple[list[Problem], list[str]]:
    """Validate and render as the build does: the problems, or every page's HTML before the
    sanitiser's last filter and after it."""
    try:
        handbook, catalogues = load_valid(root)
    except ValidationFailed as failed:
        return failed.problems, []
    files, _ = render_files(handbook, catalogues, pdf=False)
    pages = [
        to_html(FRONT_MATTER.sub("", data.decode("utf-8")))
        for name, data in files.items()
        if name.endswith(".md")
    ]
    return [], pages + [clean_html(page) for page in pages]


def hostile(root: Path, place: str, text: str) -> str:
    """Put `text` into one place of the mini handbook; return the file it went into."""
    if place == "yaml":
        value = yaml.safe_dump({"summary": text}, allow_unicode=True, width=10_000).strip()
        write_tree(root, {"roles/buddy.yml": BUDDY.replace("summary: Een vrijwilliger.", value)})
        return "roles/buddy.yml"
    if place == "po":
        entry = SUMMARY_PO.replace('msgstr "A volunteer."', f"msgstr {escape(text)}")
        write_tree(root, {"content/locales/en.po": EN.replace(SUMMARY_PO, entry)})
        return "content/locales/en.po"
    write_tree(root, {"content/pages/about.nl.md": PAGE + "\n" + text + "\n"})
    return "content/pages/about.nl.md"


def publish_with(root: Path, place: str, text: str) -> tuple[str, list[Problem], list[str]]:
    """`publish` with `text` in one place; the mini handbook is put back as it was afterwards."""
    file = hostile(root, place, text)
    try:
        return (file, *publish(root))
    finally:
        write_tree(root, {name: FILES[name] for name in ("roles/buddy.yml", "content/locales/en.po")})
        write_tree(root, {"content/pages/about.nl.md": PAGE})


PLACES = ["yaml", "po", "page"]
CASES = [(kind, payload, place) for kind, payload in every_attack() for place in PLACES]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_handbook(tmp_path_factory.mktemp("hostile") / "hb")


@pytest.mark.parametrize(
    ("kind", "payload", "place"),
    CASES,
    ids=[f"{place}-{kind}-{i}" for i, (kind, _, place) in enumerate(CASES)],
)
def test_known_attack_is_refused_or_inert(book: Path, kind: str, payload: str, place: str) -> None:
    file, problems, pages = publish_with(book, place, payload)
    if problems:
        assert {problem.file for problem in problems} == {file}, problems
        assert all(problem.line > 0 for problem in problems)
    else:
        assert [danger for page in pages for danger in dangers(page)] == []
        if kind == "template syntax" and place != "po":
            # shown as text, never evaluated: the braces are on the page and 7 * 7 stays 7 * 7
            shown = " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)) for page in pages)
            assert payload[:2] in shown
            assert "49" not in shown


def test_attacks_in_yaml_and_po_are_refused_with_file_and_line(book: Path) -> None:
    """A field or a msgstr may hold text and Markdown only: every known attack that is not just
    text (template syntax is shown as text) is refused, at the line it stands on."""
    for kind, payload in every_attack():
        if kind == "template syntax" or payload in INERT:
            continue
        for place, line in (("yaml", 3), ("po", EN.split(SUMMARY_PO)[0].count("\n") + 3)):
            file, problems, _ = publish_with(book, place, payload)
            assert problems, (place, payload)
            assert (problems[0].file, problems[0].line) == (file, line), (place, payload, problems)


# Pieces that, put together at random, make most of the known attacks and many new ones.
PIECES = [
    "<",
    ">",
    "{",
    "}",
    "{:",
    " }",
    "on",
    "onclick=",
    "onerror=alert(1)",
    '"',
    "'",
    "=",
    "(",
    ")",
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "java\nscript:",
    "&#9;",
    "&#106;",
    "&#x6A;",
    "&",
    "data:",
    "vbscript:",
    "file:///etc/passwd",
    "/etc/hostname",
    "//evil.example/",
    "https://x.org",
    "[",
    "]",
    "](",
    "![",
    "]: ",
    "\n",
    "\n\n",
    "    ",
    "*",
    "_",
    "`",
    "#",
    "- ",
    "1. ",
    "|",
    "\\",
    "<script>",
    "</title>",
    "<img src=x ",
    "<svg/",
    "{{",
    "}}",
    "{%",
    "%}",
    "%",
    "%(minutes)s",
    "{organisation}",
    ":material-x:",
    "!!! note",
    "???",
    "*[x]: ",
    "\x00",
    "\u202e",
    "\u200b",
]
HOSTILE_TEXT = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=14).map("".join),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a build per example: shrinking would take minutes
    print_blob=True,
)
@given(text=HOSTILE_TEXT, place=st.sampled_from(PLACES))
def test_arbitrary_text_is_refused_or_inert(book: Path, text: str, place: str) -> None:
    file, problems, pages = publish_with(book, place, text)
    if problems:
        assert all(problem.file == file and problem.line > 0 and problem.message for problem in problems)
    else:
        assert [danger for page in pages for danger in dangers(page)] == []


def test_the_corpus_is_not_vacuous() -> None:
    """The danger check finds what it looks for: the raw payloads, rendered with no boundary."""
    missed = [
        payload
        for kind, payload in every_attack()
        if kind != "template syntax" and not dangers(to_html(payload))
    ]
    assert missed == INERT
