"""Benchmark the kit against plain Material for MkDocs: page weight, build time, scaling.

Run with `make bench` (not part of `make test`). Everything is built in a temporary folder;
the working tree's site/, generated/ and .cache/ are never touched. One run measures:

(a) First-load weight. For one page of each type (home, a role, the boundaries matrix, a
    module, a checklist, an escalation path, the glossary), in the source language and in
    the first right-to-left language of handbook.yml, headless Chromium opens the page at
    360x740 in a fresh browser context (empty cache) and waits for network idle. Requests are
    counted and their transferred bytes (Chrome DevTools' `encodedDataLength`: headers plus
    body as sent) summed. A tiny local server gzips text responses, as a real host would.
    The comparison is a default Material + mkdocs-static-i18n site built from the same
    generated Markdown: theme defaults, plugins search and i18n (suffix structure, the same
    languages), the project's markdown_extensions, no hook.
(b) Build time. In a copy of the sources: a clean `handbook build --no-pdf`, the same
    command again with nothing changed, and a clean `handbook build` with PDFs (no .cache).
    The yardstick is a plain `mkdocs build` of the same generated Markdown with the project's
    mkdocs.yml minus its hook (the i18n languages listed statically from handbook.yml).
    The three builds without PDFs are run in turn, ROUNDS times (BENCH_ROUNDS, 5 unless set; a
    fresh copy each round), and each figure is the median of its rounds: a busy moment of the
    machine then weighs on the kit and on the yardstick alike, and on one round only.
(c) Scaling. A synthetic handbook in which every module, checklist and escalation file is
    copied four more times (`<id>-copy2` ... `<id>-copy5`): clean `handbook build --no-pdf`
    at 1x and at 5x content.

The result is printed as one Markdown table and written to test-artifacts/bench.json.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
# The browser is launched as the browser tests launch it (tests/browser.py).
sys.path.insert(0, str(ROOT / "tests"))
from browser import CHROMIUM, FLAGS, first_load  # noqa: E402 - after the path it is found on
from browser import serve_gzipped as serve  # noqa: E402

BIN = ROOT / ".venv" / "bin"
HANDBOOK = BIN / "handbook"
MKDOCS = BIN / "mkdocs"
OUTPUT = ROOT / "test-artifacts" / "bench.json"

# What a repository copy needs to build: the sources, the templates and the hook.
SOURCES = ["handbook.yml", "mkdocs.yml", "content", "roles", "templates", "schemas"]
HOOK = "scripts/mkdocs_hooks.py"
# The folders of content/ whose files are multiplied for the 5x handbook.
MULTIPLIED = ["modules", "checklists", "escalation"]
COPIES = 5
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))


ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Row:
    """One line of the table: what was measured, the kit's figure, the yardstick's, their ratio."""

    section: str
    measure: str
    kit: float
    baseline: float | None
    unit: str
    # Every round's seconds, kit and baseline, where a figure is a median of rounds.
    rounds: dict[str, list[float]] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        return self.kit / self.baseline if self.baseline else None


# --- running and copying -------------------------------------------------------------------------


def run(command: list[str | Path]) -> float:
    """Run a command to completion and return its wall-clock seconds; fail loudly with its output."""
    start = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - our own venv's tools, with arguments we build
        [str(part) for part in command], env=ENV, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"bench: failed ({result.returncode}): {' '.join(map(str, command))}")
    return seconds


def copy_sources(target: Path) -> Path:
    """A fresh copy of the handbook's sources in `target`: empty generated/, no .cache/."""
    target.mkdir(parents=True)
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    (target / HOOK).parent.mkdir(parents=True)
    shutil.copy2(ROOT / HOOK, target / HOOK)
    (target / "generated").mkdir()
    return target


def handbook_build(root: Path, site: Path, *, pdf: bool) -> float:
    return run([HANDBOOK, "--root", root, "build", "--site-dir", site, *([] if pdf else ["--no-pdf"])])


def mkdocs_build(config: Path, site: Path) -> float:
    return run([MKDOCS, "build", "--quiet", "-f", config, "-d", site])


def settings() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "handbook.yml").read_text(encoding="utf-8"))
    return loaded


def i18n_languages(handbook: dict[str, Any], indent: str) -> str:
    """The i18n plugin's `languages:` entries for handbook.yml's languages, as YAML lines."""
    lines = []
    for language in handbook["languages"]:
        lines += [
            f"{indent}- locale: {language['code']}",
            f"{indent}  name: {json.dumps(language['name'], ensure_ascii=False)}",
            f"{indent}  default: {str(language['code'] == handbook['default_language']).lower()}",
            f"{indent}  build: true",
        ]
    return "\n".join(lines) + "\n"


def markdown_extensions() -> str:
    """The `markdown_extensions:` block of the project's mkdocs.yml, verbatim (it has !!python tags)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^markdown_extensions:\n(?:[ #].*\n|\n)*", text, re.M)
    if match is None:
        raise SystemExit("bench: no markdown_extensions in mkdocs.yml")
    return match.group(0)


def plain_config(copy: Path, docs: Path, handbook: dict[str, Any]) -> Path:
    """The project's mkdocs.yml without `hooks:` and with the languages listed statically."""
    text = (copy / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^hooks:\n(?:  .*\n)*", "", text, flags=re.M)
    text = re.sub(
        r"^(      languages:\n)(?:        .*\n)*",
        lambda match: match.group(1) + i18n_languages(handbook, "        "),
        text,
        flags=re.M,
    )
    text = re.sub(r"^docs_dir: .*$", f"docs_dir: {json.dumps(str(docs))}", text, flags=re.M)
    if re.search(r"^hooks:|mkdocs_hooks\.py$", text, re.M):
        raise SystemExit("bench: could not remove the hook from mkdocs.yml")
    config = copy / "mkdocs.plain.yml"
    config.write_text(text, encoding="utf-8")
    return config


def default_config(folder: Path, docs: Path, handbook: dict[str, Any]) -> Path:
    """A default Material + mkdocs-static-i18n site over `docs`: what one gets without the kit.

    A language the theme has no interface strings for (Pashto) gets a copy of its English ones,
    as a Material user would have to add; nothing else is changed."""
    import material

    theme_languages = Path(material.__file__).parent / "templates" / "partials" / "languages"
    custom = folder / "overrides" / "partials" / "languages"
    custom.mkdir(parents=True, exist_ok=True)
    for language in handbook["languages"]:
        if not (theme_languages / f"{language['code']}.html").exists():
            shutil.copyfile(theme_languages / "en.html", custom / f"{language['code']}.html")
    text = (
        f"site_name: {json.dumps(handbook['title'], ensure_ascii=False)}\n"
        f"docs_dir: {json.dumps(str(docs))}\n"
        "theme:\n"
        "  name: material\n"
        f"  custom_dir: {json.dumps(str(folder / 'overrides'))}\n"
        "plugins:\n"
        "  - search\n"
        "  - i18n:\n"
        "      docs_structure: suffix\n"
        "      languages:\n" + i18n_languages(handbook, "        ") + markdown_extensions()
    )
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


# --- (a) first-load weight -----------------------------------------------------------------------


def page_paths(handbook: dict[str, Any]) -> dict[str, str]:
    """One site path per page type (source language), the first of each kind by id."""

    def first(folder: Path) -> str:
        return sorted(path.stem for path in folder.glob("*.yml"))[0]

    return {
        "home": "",
        "role": f"roles/{first(ROOT / 'roles')}/",
        "boundaries": "boundaries/",
        "module": f"modules/{first(ROOT / 'content' / 'modules')}/",
        "checklist": f"checklists/{first(ROOT / 'content' / 'checklists')}/",
        "escalation": f"escalation/{first(ROOT / 'content' / 'escalation')}/",
        "glossary": "glossary/",
    }


def page_weights(kit_site: Path, default_site: Path, handbook: dict[str, Any]) -> list[Row]:
    """Rows of (a): requests and gzipped bytes per page type and language, kit against default."""
    languages = [handbook["default_language"]]
    rtl = [language["code"] for language in handbook["languages"] if language.get("dir") == "rtl"]
    languages += rtl[:1]
    rows: list[Row] = []
    executable = str(CHROMIUM) if CHROMIUM.exists() else None
    with (
        sync_playwright() as playwright,
        serve(kit_site) as kit_url,
        serve(default_site) as default_url,
    ):
        browser = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        try:
            for language in languages:
                prefix = "" if language == handbook["default_language"] else f"{language}/"
                for kind, path in page_paths(handbook).items():
                    kit = first_load(browser, f"{kit_url}/{prefix}{path}").totals
                    default = first_load(browser, f"{default_url}/{prefix}{path}").totals
                    label = f"{kind} ({language}, /{prefix}{path})"
                    rows.append(Row("a. first load", f"{label} KiB", kit[1] / 1024, default[1] / 1024, "KiB"))
                    rows.append(Row("a. first load", f"{label} requests", kit[0], default[0], "requests"))
        finally:
            browser.close()
    return rows


# --- (b) build times and (c) scaling -------------------------------------------------------------


def build_times(work: Path, handbook: dict[str, Any]) -> tuple[list[Row], Path, Path]:
    """Rows of (b); also the kit's site (with PDFs) and a copy of the generated Markdown for (a)."""
    docs = work / "docs"
    clean: list[float] = []
    rebuild: list[float] = []
    plain: list[float] = []
    for number in range(1, ROUNDS + 1):
        copy = copy_sources(work / f"repo-{number}")
        clean.append(handbook_build(copy, work / f"site-nopdf-{number}", pdf=False))
        rebuild.append(handbook_build(copy, work / f"site-nopdf-{number}", pdf=False))
        if number == 1:
            shutil.copytree(copy / "generated", docs)
        plain.append(mkdocs_build(plain_config(copy, docs, handbook), work / f"site-plain-{number}"))
    with_pdf_copy = copy_sources(work / "repo-pdf")
    with_pdf = handbook_build(with_pdf_copy, work / "site-pdf", pdf=True)
    base = statistics.median(plain)

    def median(measure: str, kit: list[float]) -> Row:
        return Row("b. build", measure, statistics.median(kit), base, "s", {"kit": kit, "baseline": plain})

    rows = [
        Row("b. build", "plain `mkdocs build`, same Markdown, no hook", base, base, "s", {"kit": plain}),
        median("clean `handbook build --no-pdf`", clean),
        median("no-change rebuild `handbook build --no-pdf`", rebuild),
        Row("b. build", "clean `handbook build` with PDFs", with_pdf, base, "s"),
    ]
    return rows, work / "site-pdf", docs


def multiply(copy: Path) -> None:
    """Copy every module, checklist and escalation file to `<id>-copy2` ... `<id>-copy<COPIES>`."""
    for folder in MULTIPLIED:
        for source in sorted((copy / "content" / folder).glob("*.yml")):
            for number in range(2, COPIES + 1):
                shutil.copy2(source, source.with_name(f"{source.stem}-copy{number}.yml"))


def scaling(work: Path) -> list[Row]:
    """Rows of (c): clean `handbook build --no-pdf` of the handbook as it is and at 5x content."""
    single = handbook_build(copy_sources(work / "repo-1x"), work / "site-1x", pdf=False)
    five = copy_sources(work / "repo-5x")
    multiply(five)
    fivefold = handbook_build(five, work / "site-5x", pdf=False)
    return [
        Row("c. scaling", "clean `handbook build --no-pdf`, 1x content", single, single, "s"),
        Row("c. scaling", f"clean `handbook build --no-pdf`, {COPIES}x content", fivefold, single, "s"),
    ]


# --- report --------------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    def number(value: float | None, unit: str) -> str:
        if value is None:
            return "-"
        return f"{value:.0f}" if unit == "requests" else f"{value:.1f}" if unit == "KiB" else f"{value:.2f}"

    lines = [
        "| part | measure | kit | baseline | kit / baseline |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for row in rows:
        ratio = f"{row.ratio:.2f}" if row.ratio is not None else "-"
        lines.append(
            f"| {row.section} | {row.measure} | {number(row.kit, row.unit)} "
            f"| {number(row.baseline, row.unit)} | {ratio} |"
        )
    return "\n".join(lines)


def main() -> int:
    handbook = settings()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as temporary:
        work = Path(temporary)
        build_rows, kit_site, docs = build_times(work, handbook)
        default_site = work / "site-default"
        mkdocs_build(default_config(work / "default", docs, handbook), default_site)
        weight_rows = page_weights(kit_site, default_site, handbook)
        scale_rows = scaling(work)
    rows = weight_rows + build_rows + scale_rows
    total = time.perf_counter() - start
    print(table(rows))
    print(
        f"\nbaseline: (a) default Material + i18n site, same Markdown; (b) plain mkdocs build "
        f"(medians of {ROUNDS} interleaved rounds; every round in {OUTPUT.name}); (c) 1x content. "
        f"Total {total:.0f} s."
    )
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "seconds": round(total, 1),
        "rows": [{**asdict(row), "ratio": row.ratio} for row in rows],
    }
    OUTPUT.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
