"""QR codes on the printables: each opens the printed page online, in the language it is printed in.

The address follows the site's layout: the source language at the root, every other language
under /<lang>/, one folder a page (`roles/buddy.md` is `roles/buddy/`). The code is drawn by segno
as SVG, in memory, and inlined as a `data:` URL: the PDF renderer reads no file for it.
"""

from __future__ import annotations

import base64
from html import escape

from handbook.kinds import language_folder, page_address

# Error correction M (15 %): a smudge or a fold on paper still scans, and the code stays small.
ERROR_LEVEL = "m"


def page_url(site_url: str, page: str, lang: str, source_lang: str) -> str:
    """The online address of a generated page (`checklists/intake.md`) in one language."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + language_folder(lang, source_lang) + page_address(page)


def svg_data_url(url: str) -> str:
    """The QR code of `url` as an SVG `data:` URL, black on white, with its quiet zone of four
    modules; it has no fixed size (a viewBox only), so the stylesheet decides how large it prints."""
    import segno  # only when a printable is made: not imported by a build without PDFs

    code = segno.make(url, error=ERROR_LEVEL, micro=False, boost_error=False)
    svg = code.svg_inline(omitsize=True, dark="#000", light="#fff", border=4)
    svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def figure(url: str, label: object) -> str:
    """The code with a short caption and the address written out, for a reader without a scanner.
    `label` is an interface string in the printable's language; a fallback keeps its `lang` mark."""
    html = getattr(label, "__html__", None)
    caption = str(html()) if callable(html) else escape(str(label))
    address = escape(url)
    return (
        f'<div class="hb-qr"><img src="{svg_data_url(url)}" alt="{escape(str(label))}: {address}">'
        f'<small>{caption}<br><bdi dir="ltr">{address}</bdi></small></div>'
    )
