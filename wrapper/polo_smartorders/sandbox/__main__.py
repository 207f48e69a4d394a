"""`python -m polo_smartorders.sandbox`: serve the sandbox exchange with uvicorn."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import INSTALL_HINT


def _account(text: str) -> tuple[str, str]:
    key, sep, secret = text.partition(":")
    if not sep or not key or not secret:
        raise argparse.ArgumentTypeError(f"expected KEY:SECRET, got {text!r}")
    return key, secret


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line: where to listen, which accounts, clock skew and rate limits."""
    parser = argparse.ArgumentParser(prog="python -m polo_smartorders.sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port to listen on (default: 8765)")
    parser.add_argument(
        "--account",
        type=_account,
        action="append",
        metavar="KEY:SECRET",
        help="an API key and its secret; repeatable (default: sandbox-key:sandbox-secret)",
    )
    parser.add_argument(
        "--symbols",
        type=lambda text: [name.strip() for name in text.split(",") if name.strip()],
        metavar="A_B,C_D",
        help="comma-separated markets the sandbox trades (default: BTC_USDT, ETH_USDT, LTC_USDT and other majors)",
    )
    parser.add_argument("--clock-skew-ms", type=int, default=0, help="run the sandbox clock this far ahead (ms)")
    parser.add_argument("--rate-limits", action="store_true", help="enforce the exchange's per-account rate limits")
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the accounts and serve until interrupted; without the `sandbox` extra, say how to install it."""
    args = parse_args(argv)
    try:
        import uvicorn

        from ._app import create_app
        from ._engine import DEFAULT_ACCOUNTS
    except ModuleNotFoundError as error:
        print(f"{INSTALL_HINT} (missing: {error.name})", file=sys.stderr)
        return 1
    accounts = dict(args.account) if args.account else dict(DEFAULT_ACCOUNTS)
    app = create_app(accounts, clock_skew_ms=args.clock_skew_ms, rate_limits=args.rate_limits, symbols=args.symbols)
    print(f"Sandbox exchange on http://{args.host}:{args.port}", flush=True)
    for key, secret in accounts.items():
        print(f"  account: key={key} secret={secret}", flush=True)
    print(f"  markets: {', '.join(sorted(app.state.sandbox.symbols))}", flush=True)
    print(
        '  move a market: POST /sandbox/prices {"symbol": "BTC_USDT", "price": "60000"}'
        f"{'; rate limits on' if args.rate_limits else ''}"
        f"{f'; clock skew {args.clock_skew_ms} ms' if args.clock_skew_ms else ''}",
        flush=True,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0


if __name__ == "__main__":
    sys.exit(main())
