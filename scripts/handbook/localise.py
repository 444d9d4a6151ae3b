"""Put a handbook into one language: each string from the catalogue, or the Dutch marked as such."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from handbook.catalog import UNITS_TEMPLATE, entry_key, unit_messages
from handbook.kinds import COLLECTIONS, DOCUMENTS, SETTINGS, TEMPLATES_DIR
from handbook.plurals import plural_rule
from handbook.texts import map_texts
from handbook.translation import python_names

if TYPE_CHECKING:
    from pathlib import Path

    from handbook.catalog import Language, Translation
    from handbook.load import Handbook
    from handbook.models import Settings

PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)?)\}")

# How a string stands in a language: the source itself, a current translation, a translation
# whose Dutch has changed since (outdated: shown in Dutch), or no translation (shown in Dutch).
SOURCE, TRANSLATED, OUTDATED, MISSING = "source", "translated", "outdated", "missing"


def escape_text(text: str) -> str:
    """Make text safe inside Markdown: no markup from content, Markdown itself still works.

    A brace becomes a character reference, so no Markdown extension that reads `{ … }` (attribute
    lists) acts on content text, and template syntax in a text stays text.
    """
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )


class LocalText(str):
    """A string in the language it is shown in, knowing whether it is a fallback.

    Jinja2's autoescape calls `__html__`: the text is escaped, and a fallback is wrapped in an
    element with `lang` set, so screen readers switch voice and readers see it is not theirs.
    """

    lang: str
    status: str

    def __new__(cls, text: str, lang: str, status: str) -> LocalText:
        obj = super().__new__(cls, text)
        obj.lang = lang
        obj.status = status
        return obj

    @property
    def fallback(self) -> bool:
        return self.status in (OUTDATED, MISSING)

    def __html__(self) -> str:
        record(self)
        text = escape_text(str(self))
        if not self.fallback:
            return text
        # dir="auto": text in the source language keeps its own direction inside a right-to-left page.
        return f'<span lang="{self.lang}" dir="auto" class="hb-{self.status}">{text}</span>'

    def block(self) -> Markup:
        """Markdown with paragraphs: a fallback goes in a block element that Markdown fills."""
        record(self)
        text = escape_text(str(self).strip())
        if not self.fallback:
            return Markup(text)
        return Markup(
            f'<div lang="{self.lang}" dir="auto" class="hb-{self.status}" markdown="1">\n\n{text}\n\n</div>'
        )


@dataclass
class Usage:
    """What the strings shown on one page were: counts per status."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, status: str) -> None:
        self.counts[status] = self.counts.get(status, 0) + 1

    @property
    def status(self) -> str:
        if self.counts.get(OUTDATED):
            return "outdated"
        if self.counts.get(MISSING):
            return "partial"
        return "complete"


_current: list[Usage] = []


def record(text: LocalText) -> None:
    if _current:
        _current[-1].add(text.status)


class recording:  # noqa: N801 - used as a context manager, reads as a verb
    """Collect the status of every string rendered inside the `with` block."""

    def __enter__(self) -> Usage:
        usage = Usage()
        _current.append(usage)
        return usage

    def __exit__(self, *_: object) -> None:
        _current.pop()


def placeholder_values(settings: Settings) -> dict[str, str]:
    values = {"organisation": settings.organisation}
    for name, value in settings.programme:
        values[f"programme.{name}"] = str(value)
    return values


def quantities(
    settings: Settings, units: dict[str, tuple[str, str]]
) -> dict[str, tuple[int, tuple[str, str]]]:
    """The programme's numbers that have a unit in templates/_units.j2, by placeholder: a setting
    named `<something>_<unit>` (`check_in_weeks`) is `{quantity.check_in_weeks}`, its number
    with the unit in the words of the text's language (`4 weken`, `4 тижні`)."""
    found = {}
    for name, value in settings.programme:
        unit = max((unit for unit in units if name.endswith(f"_{unit}")), key=len, default=None)
        if unit is not None and isinstance(value, int):
            found[f"quantity.{name}"] = (value, units[unit])
    return found


def placeholder_names(settings: Settings, root: Path) -> set[str]:
    """Every placeholder a text may use."""
    return set(placeholder_values(settings)) | set(quantities(settings, unit_messages(root)))


def placeholders_in(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


@dataclass
class Localiser:
    """Looks strings up in one language's catalogue."""

    source_lang: str
    lang: str
    catalogue: Language | None

    def _found(self, address: str, source: str, plural: str | None) -> tuple[Translation | None, str]:
        """The current translation of a string, if there is one, and how the string stands."""
        if self.lang == self.source_lang:
            return None, SOURCE
        entry = self.catalogue.entries.get(entry_key(address, source)) if self.catalogue else None
        if entry is None or not any(entry.forms or (entry.text,)):
            return None, MISSING
        if entry.fuzzy or entry.source != source or entry.plural != plural:
            return None, OUTDATED
        return entry, TRANSLATED

    def text(self, address: str, source: str) -> LocalText:
        entry, status = self._found(address, source, None)
        if entry is None:
            return LocalText(source, self.source_lang, status)
        return LocalText(entry.text, self.lang, TRANSLATED)

    def plural(self, address: str, source: str, plural: str, n: int) -> LocalText:
        """The form of a plural string that `n` takes in the language (its msgstr[i]), or in the
        source language (msgid for its first form, msgid_plural for the others) as a fallback
        where that form is not translated."""
        entry, status = self._found(address, source, plural)
        if entry is not None:
            index = plural_rule(self.lang).index(n)
            if index < len(entry.forms) and entry.forms[index]:
                return LocalText(entry.forms[index], self.lang, TRANSLATED)
            status = MISSING
        text = source if plural_rule(self.source_lang).index(n) == 0 else plural
        return LocalText(text, self.source_lang, status)

    def status(self, address: str, source: str, plural: str | None = None) -> str:
        """How a string stands: a plural one is translated when every form of the language is."""
        entry, status = self._found(address, source, plural)
        if entry is not None and plural is not None:
            count = plural_rule(self.lang).count
            if len(entry.forms) < count or not all(entry.forms[:count]):
                return MISSING
        return status

    def quantity(self, words: tuple[str, str], n: int) -> LocalText:
        """`n` with its unit from templates/_units.j2 (`4 weken`), as `fmt` fills it in."""
        found = self.plural(f"{TEMPLATES_DIR}/{UNITS_TEMPLATE}", *words, n)
        try:
            text = str(found) % dict.fromkeys(python_names(str(found)), n)
        except (KeyError, ValueError, TypeError):
            text = str(n)  # validation refuses such a translation; a page still shows the number
        return LocalText(text, found.lang, found.status)


def localise_value(
    value: Any,
    file: str,
    prefix: tuple[str, ...],
    localiser: Localiser,
    values: dict[str, str],
    *,
    by_language: dict[str, dict[str, LocalText]] | None = None,
) -> Any:
    """`value` with each text in the localiser's language; placeholders filled in with `values`,
    and with `by_language`'s values in the language the text is shown in (its own, or the
    source's for a fallback)."""

    def translate(address: str, source: str) -> str:
        found = localiser.text(f"{file}:{address}", source)
        own = (by_language or {}).get(found.lang, {})
        status = found.status
        if status == TRANSLATED and any(own[name].fallback for name in placeholders_in(found) if name in own):
            status = MISSING  # a unit not yet translated: the text is not all in the language yet
        return LocalText(fill_placeholders(found, {**values, **own}), found.lang, status)

    return map_texts(value, translate, prefix)


def localise_handbook(
    handbook: Handbook, lang: str, catalogue: Language | None, source_catalogue: Language | None = None
) -> Handbook:
    """A copy of the handbook with every translatable string in `lang` (or marked fallback).
    `source_catalogue`: the source language's own, when the templates are written in another
    language (the units of a fallback text are said in the source language)."""
    settings = handbook.settings
    localiser = Localiser(settings.default_language, lang, catalogue)
    local_settings = localise_value(settings, SETTINGS.file, (), localiser, {})
    values = placeholder_values(local_settings)
    numbers = quantities(settings, unit_messages(handbook.root))
    by_language: dict[str, dict[str, LocalText]] = {}
    for code, own in {settings.default_language: source_catalogue, lang: catalogue}.items():
        units = Localiser(settings.interface_language, code, own)
        by_language[code] = {name: units.quantity(words, n) for name, (n, words) in numbers.items()}

    def local(value: Any, file: str, prefix: tuple[str, ...] = ()) -> Any:
        return localise_value(value, file, prefix, localiser, values, by_language=by_language)

    parts: dict[str, Any] = {
        c.attribute: {
            item_id: local(item, c.file(item_id)) for item_id, item in getattr(handbook, c.attribute).items()
        }
        for c in COLLECTIONS
    }
    for document in DOCUMENTS:
        parts[document.attribute] = local(
            getattr(handbook, document.attribute), document.file, document.prefix
        )
    return handbook.replace(**parts)
