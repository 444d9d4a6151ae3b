"""The theme's own icon sets: where an icon named in the content is, and its drawing for paper."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

# The icon sets that come with the theme: `material-bus` is .icons/material/bus.svg, and
# `fontawesome-solid-bus` is .icons/fontawesome/solid/bus.svg.
ICON_SETS = {"material": 1, "octicons": 1, "simple": 1, "fontawesome": 2}


@functools.cache
def icons_folder() -> Path | None:
    """The theme's icon folder (looked up once), or None when the theme is not installed."""
    spec = importlib.util.find_spec("material")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "templates" / ".icons"
    return folder if folder.is_dir() else None


def icon_file(name: str) -> Path | None:
    """The SVG file of an icon name of the theme's sets, or None when there is no such icon."""
    folder = icons_folder()
    parts = name.split("-")
    depth = ICON_SETS.get(parts[0])
    if folder is None or depth is None or len(parts) <= depth:
        return None
    path = folder.joinpath(*parts[:depth], "-".join(parts[depth:]) + ".svg")
    inside = path.resolve().is_relative_to(folder.resolve())
    return path if inside and path.is_file() else None


@functools.cache
def icon_svg(name: str) -> str:
    """The SVG drawing of an icon of the theme's sets, for a page that has no theme (a PDF);
    empty when there is no such icon. It is read from the installed theme, never from a text."""
    path = icon_file(name)
    return path.read_text(encoding="utf-8").strip() if path is not None else ""


def icon_html(name: str, classes: list[str] | None = None) -> str:
    """An icon drawn inline beside its word, hidden from assistive technology as on the site;
    `classes` are the page's own (`hb-refers`, which points the other way in right-to-left)."""
    svg = icon_svg(name)
    names = " ".join(["hb-icon", *(classes or [])])
    return f'<span class="{names}" aria-hidden="true">{svg}</span>' if svg else ""
