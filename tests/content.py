"""What the content tests know about the handbook in this repository: read from it, never named.

A fork renames roles, adds languages and writes in another source language; the content tests
take ids, languages, directions and interface words from here, so they pass on the fork's own
content unchanged.
"""

from __future__ import annotations

from handbook.build import load_valid
from handbook.localise import LocalText, localise_handbook
from handbook.render import Renderer
from minihandbook import REPO

HANDBOOK, CATALOGUES = load_valid(REPO)
SETTINGS = HANDBOOK.settings
SOURCE = SETTINGS.default_language
LANGUAGES = [language.code for language in SETTINGS.languages]
DIRECTION = {language.code: language.dir for language in SETTINGS.languages}
RIGHT_TO_LEFT = [code for code in LANGUAGES if DIRECTION[code] == "rtl"]
# The languages whose pages are photographed: the source and the first right-to-left language.
SAMPLE = [SOURCE, *RIGHT_TO_LEFT[:1]]


def prefix(lang: str) -> str:
    """Where a language's pages live on the site: the source at the root, others under /<lang>/."""
    return "" if lang == SOURCE else f"{lang}/"


def first(kind: str) -> str:
    """The id of the first item of a kind (role, escalation, module, checklist)."""
    return sorted(HANDBOOK.collections()[kind])[0]


def local(lang: str) -> object:
    """The handbook in one language, as its pages show it."""
    return localise_handbook(HANDBOOK, lang, CATALOGUES.get(lang), CATALOGUES.get(SOURCE))


def _interface(lang: str, template: str, message: str) -> LocalText:
    renderer = Renderer(REPO, SETTINGS.interface_language)
    renderer.use(lang, CATALOGUES.get(lang))
    return renderer.label(template, message)


def label(lang: str, template: str, message: str) -> str:
    """An interface string of a template as a page in `lang` shows it (translated or fallback)."""
    return str(_interface(lang, template, message))


def translated(lang: str, template: str, message: str) -> bool:
    return not _interface(lang, template, message).fallback
