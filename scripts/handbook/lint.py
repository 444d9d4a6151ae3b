"""A plain-language check: sentence length per page and language, against limits in handbook.yml."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from handbook.errors import Problem
from handbook.kinds import SETTINGS

if TYPE_CHECKING:
    import datetime

    from handbook.load import Handbook
    from handbook.models import PlainLanguage
    from handbook.yamlsrc import Loc

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


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return day.replace(year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1]))


def review_warnings(hb: Handbook, today: datetime.date) -> list[Problem]:
    """Facts checked too long ago: an escalation path, module, contact or emergency number whose
    `reviewed` date is more than handbook.yml's review_months old, and an escalation path or
    emergency number that was never reviewed (what a reader acts on in a crisis)."""
    months = hb.settings.review_months
    oldest = months_before(today, months)
    out: list[Problem] = []

    def check(file: str, loc: Loc, reviewed: datetime.date | None, *, required: bool) -> None:
        where = (*loc, "reviewed")
        source = hb.files.get(file)
        if reviewed is None:
            if not required:
                return
            message = "never reviewed; add 'reviewed: YYYY-MM-DD' once it is checked against its sources"
        elif reviewed < oldest:
            message = f"last reviewed {reviewed.isoformat()}, more than {months} months ago"
        else:
            return
        out.append(source.problem(where, message) if source else Problem(file, 1, 1, "reviewed", message))

    for esc_id, esc in sorted(hb.escalations.items()):
        check(hb.file_of("escalation", esc_id), (), esc.reviewed, required=True)
    for module_id, module in sorted(hb.modules.items()):
        check(hb.file_of("module", module_id), (), module.reviewed, required=False)
    for contact_id, contact in hb.settings.contacts.items():
        check(SETTINGS.file, ("contacts", contact_id), contact.reviewed, required=False)
    for number_id, number in hb.settings.emergency_numbers.items():
        check(SETTINGS.file, ("emergency_numbers", number_id), number.reviewed, required=True)
    return out
