"""What the search index leaves out: elements named by class, whatever else their class says."""

from __future__ import annotations

from handbook.search import mark_not_indexed


def test_named_classes_are_marked_and_others_are_not() -> None:
    html = (
        '<div class="hb-exit"><a class="hb-exit__link" href="x">Weg</a></div>'
        '<p class="x hb-cites y">1</p><a class="headerlink" href="#a">¶</a><p class="hb-exits">tekst</p>'
    )
    assert mark_not_indexed(html) == (
        '<div class="hb-exit" data-pagefind-ignore><a class="hb-exit__link" href="x">Weg</a></div>'
        '<p class="x hb-cites y" data-pagefind-ignore>1</p>'
        '<a class="headerlink" data-pagefind-ignore href="#a">¶</a><p class="hb-exits">tekst</p>'
    )
