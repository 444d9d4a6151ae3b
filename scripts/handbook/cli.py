"""The `handbook` command: validate, build and keep the translations in step."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from handbook.errors import HandbookError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbook", description="Build the buddy handbook.")
    parser.add_argument("--root", type=Path, default=Path(), help="the handbook's folder (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every source file and report all problems")
    validate.add_argument(
        "--publish",
        action="store_true",
        help="also refuse what must not go live: placeholders, example addresses, TODO marks, "
        "unreviewed machine translations (if handbook.yml asks), review dates past due",
    )
    generate = commands.add_parser("generate", help="validate and write the generated Markdown only")
    generate.add_argument("--docs-dir", type=Path, default=None)
    build = commands.add_parser("build", help="validate, generate and build the site into site/")
    build.add_argument("--site-dir", type=Path, default=None)
    build.add_argument("--no-pdf", action="store_true", help="leave out the PDFs (a quicker preview)")
    lint = commands.add_parser("lint", help="plain-language check: sentence length per page and per language")
    lint.add_argument(
        "--all",
        action="store_true",
        help="list every page of every language (else: the checked ones' pages, and others over the limits)",
    )
    commands.add_parser("schemas", help="write the JSON Schemas of the YAML files into schemas/")
    new = commands.add_parser("new", help="write a new, commented role, module, checklist or escalation file")
    new.add_argument("kind", help="what to write: role, module, checklist or escalation")
    new.add_argument("id", help="the new file's id, like 'first-meeting'")
    translations = commands.add_parser("translations", help="work with the PO catalogues")
    actions = translations.add_subparsers(dest="action", required=True)
    actions.add_parser("extract", help="write content/locales/handbook.pot with every source string")
    actions.add_parser("update", help="bring every <lang>.po in step with the sources")
    add = actions.add_parser("add", help="add a language: handbook.yml, its catalogue and the switcher")
    add.add_argument("code", help="the language code, like 'tr', 'fa' or 'pt-BR'")
    source = actions.add_parser(
        "set-source", help="make LANG the source language: rewrite the sources from its complete catalogue"
    )
    source.add_argument("code", help="a language of handbook.yml whose translation is complete")
    status = actions.add_parser("status", help="per language: translated, outdated and missing")
    status.add_argument("--check", action="store_true", help="exit 1 when a required language is incomplete")
    status.add_argument("--languages-only", action="store_true", help="leave out the lines per page")
    return parser


def run(args: argparse.Namespace) -> int:
    from handbook import commands

    root: Path = args.root.resolve()
    if args.command == "validate":
        return commands.validate(root, publish=args.publish)
    if args.command == "generate":
        return commands.generate(root, args.docs_dir)
    if args.command == "build":
        return commands.build(root, args.site_dir, pdf=not args.no_pdf)
    if args.command == "lint":
        return commands.lint(root, every_language=args.all)
    if args.command == "schemas":
        return commands.schemas(root)
    if args.command == "new":
        return commands.new(root, args.kind, args.id)
    if args.action == "extract":
        return commands.extract(root)
    if args.action == "update":
        return commands.update(root)
    if args.action == "set-source":
        return commands.set_source(root, args.code)
    if args.action == "add":
        return commands.add(root, args.code)
    return commands.status(root, check=args.check, pages=not args.languages_only)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return run(args)
    except HandbookError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (say `| head`) stopped reading; that is not an error of the handbook.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115, PTH123 - silence the flush at exit
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
