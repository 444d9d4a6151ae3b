"""The plain-language check counts sentences and words the way a reader meets them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handbook.cli import main
from handbook.lint import limit_for, measure, sentences
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
    found = [" ".join(words) for words in sentences(PAGE)]
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
    assert [" ".join(words) for words in sentences(page)] == ["Spreek af", "Zo weet je het", "Bel op"]
