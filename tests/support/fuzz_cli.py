"""`make fuzz`: the schemathesis CLI against the sandbox served by uvicorn on a free loopback port.

Runs every phase (examples, coverage, fuzzing, stateful) with every check but use_after_free, more examples than
the pytest run and a time budget (--max-time-s) that the fuzzing and stateful phases spend repeating, writes a JUnit
report to reports/, and exits with schemathesis's status. The server is started and stopped here; a run that
overshoots its budget is killed after --timeout-s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from polo_smartorders.sandbox import create_app
from polo_smartorders.sandbox._serve import serving

from tests.support.keys import SANDBOX_KEY as KEY
from tests.support.keys import SANDBOX_SECRET as SECRET
from tests.support.sandbox import fuzz_markets

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi" / "smartorders.yaml"
CONFIG = Path(__file__).resolve().parent / "schemathesis_sandbox.toml"
REPORTS = ROOT / "reports"


def schemathesis_command(base_url: str, max_examples: int, max_time_s: int, seed: int | None) -> list[str]:
    """The CLI invocation: all phases, all checks but use_after_free, JUnit report."""
    command = [
        str(Path(sys.executable).parent / "schemathesis"),
        "--config-file",
        str(CONFIG),
        "run",
        str(SPEC),
        "--url",
        base_url,
        "--checks",
        "all",
        "--exclude-checks",
        "use_after_free",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        str(max_examples),
        "--max-time",
        str(max_time_s),
        "--report",
        "junit",
        "--report-junit-path",
        str(REPORTS / "fuzz-junit.xml"),
        "--request-timeout",
        "10",
    ]
    return command + (["--seed", str(seed)] if seed is not None else [])


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the sandbox, run the fuzzer against it, stop the sandbox; return the fuzzer's exit status."""
    parser = argparse.ArgumentParser(prog="python -m tests.support.fuzz_cli", description=__doc__)
    parser.add_argument("--max-examples", type=int, default=150, help="test cases per operation (default: 150)")
    parser.add_argument(
        "--max-time-s", type=int, default=90, help="budget: fuzzing and stateful phases repeat until it is spent"
    )
    parser.add_argument("--seed", type=int, default=None, help="reproduce a run")
    parser.add_argument("--timeout-s", type=float, default=600, help="kill the fuzzer after this long")
    args = parser.parse_args(argv)
    REPORTS.mkdir(exist_ok=True)
    app = create_app({KEY: SECRET}, symbols=fuzz_markets())
    # A market price, so that orders on it (the spec's examples among them) trigger and show `triggeredOrder`.
    app.state.sandbox.set_price("BTC_USDT", "40000")
    with serving(app) as base_url:
        print(f"sandbox on {base_url}; fuzzing {SPEC.relative_to(ROOT)}", flush=True)
        env = {
            **os.environ,
            "SCHEMATHESIS_HOOKS": "tests.support.fuzz_hooks",
            "SANDBOX_URL": base_url,
            "SANDBOX_KEY": KEY,
            "SANDBOX_SECRET": SECRET,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        command = schemathesis_command(base_url, args.max_examples, args.max_time_s, args.seed)
        try:
            completed = subprocess.run(command, env=env, cwd=ROOT, timeout=args.timeout_s, check=False)  # noqa: S603
        except subprocess.TimeoutExpired:
            print(f"fuzzing did not finish within {args.timeout_s} s", file=sys.stderr)
            return 1
    print(f"JUnit report: {(REPORTS / 'fuzz-junit.xml').relative_to(ROOT)}", flush=True)
    return completed.returncode


if __name__ == "__main__":
    sys.exit(main())
