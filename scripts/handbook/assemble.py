"""Assemble every output file: the pages of each language, their notices, the status page, assets."""

from __future__ import annotations

import base64
import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import yaml
from markupsafe import Markup

from handbook import qr
from handbook.errors import Problem, ValidationFailed
from handbook.kinds import BY_KIND, SETTINGS, TOPICS, page_address, split_language, with_language
from handbook.load import ASSETS_DIR, PAGES_DIR, TEMPLATES_DIR
from handbook.localise import MISSING, OUTDATED, LocalText, escape_text, localise_handbook
from handbook.models import Settings as SettingsModel
from handbook.pdf import Printable, render_all, to_html
from handbook.render import (
    Page,
    Renderer,
    TemplateFailure,
    language_globals,
    ordered,
    page_title,
    plan_pages,
    render_pages,
    render_template,
)
from handbook.status import language_status
from handbook.write import WriteReport, add_file

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from handbook.catalog import Language
    from handbook.load import Handbook
    from handbook.models import Settings
from handbook.render import Rendered

NAV_TEMPLATE = "nav.yml.j2"
UI_TEMPLATE = "_ui.json.j2"
PACK_TEMPLATE = "print/facilitator.md.j2"
MATRIX_TEMPLATE = "print/matrix.md.j2"
NOTICE_TEMPLATE = "_notice.md.j2"
STATUS_PAGE = Page("translations.md", "translations.md.j2", "content/locales")
KIT_ASSETS = f"{TEMPLATES_DIR}/assets"


@dataclass
class Generated:
    """What a generation run produced, for the CLI and the MkDocs hook."""

    settings: Settings
    nav: dict[str, list[Any]]
    titles: dict[str, str]
    pages: dict[str, dict[str, PageStatus]]
    partly: dict[str, str]
    copyright: dict[str, str]
    report: WriteReport = field(default_factory=lambda: WriteReport(0, 0, 0))
    warnings: list[Problem] = field(default_factory=list)
    # Whether a language's catalogue translates its `partly` label (else it is a fallback).
    partly_own: dict[str, bool] = field(default_factory=dict)
    # The interface words of the theme's header (search, menu) per language.
    ui: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_json(self) -> str:
        """The result as JSON, so MkDocs' process can reuse what the CLI generated."""
        data = {
            "settings": self.settings.model_dump(mode="json"),
            "nav": self.nav,
            "titles": self.titles,
            "pages": {lang: {p: asdict(s) for p, s in pages.items()} for lang, pages in self.pages.items()},
            "partly": self.partly,
            "copyright": self.copyright,
            "warnings": [asdict(problem) for problem in self.warnings],
            "partly_own": self.partly_own,
            "ui": self.ui,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Generated:
        data = json.loads(text)
        return cls(
            settings=SettingsModel.model_validate(data["settings"]),
            nav=data["nav"],
            titles=data["titles"],
            pages={
                lang: {p: PageStatus(**s) for p, s in pages.items()} for lang, pages in data["pages"].items()
            },
            partly=data["partly"],
            copyright=data["copyright"],
            warnings=[Problem(**problem) for problem in data["warnings"]],
            partly_own=data["partly_own"],
            ui=data["ui"],
        )

    def partly_label(self, lang: str, reader: str) -> str:
        """What the switcher adds to `lang`'s name on a page read in `reader`'s language: the label
        in `lang` when its catalogue has it, otherwise in the reader's language, not the source's."""
        if self.partly_own.get(lang, False):
            return self.partly[lang]
        return self.partly.get(reader, self.partly[lang])


@dataclass(frozen=True)
class PageStatus:
    """How one page stands in one language, for the status page and `translations status`."""

    path: str
    title: str
    status: str
    translated: int
    outdated: int
    missing: int

    @property
    def counts(self) -> dict[str, int]:
        return {"translated": self.translated, "outdated": self.outdated, "missing": self.missing}

    @property
    def share(self) -> float:
        total = self.translated + self.outdated + self.missing
        return self.translated / total if total else 1.0


suffixed = with_language


def _front_matter(source: str, status: str, title: str, *, search: bool = True) -> str:
    lines = ["---"]
    if title:
        lines.append(f"title: {json.dumps(title, ensure_ascii=False)}")
    if source.endswith(".yml"):
        lines.append(f"hb_source: {source}")
    if not search:
        lines.append("hb_search: false")  # a page for maintainers, not for readers' searches
    lines += [f"hb_status: {status}", "---", "", ""]
    return "\n".join(lines)


def original_url(path: str) -> str:
    """From a page under /<lang>/, the relative URL of the same page in the source language."""
    url = page_address(path)
    return "../" * (url.count("/") + 1) + url


def _with_notice(markdown: str, notice: str) -> str:
    """Put the notice right under the page's title."""
    head, sep, rest = markdown.partition("\n")
    if not head.startswith("# "):
        return notice + "\n" + markdown
    return f"{head}{sep}\n{notice}{rest}"


def _notice(
    renderer: Renderer,
    globals_: dict[str, Any],
    path: str,
    status: str,
    counts: dict[str, int],
    *,
    review: bool,
) -> str:
    """The notice of a page that is not (all) in the reader's language, in the reader's language."""
    return renderer.env.get_template(NOTICE_TEMPLATE).render(
        **globals_,
        status=status,
        missing=counts.get(MISSING, 0),
        outdated=counts.get(OUTDATED, 0),
        original=original_url(path),
        review=review,
    )


def _untranslated_page(markdown: str, notice: str, source_lang: str) -> str:
    """A hand-written page shown in the source language: its title and body marked as that language
    (screen readers switch voice, readers see the dotted line), the notice under the title."""
    head, _, rest = markdown.partition("\n")
    if not head.startswith("# "):
        head, rest = "", markdown
    marks = f'lang="{source_lang}" dir="auto" class="hb-{MISSING}"'
    title = f"# <span {marks}>{head[2:].strip()}</span>\n" if head else ""
    body = f'\n<div {marks} markdown="1">\n\n{rest.strip()}\n\n</div>\n'
    return _with_notice(title + body, notice)


def add_page_fallbacks(
    files: dict[str, bytes], handbook: Handbook, lang: str, renderer: Renderer, globals_: dict[str, Any]
) -> None:
    """Each hand-written page that has no version in `lang`: the source language's page under the
    notice every other page gets, rather than the same page silently served under /<lang>/."""
    source_lang = handbook.settings.default_language
    written = {split_language(p.removeprefix(PAGES_DIR + "/")) for p in handbook.pages if p.endswith(".md")}
    for name in sorted({base for base, _ in written}):
        if lang == source_lang or (name, lang) in written or (name, source_lang) not in written:
            continue
        if suffixed(name, lang) in files:
            continue  # a generated page of that name: copying the source page reports the collision
        source = f"{PAGES_DIR}/{suffixed(name, source_lang)}"
        notice = _notice(renderer, globals_, name, "partial", {MISSING: 1}, review=False)
        text = _untranslated_page((handbook.root / source).read_text(encoding="utf-8"), notice, source_lang)
        add_file(files, suffixed(name, lang), text.encode("utf-8"), source)


def print_template(renderer: Renderer, context: dict[str, Any], name: str) -> str:
    """A printable's own template (the card, the booklet's cover and key points) as Markdown."""
    return render_pages(renderer, context, [Page(name, name, SETTINGS.file)])[0].text


def print_globals(renderer: Renderer) -> dict[str, Any]:
    """What a printable's template has on top of its page's: `page_text` and `page_plural` show a
    page template's interface string (the matrix's title is the boundaries page's), so one
    translation serves the page and its printable alike."""

    def page_plural(template: str, singular: str, plural: str, n: int) -> LocalText:
        return renderer.localiser.plural(f"{TEMPLATES_DIR}/{template}", singular, plural, n)

    return {"page_text": renderer.label, "page_plural": page_plural}


def qr_code(handbook: Handbook, renderer: Renderer, lang: str, page: str) -> Markup:
    """The QR code that opens `page` online in `lang`, with its caption; nothing without site_url."""
    site_url = handbook.settings.site_url
    if not site_url:
        return Markup("")
    url = qr.page_url(site_url, page, lang, handbook.settings.default_language)
    return Markup(qr.figure(url, renderer.label("_labels.j2", "Deze pagina online")))


def plan_packs(handbook: Handbook, renderer: Renderer, globals_: dict[str, Any], lang: str) -> dict[str, str]:
    """The facilitator pack of each module whose pack is fully in `lang` (module id → Markdown).

    A pack is for a trainer in a room: one half in another language helps nobody there, so a
    language gets a module's pack once every text of it is translated (the source always has them);
    until then the module's page in that language links none, and its notice leads to the original.
    """
    modules = BY_KIND["module"]
    out = {}
    for item_id in sorted(handbook.modules):
        context = {
            **globals_,
            **print_globals(renderer),
            "item_id": item_id,
            "qr": qr_code(handbook, renderer, lang, modules.page(item_id)),
        }
        page = Page(PACK_TEMPLATE, PACK_TEMPLATE, modules.file(item_id))
        rendered = render_pages(renderer, context, [page])[0]
        if lang == handbook.settings.default_language or rendered.status == "complete":
            out[item_id] = rendered.text
    return out


def site_url_warning(handbook: Handbook) -> Problem:
    """Printables without site_url carry no QR code: said once per build, not once per PDF."""
    source = handbook.files.get(SETTINGS.file)
    message = (
        "not set, so the printables carry no QR code to their page online; "
        "set it to the address the site is published at"
    )
    if source is None:
        return Problem(SETTINGS.file, 1, 1, "site_url", message)
    return source.problem(("site_url",), message)


def plan_printables(
    handbook: Handbook,
    renderer: Renderer,
    globals_: dict[str, Any],
    language: Any,
    files: dict[str, bytes],
    *,
    packs: dict[str, str],
) -> list[Printable]:
    """The PDFs of one language: each checklist, the pocket card, the volunteer booklet, the
    boundaries matrix and the facilitator pack of each module that has one in the language."""
    lang, direction = language.code, language.dir

    def page(path: str) -> str:
        return files[suffixed(path, lang)].decode("utf-8")

    def code(path: str) -> Markup:
        return qr_code(handbook, renderer, lang, path)

    logo = handbook.settings.logo
    extra = {
        **globals_,
        **print_globals(renderer),
        "logo": data_url(handbook.root / "content" / logo) if logo else None,
    }

    checklists = BY_KIND["checklist"]
    out = [
        Printable(
            _pdf_path(checklists.page(item_id), lang),
            lang,
            direction,
            page_title(page(checklists.page(item_id))),
            str(code(checklists.page(item_id))) + to_html(page(checklists.page(item_id))),
            "checklist",
        )
        for item_id in sorted(handbook.checklists)
    ]
    escalations = BY_KIND["escalation"]
    card = print_template(
        renderer, {**extra, "qr": code(f"{escalations.pages}/index.md")}, "print/card.md.j2"
    )
    out.append(
        Printable(f"escalation/card.{lang}.pdf", lang, direction, page_title(card), to_html(card), "card")
    )
    for role_id in handbook.settings.booklets:
        extra_role = {**extra, "booklet_role": role_id, "qr": code(BY_KIND["role"].page(role_id))}
        out.append(
            _booklet(handbook, role_id, renderer=renderer, extra=extra_role, language=language, page=page)
        )
    matrix_page = TOPICS.page or ""
    matrix = print_template(renderer, {**extra, "qr": code(matrix_page)}, MATRIX_TEMPLATE)
    title = page_title(page(matrix_page))
    path = _pdf_path(matrix_page, lang)
    out.append(Printable(path, lang, direction, title, matrix, "matrix"))
    modules = BY_KIND["module"]
    for item_id, text in sorted(packs.items()):
        path = _pdf_path(modules.page(item_id), lang)
        out.append(Printable(path, lang, direction, page_title(text), to_html(text), "pack"))
    return out


def _booklet(
    handbook: Handbook,
    role_id: str,
    *,
    renderer: Renderer,
    extra: dict[str, Any],
    language: Any,
    page: Callable[[str], str],
) -> Printable:
    """A role's booklet: cover, contents, the role, the matrix, every escalation path, the role's
    checklists and the key points of its training modules."""

    parts = [page(BY_KIND["role"].page(role_id)), page(TOPICS.page or "")]
    parts += [page(BY_KIND["escalation"].page(item_id)) for item_id, _ in ordered(handbook.escalations)]
    parts += [
        page(BY_KIND["checklist"].page(item_id))
        for item_id, item in ordered(handbook.checklists)
        if role_id in item.audiences
    ]
    parts.append(print_template(renderer, extra, "print/keypoints.md.j2"))
    toc = "".join(
        f'<li><a href="#part-{number}">{page_title(part)}</a></li>'
        for number, part in enumerate(parts, start=1)
    )
    contents = escape_text(str(renderer.label("_labels.j2", "Inhoud")))
    body = [
        to_html(print_template(renderer, extra, "print/cover.md.j2")),
        f'<nav class="hb-toc"><h1>{contents}</h1><ol>{toc}</ol></nav>',
    ]
    body += [
        f'<section class="hb-part" id="part-{n}">{to_html(part)}</section>' for n, part in enumerate(parts, 1)
    ]
    local = extra["hb"]
    title = f"{local.settings.title}: {local.roles[role_id].name}"
    path = f"booklets/{role_id}.{language.code}.pdf"
    return Printable(path, language.code, language.dir, title, "\n".join(body), "booklet")


IMAGE_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def _pdf_path(page: str, lang: str) -> str:
    """`checklists/intake.md` in `ar` → `checklists/intake.ar.pdf`, beside the page's Markdown."""
    return with_language(page, lang).removesuffix(".md") + ".pdf"


def data_url(path: Path) -> str:
    """An image of the handbook inlined into a printable, so the PDF renderer reads no file."""
    kind = IMAGE_TYPES.get(path.suffix.lower(), "image/webp")
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _base_page(page: str) -> str:
    """content/pages/about.nl.md → about.md"""
    return split_language(page.removeprefix(PAGES_DIR + "/"))[0]


def render_files(
    handbook: Handbook,
    catalogues: dict[str, Language],
    *,
    pdf: bool = True,
    before_pdfs: Callable[[], object] | None = None,
) -> tuple[dict[str, bytes], Generated]:
    """Every output file's bytes (PDFs too, unless `pdf` is off), plus navigation and status.
    `before_pdfs` is called before the PDFs, the slow part, are rendered: a caller that checks
    the sources meanwhile stops there when they are wrong."""
    settings = handbook.settings
    source_lang = settings.default_language
    renderer = Renderer(handbook.root, settings.interface_language)
    pages = plan_pages(handbook)
    extra_pages = sorted({_base_page(p) for p in handbook.pages if p.endswith(".md")})
    nav: dict[str, list[Any]] = {}
    titles: dict[str, str] = {}
    partly: dict[str, str] = {}
    partly_own: dict[str, bool] = {}
    ui: dict[str, dict[str, str]] = {}
    copyright: dict[str, str] = {}
    rendered: dict[str, list[Rendered]] = {}
    report: dict[str, list[PageStatus]] = {}
    globals_by_lang: dict[str, dict[str, Any]] = {}  # what every template of the language sees
    packs: dict[str, dict[str, str]] = {}
    try:
        for language in settings.languages:
            lang = language.code
            renderer.use(lang, catalogues.get(lang))
            local = localise_handbook(handbook, lang, catalogues.get(lang), catalogues.get(source_lang))
            plain_globals = language_globals(local, lang)
            packs[lang] = plan_packs(handbook, renderer, plain_globals, lang) if pdf else {}
            page_globals = globals_by_lang[lang] = {**plain_globals, "pdf": pdf, "packs": sorted(packs[lang])}
            rendered[lang] = render_pages(renderer, page_globals, pages)
            nav_text = render_template(
                renderer,
                NAV_TEMPLATE,
                roles=ordered(local.roles),
                escalations=ordered(local.escalations),
                modules=ordered(local.modules),
                checklists=ordered(local.checklists),
                pages=extra_pages,
            )
            nav[lang] = yaml.safe_load(nav_text)
            ui[lang] = json.loads(render_template(renderer, UI_TEMPLATE))
            titles[lang] = str(local.settings.title)
            copyright[lang] = str(local.settings.copyright or "")
            label = renderer.label("_labels.j2", "gedeeltelijk vertaald")
            partly[lang], partly_own[lang] = str(label), not label.fallback
            report[lang] = [
                PageStatus(
                    page.path,
                    page_title(out.text),
                    out.status,
                    out.counts.get("translated", 0) + out.counts.get("source", 0),
                    out.counts.get(OUTDATED, 0),
                    out.counts.get(MISSING, 0),
                )
                for page, out in zip(pages, rendered[lang], strict=True)
            ]
        by_lang = {code: {item.path: item for item in items} for code, items in report.items()}
        # Once per catalogue, not once per catalogue and page language: it reads every string.
        totals = {code: language_status(handbook, cat) for code, cat in catalogues.items()}
        files: dict[str, bytes] = {}
        printables: list[Printable] = []
        for language in settings.languages:
            lang = language.code
            catalogue = catalogues.get(lang)
            renderer.use(lang, catalogue)
            globals_ = globals_by_lang[lang]
            status_page = Page(STATUS_PAGE.path, STATUS_PAGE.template, STATUS_PAGE.source)
            status_page.context = {
                "pages": [(item.path, item.title) for item in report[source_lang]],
                "by_lang": by_lang,
                "review": {code: cat.needs_review for code, cat in catalogues.items()},
                "totals": totals,
            }
            outputs: list[tuple[Page, Rendered]] = list(zip(pages, rendered[lang], strict=True))
            outputs.append((status_page, render_pages(renderer, globals_, [status_page])[0]))
            for page, out in outputs:
                text = out.text
                needs_review = bool(catalogue and catalogue.needs_review)
                if lang != source_lang and (out.status != "complete" or needs_review):
                    notice = _notice(
                        renderer, globals_, page.path, out.status, out.counts, review=needs_review
                    )
                    text = _with_notice(text, notice)
                front = _front_matter(
                    page.source, out.status, page_title(out.text), search=page is not status_page
                )
                add_file(files, suffixed(page.path, lang), (front + text).encode("utf-8"), page.template)
            add_page_fallbacks(files, handbook, lang, renderer, globals_)
            if pdf:
                printables += plan_printables(
                    handbook, renderer, globals_, language, files, packs=packs[lang]
                )
    except TemplateFailure as failure:
        raise ValidationFailed([failure.problem]) from failure
    if printables and before_pdfs is not None:
        before_pdfs()
    for name, data in render_all(handbook.root, printables).items():
        add_file(files, name, data, "printables")
    for name in handbook.pages:
        add_file(files, name.removeprefix(PAGES_DIR + "/"), (handbook.root / name).read_bytes(), name)
    for folder in (KIT_ASSETS, ASSETS_DIR):
        directory = handbook.root / folder
        for path in sorted(directory.rglob("*")) if directory.is_dir() else []:
            if path.is_file() and not path.name.startswith("."):
                rel = path.relative_to(directory).as_posix()
                add_file(files, f"assets/{rel}", path.read_bytes(), f"{folder}/{rel}")
    generated = Generated(
        settings=settings,
        nav=nav,
        titles=titles,
        pages=by_lang,
        partly=partly,
        partly_own=partly_own,
        ui=ui,
        copyright=copyright,
    )
    if printables and not settings.site_url:
        generated.warnings.append(site_url_warning(handbook))
    return files, generated
