"""`python -m polo_smartorders.sandbox`: serve the sandbox exchange with uvicorn."""

from __future__ import annotations

import argparse
import contextlib
import shlex
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import INSTALL_HINT

if TYPE_CHECKING:
    from ._markets import Market


def balance(text: str) -> tuple[str, str]:
    """A `--balance CUR=AMOUNT` option: a currency and its amount (checked where the sandbox takes them)."""
    currency, sep, amount = text.partition("=")
    if not sep or not currency.strip() or not amount.strip():
        raise argparse.ArgumentTypeError(f"expected CURRENCY=AMOUNT (e.g. USDT=1000), got {text!r}")
    return currency.strip(), amount.strip()


def _account(text: str) -> tuple[str, str]:
    key, sep, secret = text.partition(":")
    if not sep or not key or not secret:
        raise argparse.ArgumentTypeError(f"expected KEY:SECRET, got {text!r}")
    return key, secret


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line: where to listen, which accounts, clock skew and rate limits."""
    parser = argparse.ArgumentParser(prog="python -m polo_smartorders.sandbox", description=__doc__)
    add_arguments(parser)
    return parser.parse_args(argv)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The server's options (also those of `polo-smartorders sandbox serve`)."""
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
        help="comma-separated markets the sandbox trades, with their default rules (default: BTC_USDT, ETH_USDT, "
        "LTC_USDT and other majors)",
    )
    parser.add_argument(
        "--markets",
        metavar="FILE",
        help="markets and their trading rules from a JSON file: an array of Market objects as GET /markets answers "
        "(a saved answer of the exchange works); traded with those of --symbols, if any",
    )
    parser.add_argument(
        "--balance",
        type=balance,
        action="append",
        metavar="CUR=AMOUNT",
        help="give each account this much of a currency, and no other funds; repeatable (default: unlimited funds)",
    )
    parser.add_argument("--clock-skew-ms", type=int, default=0, help="run the sandbox clock this far ahead (ms)")
    parser.add_argument("--rate-limits", action="store_true", help="enforce the exchange's per-account rate limits")
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])


def main(argv: Sequence[str] | None = None) -> int:
    """Print the accounts and serve until interrupted; without the `sandbox` extra, say how to install it."""
    return serve(parse_args(argv))


def serve(args: argparse.Namespace) -> int:
    """Serve with the options of `add_arguments`: print where, the accounts and the environment to point a client
    at it, then serve until interrupted."""
    try:
        import uvicorn

        from ._app import create_app
        from ._engine import DEFAULT_ACCOUNTS
    except ModuleNotFoundError as error:
        print(f"{INSTALL_HINT} (missing: {error.name})", file=sys.stderr)
        return 1
    accounts = dict(args.account) if args.account else dict(DEFAULT_ACCOUNTS)
    try:
        app = create_app(
            accounts,
            clock_skew_ms=args.clock_skew_ms,
            rate_limits=args.rate_limits,
            symbols=symbols_of(args.symbols, args.markets),
            balances=dict(args.balance) if args.balance else None,
        )
    except (OSError, ValueError) as error:
        print(f"sandbox: {error}", file=sys.stderr)
        return 2
    print(f"Sandbox exchange on http://{args.host}:{args.port}", flush=True)
    for key, secret in accounts.items():
        print(f"  account: key={key} secret={secret}", flush=True)
    print(f"  markets: {', '.join(sorted(app.state.sandbox.symbols))}", flush=True)
    if args.balance:
        print(f"  funds of each account: {', '.join(f'{cur} {amount}' for cur, amount in args.balance)}", flush=True)
    print(
        '  move a market: polo-smartorders price BTC_USDT 60000 (POST /sandbox/prices {"symbol": ..., "price": ...})'
        f"{'; rate limits on' if args.rate_limits else ''}"
        f"{f'; clock skew {args.clock_skew_ms} ms' if args.clock_skew_ms else ''}",
        flush=True,
    )
    key, secret = next(iter(accounts.items()))
    print("Point polo-smartorders and your bot at it (POSIX shell):", flush=True)
    print(f"  export POLO_BASE_URL=http://{_url_host(args.host)}:{args.port}", flush=True)
    print(f"  export POLO_API_KEY={shlex.quote(key)}", flush=True)
    print(f"  export POLO_API_SECRET={shlex.quote(secret)}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn handles SIGINT itself; a second Ctrl-C lands here
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def symbols_of(symbols: list[str] | None, markets_file: str | None) -> list[str | Market] | None:
    """What `--symbols` and `--markets FILE` ask the sandbox to trade (None: its default markets)."""
    if symbols is None and markets_file is None:
        return None
    from ._markets import load_markets

    return [*(symbols or []), *(load_markets(markets_file) if markets_file is not None else [])]


def _url_host(host: str) -> str:
    """The host as a URL writes it: an IPv6 address in brackets; a wildcard address as loopback."""
    if host in ("0.0.0.0", ""):  # noqa: S104 - recognising it, not binding to it
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


if __name__ == "__main__":
    sys.exit(main())
