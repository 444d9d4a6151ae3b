"""Cross-reference checks over the whole handbook, after each file passed its own model."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from handbook.catalog import Language, all_entries, content_documents
from handbook.errors import Problem
from handbook.icons import icon_file, icons_folder
from handbook.kinds import (
    BY_KIND,
    GLOSSARY,
    LOCALES_DIR,
    PAGES_DIR,
    SETTINGS,
    SOURCES,
    TOPICS,
    split_language,
)
from handbook.localise import placeholder_names, placeholders_in
from handbook.models import Cited
from handbook.plurals import plural_rule
from handbook.sanitise import page_problems, text_problems
from handbook.texts import iter_plain
from handbook.translation import format_problems, translation_problems
from handbook.yamlsrc import Loc, Position, Source

if TYPE_CHECKING:
    from collections.abc import Iterator

    from handbook.catalog import Translation
    from handbook.load import Handbook
    from handbook.models import Escalation


class _Checker:
    def __init__(self, handbook: Handbook) -> None:
        self.handbook = handbook
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def at(self, file: str, loc: Loc, message: str) -> None:
        source = self.handbook.files.get(file) or Source(file, None)
        self.problems.append(source.problem(loc, message))

    def position(self, file: str, loc: Loc) -> Position:
        source = self.handbook.files.get(file)
        return source.position(loc) if source else (1, 1)

    def known(self, file: str, loc: Loc, value: str, known: set[str] | dict[str, Any], what: str) -> None:
        collection = BY_KIND.get(what)
        if collection and collection.file(value) in self.handbook.broken:
            return  # that file failed to load; its own error says why
        if value not in known:
            options = ", ".join(sorted(known)) or "none defined"
            self.at(file, loc, f"unknown {what} '{value}' (known: {options})")

    def unique_ids(self, file: str, value: Any, loc: Loc = ()) -> None:
        """No two items of one list share an id; looks into every nested list."""
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                self.unique_ids(file, getattr(value, name), (*loc, name))
        elif isinstance(value, list):
            seen: dict[str, int] = {}
            for index, item in enumerate(value):
                item_id = getattr(item, "id", None)
                if isinstance(item_id, str):
                    if item_id in seen:
                        line = self.position(file, (*loc, seen[item_id], "id"))[0]
                        self.at(file, (*loc, index, "id"), f"duplicate id '{item_id}' (first at line {line})")
                    else:
                        seen[item_id] = index
                self.unique_ids(file, item, (*loc, index))
        elif isinstance(value, dict):
            for key, item in value.items():
                self.unique_ids(file, item, (*loc, key))


def _any_broken(hb: Handbook, folder: str) -> bool:
    return any(name.startswith(folder + "/") for name in hb.broken)


def _check_settings(c: _Checker) -> None:
    settings = c.handbook.settings
    codes = [language.code for language in settings.languages]
    for index, code in enumerate(codes):
        if code in codes[:index]:
            c.at(SETTINGS.file, ("languages", index, "code"), f"language '{code}' is listed twice")
    if settings.default_language not in codes:
        c.at(
            SETTINGS.file,
            ("default_language",),
            f"'{settings.default_language}' is not in languages ({', '.join(codes)})",
        )
    for index, code in enumerate(settings.plain_language.check_languages or []):
        if code not in codes:
            c.at(
                SETTINGS.file,
                ("plain_language", "check_languages", index),
                f"'{code}' is not in languages ({', '.join(codes)})",
            )
    for contact_id in settings.contacts:
        if contact_id in settings.emergency_numbers:
            c.at(
                SETTINGS.file,
                ("emergency_numbers", contact_id),
                f"'{contact_id}' is both a contact and an emergency number; give them different ids",
            )
    roles = set(c.handbook.roles)
    for index, role_id in enumerate(settings.booklets):
        if not _any_broken(c.handbook, BY_KIND["role"].folder):
            c.known(SETTINGS.file, ("booklets", index), role_id, roles, "role")
    threats = [key for key, number in settings.emergency_numbers.items() if number.life_threat]
    if settings.emergency_numbers and len(threats) != 1:
        where = ("emergency_numbers", threats[1], "life_threat") if threats else ("emergency_numbers",)
        found = ", ".join(threats) or "none"
        c.at(
            SETTINGS.file,
            where,
            f"exactly one emergency number needs 'life_threat: true': the number to call first when a "
            f"life is in danger (found: {found})",
        )
    if settings.logo:
        content = (c.handbook.root / "content").resolve()
        logo = (content / settings.logo).resolve()
        if not logo.is_relative_to(content):
            c.at(SETTINGS.file, ("logo",), "the logo must be a file inside content/")
        elif not logo.is_file():
            c.at(SETTINGS.file, ("logo",), f"no file content/{settings.logo}")


def _check_roles(c: _Checker) -> None:
    hb = c.handbook
    topic_ids = [topic.id for topic in hb.topics]
    topics = set(topic_ids)
    owners: dict[str, list[str]] = {topic: [] for topic in topics}
    for role_id, role in hb.roles.items():
        file = hb.file_of("role", role_id)
        for topic_id, boundary in role.boundaries.items():
            if topic_id not in topics:
                c.at(
                    file,
                    ("boundaries", topic_id),
                    f"unknown topic '{topic_id}' (known: {', '.join(topic_ids)})",
                )
            elif boundary.stance == "does":
                owners[topic_id].append(role_id)
        if not _any_broken(hb, BY_KIND["role"].folder):
            for topic_id in topic_ids:
                if topic_id not in role.boundaries:
                    c.at(file, ("boundaries",), f"no stance for topic '{topic_id}'; every role needs one")
    if _any_broken(hb, BY_KIND["role"].folder):
        return
    for index, topic_id in enumerate(topic_ids):
        found = owners[topic_id]
        if not found:
            c.at(
                TOPICS.file,
                ("topics", index, "id"),
                f"no role does '{topic_id}': exactly one role needs stance 'does'",
            )
        for role_id in found[1:]:
            c.at(
                hb.file_of("role", role_id),
                ("boundaries", topic_id, "stance"),
                f"'{topic_id}' already has an owner ('{found[0]}'): exactly one role does a topic",
            )
    for role_id, role in hb.roles.items():
        file = hb.file_of("role", role_id)
        for topic_id, boundary in role.boundaries.items():
            owner = owners.get(topic_id, [None])[0] if owners.get(topic_id) else None
            loc = ("boundaries", topic_id, "to")
            if boundary.stance == "refers" and boundary.to is None:
                c.at(
                    file,
                    ("boundaries", topic_id),
                    f"a referral needs 'to: {owner or '<role>'}' (the role that does '{topic_id}')",
                )
            if boundary.to is None:
                continue
            if boundary.stance == "does":
                c.at(file, loc, f"'{role_id}' does '{topic_id}' itself, so it refers to nobody")
            elif boundary.to not in hb.roles:
                c.known(file, loc, boundary.to, hb.roles, "role")
            elif owner is not None and boundary.to != owner:
                c.at(file, loc, f"'{boundary.to}' does not own '{topic_id}'; refer to '{owner}', who does it")


def _check_icons(c: _Checker) -> None:
    """Every icon named in the content is one of the theme's own: a typo is an error, not a gap."""
    hb = c.handbook
    if icons_folder() is None:
        return  # the theme is not installed here; the site build reports a missing icon itself
    for index, topic in enumerate(hb.topics):
        if icon_file(topic.icon) is None:
            c.at(TOPICS.file, ("topics", index, "icon"), f"no icon '{topic.icon}' in the theme's icon sets")
    for role_id, role in hb.roles.items():
        if icon_file(role.icon) is None:
            c.at(hb.file_of("role", role_id), ("icon",), f"no icon '{role.icon}' in the theme's icon sets")


def _check_references(c: _Checker) -> None:
    hb = c.handbook
    roles = hb.roles
    contacts = {**hb.settings.contacts, **hb.settings.emergency_numbers}
    terms = {t.id for t in hb.glossary}
    for file, prefix, value in content_documents(hb):
        c.unique_ids(file, value, prefix)
    for index, term in enumerate(hb.glossary):
        for j, other in enumerate(term.see_also):
            c.known(GLOSSARY.file, ("terms", index, "see_also", j), other, terms, "term")
    for esc_id, esc in hb.escalations.items():
        file = hb.file_of("escalation", esc_id)
        for i, step in enumerate(esc.steps):
            c.known(file, ("steps", i, "who"), step.who, roles, "role")
            if step.contact is not None:
                c.known(file, ("steps", i, "contact"), step.contact, contacts, "contact")
        for j, module_id in enumerate(esc.modules):
            c.known(file, ("modules", j), module_id, hb.modules, "module")
        _check_guide(c, file, esc)
    for module_id, module in hb.modules.items():
        file = hb.file_of("module", module_id)
        for j, role_id in enumerate(module.audiences):
            c.known(file, ("audiences", j), role_id, roles, "role")
        for j, checklist_id in enumerate(module.checklists):
            c.known(file, ("checklists", j), checklist_id, hb.checklists, "checklist")
        for j, esc_id in enumerate(module.escalations):
            c.known(file, ("escalations", j), esc_id, hb.escalations, "escalation")
        for i, check in enumerate(module.self_check):
            c.known(file, ("self_check", i, "answer"), check.answer, {o.id for o in check.options}, "option")
    for checklist_id, checklist in hb.checklists.items():
        file = hb.file_of("checklist", checklist_id)
        for j, role_id in enumerate(checklist.audiences):
            c.known(file, ("audiences", j), role_id, roles, "role")


def _check_citations(c: _Checker) -> None:
    """Every fact-bearing item cites known sources or says `basis: practice`, not both; and every
    source of content/sources.yml backs at least one claim."""
    hb = c.handbook
    known = {source.id for source in hb.sources}
    cited: set[str] = set()
    for file, prefix, value in content_documents(hb):
        for loc, item in iter_citing(value, prefix):
            ids: list[str] = getattr(item, "sources", [])
            for j, source_id in enumerate(ids):
                if SOURCES.file not in hb.broken:
                    c.known(file, (*loc, "sources", j), source_id, known, "source")
            cited.update(ids)
            if not isinstance(item, Cited):
                continue
            if ids and item.basis is not None:
                c.at(file, (*loc, "basis"), "give either 'sources' or 'basis: practice', not both")
            elif not ids and item.basis is None:
                c.at(
                    file,
                    loc,
                    f"no source for this {_what(item)}: add 'sources: [<id>]' with ids from "
                    f"{SOURCES.file}, or 'basis: practice' when it is the programme's own practice",
                )
    if hb.broken:
        return  # a file that failed to load may be the one that cites a source
    for index, source in enumerate(hb.sources):
        if source.id not in cited:
            c.at(
                SOURCES.file,
                (*SOURCES.prefix, index, "id"),
                f"source '{source.id}' is cited nowhere: cite it where it backs a claim, or remove it",
            )


def _what(item: BaseModel) -> str:
    """`Section` → `section`, `EmergencyNumber` → `emergency number`: how a message names a kind."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", type(item).__name__).lower()


def iter_citing(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, BaseModel]]:
    """Every model inside `value` that has a `sources` field, with its location."""
    if isinstance(value, BaseModel):
        if "sources" in type(value).model_fields:
            yield loc, value
        for name in type(value).model_fields:
            yield from iter_citing(getattr(value, name), (*loc, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_citing(item, (*loc, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_citing(item, (*loc, key))


def _check_guide(c: _Checker, file: str, esc: Escalation) -> None:
    """The decision guide leads somewhere from every answer: each answer and each step's `then`
    names a step or question of the same path, no question is skipped, and no route runs in a
    circle (a reader in a hurry must always arrive at something to do)."""
    steps: dict[str, Loc] = {step.id: ("steps", i) for i, step in enumerate(esc.steps)}
    questions: dict[str, Loc] = {q.id: ("decisions", i) for i, q in enumerate(esc.decisions)}
    for question_id, loc in questions.items():
        if question_id in steps:
            line = c.position(file, (*steps[question_id], "id"))[0]
            c.at(file, (*loc, "id"), f"'{question_id}' is already the id of a step (line {line})")
    nodes = {**steps, **questions}
    edges: dict[str, list[tuple[str, Loc]]] = {node: [] for node in nodes}
    for i, q in enumerate(esc.decisions):
        if q.if_yes == q.if_no:
            c.at(file, ("decisions", i, "if_no"), f"both answers lead to '{q.if_no}'; ask another question")
        for answer in ("if_yes", "if_no"):
            edges[q.id].append((getattr(q, answer), ("decisions", i, answer)))
    for i, step in enumerate(esc.steps):
        if step.then is not None:
            edges[step.id].append((step.then, ("steps", i, "then")))
    options = ", ".join(sorted(nodes))
    for node, targets in edges.items():
        for target, loc in targets:
            if target == node:
                c.at(file, loc, f"'{target}' leads to itself")
            elif target not in nodes:
                c.at(file, loc, f"unknown step or question '{target}' (known: {options})")
    if not esc.decisions:
        return
    # Every question is reached from the first one.
    start = esc.decisions[0].id
    # A step without `then` goes on to the next one: that counts for reaching, not for circles.
    following = {a.id: [(b.id, ())] for a, b in zip(esc.steps, esc.steps[1:], strict=False) if a.then is None}
    reached, todo = {start}, [start]
    while todo:
        node = todo.pop()
        for target, _ in [*edges.get(node, []), *following.get(node, [])]:
            if target in nodes and target not in reached:
                reached.add(target)
                todo.append(target)
    for question_id, loc in questions.items():
        if question_id not in reached:
            c.at(
                file,
                (*loc, "id"),
                f"question '{question_id}' is never reached from the first question '{start}'",
            )
    # No circle: a depth-first walk that meets a node still on its path has found one.
    state: dict[str, int] = {}

    def walk(node: str) -> None:
        state[node] = 1
        for target, loc in edges.get(node, []):
            if target == node or target not in nodes:
                continue
            if state.get(target) == 1:
                c.at(
                    file,
                    loc,
                    f"'{target}' leads back to an earlier question or step: the guide runs in a circle",
                )
            elif target not in state:
                walk(target)
        state[node] = 2

    for node in [start, *nodes]:  # from the first question, so a circle is named where it closes
        if node not in state:
            walk(node)


def _braced(names: object) -> str:
    return ", ".join("{" + str(name) + "}" for name in sorted(names))  # type: ignore[call-overload]


def _check_texts(c: _Checker, catalogues: dict[str, Language]) -> None:
    """Every source text is safe, its placeholders resolve, and every translation matches it."""
    hb = c.handbook
    known = placeholder_names(hb.settings, hb.root)
    entries = {entry.key: entry for entry in all_entries(hb)}
    for entry in entries.values():
        messages = []
        for source in (entry.source, *([] if entry.plural is None else [entry.plural])):
            messages += text_problems(source)
            messages += [
                f"unknown placeholder '{{{name}}}' (known: {_braced(known)})"
                for name in sorted(placeholders_in(source) - known)
            ]
            if ":" not in entry.context:
                messages += format_problems(source)
        field = entry.context.partition(":")[2]
        c.problems += [Problem(entry.file, entry.line, entry.column, field, message) for message in messages]
    codes = {language.code for language in hb.settings.languages}
    for path in sorted((hb.root / LOCALES_DIR).glob("*.po")):
        if path.stem not in codes:
            c.problems.append(
                Problem(
                    f"{LOCALES_DIR}/{path.name}",
                    1,
                    1,
                    "",
                    f"language '{path.stem}' is not configured in handbook.yml "
                    f"(languages: {', '.join(sorted(codes))}); add it there first",
                )
            )
    for language in catalogues.values():
        if language.other_rule is not None:
            written, line = language.other_rule
            c.problems.append(
                Problem(
                    language.file,
                    line,
                    1,
                    "Plural-Forms",
                    f"'{written}' is not the plural rule of '{language.code}' "
                    f"('{plural_rule(language.code).header}'); run 'handbook translations update', "
                    "which writes it and puts each msgstr[i] where that rule wants it",
                )
            )
        for key, translation in language.entries.items():
            found = entries.get(key)
            context = key.partition("\x04")[0]
            if language.code == hb.settings.default_language and ":" in context:
                found = None  # the source language's catalogue holds the templates' strings only
            if found is None:
                if context.partition(":")[0] in hb.broken:
                    continue  # its source file failed to load; that error is reported already
                what = f"'{context}'" if ":" in context else f"'{translation.source}' of '{context}'"
                c.problems.append(
                    Problem(
                        language.file,
                        translation.line,
                        1,
                        "msgctxt",
                        f"{what} matches no source string; "
                        "run 'handbook translations update' to keep it as obsolete",
                    )
                )
                continue
            if translation.plural is not None:
                _check_forms(c, language, translation)
                continue
            if not translation.text:
                continue
            at = (language.file, translation.at, 1, "msgstr")
            # Judged against the msgid the translator translated (the source may have moved on
            # since: then the entry is outdated and shown in the source language anyway).
            interface = ":" not in context  # a template's string, which `fmt` fills in
            errors, warnings = translation_problems(translation.source, translation.text, interface=interface)
            c.problems += [Problem(*at, message) for message in errors]
            c.warnings += [Problem(*at, message) for message in warnings]
            if placeholders_in(translation.text) != placeholders_in(translation.source):
                expected = _braced(placeholders_in(translation.source)) or "none"
                c.problems.append(
                    Problem(
                        *at, f"placeholders differ from the source text of '{context}' (expected: {expected})"
                    )
                )


def _check_forms(c: _Checker, language: Language, translation: Translation) -> None:
    """Each msgstr[i] of a plural entry is judged against its msgid_plural, as a singular
    translation is against its msgid; the language's rule says how many forms there are."""
    rule = plural_rule(language.code)
    written = sum(1 for line in translation.form_lines if line)
    if written != rule.count and any(translation.forms):
        c.warnings.append(
            Problem(
                language.file,
                translation.at,
                1,
                "msgstr",
                f"'{language.code}' has {rule.count} plural forms (msgstr[0] to msgstr[{rule.count - 1}]) "
                f"and this entry {written}; run 'handbook translations update'",
            )
        )
    plural = translation.plural or ""
    for index, form in enumerate(translation.forms[: rule.count]):
        if not form:
            continue
        line = translation.form_lines[index] if index < len(translation.form_lines) else 0
        at = (language.file, line or translation.at, 1, f"msgstr[{index}]")
        single = rule.single(index)
        errors, warnings = translation_problems(plural, form, interface=True, single=single)
        c.problems += [Problem(*at, message) for message in errors]
        c.warnings += [Problem(*at, message) for message in warnings]


def _check_plain_strings(c: _Checker) -> None:
    """Fields that are not translated (names, numbers, titles of sources) reach pages too."""
    hb = c.handbook
    files: list[tuple[str, Loc, Any]] = list(content_documents(hb))
    for file, loc, value in files:
        for where, text in iter_plain(value, loc):
            for message in text_problems(text):
                c.at(file, where, message)


def _check_written_pages(c: _Checker) -> None:
    """Hand-written pages pass the same boundary as every other text."""
    for page in c.handbook.pages:
        if not page.endswith(".md"):
            continue
        text = (c.handbook.root / page).read_text(encoding="utf-8")
        for message in page_problems(text):
            c.problems.append(Problem(page, _line_of(text, message), 1, "", message))


def _line_of(text: str, message: str) -> int:
    """The line of a page where a problem starts: the shortest beginning of the page that has it
    (for a reference-style link, the line that defines where it points)."""
    lines = text.splitlines()
    for number in range(1, len(lines) + 1):
        if message in page_problems("\n".join(lines[:number])):
            return number
    return 1


def _check_pages(c: _Checker) -> None:
    codes = {language.code for language in c.handbook.settings.languages}
    for page in c.handbook.pages:
        if not page.endswith(".md"):
            continue
        base, lang = split_language(page)
        if lang not in codes or "." in base.rpartition("/")[2].removesuffix(".md"):
            c.problems.append(
                Problem(
                    page,
                    1,
                    1,
                    "",
                    "name a page <name>.<language>.md with a configured language "
                    f"({', '.join(sorted(codes))}), like {PAGES_DIR}/about.nl.md",
                )
            )


def validate_handbook(handbook: Handbook, catalogues: dict[str, Language]) -> list[Problem]:
    """Every cross-reference problem of the handbook."""
    checker = _Checker(handbook)
    _check_settings(checker)
    _check_roles(checker)
    _check_icons(checker)
    _check_references(checker)
    _check_citations(checker)
    _check_texts(checker, catalogues)
    _check_plain_strings(checker)
    _check_pages(checker)
    _check_written_pages(checker)
    handbook.warnings[:] = sorted(set(checker.warnings))
    return checker.problems


__all__ = ["validate_handbook"]
