"""A translation checked against its source: the same placeholders, links and Markdown structure.

Translations come from volunteers by mail, Poedit or Weblate: each msgstr is input, judged against
the source string it translates (as Weblate's checks do), not trusted because it is a translation.
"""

from __future__ import annotations

import re

from handbook.sanitise import text_shape, url_host, url_problem

# `%(minutes)s`: the interface strings that a template fills in with numbers.
PYTHON_FORMAT = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifr]")
WHAT = {
    "ul": "lists",
    "ol": "numbered lists",
    "li": "list items",
    "table": "tables",
    **{f"h{n}": f"level-{n} headings" for n in range(1, 7)},
}


def python_names(text: str) -> set[str]:
    return set(PYTHON_FORMAT.findall(text))


def _formats(text: str, names: set[str]) -> bool:
    try:
        text % dict.fromkeys(names, "1")
    except (KeyError, ValueError, TypeError):
        return False
    return True


def format_problems(source: str) -> list[str]:
    """A source string that a template fills in must itself be fillable."""
    if "%(" not in source or _formats(source, python_names(source)):
        return []
    return ["a '%' that is not a placeholder like '%(minutes)s'; write '%%' for a percent sign"]


def translation_problems(
    source: str, text: str, *, interface: bool = False, single: bool = False
) -> tuple[list[str], list[str]]:
    """What is wrong with a translation (errors) and what looks wrong (warnings). Only an
    `interface` string (a template's) is filled in with `%(name)s`. A `single` form of a plural
    entry is for one number only (Arabic's two: ساعتان) and may leave the number out."""
    shape, expected = text_shape(text), text_shape(source)
    errors = list(shape.problems)
    if interface and "%(" in source:
        wanted = python_names(source)
        found = python_names(text)
        if found != wanted and not (single and found < wanted):
            names = ", ".join(f"%({name})s" for name in sorted(wanted)) or "none"
            errors.append(f"placeholders differ from the source text (expected: {names})")
        elif not _formats(text, found):
            errors.append("a '%' that is not a placeholder; write '%%' for a percent sign")
    hosts = {url_host(link) for link in expected.links}
    for link in shape.links:
        host = url_host(link)
        if host and host not in hosts and not url_problem(link):  # an unsafe link is reported already
            leads = ", ".join(sorted(h for h in hosts if h)) or "nowhere outside the handbook"
            errors.append(
                f"a link leads to '{host}', where the source's links lead to {leads}; "
                "a translation keeps the source's links"
            )
    warnings = []
    if len(shape.links) != len(expected.links):
        warnings.append(f"{len(shape.links)} links where the source has {len(expected.links)}")
    blocks, wanted_blocks = shape.blocks(), expected.blocks()
    for tag in sorted(set(blocks) | set(wanted_blocks)):
        if blocks.get(tag, 0) != wanted_blocks.get(tag, 0):
            warnings.append(
                f"{blocks.get(tag, 0)} {WHAT[tag]} where the source has {wanted_blocks.get(tag, 0)}; "
                "keep the source's Markdown structure"
            )
    return errors, warnings
