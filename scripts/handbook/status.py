"""How far each language's translation is: translated, outdated (fuzzy) and missing strings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handbook.catalog import all_entries
from handbook.localise import Localiser

if TYPE_CHECKING:
    from handbook.catalog import Language
    from handbook.load import Handbook


def language_status(handbook: Handbook, catalogue: Language) -> dict[str, int]:
    """Counts of every source string by how it stands in `catalogue`'s language."""
    localiser = Localiser(handbook.settings.default_language, catalogue.code, catalogue)
    counts = {"translated": 0, "outdated": 0, "missing": 0}
    for entry in all_entries(handbook):
        counts[localiser.text(entry.context, entry.source).status] += 1
    return counts
