"""Numbers follow each language's plural rules (CLDR, via Babel): 1 година, 2 години, 5 годин,
21 година; ساعة واحدة, ساعتان, 5 ساعات, 21 ساعة. The forms come from the catalogues' plural
entries (msgid_plural, msgstr[0..n]), in the order of each header's Plural-Forms."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from babel.messages.catalog import Catalog

from content import CATALOGUES, LANGUAGES, SETTINGS
from handbook.build import generate, load_valid
from handbook.catalog import POT_FILE, Language, Translation, read_language
from handbook.commands import update
from handbook.errors import ValidationFailed
from handbook.localise import MISSING, OUTDATED, SOURCE, TRANSLATED, Localiser
from handbook.plurals import carry_forms, parse_rule, plural_rule
from handbook.render import Renderer
from minihandbook import FILES, REPO, write_tree

if TYPE_CHECKING:
    from pathlib import Path

NUMBERS = (1, 2, 5, 21)
# What the handbook's catalogues say for 1, 2, 5 and 21 hours and weeks, in each language.
EXPECTED = {
    "nl": {
        "hours": ["1 uur", "2 uur", "5 uur", "21 uur"],
        "weeks": ["1 week", "2 weken", "5 weken", "21 weken"],
    },
    "en": {
        "hours": ["1 hour", "2 hours", "5 hours", "21 hours"],
        "weeks": ["1 week", "2 weeks", "5 weeks", "21 weeks"],
    },
    "fr": {
        "hours": ["1 heure", "2 heures", "5 heures", "21 heures"],
        "weeks": ["1 semaine", "2 semaines", "5 semaines", "21 semaines"],
    },
    "ar": {
        "hours": ["ساعة واحدة", "ساعتان", "5 ساعات", "21 ساعة"],
        "weeks": ["أسبوع واحد", "أسبوعان", "5 أسابيع", "21 أسبوعًا"],
    },
    "uk": {
        "hours": ["1 година", "2 години", "5 годин", "21 година"],
        "weeks": ["1 тиждень", "2 тижні", "5 тижнів", "21 тиждень"],
    },
    "ru": {
        "hours": ["1 час", "2 часа", "5 часов", "21 час"],
        "weeks": ["1 неделя", "2 недели", "5 недель", "21 неделя"],
    },
    "tr": {  # one form: a number takes the singular noun
        "hours": ["1 saat", "2 saat", "5 saat", "21 saat"],
        "weeks": ["1 hafta", "2 hafta", "5 hafta", "21 hafta"],
    },
    "fa": {  # one form: the noun stays singular after a number
        "hours": ["1 ساعت", "2 ساعت", "5 ساعت", "21 ساعت"],
        "weeks": ["1 هفته", "2 هفته", "5 هفته", "21 هفته"],
    },
    "ps": {
        "hours": ["1 ساعت", "2 ساعته", "5 ساعته", "21 ساعته"],
        "weeks": ["1 اونۍ", "2 اونۍ", "5 اونۍ", "21 اونۍ"],
    },
}
UNITS = "templates/_units.j2"
HOURS = ("%(count)s uur", "%(count)s uur")
MODULE = "templates/module.md.j2"
DURATION = ("Duur: %(minutes)s minuut", "Duur: %(minutes)s minuten")


def _rendered(lang: str, unit: str) -> list[str]:
    """The unit macro of templates/_units.j2 as a page in `lang` renders it, for each number."""
    renderer = Renderer(REPO, SETTINGS.interface_language)
    renderer.use(lang, CATALOGUES.get(lang))
    calls = "|".join(f"{{{{ U.{unit}({n}) }}}}" for n in NUMBERS)
    return renderer.env.from_string('{% import "_units.j2" as U %}' + calls).render().split("|")


@pytest.mark.parametrize("unit", ["hours", "weeks"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_hours_and_weeks_take_each_languages_plural_forms(lang: str, unit: str) -> None:
    if lang not in EXPECTED:
        pytest.skip(f"no expected words for '{lang}': add them to EXPECTED")
    # Exact words, so a fallback (wrapped in a span in the source language) fails too.
    assert _rendered(lang, unit) == EXPECTED[lang][unit]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_content_says_a_quantity_with_the_same_words(lang: str) -> None:
    """`{quantity.<setting>}` in content reads the same plural entries as the templates."""
    if lang not in EXPECTED:
        pytest.skip(f"no expected words for '{lang}': add them to EXPECTED")
    units = Localiser(SETTINGS.interface_language, lang, CATALOGUES.get(lang))
    assert [str(units.quantity(HOURS, n)) for n in NUMBERS] == EXPECTED[lang]["hours"]


# The form each number takes: Babel's gettext rule for the language, which the header says too.
@pytest.mark.parametrize(
    ("code", "forms"),
    [
        ("nl", {0: 1, 1: 0, 2: 1, 21: 1}),
        ("fr", {0: 0, 1: 0, 2: 1, 21: 1}),  # French: 0 and 1 are singular
        ("uk", {1: 0, 21: 0, 2: 1, 4: 1, 22: 1, 0: 2, 5: 2, 11: 2, 12: 2, 111: 2}),
        ("ru", {1: 0, 3: 1, 7: 2}),
        ("ar", {0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 5, 21: 5, 99: 5, 100: 4, 102: 4, 103: 3}),
        ("ti", {0: 0, 1: 0, 2: 1}),  # not in Babel's table: the rule comes from CLDR's
        ("xx", {0: 1, 1: 0, 2: 1}),  # unknown to Babel: two forms, as in English
    ],
)
def test_the_form_a_number_takes(code: str, forms: dict[int, int]) -> None:
    rule = plural_rule(code)
    assert {n: rule.index(n) for n in forms} == forms
    if code in ("nl", "fr", "uk", "ru", "ar"):
        assert rule.header == Catalog(locale=code).plural_forms


def test_rules_are_compared_by_what_they_do() -> None:
    arabic = plural_rule("ar")
    # Poedit and Weblate number Arabic's many (11-99) and other (100-102) the other way round.
    weblate = parse_rule(
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
    )
    assert weblate is not None
    assert not weblate.same_as(arabic)
    english = parse_rule("nplurals=2; plural=n != 1;")
    assert english == parse_rule(" nplurals = 2 ; plural = n != 1")
    assert english is not None
    assert plural_rule("en").same_as(english)
    for broken in (
        "nplurals=INTEGER; plural=EXPRESSION;",
        "nplurals=2; plural=n/0;",
        "nplurals=1; plural=n;",
    ):
        assert parse_rule(broken) is None
    forms = ("0", "1", "2", "few", "many", "other")
    assert carry_forms(forms, weblate, arabic) == (("0", "1", "2", "few", "other", "many"), True)
    # Ukrainian's first form is for 1 and 21, which English says with different forms: that one is
    # left for the translator (and the entry marked fuzzy).
    assert carry_forms(("hour", "hours"), plural_rule("en"), plural_rule("uk")) == (
        ("", "hours", "hours"),
        False,
    )
    assert plural_rule("ar").single(2)
    assert not plural_rule("fr").single(0)  # French's first form is for 0 and 1


def _catalogue(code: str, forms: tuple[str, ...], *, fuzzy: bool = False, plural: str = HOURS[1]) -> Language:
    translation = Translation(forms[0], HOURS[0], fuzzy, 1, 2, plural=plural, forms=forms)
    return Language(code, f"content/locales/{code}.po", {f"{UNITS}\x04{HOURS[0]}": translation})


def test_a_missing_or_outdated_form_falls_back_to_the_source() -> None:
    uk = Localiser("nl", "uk", _catalogue("uk", ("%(count)s година", "", "%(count)s годин")))
    one, few, many = (uk.plural(UNITS, *HOURS, n) for n in (21, 3, 5))
    assert (str(one), one.lang, one.status) == ("%(count)s година", "uk", TRANSLATED)
    assert (str(few), few.lang, few.status) == ("%(count)s uur", "nl", MISSING)
    assert (str(many), many.status) == ("%(count)s годин", TRANSLATED)
    assert uk.status(UNITS, *HOURS) == MISSING  # not every form is there
    fuzzy = Localiser("nl", "uk", _catalogue("uk", ("a", "b", "c"), fuzzy=True))
    assert fuzzy.plural(UNITS, *HOURS, 5).status == OUTDATED
    moved = Localiser("nl", "uk", _catalogue("uk", ("a", "b", "c"), plural="%(count)s uren"))
    assert moved.plural(UNITS, *HOURS, 5).status == OUTDATED  # the Dutch plural changed since
    assert Localiser("nl", "uk", _catalogue("uk", ("a", "b", "c"))).status(UNITS, *HOURS) == TRANSLATED
    # The source language takes its own forms from the template: msgid for one, msgid_plural else.
    source = Localiser("nl", "nl", None)
    assert [str(source.plural(MODULE, *DURATION, n)) for n in (0, 1, 2)] == [
        DURATION[1],
        DURATION[0],
        DURATION[1],
    ]
    assert source.plural(MODULE, *DURATION, 1).status == SOURCE
    french = Localiser("fr", "en", None)  # templates in French: 0 is singular there too
    assert str(french.plural(MODULE, "%(n)s heure", "%(n)s heures", 0)) == "%(n)s heure"


# --- the catalogues: extraction and update -------------------------------------------------------

EN = "content/locales/en.po"
MORE_LANGUAGES = "  - code: en\n    name: English\n" + "".join(
    f"  - code: {code}\n    name: {code}\n" + ("    dir: rtl\n" if code == "ar" else "")
    for code in ("fr", "uk", "ar")
)


def _with_languages(root: Path) -> None:
    write_tree(
        root,
        {"handbook.yml": FILES["handbook.yml"].replace("  - code: en\n    name: English\n", MORE_LANGUAGES)},
    )


def _po(root: Path, code: str) -> str:
    return (root / f"content/locales/{code}.po").read_text(encoding="utf-8")


def _block(text: str, msgid: str, context: str = "") -> str:
    """The entry of a PO file whose msgid is `msgid` (in `context`), from its first line to its last."""
    found = [
        block
        for block in text.split("\n\n")
        if f'\nmsgid "{msgid}"\n' in f"\n{block}\n" and f'msgctxt "{context}' in block
    ]
    assert len(found) == 1, msgid
    return found[0]


def test_extraction_writes_plural_entries_with_the_forms_of_each_language(mini: Path) -> None:
    _with_languages(mini)
    assert update(mini) == 0
    pot = (mini / POT_FILE).read_text(encoding="utf-8")
    assert (
        'msgctxt "templates/module.md.j2"\nmsgid "Duur: %(minutes)s minuut"\n'
        'msgid_plural "Duur: %(minutes)s minuten"\nmsgstr[0] ""\nmsgstr[1] ""'
    ) in pot
    assert 'msgid "%(count)s week"\nmsgid_plural "%(count)s weken"\n' in pot
    for code in ("en", "fr", "uk", "ar"):
        text = _po(mini, code)
        rule = Catalog(locale=code).plural_forms  # Babel's, for the language
        assert f'"Plural-Forms: {rule}\\n"' in text.split("\n\n", 1)[0]
        count = int(rule.split(";")[0].removeprefix("nplurals="))
        block = _block(text, "%(count)s week")
        assert re.findall(r"^msgstr\[(\d+)\] \"\"$", block, re.MULTILINE) == [str(i) for i in range(count)]
    load_valid(mini)


def test_a_string_that_became_plural_keeps_its_translation_as_fuzzy_forms(mini: Path) -> None:
    old = '\nmsgctxt "templates/module.md.j2"\nmsgid "Duur: %(minutes)s minuten"\nmsgstr "Duration: %(minutes)s minutes"\n'
    write_tree(mini, {EN: FILES[EN] + old})
    assert update(mini) == 0
    assert (
        '#, fuzzy, python-format\n#| msgid "Duur: %(minutes)s minuten"\nmsgctxt "templates/module.md.j2"\n'
        'msgid "Duur: %(minutes)s minuut"\nmsgid_plural "Duur: %(minutes)s minuten"\n'
        'msgstr[0] "Duration: %(minutes)s minutes"\nmsgstr[1] "Duration: %(minutes)s minutes"\n'
    ) in _po(mini, "en")
    assert "#~" not in _po(mini, "en")  # taken over, not left behind as obsolete


ARABIC = """\
# Buddy Handbook: ar translation.
# Translators: Amal, 2025.
msgid ""
msgstr ""
"Project-Id-Version: Buddy Handbook 1\\n"
"Language: ar\\n"
"Plural-Forms: nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
"n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;\\n"
"X-Generator: Weblate 5.8\\n"

#, python-format
msgctxt "templates/_units.j2"
msgid "%(count)s week"
msgid_plural "%(count)s weken"
msgstr[0] "%(count)s أسبوع"
msgstr[1] "أسبوع واحد"
msgstr[2] "أسبوعان"
msgstr[3] "%(count)s أسابيع"
msgstr[4] "%(count)s أسبوعًا"
msgstr[5] "%(count)s أسبوع"
"""


def test_update_writes_the_languages_rule_and_moves_the_forms_to_match(mini: Path) -> None:
    """A catalogue saved with another numbering of Arabic's forms (Weblate's: many before other)
    gets Babel's rule in its header, one line changed, and each form goes where it now belongs."""
    _with_languages(mini)
    write_tree(mini, {"content/locales/ar.po": ARABIC})
    with pytest.raises(ValidationFailed) as caught:
        load_valid(mini)
    assert str(caught.value.problems[0]).startswith(
        "content/locales/ar.po:7:1 Plural-Forms: 'nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;' is not the plural rule of 'ar' ('nplurals=6; "
    )
    assert update(mini) == 0
    text = _po(mini, "ar")
    header = ARABIC.split("\n\n", maxsplit=1)[0].splitlines(keepends=True)
    rule = Catalog(locale="ar").plural_forms
    assert text.startswith("".join([*header[:6], f'"Plural-Forms: {rule}\\n"\n', *header[8:]]))
    block = _block(text, "%(count)s week")
    assert "fuzzy" not in block
    assert block.endswith(
        'msgstr[3] "%(count)s أسابيع"\nmsgstr[4] "%(count)s أسبوع"\nmsgstr[5] "%(count)s أسبوعًا"'
    )
    local = Localiser("nl", "ar", load_valid(mini)[1]["ar"])
    assert str(local.plural(UNITS, "%(count)s week", "%(count)s weken", 21)) == "%(count)s أسبوعًا"
    assert update(mini) == 0
    assert _po(mini, "ar") == text  # in step: a second update changes nothing


def test_a_rule_written_in_other_words_stays_as_written(mini: Path) -> None:
    header = FILES[EN].split("\n\n", 1)[0]
    own = header + '\n"Plural-Forms: nplurals=2; plural=n != 1;\\n"'
    write_tree(mini, {EN: FILES[EN].replace(header, own, 1)})
    assert update(mini) == 0
    assert _po(mini, "en").startswith(own + "\n\n")


# --- validation of each form ---------------------------------------------------------------------


def _translated(root: Path, code: str, forms: list[str]) -> int:
    """Translate the module duration of `code`'s catalogue with `forms`; the line of msgstr[0]."""
    text = _po(root, code)
    block = _block(text, DURATION[0], MODULE)
    filled = (
        re.sub(r"\nmsgstr\[\d+\] \".*\"", "", block)
        + "\n"
        + "\n".join(f'msgstr[{i}] "{form}"' for i, form in enumerate(forms))
    )
    text = text.replace(block, filled)
    write_tree(root, {f"content/locales/{code}.po": text})
    return text[: text.index(filled)].count("\n") + filled.splitlines().index(f'msgstr[0] "{forms[0]}"') + 1


def test_each_form_is_checked_against_msgid_plural(mini: Path) -> None:
    _with_languages(mini)
    assert update(mini) == 0
    line = _translated(
        mini, "uk", ["Тривалість: %(minutes)s хвилина", "Тривалість: хвилини", "%(minutes) хвилин"]
    )
    with pytest.raises(ValidationFailed) as caught:
        load_valid(mini)
    assert [str(problem) for problem in caught.value.problems] == [
        f"content/locales/uk.po:{line + 1}:1 msgstr[1]: placeholders differ from the source text (expected: %(minutes)s)",
        f"content/locales/uk.po:{line + 2}:1 msgstr[2]: placeholders differ from the source text (expected: %(minutes)s)",
    ]


def test_a_form_for_one_number_may_say_it_in_words(mini: Path) -> None:
    _with_languages(mini)
    assert update(mini) == 0
    forms = [
        "المدة: %(minutes)s دقيقة",
        "المدة: دقيقة واحدة",  # 1 only
        "المدة: دقيقتان",  # 2 only
        "المدة: %(minutes)s دقائق",
        "المدة: %(minutes)s دقيقة",
        "المدة: دقيقة",  # 11 to 99: the number is needed
    ]
    line = _translated(mini, "ar", forms)
    with pytest.raises(ValidationFailed) as caught:
        load_valid(mini)
    assert [str(problem) for problem in caught.value.problems] == [
        f"content/locales/ar.po:{line + 5}:1 msgstr[5]: placeholders differ from the source text (expected: %(minutes)s)",
    ]
    _translated(mini, "ar", [*forms[:5], "المدة: %(minutes)s دقيقة"])
    handbook, catalogues = load_valid(mini)
    assert handbook.warnings == []
    local = Localiser("nl", "ar", catalogues["ar"])
    assert [str(local.plural(MODULE, *DURATION, n)) for n in (1, 2, 3)] == [forms[1], forms[2], forms[3]]


def test_a_percent_sign_and_a_missing_form(mini: Path) -> None:
    _with_languages(mini)
    assert update(mini) == 0
    line = _translated(mini, "fr", ["Durée : %(minutes)s minute (100%)"])  # msgstr[1] left out
    with pytest.raises(ValidationFailed) as caught:
        load_valid(mini)
    assert [str(problem) for problem in caught.value.problems] == [
        f"content/locales/fr.po:{line}:1 msgstr[0]: a '%' that is not a placeholder; write '%%' for a percent sign",
    ]
    _translated(mini, "fr", ["Durée : %(minutes)s minute"])
    handbook, catalogues = load_valid(mini)
    assert [str(warning) for warning in handbook.warnings] == [
        f"content/locales/fr.po:{line}:1 msgstr: 'fr' has 2 plural forms (msgstr[0] to msgstr[1]) and this entry 1; run 'handbook translations update'",
    ]
    local = Localiser("nl", "fr", catalogues["fr"])
    assert str(local.plural(MODULE, *DURATION, 0)) == "Durée : %(minutes)s minute"
    assert local.plural(MODULE, *DURATION, 2).fallback
    assert read_language(mini, "fr")[1] == []


# --- content: {quantity.<setting>} ---------------------------------------------------------------

COMMITMENT = "Je bent buddy voor {quantity.duration_months}."


def test_content_quantities_on_pages(mini: Path) -> None:
    """A programme number with its unit, in the words of the language the sentence is in: a
    translated sentence in the page's, a fallback in the source language's."""
    _with_languages(mini)
    buddy = FILES["roles/buddy.yml"].replace(
        "Je bent buddy voor {programme.duration_months} maanden.", COMMITMENT
    )
    write_tree(mini, {"roles/buddy.yml": buddy})
    assert update(mini) == 0
    commitment = f'msgctxt "roles/buddy.yml:commitment"\nmsgid "{COMMITMENT}"\nmsgstr ""'
    uk = _po(mini, "uk")
    months = _block(uk, "%(count)s maand")
    write_tree(
        mini,
        {
            "content/locales/uk.po": uk.replace(
                commitment, commitment[:-2] + '"Ти бадді впродовж {quantity.duration_months}."'
            ).replace(
                months,
                months.split("\nmsgstr[0]")[0]
                + '\nmsgstr[0] "%(count)s місяць"\nmsgstr[1] "%(count)s місяці"\nmsgstr[2] "%(count)s місяців"',
            ),
            EN: _po(mini, "en").replace(
                commitment, commitment[:-2] + '"You are a buddy for {quantity.duration_months}."'
            ),
        },
    )
    for months_set, words in (
        (6, ("6 maanden", "6 місяців")),
        (1, ("1 maand", "1 місяць")),
        (3, ("3 maanden", "3 місяці")),
    ):
        settings = FILES["handbook.yml"].replace("duration_months: 6", f"duration_months: {months_set}")
        write_tree(
            mini, {"handbook.yml": settings.replace("  - code: en\n    name: English\n", MORE_LANGUAGES)}
        )
        out = mini / "generated"
        generate(mini, out)
        assert f"Je bent buddy voor {words[0]}." in (out / "roles/buddy.nl.md").read_text(encoding="utf-8")
        assert f"Ти бадді впродовж {words[1]}." in (out / "roles/buddy.uk.md").read_text(encoding="utf-8")
        # English translates the sentence but not yet the unit: the Dutch unit, and marked as such.
        english = (out / "roles/buddy.en.md").read_text(encoding="utf-8")
        assert (
            f'<div lang="en" dir="auto" class="hb-missing" markdown="1">\n\nYou are a buddy for {words[0]}.\n'
            in english
        )
        # French has neither: the whole sentence in Dutch, with the Dutch unit.
        french = (out / "roles/buddy.fr.md").read_text(encoding="utf-8")
        assert (
            f'<div lang="nl" dir="auto" class="hb-missing" markdown="1">\n\nJe bent buddy voor {words[0]}.\n'
            in french
        )
