"""`polo-smartorders` (also `python -m polo_smartorders`): quick smart-order operations from a shell.

Credentials come from POLO_API_KEY / POLO_API_SECRET, the server from --url or POLO_BASE_URL (default the exchange).
--sandbox runs against a practice sandbox exchange instead, kept between commands (in $POLO_SANDBOX_STATE, else the
user's data directory; --sandbox-reset starts it over); `price SYMBOL PRICE` moves its market. `sandbox serve` runs
a sandbox server for a bot. Output is a table, or with --json one JSON document (amounts stay strings). An error
prints one line (with the exchange's code) and exits non-zero: 2 for a bad argument (caught before anything is
sent), 1 for a refusal or a failed item, 130 when interrupted.
"""

from __future__ import annotations

# Startup: `--version` and `--help` must not import httpx or the generated client, so this module imports only the
# standard library at the top; the client, the spec's rules and the sandbox are imported by the commands that use them.
import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from ._client import Client
    from ._models import CancelResult, SmartOrder
    from .sandbox import Sandbox

PROG = "polo-smartorders"
#: The names of polo_smartorders._constants (ENV_API_KEY, ...), repeated so that --help imports nothing of the client;
#: tests/client/test_cli_practice.py checks that they agree.
ENV_API_KEY = "POLO_API_KEY"
ENV_API_SECRET = "POLO_API_SECRET"  # noqa: S105 - the variable's name, not a secret
ENV_BASE_URL = "POLO_BASE_URL"
ENV_SANDBOX_STATE = "POLO_SANDBOX_STATE"  # polo_smartorders.sandbox._store.ENV_STATE
ORDER_COLUMNS = (
    "id", "clientOrderId", "symbol", "side", "type", "state", "stopPrice", "price", "quantity", "amount",
    "trailingOffset", "createTime",
)  # fmt: skip
#: Amount columns where the exchange writes 0 for "not given" (every real value is above 0): shown blank.
_BLANK_WHEN_ZERO = frozenset({"stopPrice", "price", "quantity", "amount", "trailingOffset"})
CANCEL_COLUMNS = ("orderId", "clientOrderId", "state", "code", "message")
PRICE_COLUMNS = ("symbol", "price")
#: Exit status when interrupted (Ctrl-C), as a shell reports a SIGINT.
INTERRUPTED = 130
#: Exit status when the reader of the output went away (`... | head`), as a shell reports a SIGPIPE.
BROKEN_PIPE = 141


class SpecEnum(Sequence[str]):
    """The values of one of the spec's enum schemas, read when first needed (a choice to check, a subcommand's help):
    the CLI offers what the spec does (`make generate`), and building the parser reads nothing."""

    def __init__(self, schema: str) -> None:
        self.schema = schema
        self._values: tuple[str, ...] | None = None

    def _loaded(self) -> tuple[str, ...]:
        if self._values is None:
            from ._rules import enum_values

            self._values = enum_values(self.schema)
        return self._values

    def __getitem__(self, index: Any) -> Any:
        return self._loaded()[index]

    def __len__(self) -> int:
        return len(self._loaded())

    def __contains__(self, value: object) -> bool:
        return value in self._loaded()

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())


SMART_TYPES = SpecEnum("SmartOrderType")
HISTORY_STATES = SpecEnum("HistoryState")
TIFS = SpecEnum("TimeInForce")
SIDES = SpecEnum("Side")
ACCOUNT_TYPES = SpecEnum("AccountType")
OPERATORS = SpecEnum("Operator")
DIRECTIONS = SpecEnum("Direction")


#: What a terminal acts on instead of showing: C0 and C1 controls and DEL (escape sequences, BEL, CR, LF), the line and
#: paragraph separators, the bidi controls (they reorder the text after them); and lone surrogates, which no encoding
#: can write.
_UNSHOWN = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def _shown(value: object) -> str:
    """A value as terminal text: each _UNSHOWN character as its Python escape (``\\x1b``, ``\\n``, ``\\u202e``), the
    rest (other Unicode included) as it is; so an answer cannot clear the screen, retitle it or add lines to it."""
    return _UNSHOWN.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), str(value))


def _complain(message: str) -> None:
    """Print one error line to stderr, its text (often the exchange's) shown as _shown shows it."""
    print(f"{PROG}: {_shown(message)}", file=sys.stderr)


def _text(value: object) -> str:
    """A Decimal (a number of an answer field the spec does not name) as its exact text; nothing else is expected."""
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _cell(name: str, value: object) -> str:
    """A table cell: amounts the exchange writes as 0 for "not given" are blank, times are UTC."""
    if value is None:
        return ""
    if name in _BLANK_WHEN_ZERO and isinstance(value, str | Decimal):
        try:
            if Decimal(value) == 0:
                return ""
        except InvalidOperation:
            pass
    if name in ("createTime", "updateTime") and isinstance(value, int) and not isinstance(value, bool):
        from datetime import UTC, datetime

        try:
            return datetime.fromtimestamp(value / 1000, UTC).strftime("%Y-%m-%d %H:%M:%S")
        except (OverflowError, OSError, ValueError):
            return str(value)
    return _shown(value)


class Output:
    """Where results go: a table (default) or one JSON document."""

    def __init__(self, as_json: bool, stream: TextIO) -> None:
        self.as_json = as_json
        self.stream = stream

    def document(self, value: object) -> None:
        json.dump(value, self.stream, indent=2, default=_text)
        self.stream.write("\n")

    def table(self, rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
        if self.as_json:
            self.document(list(rows))
            return
        cells = [[_cell(name, row.get(name)) for name in columns] for row in rows]
        widths = [max([len(name), *(len(line[i]) for line in cells)]) for i, name in enumerate(columns)]
        for line in [list(columns), *cells]:
            self.stream.write("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
            self.stream.write("\n")
        if not rows:
            self.stream.write("(none)\n")

    def mapping(self, value: dict[str, Any]) -> None:
        if self.as_json:
            self.document(value)
            return
        for name, item in value.items():
            self.stream.write(f"{_shown(name)}: {_shown(item)}\n")


class Usage(Exception):
    """A mistake in the command line found after parsing: exit 2 with this message (a hint in CLI terms)."""


# ---------------------------------------------------------------- commands


def _orders(orders: Sequence[SmartOrder]) -> list[dict[str, Any]]:
    return [order.to_dict() for order in orders]


def _cancels(results: Sequence[CancelResult], out: Output) -> int:
    out.table([result.to_dict() for result in results], CANCEL_COLUMNS)
    failed = [result for result in results if not result.ok]
    if failed:
        codes = ", ".join(sorted({str(result.code) for result in failed}))
        _complain(f"{len(failed)} of {len(results)} cancels failed (code {codes})")
    return 1 if failed else 0


def cmd_time(client: Client, args: argparse.Namespace, out: Output) -> int:
    from datetime import UTC, datetime

    offset = client.sync_time()
    server_ms = client.clock.now_ms()
    iso = datetime.fromtimestamp(server_ms / 1000, UTC).isoformat(timespec="milliseconds")
    out.mapping({"serverTime": server_ms, "iso": iso, "offsetMs": offset})
    return 0


def cmd_list(client: Client, args: argparse.Namespace, out: Output) -> int:
    out.table(_orders(client.smartorders().get_all(limit=args.limit)), ORDER_COLUMNS)
    return 0


def cmd_get(client: Client, args: argparse.Namespace, out: Output) -> int:
    order = client.smartorders().get_by_id(args.ref)
    if out.as_json:
        out.document(order.to_dict())
    else:
        out.table(_orders([order]), ORDER_COLUMNS)
        if order.triggered_order:
            out.stream.write(f"triggeredOrder: {json.dumps(order.triggered_order.to_dict(), default=_text)}\n")
    return 0


def cmd_create(client: Client, args: argparse.Namespace, out: Output) -> int:
    placed = client.smartorders().create(
        symbol=args.symbol,
        side=args.side,
        type=args.type,
        stop_price=args.stop_price,
        price=args.price,
        quantity=args.quantity,
        amount=args.amount,
        time_in_force=args.time_in_force,
        account_type=args.account_type,
        client_order_id=args.client_order_id,
        trailing_offset=args.trailing_offset,
        limit_offset=args.limit_offset,
        operator=args.operator,
    )
    out.mapping(placed.to_dict())
    return 0


def cmd_replace(client: Client, args: argparse.Namespace, out: Output) -> int:
    replaced = client.smartorders().cancel_replace(
        args.ref,
        price=args.price,
        stop_price=args.stop_price,
        quantity=args.quantity,
        amount=args.amount,
        type=args.type,
        time_in_force=args.time_in_force,
        client_order_id=args.client_order_id,
        proceed_on_failure=args.proceed_on_failure or None,
    )
    out.mapping(replaced.to_dict())
    return 0


def cmd_cancel(client: Client, args: argparse.Namespace, out: Output) -> int:
    from ._ids import client_order_id_in

    bare = [(ref, client_order_id_in(ref)) for ref in args.refs]
    ids = [ref for ref, cid in bare if cid is None]
    cids = [cid for _, cid in bare if cid is not None]  # the body: bare ids
    results = client.smartorders().cancel_by_multiple_ids(order_ids=ids or None, client_order_ids=cids or None)
    return _cancels(results, out)


def cmd_cancel_all(client: Client, args: argparse.Namespace, out: Output) -> int:
    from .resources.smartorders import build_cancel

    build_cancel(args.symbol, args.account_type, args.type, None)  # refuse bad filters before asking
    if not args.yes:
        count = _matching_open(client, args)
        if count == 0:
            print("No open smart order matches: nothing to cancel.", file=sys.stderr)
            return 0
        if not _confirm(args, count):
            _complain("not confirmed, nothing cancelled")
            return 1
    results = client.smartorders().cancel(symbol=args.symbol, account_type=args.account_type, order_types=args.type)
    return _cancels(results, out)


def _matching_open(client: Client, args: argparse.Namespace) -> int:
    """How many open orders cancel-all would cancel now (the same filters, applied to the open orders)."""
    return sum(
        1
        for order in _orders(client.smartorders().get_all())
        if (args.symbol is None or order.get("symbol") == args.symbol)
        and (args.account_type is None or order.get("accountType") == args.account_type)
        and (not args.type or order.get("type") in args.type)
    )


def _confirm(args: argparse.Namespace, count: int) -> bool:
    scope = ", ".join(
        f"{name} {value}"
        for name, value in (
            ("symbol", args.symbol),
            ("account type", args.account_type),
            ("type", " or ".join(args.type or ())),
        )
        if value
    )
    noun = "smart order" if count == 1 else "smart orders"
    print(f"Cancel {count} open {noun} of {scope}? [y/N] ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    return answer.strip().lower() in ("y", "yes")


def cmd_history(client: Client, args: argparse.Namespace, out: Output) -> int:
    from .resources._pager import DEFAULT_PAGE_SIZE

    filters: dict[str, Any] = {
        "account_type": args.account_type,
        "hide_cancel": args.hide_cancel or None,
        "start_time": args.start_time,
        "end_time": args.end_time,
        "begins_from": args.begins_from,
        "type": args.type,
        "side": args.side,
        "symbol": args.symbol,
        "states": args.state,
    }
    so = client.smartorders()
    if args.all:
        orders = list(so.iter_history(**filters, page_size=args.limit or DEFAULT_PAGE_SIZE, max_items=args.max_items))
    else:
        orders = so.get_history(**filters, direction=args.direction, limit=args.limit)
    out.table(_orders(orders), ORDER_COLUMNS)
    return 0


# ---------------------------------------------------------------- market prices (a sandbox's)


class Prices:
    """A sandbox's market prices: the practice sandbox's engine, or a sandbox server's /sandbox/prices."""

    def __init__(self, engine: Sandbox | None, url: str | None) -> None:
        self.engine = engine
        self.url = url

    def all(self) -> list[dict[str, str]]:
        if self.engine is not None:
            return [{"symbol": market, "price": str(price)} for market, price in sorted(self.engine.prices().items())]
        answer: list[dict[str, str]] = self._call("GET", None)
        return answer

    def set(self, symbol: str, price: str) -> dict[str, str]:
        if self.engine is not None:
            try:
                self.engine.set_price(symbol, price)
            except ValueError as error:
                raise Usage(f"price: {error}") from None
            moved = self.engine.price(symbol)
            return {"symbol": symbol, "price": str(moved)}
        answer: dict[str, str] = self._call("POST", {"symbol": symbol, "price": price})
        return answer

    def _call(self, method: str, body: dict[str, str] | None) -> Any:
        import httpx

        from ._constants import DEFAULT_BASE_URL

        base = (self.url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL).rstrip("/")
        hint = (
            f"price moves a sandbox's market: add --sandbox, or point --url / ${ENV_BASE_URL} at `{PROG} sandbox serve`"
        )
        try:
            response = httpx.request(method, f"{base}/sandbox/prices", json=body, timeout=10)
        except httpx.HTTPError as error:
            raise Usage(f"cannot reach {base}: {error}; {hint}") from None
        if response.status_code == 404:
            raise Usage(f"{base} is not a sandbox; {hint}")
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if response.status_code != 200:
            message = answer.get("message") if isinstance(answer, dict) else response.text[:200]
            raise Usage(f"price: {message}")
        return answer


def cmd_price(prices: Prices, args: argparse.Namespace, out: Output) -> int:
    if args.price is not None:
        moved = prices.set(args.symbol, args.price)
        if out.as_json:
            out.document(moved)
        else:
            out.stream.write(f"{_shown(moved['symbol'])} is now {_shown(moved['price'])}\n")
        return 0
    rows = prices.all()
    if args.symbol is not None:
        rows = [row for row in rows if row["symbol"] == args.symbol]
    out.table(rows, PRICE_COLUMNS)
    return 0


# ---------------------------------------------------------------- sandbox serve


def cmd_sandbox_serve(args: argparse.Namespace) -> int:
    from .sandbox.__main__ import serve

    return serve(args)


# ---------------------------------------------------------------- arguments


def _upper(text: str) -> str:
    """Enum values in any case: `--side sell` is SELL."""
    return text.upper()


def _order_ref(text: str) -> str:
    """A positional order reference: digits or cid:<clientOrderId>; anything else gets a hint."""
    if text.isdigit() or text.startswith("cid:"):
        return text
    if text.lower().startswith("cid:"):
        raise argparse.ArgumentTypeError(f"'{_shown(text)}': did you mean cid:{_shown(text[4:])}?")
    if text and re.fullmatch(r"[A-Za-z0-9_.:-]+", text):
        raise argparse.ArgumentTypeError(
            f"'{_shown(text)}' is not an order id (digits); did you mean cid:{_shown(text)}? "
            "(a client order id is given as cid:<clientOrderId>)"
        )
    raise argparse.ArgumentTypeError(f"'{_shown(text)}': expected an order id (digits) or cid:<clientOrderId>")


class _PageSizeHelp(str):
    """The history page size's help, with the spec's default read only when the help is shown (argparse applies
    ``%`` to every help text it prints): ``--help`` alone loads no spec."""

    __slots__ = ()

    def __mod__(self, params: object) -> str:
        from .resources._pager import DEFAULT_PAGE_SIZE

        return f"{self} (default: the exchange's, {DEFAULT_PAGE_SIZE})"


def _enum_option(parser: argparse.ArgumentParser, flag: str, values: SpecEnum, help_text: str, **kw: Any) -> None:
    """An option taking one of the spec's enum values, in any case; its help lists them only when shown."""
    metavar = flag.lstrip("-").replace("-", "_").upper()
    suffix = "one of %(choices)s (any case)"
    parser.add_argument(
        flag, type=_upper, choices=values, metavar=metavar, help=f"{help_text}: {suffix}" if help_text else suffix, **kw
    )


def _common(*, suppress: bool) -> argparse.ArgumentParser:
    """--url, --sandbox, --sandbox-reset and --json, accepted before or after the command."""
    parent = argparse.ArgumentParser(add_help=False)
    default: Any = argparse.SUPPRESS if suppress else None
    parent.add_argument(
        "--url", default=default, help=f"base URL of the API (default: ${ENV_BASE_URL} or the exchange)"
    )
    parent.add_argument(
        "--sandbox",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help=f"run against a practice sandbox exchange, kept between commands (${ENV_SANDBOX_STATE}, else "
        "the user's data directory); needs the sandbox extra",
    )
    parent.add_argument(
        "--sandbox-reset",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="forget the practice sandbox's orders and prices first (implies --sandbox; alone: just that)",
    )
    parent.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="print one JSON document (amounts as strings)",
    )
    return parent


def _size_and_prices(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--stop-price", help="trigger price (activation price for trailing types), quote units")
    parser.add_argument("--price", help="limit price (STOP_LIMIT), quote units")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quantity", help="size in base units")
    size.add_argument("--amount", help="size in quote units")
    _enum_option(parser, "--type", SMART_TYPES, "smart-order type")
    _enum_option(parser, "--time-in-force", TIFS, "")
    parser.add_argument("--client-order-id", help="your id for the (new) order")


def _version() -> str:
    from . import __version__

    return f"{PROG} {__version__}"


class _VersionAction(argparse.Action):
    """--version: the version is looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kw: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kw)

    def __call__(self, parser: argparse.ArgumentParser, namespace: Any, values: Any, option: str | None = None) -> None:
        print(_version())
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=__doc__,
        parents=[_common(suppress=False)],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = [_common(suppress=True)]

    def command(name: str, handler: Callable[..., int], help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=common, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    command("time", cmd_time, "the exchange's clock and the offset to yours")
    listing = command("list", cmd_list, "open smart orders, newest first")
    listing.add_argument("--limit", type=int, help="at most this many")
    get = command("get", cmd_get, "one smart order by id or cid:<clientOrderId>")
    get.add_argument("ref", metavar="ID|cid:ID", type=_order_ref)
    create = command("create", cmd_create, "place a smart order")
    create.add_argument("--symbol", required=True, help="market, e.g. BTC_USDT")
    _enum_option(create, "--side", SIDES, "", required=True)
    _size_and_prices(create)
    _enum_option(create, "--account-type", ACCOUNT_TYPES, "")
    create.add_argument("--trailing-offset", help="trailing types: distance or percentage (1.5%%)")
    create.add_argument("--limit-offset", help="TRAILING_STOP_LIMIT: distance or percentage")
    _enum_option(create, "--operator", OPERATORS, "trailing activation operator")
    replace = command("replace", cmd_replace, "cancel an untriggered order and place its replacement")
    replace.add_argument("ref", metavar="ID|cid:ID", type=_order_ref)
    _size_and_prices(replace)
    replace.add_argument("--proceed-on-failure", action="store_true", help="place it even if the cancel fails")
    cancel = command("cancel", cmd_cancel, "cancel smart orders by id or cid:<clientOrderId>")
    cancel.add_argument("refs", nargs="+", metavar="ID|cid:ID", type=_order_ref)
    cancel_all = command("cancel-all", cmd_cancel_all, "cancel every open smart order of a symbol or account type")
    cancel_all.add_argument("--symbol", help="market, e.g. BTC_USDT")
    _enum_option(cancel_all, "--account-type", ACCOUNT_TYPES, "")
    _enum_option(cancel_all, "--type", SMART_TYPES, "only this type; repeatable", action="append")
    # The flag's old name, kept working but no longer shown: one name per concept across commands.
    cancel_all.add_argument("--order-type", dest="type", action="append", type=_upper, choices=SMART_TYPES,
                            metavar="TYPE", help=argparse.SUPPRESS)  # fmt: skip
    cancel_all.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    history = command("history", cmd_history, "past smart orders, newest first")
    history.add_argument("--symbol")
    _enum_option(history, "--side", SIDES, "")
    _enum_option(history, "--type", SMART_TYPES, "repeatable", action="append")
    _enum_option(history, "--state", HISTORY_STATES, "repeatable", action="append")
    _enum_option(history, "--account-type", ACCOUNT_TYPES, "")
    history.add_argument("--hide-cancel", action="store_true", help="leave out cancelled orders")
    history.add_argument("--start-time", type=int, metavar="MS", help="earliest createTime (ms since the epoch)")
    history.add_argument("--end-time", type=int, metavar="MS", help="latest createTime (ms since the epoch)")
    history.add_argument("--from", dest="begins_from", metavar="ID", help="page from this order id (exclusive)")
    _enum_option(history, "--direction", DIRECTIONS, "with --from: PRE newer, NEXT older")
    history.add_argument("--limit", type=int, help=_PageSizeHelp("orders per page"))
    history.add_argument("--all", action="store_true", help="page through every matching order")
    history.add_argument("--max-items", type=int, help="with --all: stop after this many")
    price = command(
        "price", cmd_price, "a sandbox's market prices: show them, or move SYMBOL to PRICE (its orders react)"
    )
    price.add_argument("symbol", nargs="?", metavar="SYMBOL", help="market, e.g. BTC_USDT (alone: its price)")
    price.add_argument("price", nargs="?", metavar="PRICE", help="the new price, quote units")
    sandbox = commands.add_parser("sandbox", help="run a sandbox exchange server for the CLI and your bot")
    sandbox_commands = sandbox.add_subparsers(dest="sandbox_command", metavar="COMMAND", required=True)
    serve = sandbox_commands.add_parser(
        "serve",
        help="serve a sandbox exchange on loopback until interrupted; prints the environment to point at it",
        description="Serve a sandbox exchange (in memory, for as long as it runs) and print the environment "
        f"variables ({ENV_BASE_URL}, {ENV_API_KEY}, {ENV_API_SECRET}) that point this CLI and a bot at it.",
    )
    from .sandbox.__main__ import add_arguments  # the standard library only: the server is imported when it runs

    add_arguments(serve)
    serve.set_defaults(handler=cmd_sandbox_serve)
    return parser


#: Library argument names as the command line spells them, for error messages.
_FLAGS = {
    "order_id": "ID",
    "order_ids": "ID",
    "client_order_ids": "cid:ID",
    "order_types": "--type",
    "types": "--type",
    "states": "--state",
    "begins_from": "--from",
}
#: A suggestion written as a Python argument (`type='STOP_LIMIT'`), to be written as an option.
_PY_ARGUMENT = re.compile(r"\b([a-z][a-z_]*)=(?:'([^']*)'|\"([^\"]*)\"|([^\s,;)]+))")


def _flag(field: str) -> str:
    return _FLAGS.get(field, "--" + field.replace("_", "-"))


def _in_cli_terms(rule: str) -> str:
    """A library message in command-line terms: `use type='STOP_LIMIT'` reads `use --type STOP_LIMIT`."""
    return _PY_ARGUMENT.sub(lambda m: f"{_flag(m.group(1))} {next(g for g in m.groups()[1:] if g is not None)}", rule)


@contextmanager
def _practice(args: argparse.Namespace) -> Iterator[Sandbox]:
    """The practice sandbox, loaded from its file and saved back (`polo_smartorders.sandbox._store`)."""
    from .sandbox._store import open_sandbox, state_path

    with open_sandbox(state_path()) as engine:
        yield engine


@contextmanager
def _client(args: argparse.Namespace, engine: Sandbox | None) -> Iterator[Client]:
    from ._client import Client

    if engine is None:
        with Client(url=args.url) as client:
            yield client
        return
    from .sandbox import create_app
    from .sandbox._serve import serving
    from .testing import API_KEY, API_SECRET

    with serving(create_app(sandbox=engine)) as url, Client(API_KEY, API_SECRET, url) as client:
        yield client


def _run(args: argparse.Namespace, out: Output) -> int:
    if args.sandbox_reset:
        from .sandbox._store import reset, state_path

        path = state_path()
        reset(path)
        if args.command is None:
            print(f"The practice sandbox starts over ({path}).", file=sys.stderr)
            return 0
    handler: Callable[..., int] = args.handler
    if handler is cmd_sandbox_serve:
        return handler(args)
    if not (args.sandbox or args.sandbox_reset):
        if handler is cmd_price:
            return cmd_price(Prices(None, args.url), args, out)
        with _client(args, None) as client:
            status: int = handler(client, args, out)
            return status
    with _practice(args) as engine:
        if handler is cmd_price:
            return cmd_price(Prices(engine, None), args, out)
        with _client(args, engine) as client:
            status = handler(client, args, out)
            out.stream.flush()  # a closed pipe is found while the practice sandbox is still saved
            return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        _complain("interrupted")
        return INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`list --json | head`): stop quietly. Point stdout at /dev/null so that the
        # interpreter's last flush at exit has nowhere to fail.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return BROKEN_PIPE


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None and not args.sandbox_reset:
        parser.error("a COMMAND is required (see --help)")
    if args.command == "price" and args.price is not None and args.symbol is None:
        parser.error("price: SYMBOL PRICE")
    out = Output(args.json, sys.stdout)
    from ._exceptions import MissingCredentialsError, NotFoundError, PoloError, RequestError, ValidationError

    try:
        status = _run(args, out)
        sys.stdout.flush()
        return status
    except Usage as error:
        _complain(str(error))
        return 2
    except MissingCredentialsError:  # the command line takes credentials from the environment only
        _complain(_missing_credentials())
        return 2
    except ValidationError as error:
        _complain(f"invalid {_flag(error.field)}: {_in_cli_terms(error.rule)}")
        return 2
    except NotFoundError as error:  # names the order the same from every command, then what the exchange said
        _complain(f"{type(error).__name__}: {error}")
        return 1
    except RequestError as error:
        code = "" if error.code is None else f"code {error.code}: "
        _complain(f"{type(error).__name__}: {code}{error.message}")
        return 1
    except PoloError as error:
        _complain(f"{type(error).__name__}: {error}")
        return 1
    except ModuleNotFoundError as error:  # --sandbox without the sandbox extra
        _complain(str(error))
        return 1
    except _state_error() as error:
        _complain(str(error))
        return 1


def _missing_credentials() -> str:
    from ._constants import ENV_API_KEY, ENV_API_SECRET

    unset = " and ".join(name for name in (ENV_API_KEY, ENV_API_SECRET) if not os.environ.get(name))
    return (
        f"private commands need {ENV_API_KEY} and {ENV_API_SECRET}: {unset or 'one of them'} not set "
        "(or practise with --sandbox)"
    )


def _state_error() -> type[Exception]:
    from .sandbox._store import StateError

    return StateError


if __name__ == "__main__":
    sys.exit(main())
