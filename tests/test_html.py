"""Every built page passes the Nu HTML Checker, except errors that come from the theme itself."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from typing import TYPE_CHECKING

import pytest

from minihandbook import REPO

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.e2e

VNU = REPO / "tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors that Material for MkDocs' own templates make on every page, and why they are accepted.
THEME = {
    # Material puts autocomplete="off" on its hidden checkbox toggles (drawer, search) so that
    # browsers do not restore them open after "back"; the attribute is invalid on checkboxes.
    "Attribute “autocomplete” is only allowed when the input type is": "theme: toggle checkboxes",
    # On a page without headings Material still renders the table-of-contents title, a label for a
    # toggle (__toc) that the page does not have.
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.": (
        "theme: table-of-contents label on pages without a table of contents"
    ),
}


def test_every_page_is_valid_html(site: Path) -> None:
    assert VNU.exists(), "run `make test` (it installs the checker with npm) or `npm ci --prefix tools/vnu`"
    java = shutil.which("java")
    assert java, "the Nu HTML Checker needs Java"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    messages = json.loads(result.stderr)["messages"]
    pages = len(list(site.rglob("*.html")))
    accepted = Counter(
        reason for m in messages for key, reason in THEME.items() if m["message"].startswith(key)
    )
    ours = [
        (m["url"].split("/site/", 1)[-1], m.get("lastLine"), m["message"])
        for m in messages
        if not any(m["message"].startswith(key) for key in THEME)
    ]
    assert ours == []
    assert pages > 200
    # The accepted theme errors stay what they are: at most two toggles a page, one label a page.
    assert accepted["theme: toggle checkboxes"] <= 2 * pages
