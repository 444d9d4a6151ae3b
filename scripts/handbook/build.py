"""The pipeline: load, validate, localise, render and write the generated docs folder."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from handbook.assemble import Generated, render_files
from handbook.catalog import Language, read_language
from handbook.errors import Problem, ValidationFailed
from handbook.kinds import LOCALES_DIR, SOURCE_FOLDERS, TEMPLATES_DIR
from handbook.load import Handbook, load_handbook
from handbook.render import Renderer
from handbook.validate import validate_handbook
from handbook.write import MARKER, write_tree

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

DOCS_DIR = "generated"
FIXED_DATE = 1704067200  # 2024-01-01, when neither SOURCE_DATE_EPOCH nor git says otherwise


def load_valid(root: Path, *, catalogues_too: bool = True) -> tuple[Handbook, dict[str, Language]]:
    """Load and validate everything; raise ValidationFailed with every problem found.

    Without `catalogues_too`, problems of the PO files do not count: the update that mends them
    (orphaned or outdated entries) must run whatever state they are in.
    """
    handbook, catalogues, problems = _load(root)
    if handbook is not None:
        problems.extend(validate_handbook(handbook, catalogues))
    if not catalogues_too:
        problems = [problem for problem in problems if not problem.file.startswith(LOCALES_DIR + "/")]
    if problems or handbook is None:
        raise ValidationFailed(problems)
    return handbook, catalogues


def _load(root: Path) -> tuple[Handbook | None, dict[str, Language], list[Problem]]:
    """The handbook, its catalogues and the problems found in reading them (and the templates);
    the cross-checks of `validate_handbook` are still to be made."""
    handbook, problems = load_handbook(root)
    template_problems = _check_templates(root)
    problems.extend(template_problems)
    catalogues: dict[str, Language] = {}
    if handbook is not None:
        # A template that does not parse yields no strings: do not call its translations orphans.
        handbook.broken.update(problem.file for problem in template_problems)
        for code in handbook.settings.catalogue_languages:
            catalogue, found = read_language(root, code)
            catalogues[code] = catalogue
            problems.extend(found)
    return handbook, catalogues, problems


def _check_templates(root: Path) -> list[Problem]:
    renderer = Renderer(root, "und")  # only parsed here, in no language ("und": undetermined)
    problems = []
    if not (root / TEMPLATES_DIR).is_dir():
        return [Problem(TEMPLATES_DIR, 1, 1, "", "folder is missing")]
    for path in sorted((root / TEMPLATES_DIR).rglob("*.j2")):
        name = path.relative_to(root / TEMPLATES_DIR).as_posix()
        try:
            renderer.env.get_template(name)
        except Exception as error:  # noqa: BLE001 - every template error becomes a message
            from handbook.render import template_problem

            problems.append(template_problem(root, error))
    return problems


def generate(root: Path, docs_dir: Path | None = None) -> Generated:
    """Validate the sources and bring the generated docs folder up to date.

    The cross-checks of the sources (a third of the work) run in a second process while this one
    renders the pages, where the machine allows (see `ChecksAside`); no PDF is rendered and
    nothing is written unless they found nothing wrong."""
    handbook, catalogues, problems = _load(root)
    if problems or handbook is None:
        if handbook is not None:
            problems.extend(validate_handbook(handbook, catalogues))
        raise ValidationFailed(problems)
    _date_output(root)
    with ChecksAside(handbook, catalogues) as checked:

        def passed() -> None:
            if checked():
                raise ValidationFailed(checked())

        try:
            files, generated = render_files(handbook, catalogues, pdf=pdf_wanted(), before_pdfs=passed)
        except Exception:
            if checked():  # what made the rendering fail, said as a problem of the sources
                raise ValidationFailed(checked()) from None
            raise
        passed()
    generated.warnings[:0] = handbook.warnings
    generated.report = write_tree(docs_dir or root / DOCS_DIR, files)
    return generated


class ChecksAside:
    """`validate_handbook` in a forked process while this one goes on; called, it waits for the
    problems found (and gives the handbook the warnings). Where a fork is not safe or not worth
    it (not Linux, other threads running as in `mkdocs serve`, a single core), the checks run in
    this process when they are asked for. A check that fails in the other process is made again
    here, so that it fails as it would have without one."""

    def __init__(self, handbook: Handbook, catalogues: dict[str, Language]) -> None:
        self.handbook, self.catalogues = handbook, catalogues
        self.problems: list[Problem] | None = None
        self.process: BaseProcess | None = None
        if _may_fork():
            context = multiprocessing.get_context("fork")
            self.connection, sending = context.Pipe(duplex=False)
            sys.stdout.flush()  # or the other process writes out what this one has buffered
            sys.stderr.flush()
            self.process = context.Process(target=_check, args=(handbook, catalogues, sending), daemon=True)
            self.process.start()
            sending.close()

    def __enter__(self) -> ChecksAside:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.kill()  # only when the caller did not wait for the problems
            self.process.join()
            self.connection.close()
            self.process = None

    def __call__(self) -> list[Problem]:
        if self.problems is None:
            outcome = self._receive()
            if outcome is None:
                self.problems = validate_handbook(self.handbook, self.catalogues)
            else:
                self.problems, self.handbook.warnings[:] = outcome
        return self.problems

    def _receive(self) -> tuple[list[Problem], list[Problem]] | None:
        if self.process is None:
            return None
        try:
            outcome: tuple[list[Problem], list[Problem]] | None = self.connection.recv()
        except (EOFError, OSError):  # the process died
            outcome = None
        self.process.join()
        self.connection.close()
        self.process = None
        return outcome


def _may_fork() -> bool:
    return sys.platform == "linux" and threading.active_count() == 1 and len(os.sched_getaffinity(0)) > 1


def _check(handbook: Handbook, catalogues: dict[str, Language], connection: Connection) -> None:
    """In the forked process: the problems and warnings, or None if checking failed."""
    try:
        outcome = (validate_handbook(handbook, catalogues), list(handbook.warnings))
    except Exception:  # noqa: BLE001 - made again in the first process, where it is reported
        outcome = None
    connection.send(outcome)
    connection.close()


def source_date(root: Path) -> int:
    """When the sources last changed, for reproducible output: SOURCE_DATE_EPOCH, else the last
    commit's date, else a fixed date. Two builds of the same sources then give the same bytes."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],  # noqa: S607 - git from PATH, fixed arguments
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return FIXED_DATE
    stamp = result.stdout.strip()
    return int(stamp) if result.returncode == 0 and stamp.isdigit() else FIXED_DATE


def _date_output(root: Path) -> None:
    """The date the output carries, for this process and MkDocs (it dates the sitemap by it)."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(source_date(root)))


def pdf_wanted() -> bool:
    """PDFs are made unless HANDBOOK_PDF=0 (a quicker preview; pages then carry no PDF links)."""
    return os.environ.get("HANDBOOK_PDF", "1") != "0"


def fingerprint(root: Path) -> str:
    """A cheap digest of every input's name, size and modification time: the sources, the
    engine's own code, whether PDFs are wanted, and the date the output carries."""
    digest = hashlib.sha256()
    inputs = sorted(Path(__file__).parent.glob("*.py"))
    for name in SOURCE_FOLDERS:
        path = root / name
        inputs.extend([path, *sorted(path.rglob("*"))] if path.is_dir() else [path])
    for path in inputs:
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    digest.update(f"{pdf_wanted()}\0{os.environ.get('SOURCE_DATE_EPOCH') or source_date(root)}".encode())
    return digest.hexdigest()


_cache: dict[tuple[Path, Path], tuple[str, Generated]] = {}
RESULT_FILE = ".cache/generated.json"


def generate_if_changed(root: Path, docs_dir: Path) -> tuple[Generated, bool]:
    """`generate`, skipped when no input changed since the last generation into `docs_dir` —
    in this process (mkdocs-static-i18n builds once per language) or in another one (the CLI
    generates, then MkDocs' hook runs in a new process): (the result, whether it was generated)."""
    key = (root.resolve(), docs_dir.resolve())
    _date_output(root)  # a rebuild that generates nothing gives the same sitemap dates
    stamp = fingerprint(root)
    cached = _cache.get(key)
    if cached and cached[0] == stamp and (docs_dir / MARKER).exists():
        return cached[1], False
    saved = root / RESULT_FILE
    if (docs_dir / MARKER).exists() and saved.exists():
        data = json.loads(saved.read_text(encoding="utf-8"))
        if data.get("stamp") == stamp and data.get("docs_dir") == str(key[1]):
            generated = Generated.from_json(data["result"])
            _cache[key] = (stamp, generated)
            return generated, False
    generated = generate(root, docs_dir)
    _cache[key] = (stamp, generated)
    saved.parent.mkdir(parents=True, exist_ok=True)
    record = {"stamp": stamp, "docs_dir": str(key[1]), "result": generated.to_json()}
    saved.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return generated, True


def generate_cached(root: Path, docs_dir: Path) -> Generated:
    return generate_if_changed(root, docs_dir)[0]
