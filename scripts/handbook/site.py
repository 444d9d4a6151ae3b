"""Build the whole site with MkDocs into a fresh folder, then swap it in: never a half-written site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from handbook.errors import BuildFailed


def build_site(root: Path, site_dir: Path, *, strict: bool = True) -> float:
    """Run `mkdocs build` into a temporary folder beside `site_dir` and swap it in on success."""
    import time

    start = time.perf_counter()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(temporary)]
    command += ["--config-file", str(root / "mkdocs.yml")]
    if strict:
        command.append("--strict")
    env = {**os.environ, "PYTHONHASHSEED": "0", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    if result.returncode != 0:
        shutil.rmtree(temporary, ignore_errors=True)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        interesting = [line for line in lines if line.startswith(("ERROR", "WARNING", "Aborted", "Error"))]
        raise BuildFailed(
            "mkdocs build failed; site/ was left as it was:\n" + "\n".join(interesting or lines[-20:])
        )
    previous = site_dir.with_name(f".{site_dir.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    temporary.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)
    return time.perf_counter() - start
