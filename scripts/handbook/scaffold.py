"""`handbook new KIND ID`: a new source file with every field explained, ready to fill in.

The file passes validation as it is written, in the handbook it is written into: a new role gets
a stance for every topic (a referral to the role that does it), a module, checklist or escalation
path names roles and contacts that exist. Its placeholder texts are in the handbook's source
language when that is Dutch, and in English otherwise; the comments are for the person who edits.
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import TYPE_CHECKING, Any

import yaml

from handbook.errors import HandbookError, ValidationFailed
from handbook.kinds import BY_KIND
from handbook.load import load_handbook
from handbook.models import PHASES, URGENCIES
from handbook.schema import schema_line

if TYPE_CHECKING:
    from pathlib import Path

    from handbook.load import Handbook

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID = 64


class CannotCreate(HandbookError):
    """`handbook new` would overwrite a file, or was given a kind or id it cannot use."""


# The placeholder texts per source language are data, in templates/new.yml; a source language
# that file does not list gets the texts of its `fallback` language.
PLACEHOLDERS = "templates/new.yml"


def placeholder_texts(hb: Handbook) -> dict[str, str]:
    data = yaml.safe_load((hb.root / PLACEHOLDERS).read_text(encoding="utf-8"))
    texts = data.get(hb.settings.default_language) or data[data["fallback"]]
    return {str(key): str(value) for key, value in texts.items()}


def _scalar(text: str) -> str:
    """A text as a YAML value: plain when it reads back unchanged, otherwise double-quoted."""
    try:
        if yaml.safe_load(f"key: {text}") == {"key": text}:
            return text
    except yaml.YAMLError:
        pass
    # A JSON string is a YAML double-quoted string.
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> list[str]:
    """A comment, wrapped the way the shipped files wrap theirs."""
    return textwrap.wrap(text, width=96, initial_indent="# ", subsequent_indent="# ", break_on_hyphens=False)


def _order(items: dict[str, Any]) -> int:
    """After the last item of its kind, so a new page comes last in menus and overviews."""
    return max((item.order for item in items.values()), default=0) + 1


def _first_role(hb: Handbook) -> str:
    if not hb.roles:
        raise CannotCreate("roles/ holds no valid role yet; write one first with 'handbook new role ID'")
    return min(hb.roles, key=lambda role_id: (hb.roles[role_id].order, role_id))


def _role_list(hb: Handbook) -> str:
    return ", ".join(sorted(hb.roles))


def _role(hb: Handbook, t: dict[str, str]) -> list[str]:
    owners = {
        topic_id: role_id
        for role_id, role in sorted(hb.roles.items())
        for topic_id, boundary in role.boundaries.items()
        if boundary.stance == "does"
    }
    lines = [
        "# Position in menus and overviews: a lower number comes first.",
        f"order: {_order(hb.roles)}",
        "# The icon next to the name: a Material for MkDocs icon, like material-account-outline.",
        "icon: material-account-outline",
        "# The role's name as readers see it.",
        f"name: {_scalar(t['role.name'])}",
        "# One sentence on overviews: who this is.",
        f"summary: {_scalar(t['role.summary'])}",
        "# Who takes this role, written for them. Markdown is allowed; use | for several paragraphs.",
        f"who: {_scalar(t['role.who'])}",
        "# What the role asks: time, how long, how often. Placeholders are filled in from handbook.yml:",
        "# {programme.duration_months} is the number, {quantity.duration_months} the number with its unit.",
        f"commitment: {_scalar(t['role.commitment'])}",
        "# What this role does. Every item has an id (lowercase letters, digits, hyphens) that stays",
        "# the same when you reorder the list, so its translations stay with it.",
        "responsibilities:",
        "  - id: first-task",
        f"    text: {_scalar(t['role.task'])}",
        "# For every topic of content/topics.yml, this role's stance:",
        "#   does      this role does it itself; exactly one role does each topic",
        "#   supports  accompanies and encourages, but does not do it",
        "#   refers    passes it on to the role that does it, named in `to:`",
        "#   never     stays out of it",
        "# and in `instead`, one sentence on what to do.",
        "boundaries:",
    ]
    for topic in hb.topics:
        owner = owners.get(topic.id)
        lines.append(f"  {topic.id}:  # {' '.join(topic.name.split())}")
        if owner:
            lines += [
                "    stance: refers",
                f"    to: {owner}  # the role that does '{topic.id}'",
                f"    instead: {_scalar(t['role.refers'])}",
            ]
        else:
            lines += ["    stance: never", f"    instead: {_scalar(t['role.never'])}"]
    lines += ["# Ids of content/sources.yml that this page cites.", "sources: []"]
    return lines


def _review_lines() -> list[str]:
    return [
        "# When someone last checked this against its sources (YYYY-MM-DD), and who checks it:",
        "# `handbook lint` warns when the date is older than review_months in handbook.yml.",
        "# reviewed: 2026-01-31",
        "# owner: name of the person or team",
    ]


def _opening(items: dict[str, Any], what: str, title: str, summary_says: str, summary: str) -> list[str]:
    """The fields every page-making file starts with: its order, title and summary."""
    return [
        "# Position in menus and overviews: a lower number comes first.",
        f"order: {_order(items)}",
        f"# The {what}'s title as readers see it.",
        f"title: {_scalar(title)}",
        f"# {summary_says}",
        f"summary: {_scalar(summary)}",
    ]


def _module(hb: Handbook, t: dict[str, str]) -> list[str]:
    return [
        *_opening(
            hb.modules,
            "module",
            t["title.module"],
            "One or two sentences on overviews: what participants learn.",
            t["summary.module"],
        ),
        *_comment(f"Who the module is for: role ids of roles/ ({_role_list(hb)})."),
        f"audiences: [{_first_role(hb)}]",
        "# How long a session takes, in minutes.",
        "duration_minutes: 60",
        "# What participants can do afterwards. Every list item has an id (lowercase letters, digits,",
        "# hyphens) that stays the same when you reorder the list, so its translations stay with it.",
        "objectives:",
        "  - id: first-objective",
        f"    text: {_scalar(t['module.objective'])}",
        "# The parts of the module, each with a title and a body in Markdown (use | for paragraphs).",
        "# Each part names the ids of content/sources.yml that back it (sources: [id, ...]), or says",
        "# basis: practice when it is the programme's own practice; readers see which.",
        "sections:",
        "  - id: introduction",
        f"    title: {_scalar(t['module.section'])}",
        f"    body: {_scalar(t['module.body'])}",
        "    basis: practice",
        "# Situations to practise: id, title, situation, questions (id, text) and facilitator_notes.",
        "scenarios: []",
        "# Questions to think about (id, text).",
        "reflection: []",
        "# What to remember (id, text).",
        "key_points:",
        "  - id: first-point",
        f"    text: {_scalar(t['module.key_point'])}",
        "# Questions to test yourself: id, question, options (at least two: id, text), answer (the",
        "# id of the right option) and why.",
        "self_check: []",
        "# Ids of content/checklists/ that go with the module.",
        "checklists: []",
        "# Ids of content/escalation/ that the module prepares for.",
        "escalations: []",
        *_review_lines(),
    ]


def _checklist(hb: Handbook, t: dict[str, str]) -> list[str]:
    return [
        *_opening(
            hb.checklists,
            "checklist",
            t["title.checklist"],
            "One sentence on overviews: when the list is used.",
            t["summary.checklist"],
        ),
        *_comment(f"Who uses it: role ids of roles/ ({_role_list(hb)})."),
        f"audiences: [{_first_role(hb)}]",
        *_comment(f"When in the programme: {', '.join(PHASES)}."),
        "phase: any-time",
        "# Blanks to fill in on the printed list, like a date or a name (id, label).",
        "fields:",
        "  - id: date",
        f"    label: {_scalar(t['checklist.field'])}",
        "# The items to tick off: an id (lowercase letters, digits, hyphens) that stays the same when",
        "# you reorder the list, the text, and optionally why in one short sentence.",
        "items:",
        "  - id: first-item",
        f"    text: {_scalar(t['checklist.item'])}",
        f"    why: {_scalar(t['checklist.why'])}",
        "# Ids of content/sources.yml that this list is based on.",
        "sources: []",
    ]


def _escalation(hb: Handbook, t: dict[str, str]) -> list[str]:
    contact = next(iter(hb.settings.contacts))
    contacts = ", ".join([*hb.settings.contacts, *hb.settings.emergency_numbers])
    return [
        *_opening(
            hb.escalations,
            "path",
            t["title.escalation"],
            "One sentence on overviews and the printed card: what to do.",
            t["summary.escalation"],
        ),
        "# What you notice when this happens. Markdown is allowed; use | for a list.",
        f"signal: {_scalar(t['escalation.signal'])}",
        f"# How soon to act: {', '.join(URGENCIES)}.",
        "urgency: this-week",
        *_comment(
            f"The steps in order: who (a role id of roles/: {_role_list(hb)}), what they do, and "
            f"optionally the contact to call (an id of contacts or emergency_numbers in handbook.yml: "
            f"{contacts}). Each step names the ids of content/sources.yml that back it "
            "(sources: [id, ...]), or says basis: practice when it is the programme's own practice."
        ),
        "steps:",
        "  - id: first-step",
        f"    who: {_first_role(hb)}",
        f"    action: {_scalar(t['escalation.step'])}",
        f"    contact: {contact}",
        "    basis: practice",
        "# What to do. Every item has an id that stays the same when you reorder the list.",
        "dos:",
        "  - id: first-do",
        f"    text: {_scalar(t['escalation.do'])}",
        "# What not to do, in the same form.",
        "donts:",
        "  - id: first-dont",
        f"    text: {_scalar(t['escalation.dont'])}",
        "# Ids of content/modules/ that train for this.",
        "modules: []",
        "# Ids of content/sources.yml that back the signs described in `signal`.",
        "sources: []",
        *_review_lines(),
    ]


WRITERS = {"role": _role, "module": _module, "checklist": _checklist, "escalation": _escalation}


def new_file(root: Path, kind: str, item_id: str) -> str:
    """Write a new file of `kind` named `item_id`; the name written, relative to `root`."""
    if kind not in BY_KIND or kind not in WRITERS:
        raise CannotCreate(f"'{kind}' is not a kind 'handbook new' writes (kinds: {', '.join(WRITERS)})")
    if not ID.match(item_id) or len(item_id) > MAX_ID:
        raise CannotCreate(
            f"'{item_id}' is not a valid id: use lowercase letters a-z, digits and hyphens, "
            f"at most {MAX_ID} characters, like 'first-meeting'"
        )
    name = BY_KIND[kind].file(item_id)
    path = root / name
    if path.exists():
        raise CannotCreate(f"{name} already exists; choose another id or edit that file")
    hb, problems = load_handbook(root)
    if hb is None:
        raise ValidationFailed(problems)
    texts = placeholder_texts(hb)
    header = [
        schema_line(name, kind),
        f"# A new {kind}, written by `handbook new {kind} {item_id}`. Replace every text and check",
        "# the result with `handbook validate`; `handbook translations update` adds it to the catalogues.",
    ]
    text = "\n".join([*header, *WRITERS[kind](hb, texts)]) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return name
