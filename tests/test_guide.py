"""The decision guide of an escalation path: questions whose answers lead to steps or questions."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from handbook.build import generate, load_valid
from handbook.errors import ValidationFailed
from handbook.pdf import to_html
from minihandbook import FILES, make_handbook

if TYPE_CHECKING:
    from pathlib import Path

ESC_FILE = "content/escalation/emergency.yml"
ESC = FILES[ESC_FILE]

# Two questions: the first leads to a step or to the second; a step goes on to the second.
GUIDE = """\
decisions:
  - id: danger
    question: Is er nu gevaar?
    if_yes: call
    if_no: answers
  - id: answers
    question: Neemt de coördinator op?
    if_yes: tell
    if_no: message
steps:
  - id: call
    who: buddy
    action: Bel 112.
    contact: emergency-112
    then: answers
    basis: practice
  - id: tell
    who: buddy
    action: Verwittig de coördinator.
    contact: coordinator
    basis: practice
  - id: message
    who: buddy
    action: Laat een bericht na.
    basis: practice
"""
OLD_STEPS = ESC[ESC.index("steps:") : ESC.index("dos:")]


def guided(text: str = GUIDE) -> str:
    return ESC.replace(OLD_STEPS, text)


def problems_of(tmp_path: Path, esc: str) -> list[str]:
    root = make_handbook(tmp_path / "hb", {ESC_FILE: esc})
    with pytest.raises(ValidationFailed) as caught:
        load_valid(root)
    return [str(p) for p in caught.value.problems]


CASES = {
    "unknown target": (
        GUIDE.replace("if_no: message", "if_no: mesage"),
        [
            "content/escalation/emergency.yml:13:5 decisions[1].if_no: unknown step or question 'mesage' "
            "(known: answers, call, danger, message, tell)"
        ],
    ),
    "a question leading to itself": (
        GUIDE.replace("if_yes: tell", "if_yes: answers"),
        ["content/escalation/emergency.yml:12:5 decisions[1].if_yes: 'answers' leads to itself"],
    ),
    "both answers alike": (
        GUIDE.replace("if_no: message", "if_no: tell"),
        [
            "content/escalation/emergency.yml:13:5 decisions[1].if_no: both answers lead to 'tell'; ask another question"
        ],
    ),
    "a question never reached": (
        GUIDE.replace("if_no: answers", "if_no: tell").replace("    then: answers\n", ""),
        [
            "content/escalation/emergency.yml:10:5 decisions[1].id: question 'answers' is never reached "
            "from the first question 'danger'"
        ],
    ),
    "a circle": (
        GUIDE.replace(
            "    action: Laat een bericht na.\n", "    action: Laat een bericht na.\n    then: danger\n"
        ),
        [
            "content/escalation/emergency.yml:29:5 steps[2].then: 'danger' leads back to an earlier question "
            "or step: the guide runs in a circle"
        ],
    ),
    "a question with a step's id": (
        GUIDE.replace("  - id: answers\n", "  - id: tell\n").replace("answers", "tell"),
        [
            "content/escalation/emergency.yml:10:5 decisions[1].id: 'tell' is already the id of a step (line 21)",
            "content/escalation/emergency.yml:12:5 decisions[1].if_yes: 'tell' leads to itself",
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_a_broken_guide_is_refused_with_file_line_and_field(tmp_path: Path, case: str) -> None:
    text, expected = CASES[case]
    assert problems_of(tmp_path, guided(text)) == expected


def test_the_guide_is_rendered_as_questions_whose_answers_link_to_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HANDBOOK_PDF", "0")
    root = make_handbook(tmp_path / "hb", {ESC_FILE: guided()})
    generate(root)
    html = to_html((root / "generated/escalation/emergency.nl.md").read_text(encoding="utf-8"))
    guide = html[html.index('<div class="hb-guide">') : html.index("</div>", html.index('class="hb-guide"'))]
    questions = re.findall(
        r'<section class="hb-q" id="([^"]+)">\s*<p class="hb-q__ask"><span[^>]*>([^<]+)</span> ([^<]+)</p>',
        guide,
    )
    assert questions == [
        ("emergency-q-danger", "Vraag 1", "Is er nu gevaar?"),
        ("emergency-q-answers", "Vraag 2", "Neemt de coördinator op?"),
    ]
    answers = re.findall(
        r'<li class="hb-q__(yes|no)"><strong class="hb-q__word">(\w+)</strong> <a href="#([^"]+)">([^<]+)</a>',
        guide,
    )
    assert answers == [
        ("yes", "Ja", "emergency-step-call", "Stap 1"),
        ("no", "Nee", "emergency-q-answers", "Ga naar vraag 2"),
        ("yes", "Ja", "emergency-step-tell", "Stap 2"),
        ("no", "Nee", "emergency-step-message", "Stap 3"),
    ]
    # Every link of the guide has its target on the page, and a step says where it goes next.
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert {target for *_, target, _ in answers} <= ids
    assert '<p id="emergency-step-call">' in html
    assert 'Daarna: <a href="#emergency-q-answers">Ga naar vraag 2</a>' in html


def test_a_path_without_questions_keeps_its_flow_of_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HANDBOOK_PDF", "0")
    root = make_handbook(tmp_path / "hb")
    generate(root)
    html = to_html((root / "generated/escalation/emergency.nl.md").read_text(encoding="utf-8"))
    assert "hb-guide" not in html
    assert '<div class="hb-flow">' in html
