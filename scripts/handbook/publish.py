"""What must not go live: the checks of `handbook validate --publish`, on top of validation.

A handbook that validates can still be a demo: placeholder contacts, reserved e-mail domains,
unfinished texts, translations nobody has read, facts nobody has checked for too long. Each is
listed with file:line so an organisation can fix them all before it publishes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from handbook.catalog import content_documents
from handbook.errors import Problem
from handbook.kinds import SETTINGS
from handbook.lint import review_warnings
from handbook.texts import iter_plain, iter_texts
from handbook.yamlsrc import Source

if TYPE_CHECKING:
    import datetime

    from handbook.catalog import Language
    from handbook.load import Handbook
    from handbook.yamlsrc import Loc

# Domains reserved for examples (RFC 2606, RFC 6761): an address there reaches nobody.
RESERVED_MAIL = re.compile(
    r"@(?:[^@\s]+\.)?(?:example|invalid|test|localhost)$|@example\.(?:com|org|net)$", re.I
)
# Host names reserved for examples and tests, for the site's own address.
RESERVED_HOST = re.compile(
    r"(?:^|\.)(?:example|invalid|test|localhost)$|(?:^|\.)example\.(?:com|org|net)$", re.I
)
# A phone number whose digits after the country or area code are mostly zeros: a made-up number
# (the demo's `000 00 00`, `000 00 01`).
MADE_UP_PHONE = re.compile(r"(?:^|\D)0{3}\D?0{2}\D?0\d(?:\D|$)")
# A settings text that asks to be filled in instead of giving the detail ("Vul de openingsuren
# hier in.", "Fill in your opening hours."), in the languages a handbook.yml is written in.
FILL_IN = re.compile(r"\bvul\b[^.!?]*\bin\b|\bfill\b[^.!?]*\bin\b|\b(?:remplissez|compl[eé]tez)\b", re.I)
# The texts of a contact or emergency number that a reader sees.
SETTINGS_TEXTS = ("name", "description", "hours", "when")
# Marks an editor leaves in unfinished text, in any language.
UNFINISHED = re.compile(r"\b(?:TODO|FIXME|XXX|TBD)\b")


def publish_problems(hb: Handbook, catalogues: dict[str, Language], today: datetime.date) -> list[Problem]:
    """Everything that must be fixed before the handbook goes live."""
    out: list[Problem] = []

    def at(file: str, loc: Loc, message: str) -> None:
        source = hb.files.get(file) or Source(file, None)
        out.append(source.problem(loc, message))

    settings = hb.settings
    for group in ("contacts", "emergency_numbers"):
        for key, entry in getattr(settings, group).items():
            if entry.placeholder:
                at(
                    SETTINGS.file,
                    (group, key, "placeholder"),
                    "a placeholder: fill in the real details, then remove 'placeholder: true'",
                )
            email = getattr(entry, "email", None)
            if email and RESERVED_MAIL.search(email):
                at(
                    SETTINGS.file,
                    (group, key, "email"),
                    f"'{email}' is an example address that reaches nobody",
                )
            for field in ("phone", "number"):
                phone = getattr(entry, field, None)
                if phone and MADE_UP_PHONE.search(phone):
                    at(SETTINGS.file, (group, key, field), f"'{phone}' looks like a made-up number")
            for field in SETTINGS_TEXTS:
                text = getattr(entry, field, None)
                if text and FILL_IN.search(text):
                    at(
                        SETTINGS.file,
                        (group, key, field),
                        f"'{text}' asks to be filled in: write the real {field} here",
                    )
    host = (urlsplit(settings.site_url).hostname or "") if settings.site_url else ""
    if host and RESERVED_HOST.search(host.rstrip(".")):
        at(
            SETTINGS.file,
            ("site_url",),
            f"'{settings.site_url}' is an example address: the QR codes on the printables would open "
            "nothing; set the address the site is published at",
        )
    for file, prefix, value in content_documents(hb):
        strings = [(loc, text) for _, loc, text in iter_texts(value, prefix, prefix)]
        strings += list(iter_plain(value, prefix))
        for loc, text in strings:
            mark = UNFINISHED.search(text)
            if mark:
                at(file, loc, f"unfinished: '{mark.group(0)}' in the text")
    for page in hb.pages:
        if page.endswith(".md"):
            text = (hb.root / page).read_text(encoding="utf-8")
            for number, line in enumerate(text.splitlines(), start=1):
                mark = UNFINISHED.search(line)
                if mark:
                    out.append(
                        Problem(
                            page, number, mark.start() + 1, "", f"unfinished: '{mark.group(0)}' in the text"
                        )
                    )
    if settings.publish.reviewed_translations:
        for code, catalogue in sorted(catalogues.items()):
            if catalogue.needs_review:
                out.append(
                    Problem(
                        catalogue.file,
                        1,
                        1,
                        "",
                        f"the {code} translation is marked as machine-made and not yet reviewed; have a "
                        "native speaker review it, then remove the note from the file's header",
                    )
                )
    for warning in review_warnings(hb, today):
        out.append(warning)
    return sorted(set(out))
