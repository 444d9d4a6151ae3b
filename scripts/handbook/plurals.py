"""Which plural form a number takes in a language: CLDR's rules, as Babel gives them to gettext.

A PO catalogue says its rule in the header (`Plural-Forms: nplurals=3; plural=(n%10==1 ...);`),
and the `msgstr[0..n]` of a plural entry are the forms in the order that rule numbers them:
Ukrainian has one (1, 21), few (2, 22) and many (5, 11); Arabic six; French treats 0 like 1.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import DEFAULT_PLURAL, PLURALS, get_plural
from babel.plural import to_gettext

if TYPE_CHECKING:
    from collections.abc import Callable

# Enough numbers to tell gettext rules apart: they look at n, n % 10 and n % 100.
SAMPLE = range(1000)
FORMS = re.compile(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", re.DOTALL)


@dataclass(frozen=True)
class PluralRule:
    """How many forms a language has and which one a number takes."""

    count: int
    expression: str

    @property
    def header(self) -> str:
        """The value of a catalogue's `Plural-Forms:` header line."""
        return f"nplurals={self.count}; plural={self.expression};"

    def index(self, n: int) -> int:
        """The msgstr[i] that `n` takes."""
        return _compiled(self.expression)(n)

    def numbers(self, index: int) -> list[int]:
        """The numbers (of the sample) that take form `index`."""
        return [n for n, taken in enumerate(_table(self)) if taken == index]

    def single(self, index: int) -> bool:
        """A form for one number only (Arabic's 2: ساعتان), which need not write the number."""
        return len(self.numbers(index)) == 1

    def same_as(self, other: PluralRule) -> bool:
        return self.count == other.count and _table(self) == _table(other)


@cache
def _compiled(expression: str) -> Callable[[int], int]:
    return gettext.c2py(expression)


@cache
def _table(rule: PluralRule) -> tuple[int, ...]:
    """The form each number of the sample takes."""
    return tuple(rule.index(n) for n in SAMPLE)


def parse_rule(value: str) -> PluralRule | None:
    """A `Plural-Forms:` header's rule, or None when it is not one gettext can evaluate."""
    match = FORMS.match(value)
    if not match:
        return None
    rule = PluralRule(int(match.group(1)), match.group(2).strip())
    try:
        indexes = set(_table(rule))
    except (ValueError, SyntaxError, RecursionError, ZeroDivisionError, TypeError):
        return None
    return rule if rule.count > 0 and min(indexes) >= 0 and max(indexes) < rule.count else None


@cache
def plural_rule(code: str) -> PluralRule:
    """A language's rule: Babel's gettext table (the rule Poedit and Weblate know it by); for a
    language that table lacks (Tigrinya, Pashto, Somali ...) the rule Babel makes from CLDR's;
    for a code Babel does not know, two forms as in English."""
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return PluralRule(*DEFAULT_PLURAL)
    if str(locale) in PLURALS or locale.language in PLURALS:
        found = get_plural(locale)
        return PluralRule(found.num_plurals, found.plural_expr)
    made = parse_rule(to_gettext(locale.plural_form))
    return made or PluralRule(*DEFAULT_PLURAL)


def carry_forms(forms: tuple[str, ...], old: PluralRule, new: PluralRule) -> tuple[tuple[str, ...], bool]:
    """A plural entry's forms, written for the `old` rule, in the order of the `new` one: each new
    form takes the old form that the same numbers took. Also whether each one could: not when the
    numbers of one new form took different old forms, or an old form that is not there."""
    carried, clean = [], True
    for index in range(new.count):
        taken = {old.index(n) for n in new.numbers(index)}
        found = {forms[i] for i in taken if i < len(forms)}
        clean = clean and len(found) == 1 and max(taken, default=len(forms)) < len(forms)
        carried.append(found.pop() if len(found) == 1 else "")
    return tuple(carried), clean
