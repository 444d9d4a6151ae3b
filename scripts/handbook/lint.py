"""A plain-language check: sentence length per page and language, against limits in handbook.yml."""

from __future__ import annotations

import calendar
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from handbook.errors import Problem
from handbook.kinds import SETTINGS

if TYPE_CHECKING:
    import datetime
    from collections.abc import Iterable

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

# --- where a sentence ends --------------------------------------------------------------------
# A script's own marks only occur in the languages written in it, so one table serves every
# language: a language added to handbook.yml needs no entry here to be split at its marks.
SENTENCE_ENDS = {
    "Latin and Cyrillic script": ".!?…‼⁇⁈⁉",
    "Arabic script (Arabic, Persian, Pashto; Urdu's full stop ۔)": "؟۔",  # noqa: RUF001
    "Devanagari, Bengali (danda)": "।॥",
    "Ethiopic (Amharic, Tigrinya)": "።፧",
    "Armenian": "։",  # noqa: RUF001
}
ENDS = "".join(SENTENCE_ENDS.values())
# Marks inside a sentence that end one only before a capital letter ("Let op: Dit is ..."). The
# Arabic semicolon ؛ is one of them; Arabic script has no capitals, so it never ends a sentence
# there, just as the Arabic comma ، and the Latin comma never do.
SOFT_ENDS = ":;؛"
# What may close a sentence after its mark: quotes and brackets, French « … » with its space.
CLOSERS = "\"'”’“‘»›)]"  # noqa: RUF001
# Possessive and never started inside a run of marks: a line of 10,000 dots is read once.
SENTENCE_MARK = re.compile(
    rf"(?:(?<![{re.escape(ENDS)}])[{re.escape(ENDS)}]++(?:\s*+[{re.escape(CLOSERS)}])*|[{SOFT_ENDS}])(?=\s)"
)
DASHES = "-‐‒–—―"  # noqa: RUF001
# The first character of the next sentence, past spaces and dashes ("«Добре!» — сказала вона").
FOLLOWING = re.compile(rf"\s*+(?:[{DASHES}]\s*+)*+(.?)")


@dataclass(frozen=True)
class Abbreviations:
    """A language's abbreviations with a full stop, separated by spaces. `inside` never end a
    sentence ("bv. Gent"); `closing` may, and do when a capital follows ("enz. Dan ..."). One in
    lower case is found in any case ("Bv."), one with a capital only as written (French "M.", not
    "500 m."); "t.e.m." is also found as "t. e. m.", and "т.д." as "т. д."."""

    inside: str = ""
    closing: str = ""


# By language (the code's first part: "pt-BR" reads "pt"). A language without an entry is still
# split at the marks above; this only keeps its abbreviations from ending a sentence.
ABBREVIATIONS = {
    "nl": Abbreviations(
        inside=(
            "bv. bijv. vb. o.a. d.w.z. m.a.w. nl. t.e.m. t.a.v. i.p.v. m.b.t. i.v.m. a.d.h.v. o.b.v. "
            "m.i.v. evt. ca. zgn. resp. incl. excl. nr. tel. blz. p. vs. dhr. mevr. mr. dr. prof. art."
        ),
        closing="enz. e.d. e.a. etc. a.u.b. z.s.m. min. max.",
    ),
    "en": Abbreviations(
        inside="e.g. i.e. Mr. Mrs. Ms. Dr. Prof. St. approx. vs. cf. tel. p. pp. incl.",
        closing="etc. a.m. p.m. Inc. Ltd. Co.",
    ),
    "fr": Abbreviations(
        inside="p.ex. c.-à-d. M. MM. Dr. Pr. env. cf. av. bd. tél. p. art. vol. chap.",
        closing="etc. cie.",
    ),
    "uk": Abbreviations(
        inside="напр. див. т.зв. вул. тел. ім. ст. с. м. пл. просп. обл. проф.",  # noqa: RUF001
        closing="т.д. т.п. т.ін. ін. р. рр. грн. тис. млн.",  # noqa: RUF001
    ),
    "ru": Abbreviations(
        inside="т.е. т.к. т.н. напр. см. ул. тел. им. ст. с. проф.",  # noqa: RUF001
        closing="т.д. т.п. др. пр. г. гг. руб. тыс. млн.",  # noqa: RUF001
    ),
}


def _abbreviation_pattern(entries: str) -> re.Pattern[str] | None:
    """One pattern for a list of abbreviations: a space may follow each inner full stop
    ("т. д."), and one must start a word ("bv." is not the end of "abv.")."""
    alternatives = []
    for entry in sorted(entries.split(), key=len, reverse=True):
        body = r"\.\s*".join(re.escape(part) for part in entry[:-1].split(".")) + r"\."
        alternatives.append(f"(?i:{body})" if entry == entry.lower() else body)
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})") if alternatives else None


@dataclass(frozen=True)
class Splitter:
    """Splits running text into sentences the way one language writes them."""

    inside: re.Pattern[str] | None
    closing: re.Pattern[str] | None

    def split(self, text: str) -> list[str]:
        # Where a full stop belongs to an abbreviation: its position -> (the abbreviation's end,
        # whether it may close a sentence).
        guarded: dict[int, tuple[int, bool]] = {}
        for pattern, closing in ((self.closing, True), (self.inside, False)):
            for found in pattern.finditer(text) if pattern else ():
                guarded.update(dict.fromkeys(range(found.start(), found.end()), (found.end(), closing)))
        out: list[str] = []
        start = 0
        for mark in SENTENCE_MARK.finditer(text):
            if self._ends(text, mark, guarded):
                out.append(text[start : mark.end()])
                start = mark.end()
        out.append(text[start:])
        return [sentence.strip() for sentence in out if sentence.strip()]

    @staticmethod
    def _ends(text: str, mark: re.Match[str], guarded: dict[int, tuple[int, bool]]) -> bool:
        at = mark.start()
        following = FOLLOWING.match(text, mark.end())
        first = following.group(1) if following else ""
        if text[at] in SOFT_ENDS:
            return first.isupper()
        if at in guarded:
            # The full stop of an abbreviation: the last one of a closing one ends the sentence
            # before a capital; any other never does.
            end, closing = guarded[at]
            return closing and at == end - 1 and first.isupper()
        # A small letter after a quote or bracket, or after an ellipsis, goes on with the same
        # sentence: «Hallo!» — zei ze; « Bonjour ! » dit-il; en dan … niets.
        closed = text[at] == "…" or any(char in CLOSERS for char in mark.group())
        return not (closed and first.islower())


@functools.cache
def splitter_for(lang: str) -> Splitter:
    """The sentence splitter of a language code of handbook.yml."""
    table = ABBREVIATIONS.get(lang.split("-", maxsplit=1)[0].lower(), Abbreviations())
    return Splitter(_abbreviation_pattern(table.inside), _abbreviation_pattern(table.closing))


def split_sentences(text: str, lang: str) -> list[str]:
    """The sentences of a piece of plain running text in language `lang`."""
    return splitter_for(lang).split(text)


# --- what a word is ---------------------------------------------------------------------------
def _ranges(codes: Iterable[int]) -> str:
    """Code points as the ranges of a character class ("\\u0300-\\u036f...")."""
    out = []
    for _, run in itertools.groupby(enumerate(codes), lambda pair: pair[1] - pair[0]):
        first, *more = [code for _, code in run]
        last = more[-1] if more else first
        out.append(re.escape(chr(first)) + (f"-{re.escape(chr(last))}" if last != first else ""))
    return "".join(out)


@functools.cache
def word_pattern() -> re.Pattern[str]:
    """A word: letters and digits with the marks written on them (Arabic vowel signs and shadda,
    accents written apart, Indic vowel signs) and the joiners inside Persian words; a hyphen,
    apostrophe or full stop between letters joins them ("e-mail", "buddy's", "d.w.z."). Tatweel
    (ـ) is a letter already. Built on first use: the marks come from the Unicode database."""
    codes = itertools.chain(range(0x20000), range(0xE0100, 0xE01F0))
    marks = _ranges(code for code in codes if unicodedata.category(chr(code)).startswith("M"))
    part = rf"[^\W_](?:[^\W_]|[{marks}\u200c\u200d])*"
    return re.compile(rf"{part}(?:[-'\u2019.]{part})*")


def words(text: str) -> list[str]:
    return word_pattern().findall(text)


class _Ratios:
    """Average words per sentence and the share of long sentences, of anything that counts them."""

    sentences: int
    words: int
    long: int

    @property
    def average(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def long_share(self) -> float:
        return self.long / self.sentences if self.sentences else 0.0


@dataclass(frozen=True)
class Reading(_Ratios):
    """How one page reads: its sentences and how long they are."""

    page: str
    lang: str
    sentences: int
    words: int
    long: int


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


def sentences(markdown: str, lang: str) -> list[list[str]]:
    """Each sentence of a page's running text in language `lang`, as its list of words."""
    out = []
    # A line break inside an item (a checklist's "why") ends a sentence as well.
    units = [part for unit in _units(markdown) for part in BREAK.split(unit)]
    for unit in units:
        plain = LINK.sub(r"\1", ICON.sub("", ATTRS.sub("", TAG.sub("", unit))))
        plain = plain.replace("**", "").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        for sentence in split_sentences(plain, lang):
            found = words(sentence)
            if found:
                out.append(found)
    return out


def measure(page: str, lang: str, markdown: str, long_words: int) -> Reading:
    found = sentences(markdown, lang)
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


@dataclass(frozen=True)
class Judged:
    """A page's reading held to the limits for its readers (None: no limit is set for them)."""

    reading: Reading
    limit: tuple[float, float] | None

    @property
    def over(self) -> bool:
        if self.limit is None:
            return False
        return self.reading.average > self.limit[0] or self.reading.long_share > self.limit[1]


@dataclass(frozen=True)
class LanguageReading(_Ratios):
    """How all the pages of one language read together."""

    lang: str
    pages: int
    sentences: int
    words: int
    long: int
    over: int


def summarise(lang: str, judged: list[Judged]) -> LanguageReading:
    return LanguageReading(
        lang=lang,
        pages=len(judged),
        sentences=sum(page.reading.sentences for page in judged),
        words=sum(page.reading.words for page in judged),
        long=sum(page.reading.long for page in judged),
        over=sum(page.over for page in judged),
    )


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
