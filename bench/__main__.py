"""``python -m bench``: run every section in one go and write the results (bench/RESULTS.md by default).

``python -m bench --smoke`` runs the same harness with tiny counts, asserts no timings and writes to a temp path.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import market_rules, overhead, report, startup, throughput, tls
from ._proc import ROOT, canned_server

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


@dataclass(frozen=True)
class Settings:
    overhead_rounds: int
    overhead_calls: dict[str, int]
    overhead_profile_ops: int
    throughput_rounds: int
    throughput_duration: float
    throughput_profile_ops: int
    import_runs: int


FULL = Settings(
    overhead_rounds=7,
    overhead_calls={"create": 400, "get_by_id": 400, "get_all": 150, "cancel_by_id": 400},
    overhead_profile_ops=300,
    throughput_rounds=5,
    throughput_duration=1.0,
    throughput_profile_ops=1500,
    import_runs=9,
)
SMOKE = Settings(
    overhead_rounds=1,
    overhead_calls={"create": 3, "get_by_id": 3, "get_all": 3, "cancel_by_id": 3},
    overhead_profile_ops=3,
    throughput_rounds=1,
    throughput_duration=0.03,
    throughput_profile_ops=8,
    import_runs=1,
)


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny counts, no timing claims, temp output")
    parser.add_argument("--output", type=Path, help="where to write the markdown (default: bench/RESULTS.md)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server worker processes")
    parser.add_argument(
        "--delay-ms",
        type=float,
        default=20.0,
        help="server latency for the informational rows (an exchange round trip)",
    )
    args = parser.parse_args(argv)
    settings = SMOKE if args.smoke else FULL
    output: Path = args.output or (
        Path(tempfile.mkdtemp(prefix="polo-bench-")) / "RESULTS.md" if args.smoke else RESULTS
    )
    python = Path(sys.executable)
    shown_python = python.relative_to(ROOT) if python.is_relative_to(ROOT) else python
    command = "`" + " ".join([f"{shown_python} -m bench", *(sys.argv[1:] if argv is None else argv)]) + "`"
    if "MAKELEVEL" in os.environ:
        command = f"`make bench` ({command})"

    started = datetime.now(UTC)
    clock = time.perf_counter()
    host = report.machine()
    _log(f"{host.cores} cores, {host.cpu_model}, {host.python}")
    _log("1/3 per-call overhead (in-memory transport)")
    overhead_result = overhead.run(
        rounds=settings.overhead_rounds, calls=settings.overhead_calls, profile_ops=settings.overhead_profile_ops
    )
    _log("1b/3 create with check_market_rules=True, rules cached (in-memory transport)")
    rules_result = market_rules.run(rounds=settings.overhead_rounds, calls=settings.overhead_calls["create"])
    with canned_server(args.workers, args.delay_ms) as url:
        _log(f"2/3 loopback throughput against {url} ({args.workers} server workers)")
        throughput_result = throughput.run(
            url,
            rounds=settings.throughput_rounds,
            duration=settings.throughput_duration,
            workers=args.workers,
            delay_ms=args.delay_ms,
            profile_ops=settings.throughput_profile_ops,
        )
        _log("3/3 import time and memory")
        startup_result = startup.run(url, runs=settings.import_runs)
    _log("2b/3 get by id over TLS (its own canned server), polo_smartorders and ccxt")
    tls_result = tls.run(rounds=settings.throughput_rounds, duration=settings.throughput_duration, workers=args.workers)
    text = report.render(
        started=started,
        elapsed_s=time.perf_counter() - clock,
        command=command,
        smoke=args.smoke,
        host=host,
        overhead=overhead_result,
        throughput=throughput_result,
        startup=startup_result,
        rules=rules_result,
        secure=tls_result,
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    shown = output.relative_to(ROOT) if output.is_relative_to(ROOT) else output
    _log(f"done in {time.perf_counter() - clock:.0f} s; wrote {shown}")
    print("## Targets" + text.split("## Targets", 1)[1].split("## 1.", 1)[0].rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
