"""Draw the sample for a written review pass of one translation catalogue.

Run by hand (not part of `make test`):

    .venv/bin/python tools/review_sample.py fr            # 30 entries, seed 1
    .venv/bin/python tools/review_sample.py uk --seed 2   # the next pass draws a new sample

The sample is taken from the translated entries of content/locales/<lang>.po (fuzzy and
empty entries are left out) and stratified by kind of page, so that every kind is read:
interface strings (templates/), the settings (handbook.yml), roles, topics, escalation
paths, training modules, checklists, the glossary and the sources. Each kind gets two
entries, and the rest of the sample is shared out in proportion to the kind's size. Within a
kind the entries are spread over its files: one file after another, in a shuffled order.

The same language, seed and size always give the same sample. The output is a Markdown table
(context, Dutch, translation as found, and empty columns for the verdict and the fix) to paste
into content/locales/reviews/<lang>.md.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "content" / "locales"

# Kinds of page, by the start of the entry's context; the first match wins.
STRATA: tuple[tuple[str, str], ...] = (
    ("interface", "templates/"),
    ("settings", "handbook.yml:"),
    ("roles", "roles/"),
    ("topics", "content/topics.yml:"),
    ("escalation", "content/escalation/"),
    ("modules", "content/modules/"),
    ("checklists", "content/checklists/"),
    ("glossary", "content/glossary.yml:"),
    ("sources", "content/sources.yml:"),
)
MINIMUM_PER_KIND = 2


@dataclass(frozen=True)
class Entry:
    context: str
    dutch: str
    translation: str
    line: int

    @property
    def file(self) -> str:
        return self.context.partition(":")[0]


def kind_of(context: str) -> str:
    for kind, prefix in STRATA:
        if context.startswith(prefix):
            return kind
    return "other"


def _text(value: object) -> str:
    """A msgid or msgstr; a plural entry's forms are joined with ' / '."""
    if isinstance(value, str):
        return value
    if isinstance(value, tuple | list):
        return " / ".join(str(part) for part in value)
    return str(value)


def translated_entries(lang: str) -> list[Entry]:
    path = LOCALES / f"{lang}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=None)
    entries: list[Entry] = []
    for message in catalog:
        if not message.id or not message.context or message.fuzzy:
            continue
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        if not all(strings):
            continue
        entries.append(
            Entry(message.context, _text(message.id), _text(message.string), int(message.lineno or 0))
        )
    entries.sort(key=lambda entry: (entry.context, entry.dutch))
    return entries


def allocate(sizes: dict[str, int], total: int) -> dict[str, int]:
    """How many entries each kind gets: a minimum each (less when the sample is too small for
    it), the rest in proportion to the kind's size, by largest remainder."""
    minimum = min(MINIMUM_PER_KIND, total // len(sizes)) if sizes else 0
    shares = {kind: min(minimum, size) for kind, size in sizes.items()}
    left = total - sum(shares.values())
    room = {kind: sizes[kind] - shares[kind] for kind in sizes}
    pool = sum(room.values())
    if left <= 0 or pool == 0:
        return shares
    left = min(left, pool)
    exact = {kind: left * room[kind] / pool for kind in sizes}
    for kind in sizes:
        shares[kind] += int(exact[kind])
    rest = left - sum(int(value) for value in exact.values())
    for kind in sorted(sizes, key=lambda k: (-(exact[k] - int(exact[k])), k))[:rest]:
        shares[kind] += 1
    return shares


def draw(entries: list[Entry], size: int, seed: str, lang: str) -> list[Entry]:
    rng = random.Random(f"{seed}:{lang}")  # noqa: S311 -- a reproducible sample, not a secret
    by_kind: dict[str, list[Entry]] = {}
    for entry in entries:
        by_kind.setdefault(kind_of(entry.context), []).append(entry)
    shares = allocate({kind: len(items) for kind, items in by_kind.items()}, size)
    chosen: list[Entry] = []
    for kind in sorted(by_kind):
        by_file: dict[str, list[Entry]] = {}
        for entry in by_kind[kind]:
            by_file.setdefault(entry.file, []).append(entry)
        files = sorted(by_file)
        rng.shuffle(files)
        taken = 0
        position = 0
        while taken < shares[kind]:
            pool = by_file[files[position % len(files)]]
            position += 1
            if pool:
                chosen.append(pool.pop(rng.randrange(len(pool))))
                taken += 1
    order = {kind: index for index, (kind, _) in enumerate(STRATA)}
    chosen.sort(key=lambda entry: (order.get(kind_of(entry.context), len(order)), entry.context))
    return chosen


def cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def table(sample: list[Entry], lang: str) -> str:
    rows = [
        f"| # | context ({lang}.po line) | Dutch | translation as found | verdict | fix |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for number, entry in enumerate(sample, start=1):
        rows.append(
            f"| {number} | `{entry.context}` ({entry.line}) | {cell(entry.dutch)} "
            f"| {cell(entry.translation)} |  |  |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("lang", help="the catalogue's language code, e.g. fr")
    parser.add_argument("--seed", default="1", help="the pass's seed; a new pass takes a new one")
    parser.add_argument("--size", type=int, default=30, help="how many entries (default 30)")
    args = parser.parse_args(argv)
    if args.size < 1:
        print("error: --size must be at least 1", file=sys.stderr)
        return 1
    if not (LOCALES / f"{args.lang}.po").is_file():
        print(f"error: content/locales/{args.lang}.po does not exist", file=sys.stderr)
        return 1
    entries = translated_entries(args.lang)
    sample = draw(entries, args.size, args.seed, args.lang)
    counts: dict[str, int] = {}
    for entry in sample:
        counts[kind_of(entry.context)] = counts.get(kind_of(entry.context), 0) + 1
    summary = ", ".join(f"{kind} {counts[kind]}" for kind, _ in STRATA if kind in counts)
    heading = f"Sample of {len(sample)} from {len(entries)} translated entries (seed {args.seed}): {summary}."
    try:
        sys.stdout.write(f"{heading}\n\n{table(sample, args.lang)}\n")
        sys.stdout.flush()
    except BrokenPipeError:  # piped into `head`: the reader has what it wanted
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
