"""`mkdocs serve` as an editor uses it: the site is served with its search index, and an edited
source is generated, built and indexed again, without an offline copy and without an error."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from typing import TYPE_CHECKING

from minihandbook import FILES, make_handbook, write_tree

if TYPE_CHECKING:
    from pathlib import Path

BUDDY = FILES["roles/buddy.yml"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local server
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _wait_for(url: str, wanted: str, seconds: float = 180) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        text = _get(url)
        if text is not None and wanted in text:
            return text
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show {wanted!r} within {seconds} s")


def test_an_edit_is_served_and_searched_again(tmp_path: Path) -> None:
    root = make_handbook(tmp_path / "hb")
    port = _free_port()
    log = tmp_path / "serve.log"  # a file, not a pipe: a full pipe would stop the server
    with log.open("w", encoding="utf-8") as output_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=output_file,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PDF": "0"},
        )
    site = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{site}/roles/buddy/", "Een vrijwilliger.")
        entry = json.loads(_wait_for(f"{site}/pagefind/pagefind-entry.json", '"languages"'))
        assert sorted(entry["languages"]) == ["en", "nl"]
        assert "'off':true" in (_get(f"{site}/service-worker.js") or "").replace('"', "'")
        write_tree(root, {"roles/buddy.yml": BUDDY.replace("Een vrijwilliger.", "Een buur die helpt.")})
        _wait_for(f"{site}/roles/buddy/", "Een buur die helpt.")
        # The index of the new build: the Dutch pages are indexed again.
        again = json.loads(_wait_for(f"{site}/pagefind/pagefind-entry.json", '"languages"'))
        end = time.monotonic() + 60
        while again["languages"]["nl"]["hash"] == entry["languages"]["nl"]["hash"] and time.monotonic() < end:
            time.sleep(0.5)
            again = json.loads(_get(f"{site}/pagefind/pagefind-entry.json") or "{}")
        assert again["languages"]["nl"]["hash"] != entry["languages"]["nl"]["hash"]
    finally:
        server.terminate()
        server.wait(timeout=60)
    output = log.read_text(encoding="utf-8")
    assert output.count("Documentation built in") >= 2, output
    assert "Traceback" not in output
    assert "ERROR" not in output
