"""What a reader can do on a page beyond reading it, in a real browser: checklists that remember
their ticks, self-checks that answer back, reading aloud, topic pictograms and a quick exit.
Each works in the source language and in a right-to-left one, without a request to another host
before the reader asks, and with the WCAG 2.1 A/AA rules of axe-core passing while in use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

from browser import VIEWPORT, violations, watch_csp
from content import DIRECTION, HANDBOOK, SAMPLE, SOURCE, first, label, prefix

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, BrowserContext, Page

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
CHECKLIST = f"checklists/{first('checklist')}/"
MODULE = "modules/" + next(i for i, m in sorted(HANDBOOK.modules.items()) if m.self_check) + "/"
HIDE = sorted(i for i, e in HANDBOOK.escalations.items() if e.quick_exit)
KEEP = sorted(i for i, e in HANDBOOK.escalations.items() if not e.quick_exit)
NEUTRAL = "https://www.meteo.be/"

# The browser's speech, replaced by a fake that records what it is asked to say, reports the
# first word of each block as being read, and ends a block only when the test says so.
FAKE_SPEECH = """
(() => {
  const log = (window.__speech = { spoken: [], paused: false, cancelled: 0, current: null });
  log.next = () => { const u = log.current; log.current = null; if (u && u.onend) u.onend({}); };
  class Utterance { constructor(text) { this.text = text; this.lang = ""; this.voice = null; } }
  const voices = [{ lang: "nl-BE", name: "Fake Dutch" }, { lang: "ar-SA", name: "Fake Arabic" }];
  const synth = {
    getVoices: () => voices,
    addEventListener: () => {},
    speak(u) {
      log.spoken.push([u.text, u.lang]);
      log.current = u;
      setTimeout(() => u.onboundary && u.onboundary({ charIndex: u.text.search(/\\S/), charLength: 0, name: "word" }), 20);
    },
    pause() { log.paused = true; },
    resume() { log.paused = false; },
    cancel() { log.cancelled += 1; const u = log.current; log.current = null; if (u && u.onend) u.onend({}); },
    get paused() { return log.paused; },
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  Object.defineProperty(window, "SpeechSynthesisUtterance", { value: Utterance, configurable: true });
})();
"""


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    made = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    watch_csp(made)
    try:
        yield made
    finally:
        made.close()


@pytest.fixture
def no_script(browser: Browser) -> Iterator[Page]:
    """A page of a browser with JavaScript turned off."""
    made = browser.new_context(java_script_enabled=False, viewport=VIEWPORT)  # type: ignore[arg-type]
    try:
        yield made.new_page()
    finally:
        made.close()


def _open(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.goto(url)
    return page


def _axe(page: Page) -> list[Any]:
    found = Axe().run(page, options=WCAG).response["violations"]
    return [(v["id"], v["impact"], v["nodes"][0]["target"]) for v in found]


def _ticked(page: Page) -> list[bool]:
    return list(
        page.locator(".task-list-item input[type=checkbox]").evaluate_all(
            "boxes => boxes.map(b => b.checked)"
        )
    )


# --- checklists ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", SAMPLE)
def test_ticks_stay_after_a_reload_per_page_and_language_and_go_with_clear_all(
    base: str, context: BrowserContext, lang: str
) -> None:
    page = _open(context, f"{base}/{prefix(lang)}{CHECKLIST}")
    page.locator(".task-list-control").nth(1).click()
    page.reload()
    after_reload = _ticked(page)
    other = next(code for code in SAMPLE if code != lang)
    page.goto(f"{base}/{prefix(other)}{CHECKLIST}")
    other_language = _ticked(page)
    page.goto(f"{base}/{prefix(lang)}{CHECKLIST}")
    clear = page.locator(".hb-ticks__clear")
    clear_name = clear.inner_text()
    clear.focus()
    page.keyboard.press("Enter")
    status = page.locator(".hb-ticks__status[role=status]").inner_text()
    page.reload()
    after_clear = _ticked(page)
    stored = page.evaluate("JSON.stringify(Object.keys(localStorage))")
    assert after_reload[1] is True
    assert after_reload.count(True) == 1
    assert True not in other_language
    assert clear_name == label(lang, "checklist.md.j2", "Alle vinkjes wissen")
    assert status == label(lang, "checklist.md.j2", "Alle vinkjes zijn gewist.")
    assert True not in after_clear
    assert stored == "[]"
    assert violations(page) == []


def test_a_tick_is_kept_by_keyboard_and_printed(base: str, context: BrowserContext) -> None:
    page = _open(context, f"{base}/{CHECKLIST}")
    page.keyboard.press("Tab")
    box = page.locator(".task-list-item input[type=checkbox]").first
    box.focus()
    page.keyboard.press("Space")
    name = box.evaluate("b => b.labels[0].textContent.trim()")
    page.emulate_media(media="print")
    printed = box.evaluate(
        "b => { const s = getComputedStyle(b.nextElementSibling, '::before');"
        " return [s.printColorAdjust, s.backgroundColor]; }"
    )
    bar_printed = page.locator(".hb-ticks").is_visible()
    assert _ticked(page)[0] is True
    assert name == HANDBOOK.checklists[first("checklist")].items[0].text.strip()
    assert printed == ["exact", "rgb(46, 125, 50)"]
    assert bar_printed is False


def test_without_javascript_a_checklist_is_plain_checkboxes(base: str, no_script: Page) -> None:
    page = no_script
    page.goto(f"{base}/{CHECKLIST}")
    disabled = page.locator(".task-list-item input[disabled]").count()
    page.locator(".task-list-control").first.click()
    ticked = _ticked(page)
    buttons = page.locator("article button").count()
    words_shown = page.locator(".hb-ui").first.is_visible()
    assert disabled == 0
    assert ticked[0] is True
    assert buttons == 0
    assert words_shown is False


# --- self-checks -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", SAMPLE)
def test_a_self_check_answers_by_keyboard_in_a_live_region(
    base: str, context: BrowserContext, lang: str
) -> None:
    page = _open(context, f"{base}/{prefix(lang)}{MODULE}")
    check = page.locator(".hb-check").first
    options = check.locator("button.hb-check__option")
    right = check.locator("li.hb-check__right button")
    wrong = check.locator("li:not(.hb-check__right) button").first
    wrong.focus()
    page.keyboard.press("Enter")
    said_wrong = check.locator(".hb-check__feedback[role=status]").inner_text()
    right.focus()
    page.keyboard.press("Space")
    said_right = check.locator(".hb-check__feedback[role=status]").inner_text()
    pressed = options.evaluate_all("bs => bs.map(b => b.getAttribute('aria-pressed'))")
    answer = right.inner_text().strip()
    details_shown = check.locator("details").is_visible()
    problems = _axe(page)
    assert said_wrong.startswith(label(lang, "module.md.j2", "Dat is niet juist. Het juiste antwoord is:"))
    assert answer in said_wrong
    assert said_right.startswith(label(lang, "module.md.j2", "Dat is juist."))
    assert pressed.count("true") == 1
    assert pressed[[b.strip() for b in options.all_inner_texts()].index(answer)] == "true"
    assert details_shown is False
    assert problems == []
    assert violations(page) == []


def test_without_javascript_the_answer_opens_with_a_disclosure(base: str, no_script: Page) -> None:
    page = no_script
    page.goto(f"{base}/{MODULE}")
    check = page.locator(".hb-check").first
    hidden_before = check.locator("details > p").first.is_visible()
    check.locator("details > summary").click()
    shown_after = check.locator("details > p").first.inner_text()
    buttons = check.locator("button").count()
    assert hidden_before is False
    assert shown_after == check_answer_text()
    assert buttons == 0


def check_answer_text() -> str:
    module = HANDBOOK.modules[MODULE.split("/")[1]]
    check = module.self_check[0]
    return next(o.text for o in check.options if o.id == check.answer).strip()


# --- quick exit ------------------------------------------------------------------------------------


def _neutral(context: BrowserContext, asked: list[str]) -> None:
    def answer(route: Any) -> None:
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>Weer</title><p>Weer</p>")

    context.route(NEUTRAL + "**", answer)


@pytest.mark.parametrize(("lang", "how"), [(SOURCE, "button"), (SAMPLE[-1], "Escape")])
def test_quick_exit_leaves_and_back_does_not_return(
    base: str, context: BrowserContext, lang: str, how: str
) -> None:
    asked: list[str] = []
    _neutral(context, asked)
    page = context.new_page()
    before = f"{base}/{prefix(lang)}escalation/"
    page.goto(before)
    page.goto(f"{base}/{prefix(lang)}escalation/{HIDE[0]}/")
    asked_before_press = list(asked)
    link = page.locator("a.hb-exit__link")
    name = link.inner_text()
    if how == "button":
        link.click()
    else:
        page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL + "**")
    page.go_back()
    back_at = page.url
    assert asked_before_press == []
    assert name == label(lang, "escalation.md.j2", "Snel weg van deze pagina")
    assert urlsplit(back_at).path == urlsplit(before).path


def test_quick_exit_only_where_the_content_asks_for_it(base: str, context: BrowserContext) -> None:
    page = context.new_page()
    found = {}
    for esc in (*HIDE, *KEEP[:2]):
        page.goto(f"{base}/escalation/{esc}/")
        found[esc] = page.locator("a.hb-exit__link").count()
    page.goto(f"{base}/ar/escalation/{HIDE[0]}/")
    problems = _axe(page)
    assert HIDE
    assert found == {esc: 1 if esc in HIDE else 0 for esc in found}
    assert problems == []


# --- reading aloud ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", SAMPLE)
def test_no_read_aloud_button_without_a_voice_for_the_language(
    base: str, context: BrowserContext, lang: str
) -> None:
    page = _open(context, f"{base}/{prefix(lang)}{MODULE}")
    page.wait_for_timeout(500)  # voices arrive late, if at all
    has_voice = page.evaluate(
        "lang => speechSynthesis.getVoices().some(v => v.lang.toLowerCase().split(/[-_]/)[0] === lang)", lang
    )
    shown = page.locator(".hb-read__listen").count()
    assert shown == (1 if has_voice else 0)


@pytest.mark.parametrize("lang", SAMPLE)
def test_read_aloud_reads_the_page_marks_the_block_pauses_and_stops(
    base: str, context: BrowserContext, lang: str
) -> None:
    context.add_init_script(FAKE_SPEECH)
    page = _open(context, f"{base}/{prefix(lang)}{MODULE}")
    listen = page.locator(".hb-read__listen")
    name = listen.inner_text()
    listen.click()
    page.wait_for_function("window.__speech.spoken.length === 1")
    page.wait_for_function("CSS.highlights.has('hb-word')")
    first_said = page.evaluate("window.__speech.spoken[0]")
    without_anchor = (
        "e => [...e.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('')"
    )
    title = page.locator("article h1").evaluate(without_anchor)
    marked = page.locator(".hb-reading").evaluate(without_anchor)
    word = page.evaluate("[...CSS.highlights.get('hb-word')][0].toString()")
    page.evaluate("window.__speech.next()")
    second_said = page.evaluate("window.__speech.spoken[1][0]")
    pause = page.locator(".hb-read__pause")
    focused = page.evaluate("document.activeElement.className")
    pause.click()
    paused = page.evaluate("window.__speech.paused")
    resume_name = pause.inner_text()
    problems = _axe(page)
    page.locator(".hb-read__stop").click()
    after_stop = page.evaluate("[window.__speech.cancelled, document.querySelectorAll('.hb-reading').length]")
    back_on_listen = page.evaluate("document.activeElement.classList.contains('hb-read__listen')")
    assert name == label(lang, "_labels.j2", "Voorlezen")
    assert first_said[0].strip() == title.strip()
    assert first_said[1].split("-")[0] == lang
    assert marked.strip() == title.strip()
    assert word and title.strip().startswith(word)
    assert second_said.strip()
    assert "hb-read__pause" in focused
    assert paused is True
    assert resume_name == label(lang, "_labels.j2", "Verder voorlezen")
    assert problems == []
    assert after_stop[0] >= 1
    assert after_stop[1] == 0
    assert back_on_listen is True
    assert violations(page) == []


# --- pictograms ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", SAMPLE)
def test_topic_pictograms_beside_the_name_are_hidden_from_screen_readers(
    base: str, context: BrowserContext, lang: str
) -> None:
    page = context.new_page()
    counts = {}
    for path in ("boundaries/", f"roles/{first('role')}/"):
        page.goto(f"{base}/{prefix(lang)}{path}")
        icons = page.locator(".hb-topic-icon")
        counts[path] = icons.count()
        hidden = icons.evaluate_all(
            "els => els.every(e => e.getAttribute('aria-hidden') === 'true' && e.querySelector('svg'))"
        )
        beside = icons.evaluate_all("els => els.every(e => e.parentElement.textContent.trim().length > 0)")
        assert hidden is True
        assert beside is True
    assert counts == {path: len(HANDBOOK.topics) for path in counts}


# --- accessibility with the features in use ----------------------------------------------------------


@pytest.mark.parametrize("lang", [SOURCE, next(code for code, d in DIRECTION.items() if d == "rtl")])
def test_a_checklist_in_use_passes_axe(base: str, context: BrowserContext, lang: str) -> None:
    context.add_init_script(FAKE_SPEECH)
    page = _open(context, f"{base}/{prefix(lang)}{CHECKLIST}")
    page.locator(".task-list-control").first.click()
    page.locator(".hb-ticks__clear").click()
    page.locator(".task-list-control").nth(1).click()
    page.locator(".hb-read__listen").click()
    problems = _axe(page)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert problems == []
    assert widths[0] <= widths[1]
