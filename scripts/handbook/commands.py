"""What each CLI command does, kept apart from argument parsing so tests can call it."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from handbook.build import DOCS_DIR, load_valid
from handbook.build import generate as generate_docs
from handbook.catalog import POT_FILE, all_entries, read_language, render_template_catalog, update_language
from handbook.load import LOCALES_DIR
from handbook.site import build_site
from handbook.status import language_status

if TYPE_CHECKING:
    from pathlib import Path


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def validate(root: Path) -> int:
    handbook, _ = load_valid(root)
    counts = {kind: len(items) for kind, items in handbook.collections().items()}
    summary = ", ".join(f"{count} {kind}s" for kind, count in counts.items())
    _say(f"ok: {summary}, {len(handbook.topics)} topics, {len(handbook.glossary)} terms")
    return 0


def generate_only(root: Path, docs_dir: Path | None) -> tuple[int, float]:
    start = time.perf_counter()
    result = generate_docs(root, docs_dir or root / DOCS_DIR)
    report = result.report
    _say(
        f"generated {DOCS_DIR}/: {report.written} written, {report.unchanged} unchanged, "
        f"{report.removed} removed ({time.perf_counter() - start:.2f} s)"
    )
    return 0, time.perf_counter() - start


def generate(root: Path, docs_dir: Path | None) -> int:
    return generate_only(root, docs_dir)[0]


def build(root: Path, site_dir: Path | None) -> int:
    generate_only(root, None)
    seconds = build_site(root, site_dir or root / "site")
    _say(f"built site/ ({seconds:.1f} s)")
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
    handbook, _ = load_valid(root)
    entries = all_entries(handbook)
    (root / POT_FILE).write_text(render_template_catalog(entries), encoding="utf-8")
    for language in handbook.settings.languages:
        if language.code == handbook.settings.default_language:
            continue
        name = f"{LOCALES_DIR}/{language.code}.po"
        text = update_language(root, language.code, entries)
        path = root / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            _say(f"updated {name}")
    return status(root, check=False)


def status(root: Path, *, check: bool) -> int:
    handbook, catalogues = load_valid(root)
    failing = []
    for language in handbook.settings.languages:
        if language.code == handbook.settings.default_language:
            continue
        catalogue = catalogues.get(language.code) or read_language(root, language.code)[0]
        counts = language_status(handbook, catalogue)
        total = sum(counts.values()) or 1
        share = 100 * counts["translated"] / total
        flag = " (required)" if language.required else ""
        print(
            f"{language.code}{flag}: {share:5.1f}% translated — {counts['translated']} translated, "
            f"{counts['outdated']} outdated, {counts['missing']} missing"
        )
        if language.required and (counts["outdated"] or counts["missing"]):
            failing.append(language.code)
    if check and failing:
        _say(f"required languages not complete: {', '.join(failing)}")
        return 1
    return 0
