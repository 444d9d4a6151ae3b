"""The pipeline: load, validate, localise, render and write the generated docs folder."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from handbook.catalog import Language, read_language
from handbook.errors import Problem, ValidationFailed
from handbook.load import (
    ASSETS_DIR,
    LOCALES_DIR,
    PAGES_DIR,
    ROLES_DIR,
    TEMPLATES_DIR,
    Handbook,
    load_handbook,
)
from handbook.localise import localise_handbook
from handbook.render import Renderer, TemplateFailure, plan_pages, render_language
from handbook.validate import validate_handbook
from handbook.write import WriteReport, add_file, write_tree

if TYPE_CHECKING:
    from pathlib import Path

    from handbook.models import Settings

DOCS_DIR = "generated"
NAV_TEMPLATE = "nav.yml.j2"
KIT_ASSETS = f"{TEMPLATES_DIR}/assets"


@dataclass
class Generated:
    """What a generation run produced, for the CLI and the MkDocs hook."""

    settings: Settings
    nav: dict[str, list[Any]]
    titles: dict[str, str]
    statuses: dict[str, dict[str, str]]
    report: WriteReport
    needs_review: dict[str, bool] = field(default_factory=dict)


def load_valid(root: Path) -> tuple[Handbook, dict[str, Language]]:
    """Load and validate everything; raise ValidationFailed with every problem found."""
    handbook, problems = load_handbook(root)
    template_problems = _check_templates(root)
    problems.extend(template_problems)
    catalogues: dict[str, Language] = {}
    if handbook is not None:
        # A template that does not parse yields no strings: do not call its translations orphans.
        handbook.broken.update(problem.file for problem in template_problems)
        for language in handbook.settings.languages:
            if language.code == handbook.settings.default_language:
                continue
            catalogue, found = read_language(root, language.code)
            catalogues[language.code] = catalogue
            problems.extend(found)
        problems.extend(validate_handbook(handbook, catalogues))
    if problems or handbook is None:
        raise ValidationFailed(problems)
    return handbook, catalogues


def _check_templates(root: Path) -> list[Problem]:
    renderer = Renderer(root, "nl")
    problems = []
    if not (root / TEMPLATES_DIR).is_dir():
        return [Problem(TEMPLATES_DIR, 1, 1, "", "folder is missing")]
    for path in sorted((root / TEMPLATES_DIR).rglob("*.j2")):
        name = path.relative_to(root / TEMPLATES_DIR).as_posix()
        try:
            renderer.env.get_template(name)
        except Exception as error:  # noqa: BLE001 - every template error becomes a message
            from handbook.render import template_problem

            problems.append(template_problem(root, error))
    return problems


def suffixed(path: str, lang: str) -> str:
    base, _, ext = path.rpartition(".")
    return f"{base}.{lang}.{ext}"


def _title(markdown: str) -> str:
    """The page's H1 as plain text, still HTML-escaped, for the front matter's `title`.

    MkDocs would otherwise derive the title from the H1 and Material prints it unescaped in places
    (`<title>` after `striptags`); a title given here is used as it is, and stays inert.
    """
    for line in markdown.splitlines():
        if line.startswith("# "):
            # Content cannot contain '<' (it is escaped), so every tag left is the kit's own span.
            return " ".join(re.sub(r"<[^>]*>", "", line[2:]).split())
    return ""


def _front_matter(source: str, status: str, title: str) -> str:
    lines = ["---"]
    if title:
        lines.append(f"title: {json.dumps(title, ensure_ascii=False)}")
    if source.endswith(".yml"):
        lines.append(f"hb_source: {source}")
    lines += [f"hb_status: {status}", "---", "", ""]
    return "\n".join(lines)


def render_files(handbook: Handbook, catalogues: dict[str, Language]) -> tuple[dict[str, bytes], Generated]:
    """Every output file's bytes, plus the navigation and status of each language."""
    settings = handbook.settings
    renderer = Renderer(handbook.root, settings.default_language)
    pages = plan_pages(handbook)
    files: dict[str, bytes] = {}
    nav: dict[str, list[Any]] = {}
    titles: dict[str, str] = {}
    statuses: dict[str, dict[str, str]] = {}
    extra_pages = sorted({_base_page(p) for p in handbook.pages if p.endswith(".md")})
    for language in settings.languages:
        lang = language.code
        catalogue = catalogues.get(lang)
        renderer.use(lang, catalogue)
        local = localise_handbook(handbook, lang, catalogue)
        try:
            rendered = render_language(renderer, local, lang, pages)
            nav_text = renderer.env.get_template(NAV_TEMPLATE).render(
                roles=sorted(local.roles.items(), key=lambda p: (p[1].order, p[0])),
                escalations=sorted(local.escalations.items(), key=lambda p: (p[1].order, p[0])),
                modules=sorted(local.modules.items(), key=lambda p: (p[1].order, p[0])),
                checklists=sorted(local.checklists.items(), key=lambda p: (p[1].order, p[0])),
                pages=extra_pages,
            )
        except TemplateFailure as failure:
            raise ValidationFailed([failure.problem]) from failure
        nav[lang] = yaml.safe_load(nav_text)
        titles[lang] = str(local.settings.title)
        statuses[lang] = {}
        for page, out in zip(pages, rendered, strict=True):
            statuses[lang][page.path] = out.status
            text = _front_matter(page.source, out.status, _title(out.text)) + out.text
            add_file(files, suffixed(page.path, lang), text.encode("utf-8"), page.template)
    for name in handbook.pages:
        add_file(files, name.removeprefix(PAGES_DIR + "/"), (handbook.root / name).read_bytes(), name)
    for folder, prefix in ((KIT_ASSETS, "assets/"), (ASSETS_DIR, "assets/")):
        directory = handbook.root / folder
        for path in sorted(directory.rglob("*")) if directory.is_dir() else []:
            if path.is_file() and not path.name.startswith("."):
                rel = prefix + path.relative_to(directory).as_posix()
                add_file(files, rel, path.read_bytes(), f"{folder}/{path.relative_to(directory).as_posix()}")
    generated = Generated(
        settings=settings,
        nav=nav,
        titles=titles,
        statuses=statuses,
        report=WriteReport(0, 0, 0),
        needs_review={code: c.needs_review for code, c in catalogues.items()},
    )
    return files, generated


def _base_page(page: str) -> str:
    """content/pages/about.nl.md → about.md"""
    name = page.removeprefix(PAGES_DIR + "/")
    parts = name.split(".")
    return ".".join([parts[0], parts[-1]])


def generate(root: Path, docs_dir: Path | None = None) -> Generated:
    """Validate the sources and bring the generated docs folder up to date."""
    handbook, catalogues = load_valid(root)
    files, generated = render_files(handbook, catalogues)
    generated.report = write_tree(docs_dir or root / DOCS_DIR, files)
    return generated


def fingerprint(root: Path) -> str:
    """A cheap digest of every input's name, size and modification time."""
    digest = hashlib.sha256()
    inputs = [root / "handbook.yml"]
    for folder in ("content", ROLES_DIR, TEMPLATES_DIR, LOCALES_DIR):
        directory = root / folder
        if directory.is_dir():
            inputs.extend(sorted(directory.rglob("*")))
    for path in inputs:
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


_cache: dict[tuple[Path, Path], tuple[str, Generated]] = {}


def generate_cached(root: Path, docs_dir: Path) -> Generated:
    """`generate`, skipped when no input changed since the last run in this process."""
    key = (root.resolve(), docs_dir.resolve())
    stamp = fingerprint(root)
    cached = _cache.get(key)
    if cached and cached[0] == stamp and (docs_dir / ".handbook-generated").exists():
        return cached[1]
    generated = generate(root, docs_dir)
    _cache[key] = (stamp, generated)
    return generated
