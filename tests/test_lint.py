"""The plain-language check counts sentences and words the way a reader meets them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handbook.cli import main
from handbook.lint import limit_for, measure, sentences, split_sentences, words
from handbook.models import PlainLanguage, ReadingLimit
from minihandbook import FILES, write_tree

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

PAGE = """---
title: "Test"
---

# Een titel telt niet mee

Dit is de eerste zin. En dit is de tweede zin!

- Een punt in een lijst
- [ ] Een taak: met een dubbelpunt

| tabel | telt | niet |
|---|---|---|

```mermaid
flowchart TD
    a["Ook dit niet."]
```

:material-check:{ aria-hidden="true" } **Vet** en [een link](x.md) tellen als woorden.
"""


def test_sentences_of_running_text_only() -> None:
    found = [" ".join(words) for words in sentences(PAGE, "nl")]
    assert found == [
        "Dit is de eerste zin",
        "En dit is de tweede zin",
        "Een punt in een lijst",
        "Een taak met een dubbelpunt",
        "Vet en een link tellen als woorden",
    ]


def test_measure_counts_long_sentences() -> None:
    reading = measure("p.md", "nl", "Kort. " + " ".join(["woord"] * 21) + ".", long_words=20)
    assert (reading.sentences, reading.words, reading.long) == (2, 22, 1)
    assert reading.average == 11.0
    assert reading.long_share == 0.5


def test_page_takes_the_limit_of_its_readers() -> None:
    rules = PlainLanguage(
        limits=[
            ReadingLimit(readers=["buddy", "newcomer"], max_average_words=15, max_long_share=0.1),
            ReadingLimit(readers=["professional"], max_average_words=18, max_long_share=0.2),
        ]
    )
    assert limit_for(rules, ["professional"]) == (18, 0.2)
    assert limit_for(rules, ["professional", "buddy"]) == (15, 0.1)
    assert limit_for(rules, []) == (15, 0.1)
    assert limit_for(rules, ["coordinator"]) is None


def test_lint_fails_on_a_page_over_the_limit(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long_text = " ".join(["woord"] * 30) + "."
    write_tree(
        mini,
        {
            "handbook.yml": FILES["handbook.yml"]
            + "plain_language:\n  limits:\n    - readers: [buddy]\n      max_average_words: 12\n      max_long_share: 0.05\n",
            "roles/buddy.yml": FILES["roles/buddy.yml"].replace(
                "who: Je bent een vrijwilliger.", f"who: {long_text}"
            ),
        },
    )
    assert main(["--root", str(mini), "lint"]) == 1
    out = capsys.readouterr()
    assert "nl   roles/buddy.md" in out.out
    assert "OVER (avg ≤ 12, long ≤ 5%)" in out.out
    assert "1 page(s) above the plain-language limits" in out.err


def test_html_list_items_and_line_breaks_end_sentences() -> None:
    page = '<ul class="task-list">\n<li class="task-list-item"><label>Spreek af</label><br><small>Zo weet je het.</small></li>\n<li>Bel op</li>\n</ul>\n'
    assert [" ".join(words) for words in sentences(page, "nl")] == ["Spreek af", "Zo weet je het", "Bel op"]


# --- sentences in every language ---------------------------------------------------------------

DUTCH = (
    "Spreek af op een vaste plek, bv. de bibliotheek. Je vindt hulp bij o.a. OCMW en CAW. "
    "Dat is gratis, d.w.z. je betaalt niets. Je kunt bellen t.e.m. vrijdag, bijv. Maandag. "
    "Neem spelletjes mee, bv. Uno. Zeg het m.a.w. Duidelijk. Er zijn nl. Twee groepen. "
    "Neem boeken, spelletjes enz. mee. Neem boeken, spelletjes enz. Dan kies je samen."
)


def test_dutch_abbreviations_do_not_end_a_sentence() -> None:
    assert split_sentences(DUTCH, "nl") == [
        "Spreek af op een vaste plek, bv. de bibliotheek.",
        "Je vindt hulp bij o.a. OCMW en CAW.",
        "Dat is gratis, d.w.z. je betaalt niets.",
        "Je kunt bellen t.e.m. vrijdag, bijv. Maandag.",
        "Neem spelletjes mee, bv. Uno.",
        "Zeg het m.a.w. Duidelijk.",
        "Er zijn nl. Twee groepen.",
        "Neem boeken, spelletjes enz. mee.",
        # "enz." may close a sentence: it does before a capital.
        "Neem boeken, spelletjes enz.",
        "Dan kies je samen.",
    ]
    # Written with spaces, or at the start of a sentence, they are the same abbreviations.
    assert len(split_sentences("Bv. Gent of Brugge. Hulp bij o. a. OCMW. Kom t. e. m. Vrijdag.", "nl")) == 3
    # An abbreviation counts as one word.
    assert words("Dat is d.w.z. gratis, o.a. voor jou.") == [
        "Dat",
        "is",
        "d.w.z",
        "gratis",
        "o.a",
        "voor",
        "jou",
    ]


def test_english_and_french_abbreviations() -> None:
    english = (
        "Meet once a week, e.g. Monday or Tuesday. Ask for help, i.e. call the coordinator. "
        "Bring games, books etc. and talk. Bring games etc. Then choose together."
    )
    assert len(split_sentences(english, "en")) == 5
    assert split_sentences(english, "en")[0] == "Meet once a week, e.g. Monday or Tuesday."
    french = "Apportez un jeu, p. ex. Uno ou un livre. Appelez M. Dupont. « Bonjour ! » dit-il. Des jeux, etc. Ensuite on parle."
    assert split_sentences(french, "fr") == [
        "Apportez un jeu, p. ex. Uno ou un livre.",
        "Appelez M. Dupont.",
        "« Bonjour ! » dit-il.",
        "Des jeux, etc.",
        "Ensuite on parle.",
    ]
    # Another language's abbreviations are not this one's: Dutch does not know "p. ex.".
    assert len(split_sentences("Apportez un jeu, p. ex. Uno ou un livre.", "nl")) == 2


def test_arabic_question_mark_ends_a_sentence_and_comma_and_semicolon_do_not() -> None:
    arabic = "هل أنت بخير؟ نعم، أنا بخير، شكرًا. هل تحتاج مساعدة؟ اتصل بالمنسق؛ هو يساعدك."
    found = split_sentences(arabic, "ar")
    assert found == ["هل أنت بخير؟", "نعم، أنا بخير، شكرًا.", "هل تحتاج مساعدة؟", "اتصل بالمنسق؛ هو يساعدك."]
    assert [len(words(sentence)) for sentence in found] == [3, 4, 3, 4]
    # A colon or semicolon ends a sentence only before a capital; Arabic script has none.
    assert len(split_sentences("انتبه: هذا مهم؛ اتصل الآن.", "ar")) == 1
    # Persian and Urdu: the same question mark, and Urdu's own full stop.
    assert len(split_sentences("این خوب است. آیا می‌خواهی بیایی؟ بله", "fa")) == 3
    assert len(split_sentences("یہ ایک جملہ ہے۔ کیا آپ ٹھیک ہیں؟ جی ہاں", "ur")) == 3


def test_arabic_words_with_vowel_signs_shadda_and_tatweel_are_one_word_each() -> None:
    # Each is one space-separated word: fathatan, shadda, kasra, tatweel, a Persian joiner.
    text = "شكرًا إنَّ عدّلوا تَعِد مـــرحبا أيضًا می‌خواهم"
    assert words(text) == text.split()
    assert words("كَتَبَ الوَلَدُ الدَّرْسَ.") == ["كَتَبَ", "الوَلَدُ", "الدَّرْسَ"]


def test_ukrainian_quotes_and_abbreviations() -> None:
    ukrainian = (
        "Візьміть книжки, ігри і т. д. Потім поговоріть про них. Вона сказала: «Привіт!» — і пішла. "
        "Він сказав: «Дякую!» Потім пішов додому. Див. розділ про гроші. Їжа, одяг, т. п., а потім житло."
    )
    assert split_sentences(ukrainian, "uk") == [
        "Візьміть книжки, ігри і т. д.",
        "Потім поговоріть про них.",
        "Вона сказала: «Привіт!» — і пішла.",
        "Він сказав: «Дякую!»",
        "Потім пішов додому.",
        "Див. розділ про гроші.",
        "Їжа, одяг, т. п., а потім житло.",
    ]
    # A colon before a capital ends a sentence in Cyrillic as in Latin script.
    assert (
        len(split_sentences("Увага: Це важливо.", "uk"))
        == len(split_sentences("Let op: Dit telt.", "nl"))
        == 2
    )


def test_a_language_without_a_table_is_split_at_its_marks() -> None:
    # No abbreviations for Turkish or for pt-BR, so every full stop before a space ends one.
    assert len(split_sentences("Merhaba. Nasılsın? İyiyim!", "tr")) == 3
    assert len(split_sentences("Olá, tudo bem? Sim. Obrigado.", "pt-BR")) == 3


def test_pathological_text_is_read_in_linear_time() -> None:
    for text in ("." * 100_000 + "x", "bv. " * 30_000, "«" * 50_000, "т. д. " * 20_000, "a" + " " * 100_000):
        sentences(text, "uk")
        sentences(text, "nl")


# --- the report per language and what fails ----------------------------------------------------

LIMITS = "plain_language:\n  limits:\n    - readers: [buddy]\n      max_average_words: 12\n      max_long_share: 0.05\n"
LONG_EN = " ".join(["word"] * 30) + "."


def _with_long_translation(extra_settings: str = "") -> dict[str, str | bytes | None]:
    return {
        "handbook.yml": FILES["handbook.yml"] + LIMITS + extra_settings,
        "content/locales/en.po": FILES["content/locales/en.po"].replace(
            'msgstr "A volunteer."', f'msgstr "{LONG_EN}"'
        ),
    }


def _summary(out: str) -> dict[str, list[str]]:
    """The per-language table: each language's row, split into its columns."""
    table = out.split("per language", 1)[1].splitlines()[2:]
    return {row.split()[0]: row.split() for row in table if row.strip()}


def test_only_a_translation_over_the_limit_is_reported_and_does_not_fail(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(mini, _with_long_translation())
    assert main(["--root", str(mini), "lint"]) == 0
    out = capsys.readouterr()
    rows = _summary(out.out)
    assert list(rows) == ["nl", "en"]
    # lang, pages, sentences, avg words, long, pages over the limit, then what the check does.
    assert rows["nl"][5] == "0"
    assert " ".join(rows["nl"][6:]) == "source language: fails above the limits"
    assert int(rows["en"][5]) >= 1
    assert " ".join(rows["en"][6:]) == "translation: reported, not failing"
    assert "en   roles/buddy.md" in out.out and "over (avg ≤ 12, long ≤ 5%) reported, not failing" in out.out
    assert "translated page(s) above the plain-language limits (en " in out.err
    assert "page(s) above the plain-language limits in handbook.yml" not in out.err
    # Only the pages over the limit are listed for a translation, every page with --all.
    assert "en   index.md" not in out.out
    assert main(["--root", str(mini), "lint", "--all"]) == 0
    assert "en   index.md" in capsys.readouterr().out


def test_the_source_language_over_the_limit_fails_with_its_report(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long_text = " ".join(["woord"] * 30) + "."
    changes = _with_long_translation()
    changes["roles/buddy.yml"] = FILES["roles/buddy.yml"].replace(
        "summary: Een vrijwilliger.", f"summary: {long_text}"
    )
    write_tree(mini, changes)
    assert main(["--root", str(mini), "lint"]) == 1
    out = capsys.readouterr()
    rows = _summary(out.out)
    assert int(rows["nl"][5]) >= 1
    assert (
        f"{rows['nl'][5]} page(s) above the plain-language limits in handbook.yml (plain_language): nl {rows['nl'][5]}"
        in out.err
    )


def test_check_languages_holds_a_translation_to_the_limits_too(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(mini, _with_long_translation("  check_languages: [nl, en]\n"))
    assert main(["--root", str(mini), "lint"]) == 1
    out = capsys.readouterr()
    assert " ".join(_summary(out.out)["en"][6:]) == "fails above the limits (check_languages)"
    assert "(plain_language): en " in out.err


def test_check_languages_must_name_languages_of_the_handbook(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(mini, {"handbook.yml": FILES["handbook.yml"] + LIMITS + "  check_languages: [nl, de]\n"})
    assert main(["--root", str(mini), "lint"]) == 1
    err = capsys.readouterr().err
    assert "plain_language.check_languages[1]: 'de' is not in languages (nl, en)" in err
    assert "Traceback" not in err
