"""The one registry of content kinds: where each kind's files live, its model, its page template,
its pages' addresses and the catalogue addresses of its strings. Every stage reads it; adding a
kind of content touches this module (and a template), nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from handbook.models import (
    Checklist,
    Escalation,
    GlossaryFile,
    Module,
    Role,
    Settings,
    SourcesFile,
    TopicsFile,
)

if TYPE_CHECKING:
    from pydantic import BaseModel


@dataclass(frozen=True)
class Collection:
    """A folder of files, one item each: `roles/buddy.yml` is the role `buddy`."""

    kind: str  # "role": how messages and references name it
    attribute: str  # "roles": the handbook's dict of items, as templates read it
    folder: str  # "roles": where its files live, relative to the handbook's root
    model: type[BaseModel]
    template: str  # the page template of one item
    pages: str  # the folder of its pages on the site: roles/buddy.md
    index_template: str  # the overview page of the kind: roles/index.md

    def file(self, item_id: str) -> str:
        return f"{self.folder}/{item_id}.yml"

    def page(self, item_id: str) -> str:
        return f"{self.pages}/{item_id}.md"


@dataclass(frozen=True)
class Document:
    """A single file: the settings, or a list such as the topics."""

    kind: str
    attribute: str  # the handbook's attribute: a model, or the list under `field`
    file: str
    model: type[BaseModel]
    field: str | None  # the list inside the file (`topics:`), or None for the whole model
    template: str | None = None  # the page that shows it, if any
    page: str | None = None

    @property
    def prefix(self) -> tuple[str, ...]:
        """The catalogue address of the file's strings starts here: `content/topics.yml:topics.…`"""
        return (self.field,) if self.field else ()


SETTINGS = Document("settings", "settings", "handbook.yml", Settings, None, "home.md.j2", "index.md")
TOPICS = Document(
    "topics", "topics", "content/topics.yml", TopicsFile, "topics", "boundaries.md.j2", "boundaries.md"
)
GLOSSARY = Document(
    "glossary", "glossary", "content/glossary.yml", GlossaryFile, "terms", "glossary.md.j2", "glossary.md"
)
SOURCES = Document(
    "sources", "sources", "content/sources.yml", SourcesFile, "sources", "sources.md.j2", "sources.md"
)
DOCUMENTS = (SETTINGS, TOPICS, GLOSSARY, SOURCES)
COLLECTIONS = (
    Collection("role", "roles", "roles", Role, "role.md.j2", "roles", "roles.md.j2"),
    Collection(
        "escalation",
        "escalations",
        "content/escalation",
        Escalation,
        "escalation.md.j2",
        "escalation",
        "escalations.md.j2",
    ),
    Collection("module", "modules", "content/modules", Module, "module.md.j2", "modules", "modules.md.j2"),
    Collection(
        "checklist",
        "checklists",
        "content/checklists",
        Checklist,
        "checklist.md.j2",
        "checklists",
        "checklists.md.j2",
    ),
)
BY_KIND = {collection.kind: collection for collection in COLLECTIONS}

PAGES_DIR = "content/pages"
LOCALES_DIR = "content/locales"
TEMPLATES_DIR = "templates"
ASSETS_DIR = "content/assets"
# Everything a person edits: a change in any of these means the generated site is stale.
SOURCE_FOLDERS = (
    "handbook.yml",
    "content",
    *sorted({c.folder.split("/")[0] for c in COLLECTIONS}),
    TEMPLATES_DIR,
)


def split_language(path: str) -> tuple[str, str | None]:
    """`about.nl.md` → (`about.md`, `nl`); `roles/buddy.ar.md` → (`roles/buddy.md`, `ar`); a name
    without a language part → (name, None). The one place that reads `<name>.<lang>.<ext>`."""
    folder, _, name = path.rpartition("/")
    parts = name.split(".")
    if len(parts) < 3:
        return path, None
    base = ".".join([*parts[:-2], parts[-1]])
    return (f"{folder}/{base}" if folder else base), parts[-2]


def page_address(page: str) -> str:
    """A generated page's address on the site, one folder a page: `roles/buddy.md` →
    `roles/buddy/`, `escalation/index.md` → `escalation/`, `index.md` → ``."""
    url = page.removesuffix(".md").removesuffix("index")
    return url + "/" if url and not url.endswith("/") else url


def language_folder(lang: str, source_lang: str) -> str:
    """Where a language's pages live on the site: the source language at the root (``), every
    other language in a folder of its own (`ar/`)."""
    return "" if lang == source_lang else f"{lang}/"


def with_language(path: str, lang: str) -> str:
    """`roles/buddy.md` → `roles/buddy.nl.md`: the address mkdocs-static-i18n reads."""
    base, _, ext = path.rpartition(".")
    return f"{base}.{lang}.{ext}"
