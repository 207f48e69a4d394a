"""`make generate` / `make check-generated`: the sync resource classes derived from their async source (as httpcore's
unasync does), so that the two are never kept in step by hand.

    python openapi/unasync.py           write every derived file
    python openapi/unasync.py --check   fail listing every derived file that differs from its source's derivation

Run from the repository root with the project's interpreter (ruff is found next to it). The rules are plain token
replacements: ``async def`` and ``async for`` lose ``async``, ``await`` goes, and ``Async``-prefixed names of this
project and of ``collections.abc`` lose the prefix. The source is written so that each rule holds in its text too.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path.cwd()
BIN = Path(sys.executable).parent
RESOURCES = ROOT / "wrapper" / "polo_smartorders" / "resources"
#: source -> derived file
FILES = {
    RESOURCES / "_async_smartorders.py": RESOURCES / "_sync_smartorders.py",
    RESOURCES / "_async_markets.py": RESOURCES / "_sync_markets.py",
}
RULES = [
    (re.compile(r"The ([\w-]+) resource of AsyncClient: the one hand-written source of both resources\."),
     r"The \1 resource of Client, derived from ``{source}``: do not edit."),
    (re.compile(r"\basync def\b"), "def"),
    (re.compile(r"\basync for\b"), "for"),
    (re.compile(r"\bawait "), ""),
    (re.compile(r"\bAsync(SmartOrders|Markets|Client|Iterator)\b"), r"\1"),
    (re.compile(r"\bAsyncClient\b"), "Client"),
]  # fmt: skip
NOTE = "# Derived from {source} by openapi/unasync.py at `make generate`: edit the source, then regenerate.\n"


def derive(source: Path) -> str:
    """The sync text of ``source``, formatted as the project formats code."""
    text = source.read_text()
    for pattern, replacement in RULES:
        text = pattern.sub(replacement.replace("{source}", source.name), text)
    text = NOTE.format(source=source.name) + text
    ruff = [str(BIN / "ruff"), "format", "--isolated", "--no-cache", "--quiet", "--line-length", "120", "-"]
    return subprocess.run(ruff, input=text, capture_output=True, text=True, check=True).stdout  # noqa: S603


def main(argv: list[str]) -> int:
    stale = []
    for source, target in FILES.items():
        text = derive(source)
        if argv == ["--check"]:
            if not target.exists() or target.read_text() != text:
                stale.append(str(target.relative_to(ROOT)))
            continue
        with tempfile.NamedTemporaryFile("w", dir=target.parent, delete=False, suffix=".tmp") as out:
            out.write(text)
        Path(out.name).replace(target)
    for name in stale:
        print(f"differs from its async source: {name}")
    if stale:
        print("a derived file is stale or hand-edited: run 'make generate'", file=sys.stderr)
        return 1
    if argv == ["--check"]:
        print(f"{len(FILES)} derived file(s) match their async source")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
