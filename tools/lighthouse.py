"""Lighthouse mobile scores of the built site's key pages, in the source and the first right-to-left
language: `make lighthouse` (not part of `make test`: performance is a measurement, not a test).

The site in site/ is served on 127.0.0.1 by a small server that compresses text as a real host
would, and Lighthouse (pinned in tools/lighthouse/) runs each page with its default mobile
settings (simulated slow 4G and a 4x slower CPU) in Debian's Chromium. Prints one Markdown table
and every audit below a full score; writes test-artifacts/lighthouse.json. Paths given as arguments
(`.venv/bin/python tools/lighthouse.py ar/escalation/suicide-crisis/`) are measured as well.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))
from browser import CHROMIUM, FLAGS, serve_gzipped  # noqa: E402 - after the path it is found on
from handbook.build import load_valid  # noqa: E402
from handbook.kinds import language_folder  # noqa: E402

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
OUTPUT = ROOT / "test-artifacts" / "lighthouse.json"


def pages() -> list[tuple[str, str]]:
    """(label, path) of home, the first module and the first escalation path, in two languages."""
    handbook, _ = load_valid(ROOT)
    settings = handbook.settings
    languages = [settings.default_language]
    languages += [language.code for language in settings.languages if language.dir == "rtl"][:1]
    found = []
    for lang in languages:
        prefix = language_folder(lang, settings.default_language)
        found.append((f"home ({lang})", prefix))
        if handbook.modules:
            found.append((f"module ({lang})", f"{prefix}modules/{sorted(handbook.modules)[0]}/"))
        if handbook.escalations:
            found.append((f"escalation ({lang})", f"{prefix}escalation/{sorted(handbook.escalations)[0]}/"))
    return found


def audit(url: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--form-factor=mobile",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(FLAGS)}",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
        ]
        env = {**os.environ, "CHROME_PATH": str(CHROMIUM)} if CHROMIUM.exists() else dict(os.environ)
        subprocess.run(command, env=env, check=True)  # noqa: S603 - the pinned tool, our arguments
        data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
        return data


def main() -> int:
    site = ROOT / "site"
    if not (site / "index.html").exists():
        raise SystemExit("lighthouse: no site/ to measure: run `make site` first")
    if not LIGHTHOUSE.exists():
        raise SystemExit("lighthouse: not installed: run `make lighthouse` (npm ci in tools/lighthouse)")
    rows: list[dict[str, Any]] = []
    # Pages named on the command line (`tools/lighthouse.py ar/escalation/suicide-crisis/`) too.
    extra = [("named page", path.lstrip("/")) for path in sys.argv[1:]]
    with serve_gzipped(site) as base:
        for label, path in pages() + extra:
            data = audit(f"{base}/{path}")
            scores = {name: data["categories"][name]["score"] for name in CATEGORIES}
            below = [
                f"{name}: {audit_id} {result['score']} {result.get('displayValue', '')}".strip()
                for name in CATEGORIES
                for ref in data["categories"][name]["auditRefs"]
                if ref.get("weight", 0) > 0
                for audit_id, result in [(ref["id"], data["audits"][ref["id"]])]
                if result.get("score") is not None and result["score"] < 1
            ]
            metrics = {
                key: data["audits"][key]["displayValue"]
                for key in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time")
            }
            row: dict[str, Any] = {"page": label, "path": "/" + path, "scores": scores, "metrics": metrics}
            rows.append({**row, "below": below})
    print("| page | " + " | ".join(CATEGORIES) + " | FCP | LCP | TBT |")
    print("| --- |" + " ---: |" * (len(CATEGORIES) + 3))
    for row in rows:
        cells = " | ".join(f"{row['scores'][name]:.2f}" for name in CATEGORIES)
        timings = " | ".join(row["metrics"].values())
        print(f"| {row['page']} `{row['path']}` | {cells} | {timings} |")
    for row in rows:
        for line in row["below"]:
            print(f"- {row['page']}: {line}")
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
