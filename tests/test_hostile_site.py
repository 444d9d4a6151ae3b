"""Every string of a language's catalogue translated with text that would break out of an HTML
attribute, a script or a template, then built by the real MkDocs: the site's interface words (the
header, the search dialog, the reader features' labels, the citation marks, the checklists' items
given again to the search index) carry it as inert text. Compared with the same handbook built
without it: no new script, event handler, style or unsafe URL on any page."""

from __future__ import annotations

import io
from collections import Counter
from typing import TYPE_CHECKING

import pytest
from babel.messages.pofile import read_po, write_po

from minihandbook import make_handbook, run
from test_hostile import dangers

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.e2e

# Text that passes validation (no tag, no Markdown link) but would run, were it put unescaped in an
# attribute (either quote), a URL, a script's JSON or a Jinja template.
PAYLOAD = (
    " \" onmouseover=\"alert(1)\" ' onfocus='alert(2)' javascript:alert(3) </script> ${alert(4)} {{ 7 * 7 }}"
)
LANG = "en"


def _hostile_catalogue(po: Path) -> int:
    """Every entry of `po` translated as its Dutch plus PAYLOAD (placeholders kept): how many."""
    catalog = read_po(io.BytesIO(po.read_bytes()))
    count = 0
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, str):
            message.string = message.id + PAYLOAD
        else:
            message.string = tuple(str(message.id[0]) + PAYLOAD for _ in message.string or ())
        message.flags.discard("fuzzy")
        count += 1
    out = io.BytesIO()
    write_po(out, catalog, width=0)
    po.write_bytes(out.getvalue())
    return count


def _dangers_by_page(site: Path) -> dict[str, Counter[str]]:
    return {
        path.relative_to(site).as_posix(): Counter(dangers(path.read_text(encoding="utf-8")))
        for path in sorted(site.rglob("*.html"))
    }


def _build(root: Path) -> Path:
    result = run(root, "handbook.cli", "--root", str(root), "build", "--no-pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def test_hostile_interface_words_reach_every_page_inert(tmp_path: Path) -> None:
    plain = make_handbook(tmp_path / "plain")
    hostile = make_handbook(tmp_path / "hostile")
    for root in (plain, hostile):
        updated = run(root, "handbook.cli", "--root", str(root), "translations", "update")
        assert updated.returncode == 0, updated.stdout + updated.stderr
    translated = _hostile_catalogue(hostile / "content" / "locales" / f"{LANG}.po")
    expected = _dangers_by_page(_build(plain))
    found = _dangers_by_page(_build(hostile))
    assert found == expected
    # Not vacuous: the payload is on the pages, in text and in attribute values, as plain text.
    text = "\n".join(path.read_text(encoding="utf-8") for path in (hostile / "site" / LANG).rglob("*.html"))
    assert translated > 100
    assert text.count("onmouseover=&#34;alert(1)&#34;") + text.count("onmouseover=&quot;alert(1)&quot;") > 50
    assert "{{ 7 * 7 }}" in text  # never evaluated
