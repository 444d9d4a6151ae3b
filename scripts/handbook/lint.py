"""A plain-language check: sentence length per page and language, against limits in handbook.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from handbook.models import PlainLanguage

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
TAG = re.compile(r"<[^>]+>")
BREAK = re.compile(r"<br\s*/?>")
ATTRS = re.compile(r"\{[^{}]*\}")
ICON = re.compile(r":[a-z0-9-]+:")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'\u201d\u2019)]*\s+|(?<=[:;])\s+(?=[A-ZÀ-Ý])")
WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*", re.U)


@dataclass(frozen=True)
class Reading:
    """How one page reads: its sentences and how long they are."""

    page: str
    lang: str
    sentences: int
    words: int
    long: int

    @property
    def average(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def long_share(self) -> float:
        return self.long / self.sentences if self.sentences else 0.0


def _units(markdown: str) -> list[str]:
    """The running text of a page: paragraphs and list items, without headings, tables or code."""
    text = FENCE.sub("", FRONT_MATTER.sub("", markdown))
    units: list[str] = []
    current: list[str] = []
    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        starts_item = re.match(r"^(?:(?:[-*+]|\d+\.)\s+(?:\[[ x]\]\s+)?|<li\b[^>]*>)", line)
        skip = line.startswith(("#", "|", "!!!", "???", "---", "<div", "</div", "<ul", "</ul")) or not line
        if skip or starts_item:
            if current:
                units.append(" ".join(current))
            current = []
        if skip:
            continue
        current.append(line[starts_item.end() :] if starts_item else line)
    return units


def sentences(markdown: str) -> list[list[str]]:
    """Each sentence of a page's running text, as its list of words."""
    out = []
    # A line break inside an item (a checklist's "why") ends a sentence as well.
    units = [part for unit in _units(markdown) for part in BREAK.split(unit)]
    for unit in units:
        plain = LINK.sub(r"\1", ICON.sub("", ATTRS.sub("", TAG.sub("", unit))))
        plain = plain.replace("**", "").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        for sentence in SENTENCE_END.split(plain):
            words = WORD.findall(sentence)
            if words:
                out.append(words)
    return out


def measure(page: str, lang: str, markdown: str, long_words: int) -> Reading:
    found = sentences(markdown)
    return Reading(
        page=page,
        lang=lang,
        sentences=len(found),
        words=sum(len(s) for s in found),
        long=sum(1 for s in found if len(s) > long_words),
    )


def limit_for(settings: PlainLanguage, audiences: list[str]) -> tuple[float, float] | None:
    """The (average, long share) limits of a page for these readers; a page for all takes the first."""
    for limit in settings.limits:
        if not audiences or set(limit.readers) & set(audiences):
            return limit.max_average_words, limit.max_long_share
    return None
