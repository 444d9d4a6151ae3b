"""The sanitising boundary itself: URLs judged as a browser reads them, what a text may become,
the filter every page passes, translations checked against their source, and the PDF renderer
that reads only the handbook's own files."""

from __future__ import annotations

import functools
import io
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from handbook.pdf import render_pdf
from handbook.sanitise import (
    clean_html,
    inspect,
    page_problems,
    text_problems,
    text_shape,
    to_html,
    url_scheme,
)
from handbook.translation import format_problems, translation_problems

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("https://example.org", "https"),
        ("JaVaScRiPt:alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),
        ("java\nscr\ript:alert(1)", "javascript"),
        ("java&#9;script:alert(1)", "javascript"),
        ("&#106;avascript:alert(1)", "javascript"),
        (" \x01\x1f javascript:alert(1)", "javascript"),
        ("../roles/buddy/", None),
        ("/absolute/path", None),
        ("#anchor", None),
    ],
)
def test_urls_are_judged_as_a_browser_reads_them(url: str, scheme: str | None) -> None:
    assert url_scheme(url) == scheme


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("Gewone tekst met **vet**, een [link](https://example.org) en a < b.", []),
        ("- een lijst\n- met [mail](mailto:a@b.org) en [bel](tel:+32900)", []),
        (
            "[klik](java&#9;script:alert(1))",
            ["a link may not use 'javascript:'; use https:, mailto: or tel:"],
        ),
        (
            'Een zin.\n{: onmouseover="alert(1)" }',
            [
                "'onmouseover' would become an HTML attribute of <p>; attribute lists ('{: … }') and HTML "
                "are not allowed in text"
            ],
        ),
        (
            "![x][r]\n\n[r]: /etc/hostname",
            ["HTML is not allowed in text (found '<img>'); write plain text or Markdown"],
        ),
        ("<b>vet</b>", ["HTML is not allowed in text (found '<b>'); write plain text or Markdown"]),
    ],
)
def test_what_a_text_may_become(text: str, problems: list[str]) -> None:
    assert text_problems(text) == problems


def test_a_page_may_show_its_own_images_but_no_file_or_remote_one() -> None:
    assert page_problems("![kaart](kaart.png)") == []
    assert page_problems("![x](/etc/passwd)") == [
        "an image may only show a file of the handbook, by a relative path (found '/etc/passwd')"
    ]
    assert page_problems("![x](https://tracker.example/p.png)") == [
        "an image may only show a file of the handbook, by a relative path (found 'https://tracker.example/p.png')"
    ]


def test_the_last_filter_removes_what_validation_would_refuse() -> None:
    html = (
        '<p onclick="x()">a <a href="java&#9;script:x" onmouseover="y">b</a> <a href="../x/">c</a></p>'
        '<script>alert(1)</script><img src="/etc/passwd"><img src="https://t.example/p.png">'
        '<label class="task-list-control"><input type="checkbox" disabled checked></label>'
        '<span class="twemoji"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M1 2"/></svg></span>'
    )
    assert clean_html(html) == (
        '<p>a <a>b</a> <a href="../x/">c</a></p><img><img>'
        '<label class="task-list-control"><input type="checkbox" disabled="" checked=""></label>'
        '<span class="twemoji"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M1 2"></path></svg></span>'
    )


@pytest.mark.parametrize(
    ("source", "text", "errors", "warnings"),
    [
        ("Duur: %(minutes)s minuten", "Durée : %(minutes)s minutes", [], []),
        (
            "Duur: %(minutes)s minuten",
            "100% : %(minutes)s minutes",
            ["a '%' that is not a placeholder; write '%%' for a percent sign"],
            [],
        ),
        (
            "Duur: %(minutes)s minuten",
            "Durée : %(minuten)s minutes",
            ["placeholders differ from the source text (expected: %(minutes)s)"],
            [],
        ),
        (
            "Lees [de gids](https://www.agii.be/nl/gids).",
            "Lisez [le guide](https://www.agii.be/fr/guide).",
            [],
            [],
        ),
        (
            "Lees [de gids](https://www.agii.be/nl/gids).",
            "Lisez [le guide](https://agii.example.net/guide).",
            [
                "a link leads to 'https://agii.example.net', where the source's links lead to "
                "https://www.agii.be; a translation keeps the source's links"
            ],
            [],
        ),
        (
            "- een\n- twee\n\n[link](https://a.org)",
            "one, two",
            [],
            [
                "0 links where the source has 1",
                "0 list items where the source has 2; keep the source's Markdown structure",
                "0 lists where the source has 1; keep the source's Markdown structure",
            ],
        ),
    ],
)
def test_a_translation_is_checked_against_its_source(
    source: str, text: str, errors: list[str], warnings: list[str]
) -> None:
    assert translation_problems(source, text, interface=True) == (errors, warnings)


def test_a_source_string_with_a_stray_percent_is_reported() -> None:
    assert format_problems("Nu %(number)s, 100% zeker") == [
        "a '%' that is not a placeholder like '%(minutes)s'; write '%%' for a percent sign"
    ]
    assert format_problems("100% zeker") == []


def _png(path: Path) -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 0, 0)).save(buffer, format="PNG")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return path


def test_the_pdf_renderer_reads_only_the_handbooks_own_files(tmp_path: Path) -> None:
    """Even with validation and the filter out of the way, nothing outside the project folder and
    nothing on the network is read: only the project's image is embedded."""
    root = tmp_path / "hb"
    _png(root / "content" / "own.png")
    secret = _png(tmp_path / "secret.png")
    requests: list[str] = []

    class Counting(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_error(404)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Counting, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    remote = f"http://127.0.0.1:{server.server_address[1]}"
    html = (
        f'<html><head><link rel="stylesheet" href="{remote}/x.css"></head><body>'
        f'<img src="content/own.png"><img src="{secret.as_uri()}"><img src="{secret}">'
        f'<img src="../secret.png"><img src="{remote}/pixel.png">'
        f'<p style="background: url({remote}/bg.png)">x</p></body></html>'
    )
    try:
        pdf = render_pdf(html, str(root))
    finally:
        server.shutdown()
        server.server_close()
    images = [name for page in PdfReader(io.BytesIO(pdf)).pages for name in page.images.keys()]  # noqa: SIM118
    assert requests == []
    assert len(images) == 1


# Words, spaces and every character that means something to Markdown or HTML, so that generated
# texts hit both the quick path of text_shape and the full one.
_ALPHABET = "ab1 .:-+=!?&;'\"()<>[]{}`~|#*_\\/\n\t" + "éبї"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=24))
def test_the_quick_path_of_text_shape_agrees_with_markdown(text: str) -> None:
    assert text_shape(text) == inspect(to_html(text))


@pytest.mark.parametrize(
    "text",
    ["Bel 112.", "1. Bel", "- Bel", "Zie :smile: hier", "Zeg: nee.", "a\nb", "**vet**", "!!! note", "  code"],
)
def test_text_shape_of_known_texts_agrees_with_markdown(text: str) -> None:
    assert text_shape(text) == inspect(to_html(text))
