"""Starting and stopping the canned server subprocess, and running probe subprocesses."""

from __future__ import annotations

import select
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def canned_server(workers: int, delay_ms: float, tls: tuple[Path, Path] | None = None) -> Iterator[str]:
    """Run ``python -m bench.server`` on loopback and yield its base URL; it is always stopped on exit. ``tls``:
    (certificate chain, key) to serve HTTPS with."""
    options = ["--tls-cert", str(tls[0]), "--tls-key", str(tls[1])] if tls else []
    process = subprocess.Popen(  # noqa: S603 - fixed argv: this interpreter and our own module
        [sys.executable, "-m", "bench.server", "--workers", str(workers), "--delay-ms", str(delay_ms), *options],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 30)
        line = process.stdout.readline().strip() if ready else ""
        if not line.startswith("PORT "):
            raise RuntimeError(f"bench server did not start: {line!r}")
        yield f"{'https' if tls else 'http'}://127.0.0.1:{int(line.split()[1])}"
    finally:
        if process.stdin is not None:
            process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
