"""How far each language's translation is: translated, outdated (fuzzy) and missing strings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handbook.catalog import entries_for
from handbook.localise import Localiser

if TYPE_CHECKING:
    from handbook.catalog import Language
    from handbook.load import Handbook


def language_status(handbook: Handbook, catalogue: Language) -> dict[str, int]:
    """Counts of every source string by how it stands in `catalogue`'s language."""
    settings = handbook.settings
    content = Localiser(settings.default_language, catalogue.code, catalogue)
    interface = Localiser(settings.interface_language, catalogue.code, catalogue)
    counts = {"translated": 0, "outdated": 0, "missing": 0, "source": 0}
    for entry in entries_for(handbook, catalogue.code):
        localiser = content if ":" in entry.context else interface
        counts[localiser.status(entry.context, entry.source, entry.plural)] += 1
    counts["translated"] += counts.pop("source")
    return counts
