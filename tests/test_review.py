"""Review dates: lint warns about facts checked too long ago, and pages say when they were checked."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import pytest

from handbook.build import generate, load_valid
from handbook.commands import lint
from handbook.errors import ValidationFailed
from handbook.lint import months_before, review_warnings
from minihandbook import FILES, write_tree

if TYPE_CHECKING:
    from pathlib import Path

TODAY = datetime.date(2026, 12, 2)
ESCALATION = "content/escalation/emergency.yml"
MODULE = "content/modules/intro.yml"
NUMBER_WHEN = "    when: Bij levensgevaar.\n"


def _reviewed(day: str, *, number: bool = True) -> dict[str, str | bytes | None]:
    """The mini handbook with every escalation, module and (optionally) number reviewed on `day`."""
    settings = FILES["handbook.yml"]
    assert NUMBER_WHEN in settings
    if number:
        settings = settings.replace(NUMBER_WHEN, f"{NUMBER_WHEN}    reviewed: {day}\n")
    return {
        "handbook.yml": settings,
        ESCALATION: FILES[ESCALATION] + f"reviewed: {day}\n",
        MODULE: FILES[MODULE] + f"reviewed: {day}\nowner: Team vorming\n",
    }


def _line_of(text: str, start: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def test_months_before_keeps_the_day_or_takes_the_month_end() -> None:
    assert months_before(datetime.date(2026, 12, 2), 12) == datetime.date(2025, 12, 2)
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2024, 3, 31), 1) == datetime.date(2024, 2, 29)
    assert months_before(datetime.date(2026, 1, 15), 13) == datetime.date(2024, 12, 15)


def test_lint_warns_about_an_old_and_a_missing_date(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    changes = _reviewed("2025-11-15", number=False)
    write_tree(mini, changes)
    assert lint(mini, every_language=False, today=TODAY) == 0
    err = capsys.readouterr().err
    escalation_line = _line_of(str(changes[ESCALATION]), "reviewed:")
    module_line = _line_of(str(changes[MODULE]), "reviewed:")
    number_line = _line_of(str(changes["handbook.yml"]), "  emergency-112:")
    assert (
        f"{ESCALATION}:{escalation_line}:1 reviewed: warning: last reviewed 2025-11-15, more than 12 months ago"
        in err
    )
    assert (
        f"{MODULE}:{module_line}:1 reviewed: warning: last reviewed 2025-11-15, more than 12 months ago"
        in err
    )
    assert (
        f"handbook.yml:{number_line}:3 emergency_numbers.emergency-112.reviewed: warning: never reviewed"
        in err
    )
    # A contact without a date is not worth a warning; only paths and numbers must be checked.
    assert "contacts.coordinator" not in err
    assert "3 warnings" in err


def test_a_fresh_handbook_gives_no_warning(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(mini, _reviewed("2025-12-02"))
    assert lint(mini, every_language=False, today=TODAY) == 0
    assert "warning" not in capsys.readouterr().err


def test_review_months_comes_from_the_settings(mini: Path) -> None:
    changes = _reviewed("2026-10-01")
    changes["handbook.yml"] = str(changes["handbook.yml"]) + "review_months: 1\n"
    write_tree(mini, changes)
    handbook, _ = load_valid(mini)
    warnings = review_warnings(handbook, TODAY)
    assert [(w.file, w.field) for w in warnings] == [
        (ESCALATION, "reviewed"),
        (MODULE, "reviewed"),
        ("handbook.yml", "emergency_numbers.emergency-112.reviewed"),
    ]
    assert all(w.message == "last reviewed 2026-10-01, more than 1 months ago" for w in warnings)
    assert review_warnings(handbook, datetime.date(2026, 11, 1)) == []


def test_a_review_date_must_be_a_date(mini: Path) -> None:
    changes = _reviewed("2026-13-01")
    write_tree(mini, changes)
    with pytest.raises(ValidationFailed) as failed:
        load_valid(mini)
    assert [(p.file, p.field, p.message) for p in failed.value.problems] == [
        (ESCALATION, "reviewed", "'2026-13-01' is not a date like 2026-11-15 (year-month-day)"),
        (MODULE, "reviewed", "'2026-13-01' is not a date like 2026-11-15 (year-month-day)"),
        (
            "handbook.yml",
            "emergency_numbers.emergency-112.reviewed",
            "'2026-13-01' is not a date like 2026-11-15 (year-month-day)",
        ),
    ]


EN_CHECKED = """
msgctxt "templates/escalation.md.j2"
msgid "Laatst nagekeken: %(date)s."
msgstr "Last checked: %(date)s."

msgctxt "templates/module.md.j2"
msgid "Laatst nagekeken: %(date)s."
msgstr "Last checked: %(date)s."
"""


def test_pages_say_when_they_were_checked(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_PDF", "0")
    write_tree(
        mini,
        {**_reviewed("2026-11-15"), "content/locales/en.po": FILES["content/locales/en.po"] + EN_CHECKED},
    )
    out = mini / "generated"
    generate(mini, out)
    for page in ("escalation/emergency", "modules/intro"):
        nl = (out / f"{page}.nl.md").read_text(encoding="utf-8")
        en = (out / f"{page}.en.md").read_text(encoding="utf-8")
        assert nl.rstrip().endswith("_Laatst nagekeken: 15 november 2026._"), page
        assert en.rstrip().endswith("_Last checked: November 15, 2026._"), page


def test_a_page_without_a_date_says_nothing(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_PDF", "0")
    out = mini / "generated"
    generate(mini, out)
    assert "nagekeken" not in (out / "escalation/emergency.nl.md").read_text(encoding="utf-8")


def test_an_untranslated_label_keeps_its_date_in_the_same_language(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HANDBOOK_PDF", "0")
    write_tree(mini, _reviewed("2026-11-15"))
    out = mini / "generated"
    generate(mini, out)
    en = (out / "modules/intro.en.md").read_text(encoding="utf-8")
    assert "Laatst nagekeken: 15 november 2026." in en
    assert "November" not in en
