"""``python -m bench --smoke`` runs the whole benchmark harness with tiny counts and writes every row.

Runs as a subprocess (as ``make bench`` does) so that the harness's own imports (requests, the canned server) stay out
of the test process. No timing is asserted: smoke counts are far too small for the numbers to mean anything.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# Runs the benchmark harness in a subprocess.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]

TARGET_ROWS = (
    "overhead create ≤ 1.1x baseline",
    "overhead get_by_id ≤ 1.1x baseline",
    "overhead get_all ≤ 1.6x baseline",
    "overhead get_all ≤ 1.1x its typed floor (baseline + SmartOrder.from_dict x50)",
    "overhead cancel_by_id ≤ 1.1x baseline",
    "overhead create with check_market_rules=True (rules cached) ≤ 1.1x the same create without",
    "sync throughput ≥ 3x new-connection-per-request client",
    "async c=64 throughput ≥ 1.5x sync client, aiohttp transport",
    "async c=64, aiohttp transport, requests per client CPU-second ≥ 0.9x plain httpx.AsyncClient on the same "
    "transport, signing by hand (the floor)",
    "async c=64 throughput ≥ 20x sync client, server with exchange-like latency, httpx transport",
    "async c=64 throughput ≥ 20x sync client, server with exchange-like latency, aiohttp transport",
    "get by id over TLS, requests per client CPU-second ≥ 1.25x ccxt's request path (sync, one kept-alive connection)",
    "import ≤ 150 ms, runtime dependencies only",
    "import ≤ 150 ms, this .venv",
    "import loads no sandbox or test dependency",
)
OVERHEAD_ROWS = ("create", "get_by_id", "get_all", "cancel_by_id", "create, check_market_rules=True, rules cached")
THROUGHPUT_ROWS = (
    "raw socket client, c=1 (server alone)",
    "raw asyncio client, c=64 (server alone)",
    "requests.request() per call: new connection each time (official SDK style)",
    "plain httpx.Client, keep-alive (reference: no wrapper)",
    "polo_smartorders Client (sync)",
    "polo_smartorders AsyncClient, c=1",
    "polo_smartorders AsyncClient, c=16",
    "polo_smartorders AsyncClient, c=64",
    "polo_smartorders AsyncClient, aiohttp transport, c=1",
    "polo_smartorders AsyncClient, aiohttp transport, c=16",
    "polo_smartorders AsyncClient, aiohttp transport, c=64",
    "plain httpx.AsyncClient, c=64 (reference: no wrapper)",
    "plain httpx.AsyncClient, aiohttp transport, c=64, signing each request by hand (the floor)",
    *(
        f"polo_smartorders AsyncClient{transport}, c={c}, server answers after 20 ms"
        for transport in ("", ", aiohttp transport")
        for c in (1, 16, 64)
    ),
)
SECTIONS = (
    "## Targets",
    "## 1. Per-call overhead",
    "## 2. Throughput over loopback HTTP",
    "## 2b. Get by id over TLS",
    "## 3. Import time and memory",
    "## Profiles",
    "## What bounds the missed targets",
)


def _row(text: str, label: str) -> list[str]:
    """The cells of the table row whose first cell is ``label``."""
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0] == label:
            return cells
    raise AssertionError(f"no table row {label!r}")


@pytest.mark.timeout(90)
def test_smoke_run_writes_every_row(tmp_path: Path) -> None:
    results = ROOT / "bench" / "RESULTS.md"
    before = results.stat().st_mtime_ns if results.exists() else None
    output = tmp_path / "RESULTS.md"

    done = subprocess.run(  # noqa: S603 - fixed argv: this interpreter and the repo's own bench package
        [sys.executable, "-m", "bench", "--smoke", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=80,
        check=False,
    )

    assert done.returncode == 0, done.stderr[-4000:]
    text = output.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results (SMOKE RUN")
    for section in SECTIONS:
        assert section in text, section
    for label in TARGET_ROWS:
        verdict = _row(text, label)[-1]
        assert verdict in ("n/a (smoke run)", "**PASS**"), (label, verdict)  # smoke asserts no timing
    assert _row(text, TARGET_ROWS[-1])[-1] == "**PASS**"  # not a timing: the import pulls in no sandbox/test deps
    for label in OVERHEAD_ROWS:
        cells = _row(text, label)
        assert float(cells[1]) > 0 and float(cells[2]) > 0, cells
    for label in THROUGHPUT_ROWS:
        cells = _row(text, label)
        assert float(cells[1].replace(",", "")) > 0, cells
    for label in (  # over TLS: ccxt is in the dev dependency group, so its row is there
        "polo_smartorders Client (sync), TLS",
        "ccxt poloniex private_get_smartorders_id (sync, requests.Session), TLS",
        "plain httpx.Client signing by hand (the floor), TLS",
    ):
        cells = _row(text, label)
        assert float(cells[1].replace(",", "")) > 0, cells
    for label in ("Client, 1 request made", "AsyncClient, 64 concurrent requests made"):
        assert _row(text, label)
    for server in ("answers at once", "answers after 20 ms"):  # the two backends side by side
        cells = _row(text, server)
        assert cells[1] == "1" and float(cells[2].split()[0].replace(",", "")) > 0
        assert float(cells[3].split()[0].replace(",", "")) > 0, cells
    assert "**AsyncClient, aiohttp transport c=64, loopback**" in text  # its profile
    assert "| machine | |" in text and "| CPU |" in text and "| Python |" in text
    assert "## Targets" in done.stdout  # the summary is printed too
    # Smoke never touches the committed results.
    assert (results.stat().st_mtime_ns if results.exists() else None) == before
