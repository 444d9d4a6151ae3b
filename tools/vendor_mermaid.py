"""Copy the part of Mermaid's ESM build that flowcharts need into templates/assets/vendor/mermaid.

Run by a maintainer when Mermaid is upgraded:  npm pack mermaid@<version>  then
    python tools/vendor_mermaid.py mermaid-<version>.tgz
Only the entry module, its static imports and the flowchart and dagre-layout chunks (with their
imports) are kept: the site never loads the other diagram types, and a phone downloads only what
a flowchart needs, only on pages that have one.
"""

from __future__ import annotations

import re
import shutil
import sys
import tarfile
import tempfile
from pathlib import Path

KEEP_DYNAMIC = re.compile(r"^(flowDiagram|dagre)-[A-Z0-9]+\.mjs$")
IMPORT = re.compile(r'(?:from|import)\s*"(\.{1,2}/[^"]+\.mjs)"')
DYNAMIC = re.compile(r'import\(\s*"(\.{1,2}/[^"]+\.mjs)"\s*\)')
TARGET = Path(__file__).resolve().parent.parent / "templates" / "assets" / "vendor" / "mermaid"


def closure(dist: Path) -> set[Path]:
    seen: set[Path] = set()
    stack = [dist / "mermaid.esm.min.mjs"]
    while stack:
        path = stack.pop().resolve()
        if path in seen:
            continue
        seen.add(path)
        text = path.read_text(encoding="utf-8")
        stack += [path.parent / rel for rel in IMPORT.findall(text)]
        stack += [path.parent / rel for rel in DYNAMIC.findall(text) if KEEP_DYNAMIC.match(Path(rel).name)]
    return seen


def main(tarball: str) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(tarball) as archive:
            archive.extractall(tmp, filter="data")
        package = Path(tmp) / "package"
        dist = package / "dist"
        version = re.search(r'"version":\s*"([^"]+)"', (package / "package.json").read_text())
        shutil.rmtree(TARGET, ignore_errors=True)
        for path in sorted(closure(dist)):
            target = TARGET / path.relative_to(dist.resolve())
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        shutil.copyfile(package / "LICENSE", TARGET / "LICENSE")
        (TARGET / "VERSION").write_text((version.group(1) if version else "unknown") + "\n")
    size = sum(p.stat().st_size for p in TARGET.rglob("*") if p.is_file())
    count = sum(1 for p in TARGET.rglob("*.mjs"))
    print(f"vendored {count} modules, {size / 1024:.0f} KiB, into {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
