"""Build the whole site with MkDocs into a fresh folder, then swap it in: never a half-written site.

MkDocs runs in this process, after the generator: its hook finds the generation in memory and
does not repeat it, and the handbook's modules are imported once.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from handbook.errors import BuildFailed


class _Messages(logging.Handler):
    """MkDocs' warnings and errors of one build, kept to report them all at once."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


def build_site(root: Path, site_dir: Path, *, strict: bool = True) -> float:
    """Run MkDocs' build into a temporary folder beside `site_dir` and swap it in on success."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    start = time.perf_counter()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    messages = _Messages()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(messages)
    failure: str | None = None
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(temporary), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config, dirty=False)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:
        failure = str(error)
    except Exception as error:  # noqa: BLE001 - a theme's or plugin's failure, reported, not a traceback
        failure = f"{type(error).__name__}: {error}"
    finally:
        logger.removeHandler(messages)
    if not strict and failure is None:
        sys.stderr.writelines(line + "\n" for line in messages.lines)
    if failure is not None or (strict and messages.lines):
        shutil.rmtree(temporary, ignore_errors=True)
        lines = list(dict.fromkeys([*messages.lines, *([failure] if failure else [])]))
        raise BuildFailed("mkdocs build failed; site/ was left as it was:\n" + "\n".join(lines))
    previous = site_dir.with_name(f".{site_dir.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    temporary.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)
    return time.perf_counter() - start
