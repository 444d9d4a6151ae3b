"""What each CLI command does, kept apart from argument parsing so tests can call it."""

from __future__ import annotations

import datetime
import os
import sys
import time
from typing import TYPE_CHECKING

from handbook.assemble import render_files, suffixed
from handbook.build import DOCS_DIR, generate_if_changed, load_valid
from handbook.catalog import POT_FILE, all_entries, entries_for, render_template_catalog, update_language
from handbook.errors import Problem, warning_text
from handbook.languages import add_language_entry
from handbook.lint import Judged, LanguageReading, limit_for, measure, review_warnings, summarise
from handbook.load import LOCALES_DIR, PAGES_DIR
from handbook.publish import publish_problems
from handbook.render import Page, plan_pages
from handbook.scaffold import new_file
from handbook.schema import SCHEMAS_DIR, write_schemas
from handbook.site import build_site
from handbook.status import language_status

if TYPE_CHECKING:
    from pathlib import Path


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _warn(warnings: list[Problem]) -> None:
    for problem in warnings:
        _say(warning_text(problem))
    if warnings:
        noun = "warning" if len(warnings) == 1 else "warnings"
        _say(f"{len(warnings)} {noun}: worth a look, not stopping the build")


def validate(root: Path, *, publish: bool = False, today: datetime.date | None = None) -> int:
    handbook, catalogues = load_valid(root)
    _warn(handbook.warnings)
    if publish:
        problems = publish_problems(handbook, catalogues, today or datetime.date.today())
        if problems:
            for problem in problems:
                _say(str(problem))
            noun = "thing" if len(problems) == 1 else "things"
            _say(f"{len(problems)} {noun} to fix before publishing (handbook validate --publish)")
            return 1
    counts = {kind: len(items) for kind, items in handbook.collections().items()}
    summary = ", ".join(f"{count} {kind}s" for kind, count in counts.items())
    _say(f"ok: {summary}, {len(handbook.topics)} topics, {len(handbook.glossary)} terms")
    return 0


def generate_only(root: Path, docs_dir: Path | None) -> tuple[int, float]:
    start = time.perf_counter()
    result, fresh = generate_if_changed(root, docs_dir or root / DOCS_DIR)
    _warn(result.warnings)
    report = result.report
    seconds = time.perf_counter() - start
    if not fresh:
        _say(f"generated {DOCS_DIR}/: nothing changed since the last generation ({seconds:.2f} s)")
        return 0, seconds
    _say(
        f"generated {DOCS_DIR}/: {report.written} written, {report.unchanged} unchanged, "
        f"{report.removed} removed ({seconds:.2f} s)"
    )
    return 0, time.perf_counter() - start


def generate(root: Path, docs_dir: Path | None) -> int:
    return generate_only(root, docs_dir)[0]


def build(root: Path, site_dir: Path | None, *, pdf: bool = True) -> int:
    if not pdf:
        os.environ["HANDBOOK_PDF"] = "0"  # read by the generator here and in MkDocs' hook
    generate_only(root, None)
    seconds = build_site(root, site_dir or root / "site")
    _say(f"built site/ ({seconds:.1f} s)")
    return 0


def lint(root: Path, *, every_language: bool, today: datetime.date | None = None) -> int:
    """Measure sentence length on every page of every language, page by page and per language.
    Fail on pages above handbook.yml's limits in the languages held to them (the source language,
    unless plain_language.check_languages names others); report the other languages' pages above
    them without failing. Warn (without failing) about review dates older than review_months."""
    handbook, catalogues = load_valid(root)
    _warn(review_warnings(handbook, today or datetime.date.today()))
    files, _ = render_files(handbook, catalogues, pdf=False)
    settings = handbook.settings
    rules = settings.plain_language
    checked = settings.checked_languages
    pages = plan_pages(handbook)
    written = [p.removeprefix(PAGES_DIR + "/") for p in handbook.pages if p.endswith(".md")]
    summaries: list[LanguageReading] = []
    codes = [language.code for language in settings.languages]
    width = max(4, *(len(code) for code in codes))  # "pt-BR" keeps the columns in line
    print(f"{'lang':{width}} {'page':42} {'sentences':>9} {'avg words':>9} {'long':>6}  limit")
    for lang in codes:
        own = [
            Page(name.replace(f".{lang}.md", ".md"), "", name)
            for name in written
            if name.endswith(f".{lang}.md")
        ]
        judged = []
        for page in [*pages, *own]:
            markdown = files[suffixed(page.path, lang)].decode("utf-8")
            reading = measure(page.path, lang, markdown, rules.long_sentence_words)
            verdict = Judged(reading, limit_for(rules, page.audiences))
            judged.append(verdict)
            if lang in checked or every_language or verdict.over:
                print(_page_line(verdict, width, held=lang in checked))
        summaries.append(summarise(lang, judged))
    print(f"\nper language (a long sentence has more than {rules.long_sentence_words} words)")
    print(f"{'lang':{width}} {'pages':>5} {'sentences':>9} {'avg words':>9} {'long':>6} {'over':>5}  check")
    for summary in summaries:
        if summary.lang == settings.default_language:
            role = "source language: fails above the limits"
        elif summary.lang in checked:
            role = "fails above the limits (check_languages)"
        else:
            role = "translation: reported, not failing"
        print(
            f"{summary.lang:{width}} {summary.pages:5d} {summary.sentences:9d} {summary.average:9.1f} "
            f"{summary.long_share:6.1%} {summary.over:5d}  {role}"
        )
    failing = [s for s in summaries if s.lang in checked and s.over]
    reported = [s for s in summaries if s.lang not in checked and s.over]
    if reported:
        counts = ", ".join(f"{s.lang} {s.over}" for s in reported)
        _say(
            f"warning: {sum(s.over for s in reported)} translated page(s) above the plain-language "
            f"limits ({counts}): reported, not failing"
        )
    if failing:
        counts = ", ".join(f"{s.lang} {s.over}" for s in failing)
        _say(
            f"{sum(s.over for s in failing)} page(s) above the plain-language limits in handbook.yml "
            f"(plain_language): {counts}"
        )
        return 1
    return 0


def _page_line(judged: Judged, width: int, *, held: bool) -> str:
    reading, limit = judged.reading, judged.limit
    verdict = ""
    if limit:
        word = ("OVER" if held else "over") if judged.over else "ok"
        verdict = f"{word:4} (avg ≤ {limit[0]:g}, long ≤ {limit[1]:.0%})"
        if judged.over and not held:
            verdict += " reported, not failing"
    return (
        f"{reading.lang:{width}} {reading.page:42} {reading.sentences:9d} {reading.average:9.1f} "
        f"{reading.long_share:6.0%}  {verdict}"
    )


def schemas(root: Path) -> int:
    """Write the JSON Schemas that editors use to check and complete the YAML files."""
    written = write_schemas(root)
    for name in written:
        _say(f"wrote {name}")
    _say(f"{SCHEMAS_DIR}/: {len(written)} written" + ("" if written else ", all up to date"))
    return 0


def new(root: Path, kind: str, item_id: str) -> int:
    """Write a new, commented source file of a kind, ready to fill in."""
    name = new_file(root, kind, item_id)
    _say(f"wrote {name}: fill it in, then run 'handbook validate'")
    return 0


def extract(root: Path) -> int:
    handbook, _ = load_valid(root)
    path = root / POT_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    entries = all_entries(handbook)
    path.write_text(render_template_catalog(entries), encoding="utf-8")
    _say(f"wrote {POT_FILE}: {len(entries)} strings")
    return 0


def update(root: Path) -> int:
    handbook, _ = load_valid(root, catalogues_too=False)
    entries = all_entries(handbook)
    (root / POT_FILE).write_text(render_template_catalog(entries), encoding="utf-8")
    for code in handbook.settings.catalogue_languages:
        name = f"{LOCALES_DIR}/{code}.po"
        text = update_language(root, code, entries_for(handbook, code))
        path = root / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            _say(f"updated {name}")
    return status(root, check=False, pages=False)


def set_source(root: Path, code: str) -> int:
    """Make `code` the source language, then bring every catalogue in step."""
    from handbook.source import set_source as make_source

    for line in make_source(root, code):
        _say(f"rewrote {line}")
    return update(root)


def add(root: Path, code: str) -> int:
    """Add a language end to end: settings, catalogue; the switcher follows from the settings."""
    name = add_language_entry(root, code)
    _say(f"added {code} ({name}) to handbook.yml")
    return update(root)


def status(root: Path, *, check: bool, pages: bool = True) -> int:
    """Per language, then per page: how much is translated, outdated (fuzzy) and missing."""
    handbook, catalogues = load_valid(root)
    by_page = render_files(handbook, catalogues, pdf=False)[1].pages if pages else {}
    failing = []
    for language in handbook.settings.languages:
        if language.code not in handbook.settings.catalogue_languages:
            continue
        counts = language_status(handbook, catalogues[language.code])
        flag = " (required)" if language.required else ""
        print(f"{language.code}{flag}: {_shares(counts)}")
        for path, page in by_page.get(language.code, {}).items():
            print(f"  {path:44} {_shares(page.counts)}")
        if language.required and (counts["outdated"] or counts["missing"]):
            failing.append(language.code)
    if check and failing:
        _say(f"required languages not complete: {', '.join(failing)}")
        return 1
    return 0


def _shares(counts: dict[str, int]) -> str:
    total = sum(counts.values()) or 1
    return (
        f"{100 * counts['translated'] / total:5.1f}% translated — {counts['translated']} translated, "
        f"{counts['outdated']} outdated, {counts['missing']} missing"
    )
