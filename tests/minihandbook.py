"""A small but complete handbook, written into a temporary folder for tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

HANDBOOK_YML = """\
organisation: Testwerking
title: Testhandboek
description: Een klein handboek om te testen.
default_language: nl
booklets: [buddy]
languages:
  - code: nl
    name: Nederlands
  - code: en
    name: English
contacts:
  coordinator:
    name: Coördinator
    phone: "+32 9 000 00 00"
    email: test@example.org
    basis: practice
    hours: Op weekdagen
emergency_numbers:
  emergency-112:
    number: "112"
    life_threat: true
    name: Noodnummer
    when: Bij levensgevaar.
    sources: [nood]
programme:
  duration_months: 6
  meeting_frequency: elke week
  meeting_hours: 2
  participation_hours: 40
  check_in_weeks: 4
"""

TOPICS_YML = """\
topics:
  - id: housing
    name: Wonen
    description: Een woning zoeken.
  - id: leisure
    name: Vrije tijd
    description: Samen iets doen.
"""

BUDDY_YML = """\
order: 1
name: Buddy
summary: Een vrijwilliger.
who: Je bent een vrijwilliger.
commitment: Je bent buddy voor {programme.duration_months} maanden.
responsibilities:
  - id: meet
    text: Je spreekt af.
boundaries:
  housing:
    stance: refers
    instead: Je verwijst door naar de professional.
    to: professional
  leisure:
    stance: does
    instead: Je gaat samen op stap.
"""

PROFESSIONAL_YML = """\
order: 2
name: Trajectbegeleider
summary: Een professional.
who: Je begeleidt het traject.
commitment: Je werkt hier.
responsibilities:
  - id: follow
    text: Je volgt op.
boundaries:
  housing:
    stance: does
    instead: Je zoekt samen met de nieuwkomer een oplossing.
  leisure:
    stance: supports
    instead: Je moedigt aan.
"""

ESCALATION_YML = """\
title: Noodgeval
summary: Bel eerst 112.
signal: Iemand is in gevaar.
urgency: emergency
steps:
  - id: call
    who: buddy
    action: Bel 112.
    contact: emergency-112
    sources: [nood]
  - id: tell
    who: buddy
    action: Verwittig de coördinator.
    contact: coordinator
    basis: practice
dos:
  - id: calm
    text: Blijf rustig.
    sources: [nood]
donts:
  - id: alone
    text: Blijf niet alleen.
modules: [intro]
"""

MODULE_YML = """\
title: Kennismaking
summary: Wat een buddy doet.
audiences: [buddy]
duration_minutes: 60
objectives:
  - id: know
    text: Je kent je rol.
sections:
  - id: role
    title: Je rol
    body: |
      Je bent een **buddy**.

      Je spreekt af.
    sources: [hai]
scenarios:
  - id: question
    title: Een vraag over huur
    situation: De nieuwkomer vraagt hulp bij de huur.
    questions:
      - id: what
        text: Wat doe je?
    facilitator_notes: Verwijs door.
reflection:
  - id: why
    text: Waarom doe je mee?
key_points:
  - id: refer
    text: Verwijs door.
self_check:
  - id: rent
    question: Betaal je de huur?
    options:
      - id: a
        text: Ja.
      - id: b
        text: Nee.
    answer: b
    why: Geld is voor de professional.
checklists: [first]
escalations: [emergency]
"""

CHECKLIST_YML = """\
title: Eerste ontmoeting
summary: Voor de eerste keer.
audiences: [buddy]
phase: first-meeting
fields:
  - id: date
    label: Datum
items:
  - id: names
    text: Stel jezelf voor.
    why: Zo leer je elkaar kennen.
  - id: next
    text: Spreek opnieuw af.
"""

GLOSSARY_YML = """\
terms:
  - id: buddy
    term: Buddy
    definition: Een vrijwilliger.
    see_also: [nt2]
    sources: [hai]
  - id: nt2
    term: NT2
    definition: Nederlands als tweede taal.
    basis: practice
"""

SOURCES_YML = """\
sources:
  - id: hai
    title: Rapport over buddywerkingen
    publisher: Hannah Arendt Instituut
    year: 2021
    url: https://example.org/rapport
  - id: nood
    title: Noodnummers
    publisher: Federale overheid
    url: https://example.org/noodnummers
"""

EN_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"

msgctxt "roles/buddy.yml:name"
msgid "Buddy"
msgstr "Buddy"

msgctxt "roles/buddy.yml:summary"
msgid "Een vrijwilliger."
msgstr "A volunteer."

#, fuzzy
#| msgid "Je bent een vrijwillger."
msgctxt "roles/buddy.yml:who"
msgid "Je bent een vrijwilliger."
msgstr "You are a volunteer."

msgctxt "content/topics.yml:topics.leisure.name"
msgid "Vrije tijd"
msgstr "Free time"

msgctxt "templates/role.md.j2"
msgid "Taken"
msgstr "Tasks"
"""

FILES: dict[str, str] = {
    "handbook.yml": HANDBOOK_YML,
    "content/topics.yml": TOPICS_YML,
    "roles/buddy.yml": BUDDY_YML,
    "roles/professional.yml": PROFESSIONAL_YML,
    "content/escalation/emergency.yml": ESCALATION_YML,
    "content/modules/intro.yml": MODULE_YML,
    "content/checklists/first.yml": CHECKLIST_YML,
    "content/glossary.yml": GLOSSARY_YML,
    "content/sources.yml": SOURCES_YML,
    "content/locales/en.po": EN_PO,
    "content/pages/about.nl.md": "# Over dit handboek\n\nEen testpagina.\n",
}


def write_tree(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write files (text or bytes) under root; None removes a file."""
    for name, content in files.items():
        path = root / name
        if content is None:
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def make_handbook(root: Path, changes: dict[str, str | bytes | None] | None = None) -> Path:
    """A mini handbook with the shipped templates and mkdocs.yml, plus any changes."""
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "scripts").mkdir()
    shutil.copyfile(REPO / "scripts" / "mkdocs_hooks.py", root / "scripts" / "mkdocs_hooks.py")
    (root / "generated").mkdir()
    write_tree(root, dict(FILES))
    if changes:
        write_tree(root, changes)
    return root


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a command of this Python (`-m handbook.cli ...`, `-m mkdocs ...`) in `root`, as a person would."""
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
