"""`polo-smartorders` (also `python -m polo_smartorders`): quick smart-order operations from a shell.

Credentials come from POLO_API_KEY / POLO_API_SECRET, the server from --url or POLO_BASE_URL (default the exchange);
--sandbox runs against an embedded sandbox exchange on loopback instead. Output is a table, or with --json one JSON
document (amounts stay strings). An error prints one line (with the exchange's code) and exits non-zero: 2 for a bad
argument (caught before anything is sent), 1 for a refusal or a failed item.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, TextIO

from ._client import Client
from ._constants import ENV_BASE_URL
from ._exceptions import PoloError, RequestError, ValidationError
from ._ids import client_order_id_in
from ._models import CancelResult, SmartOrder
from ._rules import enum_values
from .resources._pager import DEFAULT_PAGE_SIZE
from .resources.smartorders import build_cancel

PROG = "polo-smartorders"
ORDER_COLUMNS = ("id", "clientOrderId", "symbol", "side", "type", "state", "stopPrice", "price", "quantity", "amount")
CANCEL_COLUMNS = ("orderId", "clientOrderId", "state", "code", "message")


def _enum(schema: str) -> tuple[str, ...]:
    """The values of one of the spec's enum schemas: the CLI offers what the spec does (`make generate`)."""
    return enum_values(schema)


SMART_TYPES = _enum("SmartOrderType")
HISTORY_STATES = _enum("HistoryState")
TIFS = _enum("TimeInForce")
SIDES = _enum("Side")
ACCOUNT_TYPES = _enum("AccountType")
OPERATORS = _enum("Operator")
DIRECTIONS = _enum("Direction")


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
        cells = [[_shown(row.get(name, "")) for name in columns] for row in rows]
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
    bare = [(ref, client_order_id_in(ref)) for ref in args.refs]
    ids = [ref for ref, cid in bare if cid is None]
    cids = [cid for _, cid in bare if cid is not None]  # the body: bare ids
    results = client.smartorders().cancel_by_multiple_ids(order_ids=ids or None, client_order_ids=cids or None)
    return _cancels(results, out)


def cmd_cancel_all(client: Client, args: argparse.Namespace, out: Output) -> int:
    build_cancel(args.symbol, args.account_type, args.order_type, None)  # refuse bad filters before asking
    if not args.yes and not _confirm(args):
        _complain("not confirmed, nothing cancelled")
        return 1
    results = client.smartorders().cancel(
        symbol=args.symbol, account_type=args.account_type, order_types=args.order_type
    )
    return _cancels(results, out)


def _confirm(args: argparse.Namespace) -> bool:
    scope = ", ".join(
        f"{name} {value}" for name, value in (("symbol", args.symbol), ("account type", args.account_type)) if value
    )
    print(f"Cancel every open smart order of {scope}? [y/N] ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    return answer.strip().lower() in ("y", "yes")


def cmd_history(client: Client, args: argparse.Namespace, out: Output) -> int:
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


# ---------------------------------------------------------------- arguments


def _common(*, suppress: bool) -> argparse.ArgumentParser:
    """--url, --sandbox and --json, accepted before or after the command."""
    parent = argparse.ArgumentParser(add_help=False)
    default: Any = argparse.SUPPRESS if suppress else None
    parent.add_argument(
        "--url", default=default, help=f"base URL of the API (default: ${ENV_BASE_URL} or the exchange)"
    )
    parent.add_argument(
        "--sandbox",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="run against an embedded sandbox exchange on loopback (needs the sandbox extra)",
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
    parser.add_argument("--type", choices=SMART_TYPES, help="smart-order type")
    parser.add_argument("--time-in-force", choices=TIFS)
    parser.add_argument("--client-order-id", help="your id for the (new) order")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__, parents=[_common(suppress=False)])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = [_common(suppress=True)]

    def command(name: str, handler: Callable[..., int], help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=common, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    command("time", cmd_time, "the exchange's clock and the offset to yours")
    listing = command("list", cmd_list, "open smart orders, newest first")
    listing.add_argument("--limit", type=int, help="at most this many")
    get = command("get", cmd_get, "one smart order by id or cid:<clientOrderId>")
    get.add_argument("ref", metavar="ID|cid:ID")
    create = command("create", cmd_create, "place a smart order")
    create.add_argument("--symbol", required=True, help="market, e.g. BTC_USDT")
    create.add_argument("--side", required=True, choices=SIDES)
    _size_and_prices(create)
    create.add_argument("--account-type", choices=ACCOUNT_TYPES)
    create.add_argument("--trailing-offset", help="trailing types: distance or percentage (1.5%%)")
    create.add_argument("--limit-offset", help="TRAILING_STOP_LIMIT: distance or percentage")
    create.add_argument("--operator", choices=OPERATORS, help="trailing activation operator")
    replace = command("replace", cmd_replace, "cancel an untriggered order and place its replacement")
    replace.add_argument("ref", metavar="ID|cid:ID")
    _size_and_prices(replace)
    replace.add_argument("--proceed-on-failure", action="store_true", help="place it even if the cancel fails")
    cancel = command("cancel", cmd_cancel, "cancel smart orders by id or cid:<clientOrderId>")
    cancel.add_argument("refs", nargs="+", metavar="ID|cid:ID")
    cancel_all = command("cancel-all", cmd_cancel_all, "cancel every open smart order of a symbol or account type")
    cancel_all.add_argument("--symbol", help="market, e.g. BTC_USDT")
    cancel_all.add_argument("--account-type", choices=ACCOUNT_TYPES)
    cancel_all.add_argument("--order-type", action="append", choices=SMART_TYPES, help="only this type; repeatable")
    cancel_all.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    history = command("history", cmd_history, "past smart orders, newest first")
    history.add_argument("--symbol")
    history.add_argument("--side", choices=SIDES)
    history.add_argument("--type", action="append", choices=SMART_TYPES, help="repeatable")
    history.add_argument("--state", action="append", choices=HISTORY_STATES, help="repeatable")
    history.add_argument("--account-type", choices=ACCOUNT_TYPES)
    history.add_argument("--hide-cancel", action="store_true", help="leave out cancelled orders")
    history.add_argument("--start-time", type=int, metavar="MS", help="earliest createTime (ms since the epoch)")
    history.add_argument("--end-time", type=int, metavar="MS", help="latest createTime (ms since the epoch)")
    history.add_argument("--from", dest="begins_from", metavar="ID", help="page from this order id (exclusive)")
    history.add_argument("--direction", choices=DIRECTIONS, help="with --from: PRE newer, NEXT older")
    history.add_argument("--limit", type=int, help=f"orders per page (default: the exchange's, {DEFAULT_PAGE_SIZE})")
    history.add_argument("--all", action="store_true", help="page through every matching order")
    history.add_argument("--max-items", type=int, help="with --all: stop after this many")
    return parser


@contextmanager
def _client(args: argparse.Namespace) -> Iterator[Client]:
    if not args.sandbox:
        with Client(url=args.url) as client:
            yield client
        return
    from .testing import sandbox

    with sandbox() as exchange:
        yield exchange.client


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    args = build_parser().parse_args(argv)
    out = Output(args.json, sys.stdout)
    try:
        with _client(args) as client:
            status: int = args.handler(client, args, out)
            return status
    except ValidationError as error:
        _complain(f"invalid argument {error.field}: {error.rule}")
        return 2
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


if __name__ == "__main__":
    sys.exit(main())
