"""The handbook offline: what the service worker keeps per language, its cache name, the worker
file in the built site, and in a real Chromium that an escalation page opens without network and
that a new build replaces the reader's copy."""

from __future__ import annotations

import gzip
import json
import re
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from browser import serve, violations, watch_csp
from content import SAMPLE, first, local, prefix
from handbook.build import load_valid
from handbook.errors import ValidationFailed
from handbook.models import Settings
from handbook.offline import (
    PLAN_MARKER,
    REGISTRATION,
    WORKER,
    OfflineError,
    language_lists,
    plan,
    version,
    worker_source,
)
from minihandbook import FILES, make_handbook, run

if TYPE_CHECKING:
    from collections.abc import Generator, Iterator
    from pathlib import Path

    from playwright.sync_api import Browser, BrowserContext, Page

SETTINGS = Settings.model_validate(yaml.safe_load(FILES["handbook.yml"]))
CONTACTS = '<a href="tel:+3290000000">+32 9 000 00 00</a> <a href="mailto:Test@example.org">mail</a>'
NUMBERS = '<a href="tel:112">112</a>'


def _page(body: str, depth: int, *, extra: str = "") -> str:
    up = "../" * depth
    return (
        f'<html lang="x"><head><link rel="stylesheet" href="{up}assets/style.css">{extra}</head>'
        f'<body>{body}<script src="{up}assets/offline.js"></script></body></html>'
    )


def _site(folder: Path) -> Path:
    """A built site as MkDocs lays it out: the source language at the root, English under en/."""
    files = {
        "assets/style.css": "body{font:1em x}@font-face{src:url('fonts/a.woff2')}",
        "assets/offline.js": "",
    }
    files["assets/fonts/a.woff2"] = "font"
    files["assets/unused.js"] = "// loaded by no kept page"
    for where, depth in (("", 0), ("en/", 1)):
        files[f"{where}index.html"] = _page(f"<h1>Home</h1>{CONTACTS}", depth)
        files[f"{where}escalation/index.html"] = _page(f"<h1>Paths</h1>{NUMBERS}", depth + 1)
        files[f"{where}escalation/emergency/index.html"] = _page("<h1>Emergency</h1>", depth + 2)
        files[f"{where}escalation/card.pdf"] = "%PDF"
        files[f"{where}modules/intro/index.html"] = _page("<h1>Module</h1>", depth + 2)
    files["sitemap.xml"] = "<urlset/>"
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_each_language_keeps_its_escalation_pages_and_the_pages_with_numbers_and_contacts(
    tmp_path: Path,
) -> None:
    lists = language_lists(_site(tmp_path), SETTINGS)
    assert sorted(lists) == ["en", "nl"]
    assert sorted(lists["nl"].pages) == ["", "escalation/", "escalation/emergency/"]
    assert sorted(lists["en"].pages) == ["en/", "en/escalation/", "en/escalation/emergency/"]
    assert lists["nl"].files == (
        "",
        "assets/fonts/a.woff2",
        "assets/offline.js",
        "assets/style.css",
        "escalation/",
        "escalation/emergency/",
    )
    assert lists["en"].prefix == "en/"
    # bytes: each of the three pages, the stylesheet, the font it loads, the empty script
    assert lists["nl"].size(tmp_path) == sum(
        (tmp_path / name).stat().st_size
        for name in (
            "index.html",
            "escalation/index.html",
            "escalation/emergency/index.html",
            "assets/style.css",
            "assets/fonts/a.woff2",
        )
    )


def test_a_page_lacking_one_number_or_contact_is_not_kept(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "index.html").write_text(_page('<a href="tel:+3290000000">phone only</a>', 0), encoding="utf-8")
    (site / "modules/intro/index.html").write_text(_page(CONTACTS + NUMBERS, 2), encoding="utf-8")
    assert sorted(language_lists(site, SETTINGS)["nl"].pages) == [
        "escalation/",
        "escalation/emergency/",
        "modules/intro/",
    ]


def test_only_the_sites_own_files_are_fetched(tmp_path: Path) -> None:
    site = _site(tmp_path)
    extra = (
        '<link rel="stylesheet" href="/assets/style.css"><script src="https://cdn.example/x.js"></script>'
        '<script src="../../../../outside.js"></script><img src="../../assets/missing.png">'
        '<img src="data:image/png;base64,AA==">'
    )
    (site / "escalation/emergency/index.html").write_text(
        _page("<h1>E</h1>", 2, extra=extra), encoding="utf-8"
    )
    files = language_lists(site, SETTINGS)["nl"].files
    assert [
        name for name in files if not name.startswith(("assets/fonts/", "assets/offline", "assets/style"))
    ] == [
        "",
        "escalation/",
        "escalation/emergency/",
    ]


def test_the_cache_version_follows_the_content(tmp_path: Path) -> None:
    site = _site(tmp_path)
    first = version(site)
    assert re.fullmatch(r"[0-9a-f]{16}", first)
    # Not what the worker never serves (a sitemap changes with the date), nor the worker itself.
    (site / "sitemap.xml").write_text("<urlset>today</urlset>", encoding="utf-8")
    (site / "escalation/card.pdf").write_text("%PDF-2", encoding="utf-8")
    (site / WORKER).write_text("// worker", encoding="utf-8")
    assert version(site) == first
    (site / "modules/intro/index.html").write_text(_page("<h1>Module, changed</h1>", 2), encoding="utf-8")
    assert version(site) != first


def test_the_worker_gets_its_plan_and_a_page_cannot_close_a_script(tmp_path: Path) -> None:
    site = _site(tmp_path)
    template = f"var PLAN = {PLAN_MARKER};\n"
    worker_plan = plan(site, SETTINGS)
    source = worker_source(template, worker_plan)
    text = source.removeprefix("var PLAN = ").removesuffix(";\n")
    assert json.loads(text) == worker_plan
    assert worker_plan["version"] == version(site)
    assert worker_plan["off"] is False
    languages: Any = worker_plan["languages"]
    assert languages["en"] == {"prefix": "en/", "files": list(language_lists(site, SETTINGS)["en"].files)}
    assert worker_source(template, {"x": "</script>"}) == 'var PLAN = {"x":"<\\/script>"};\n'
    with pytest.raises(OfflineError, match=r"offline-worker\.js: the worker template must hold"):
        worker_source("var PLAN = {};", worker_plan)


def test_turned_off_the_worker_keeps_nothing(tmp_path: Path) -> None:
    off = plan(_site(tmp_path), SETTINGS.model_copy(update={"offline": False}))
    assert off == {"version": version(tmp_path), "off": True, "languages": {}}


def test_the_setting_must_be_yes_or_no(tmp_path: Path) -> None:
    settings = FILES["handbook.yml"] + "offline: sometimes\n"
    root = make_handbook(tmp_path / "hb", {"handbook.yml": settings})
    with pytest.raises(ValidationFailed) as caught:
        load_valid(root)
    line = settings.count("\n")  # the setting is the file's last line
    assert [str(problem) for problem in caught.value.problems] == [
        f"handbook.yml:{line}:1 offline: expected true or false, got 'sometimes'"
    ]


# --- the built site ------------------------------------------------------------------------------


def _build(root: Path) -> Path:
    result = run(root, "mkdocs", "build", "--strict", "--site-dir", str(root / "site"))
    assert result.returncode == 0, result.stderr
    return root / "site"


def _worker_plan(site: Path) -> Any:
    source = (site / WORKER).read_text(encoding="utf-8")
    found = re.search(r"^var PLAN = (\{.*\});$", source, re.M)
    assert found, source[:400]
    return json.loads(found.group(1))


@pytest.mark.e2e
def test_the_build_writes_the_worker_and_every_page_registers_it(tmp_path: Path) -> None:
    site = _build(make_handbook(tmp_path / "hb"))
    worker_plan = _worker_plan(site)
    assert worker_plan["version"] == version(site)
    assert sorted(worker_plan["languages"]) == ["en", "nl"]
    for code, where in (("nl", ""), ("en", "en/")):
        files = worker_plan["languages"][code]["files"]
        assert {where, f"{where}escalation/", f"{where}escalation/emergency/"} <= set(files)
        assert REGISTRATION in files
        assert not [name for name in files if name.endswith(".pdf") or "/modules/" in f"/{name}"]
    for page in ("index.html", "en/escalation/emergency/index.html", "modules/intro/index.html"):
        assert "assets/offline.js" in (site / page).read_text(encoding="utf-8")


@pytest.mark.e2e
def test_turned_off_no_page_registers_the_worker_and_the_worker_removes_itself(tmp_path: Path) -> None:
    root = make_handbook(tmp_path / "hb", {"handbook.yml": FILES["handbook.yml"] + "offline: false\n"})
    site = _build(root)
    assert _worker_plan(site) == {"version": version(site), "off": True, "languages": {}}
    assert "offline.js" not in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.e2e
def test_the_copy_of_each_language_stays_light(site: Path) -> None:
    """What a phone fetches once per language for the offline copy, compressed as a host sends it:
    under 170 KB, and never a PDF."""
    heavy = {}
    for code, entry in _worker_plan(site)["languages"].items():
        paths = [
            site / (name + "index.html" if name == "" or name.endswith("/") else name)
            for name in entry["files"]
        ]
        assert not [path for path in paths if path.suffix == ".pdf"]
        size = sum(len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)) for path in paths)
        if size > 170 * 1024:
            heavy[code] = size
    assert heavy == {}


# --- in Chromium ---------------------------------------------------------------------------------

READY = """async (lang) => {
  const registration = await navigator.serviceWorker.ready;
  const names = await caches.keys();
  const marker = new URL("?language=" + lang, registration.active.scriptURL).href;
  for (const name of names) { if (await (await caches.open(name)).match(marker)) return names; }
  return null;
}"""


def _until(page: Page, script: str, arg: object) -> Any:
    """Evaluate an async check in the page until it gives something (Playwright's own waiting does
    not wait for a promise), for at most a minute."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        value = page.evaluate(script, arg)
        if value:
            return value
        page.wait_for_timeout(250)
    raise AssertionError(f"still not true after a minute: {script}")


def _kept(page: Page, lang: str) -> list[str]:
    """Wait until the worker is active and has kept the language; the cache names."""
    names: list[str] = _until(page, READY, lang)
    return names


def _heading(page: Page) -> str:
    """The page's heading without its permalink sign."""
    text: str = page.locator("h1").first.evaluate(
        "h => { const c = h.cloneNode(true); c.querySelectorAll('.headerlink').forEach(a => a.remove()); "
        "return c.textContent.trim(); }"
    )
    return text


def _cache_name(base: str, site: Path) -> str:
    """The name of the cache the worker of the built `site`, served at `base`, keeps its copy in."""
    return f"handbook-offline {base}/ {_worker_plan(site)['version']}"


def _offline_to(page: Page, server: Generator[str, None, None], context: BrowserContext, url: str) -> None:
    """Take the site away and the browser offline, then open `url`."""
    server.close()
    context.set_offline(True)
    page.goto(url)


@contextmanager
def _visit(
    folder: Path, browser: Browser, **options: Any
) -> Iterator[tuple[str, Generator[str, None, None], BrowserContext]]:
    """The site on 127.0.0.1 and a browser watching its Content-Security-Policy: the site's
    address, the server (its `close()` takes the site away, as when a phone loses signal) and the
    browser's context; both are closed afterwards."""
    server = serve(folder)
    base = next(server)
    context = browser.new_context(**options)
    watch_csp(context)
    try:
        yield base, server, context
    finally:
        server.close()
        context.close()


@pytest.mark.e2e
@pytest.mark.browser
@pytest.mark.parametrize("lang", SAMPLE)
def test_an_escalation_page_never_visited_opens_without_network(
    site: Path, browser: Browser, lang: str
) -> None:
    escalation = first("escalation")
    title = str(local(lang).escalations[escalation].title)  # type: ignore[attr-defined]
    with _visit(site, browser, viewport={"width": 360, "height": 740}) as (base, server, context):
        page = context.new_page()
        page.goto(f"{base}/{prefix(lang)}")
        names = _kept(page, lang)
        assert names == [_cache_name(base, site)]
        assert violations(page) == []
        _offline_to(page, server, context, f"{base}/{prefix(lang)}escalation/{escalation}/")
        assert _heading(page) == title
        assert page.locator("html").get_attribute("lang") == lang
        assert violations(page) == []


@pytest.mark.e2e
@pytest.mark.browser
def test_a_new_build_replaces_the_readers_copy(tmp_path: Path, browser: Browser) -> None:
    root = make_handbook(tmp_path / "hb")
    site = _build(root)
    with _visit(site, browser) as (base, server, context):
        page = context.new_page()
        page.goto(f"{base}/en/")
        before = _kept(page, "en")
        esc = FILES["content/escalation/emergency.yml"]
        (root / "content/escalation/emergency.yml").write_text(
            esc.replace("title: Noodgeval", "title: Noodgeval, nieuw"), encoding="utf-8"
        )
        _build(root)
        page.reload()  # the browser looks for a new worker on every page it opens
        _until(
            page,
            "async (old) => { const n = await caches.keys(); return n.length === 1 && n[0] !== old; }",
            before[0],
        )
        after = _kept(page, "en")
        assert after[0] == _cache_name(base, site)
        _offline_to(page, server, context, f"{base}/en/escalation/emergency/")  # the new Dutch title
        assert _heading(page) == "Noodgeval, nieuw"
        assert violations(page) == []


@pytest.mark.e2e
@pytest.mark.browser
def test_turned_off_the_worker_leaves_the_phones_that_have_it(tmp_path: Path, browser: Browser) -> None:
    root = make_handbook(tmp_path / "hb")
    site = _build(root)
    with _visit(site, browser) as (base, _server, context):
        page = context.new_page()
        page.goto(f"{base}/")
        assert len(_kept(page, "nl")) == 1
        (root / "handbook.yml").write_text(FILES["handbook.yml"] + "offline: false\n", encoding="utf-8")
        _build(root)
        page.reload()
        gone = (
            "async () => !(await navigator.serviceWorker.getRegistration()) && !(await caches.keys()).length"
        )
        assert _until(page, gone, None) is True
