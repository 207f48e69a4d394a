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
import inspect
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
    from ._models import CancelResult
    from .sandbox import Sandbox

PROG = "polo-smartorders"
#: The names of polo_smartorders._constants (ENV_API_KEY, ...), repeated so that --help imports nothing of the client;
#: tests/client/test_cli_practice.py checks that they agree.
ENV_API_KEY = "POLO_API_KEY"
ENV_API_SECRET = "POLO_API_SECRET"  # noqa: S105 - the variable's name, not a secret
ENV_BASE_URL = "POLO_BASE_URL"
ENV_SANDBOX_STATE = "POLO_SANDBOX_STATE"  # polo_smartorders.sandbox._store.ENV_STATE
PRICE_COLUMNS = ("symbol", "price")
#: Exit status when interrupted (Ctrl-C), as a shell reports a SIGINT.
INTERRUPTED = 130
#: Exit status when the reader of the output went away (`... | head`), as a shell reports a SIGPIPE.
BROKEN_PIPE = 141


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


def _cell(name: str, value: object, amounts: frozenset[str] = frozenset()) -> str:
    """A table cell: an amount (a column of ``amounts``) the exchange writes as 0 for "not given" is blank, times (an
    integer ``...Time``, ms since the epoch) are UTC."""
    if value is None:
        return ""
    if name in amounts and isinstance(value, str | Decimal):
        try:
            if Decimal(value) == 0:
                return ""
        except InvalidOperation:
            pass
    if name.endswith("Time") and isinstance(value, int) and not isinstance(value, bool):
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

    def table(
        self, rows: Sequence[dict[str, Any]], columns: Sequence[str], amounts: frozenset[str] = frozenset()
    ) -> None:
        if self.as_json:
            self.document(list(rows))
            return
        cells = [[_cell(name, row.get(name), amounts) for name in columns] for row in rows]
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

#: The smart-order command each spec operation is: its options are the operation's named parameters (the method's
#: ``NAMED`` in resources/smartorders.py, checked by the spec's rules), less those given otherwise (positionals).
SPEC_COMMANDS: dict[str, tuple[str, frozenset[str]]] = {
    "list": ("listSmartOrders", frozenset()),
    "create": ("createSmartOrder", frozenset()),
    "replace": ("cancelReplaceSmartOrder", frozenset()),
    "cancel": ("cancelSmartOrdersByIds", frozenset({"orderIds", "clientOrderIds"})),  # the IDs given
    "cancel-all": ("cancelAllSmartOrders", frozenset()),
    "history": ("listSmartOrderHistory", frozenset()),
}


def _named(args: argparse.Namespace, operation_id: str) -> dict[str, Any]:
    """The method's keyword arguments the command line named (its options for the operation's named fields)."""
    from .resources.smartorders import NAMED

    return {param: getattr(args, param) for param in NAMED[operation_id].values() if hasattr(args, param)}


def _extra(args: argparse.Namespace, operation_id: str) -> dict[str, Any] | None:
    """``--field name=value`` as the method's ``extra_body`` / ``extra_query``: each value typed as the spec types the
    field (JSON for objects and lists), then checked by the library like any extra field."""
    from ._rules import field
    from .resources.smartorders import NAMED

    extra: dict[str, Any] = {}
    for name, text in args.fields or ():
        named = NAMED[operation_id].get(name)
        if named is not None:
            raise Usage(f"--field {name}: it has an option: {_flag(named)}")
        try:
            schema: Any = field(operation_id, name)[0]
        except KeyError:
            schema = {}  # not a field of the request: the library refuses it, naming it
        extra[name] = _typed_field(name, text, schema)
        _GIVEN_FIELDS.add(name)
    return extra or None


def _typed_field(name: str, text: str, schema: Any) -> object:
    kind = schema.get("type")
    if kind in ("object", "array") or (kind is None and text[:1] in ("{", "[")):
        try:
            return json.loads(text, parse_float=Decimal)  # an amount stays exact, never a float
        except ValueError:
            if kind == "array":
                return text.split(",")  # the exchange's comma-separated form
            raise Usage(f"--field {name}: expected JSON ({kind or 'a value'}), got {_shown(text)!r}") from None
    if kind == "integer":
        if not re.fullmatch(r"-?[0-9]+", text):
            raise Usage(f"--field {name}: expected an integer, got {_shown(text)!r}")
        return int(text)
    if kind == "boolean":
        if text not in ("true", "false"):
            raise Usage(f"--field {name}: expected true or false, got {_shown(text)!r}")
        return text == "true"
    return text


#: --field names given in this run: an error about one is shown as `--field <name>`.
_GIVEN_FIELDS: set[str] = set()


def _table(out: Output, schema: str, rows: Sequence[dict[str, Any]]) -> None:
    """Rows of one of the spec's answer schemas as a table: its columns are the schema's (``_columns``)."""
    columns, amounts = _columns(schema, rows)
    out.table(rows, columns, amounts)


def _columns(schema: str, rows: Sequence[dict[str, Any]]) -> tuple[list[str], frozenset[str]]:
    """A table's columns from the spec's answer schema: each field holding one value, in the spec's order, less those
    blank in every row (with no row: the required ones); and which are amounts (a decimal pattern), shown blank when
    0, as the exchange writes 0 for "not given"."""
    from ._rules import SCHEMAS

    properties = SCHEMAS[schema].get("properties", {})
    scalar = [name for name, sub in properties.items() if sub.get("type") not in ("object", "array")]
    amounts = frozenset(name for name in scalar if _is_amount(properties[name]))
    if not rows:
        required = SCHEMAS[schema].get("required", ())
        return [name for name in scalar if name in required], amounts
    return [name for name in scalar if any(_cell(name, row.get(name), amounts) for row in rows)], amounts


def _is_amount(schema: Any) -> bool:
    pattern = schema.get("pattern")
    if schema.get("type") != "string" or not isinstance(pattern, str):
        return False
    return all(
        (re.search(pattern, text) is not None) is want for text, want in (("0", True), ("0.5", True), ("a", False))
    )


def _objects(out: Output, schema: str, row: dict[str, Any]) -> None:
    """The fields of a row that are objects (a triggered order), one line each, after its table."""
    from ._rules import SCHEMAS

    for name, sub in SCHEMAS[schema].get("properties", {}).items():
        if sub.get("type") == "object" and isinstance(row.get(name), dict):
            out.stream.write(f"{_shown(name)}: {_shown(json.dumps(row[name], default=_text))}\n")


def _not_found(ref: str) -> str:
    """What every command says of an order the exchange does not have."""
    return f"no smart order with id {ref}"


def _cancels(results: Sequence[CancelResult], out: Output) -> int:
    """Cancel results: a table (or JSON) of those about an existing order, a not-found line for each unknown id."""
    from ._rules import codes_meaning

    unknown = codes_meaning("cancel-not-found")
    missing = [result for result in results if result.code in unknown]
    shown = [result for result in results if result.code not in unknown]
    if out.as_json:
        out.document([result.to_dict() for result in results])
    elif shown or not missing:
        _table(out, "CancelResult", [result.to_dict() for result in shown])
    for result in missing:
        _complain(_not_found(result.order_id or f"cid:{result.client_order_id}"))
    failed = [result for result in shown if not result.ok]
    if failed:
        codes = ", ".join(sorted({str(result.code) for result in failed}))
        _complain(f"{len(failed)} of {len(results)} cancels failed (code {codes})")
    return 1 if failed or missing else 0


def cmd_time(client: Client, args: argparse.Namespace, out: Output) -> int:
    from datetime import UTC, datetime

    offset = client.sync_time()
    server_ms = client.clock.now_ms()
    iso = datetime.fromtimestamp(server_ms / 1000, UTC).isoformat(timespec="milliseconds")
    out.mapping({"serverTime": server_ms, "iso": iso, "offsetMs": offset})
    return 0


def cmd_list(client: Client, args: argparse.Namespace, out: Output) -> int:
    orders = client.smartorders().get_all(
        **_named(args, "listSmartOrders"), extra_query=_extra(args, "listSmartOrders")
    )
    _table(out, "SmartOrder", [order.to_dict() for order in orders])
    return 0


def cmd_get(client: Client, args: argparse.Namespace, out: Output) -> int:
    order = client.smartorders().get_by_id(args.ref).to_dict()
    if out.as_json:
        out.document(order)
    else:
        _table(out, "SmartOrder", [order])
        _objects(out, "SmartOrder", order)
    return 0


def cmd_create(client: Client, args: argparse.Namespace, out: Output) -> int:
    fields = _named(args, "createSmartOrder")
    placed = client.smartorders().create(**fields, extra_body=_extra(args, "createSmartOrder"))
    out.mapping(placed.to_dict())
    return 0


def cmd_replace(client: Client, args: argparse.Namespace, out: Output) -> int:
    fields = _named(args, "cancelReplaceSmartOrder")
    replaced = client.smartorders().cancel_replace(
        args.ref, **fields, extra_body=_extra(args, "cancelReplaceSmartOrder")
    )
    out.mapping(replaced.to_dict())
    return 0


def cmd_cancel(client: Client, args: argparse.Namespace, out: Output) -> int:
    from ._ids import client_order_id_in

    bare = [(ref, client_order_id_in(ref)) for ref in args.refs]
    ids = [ref for ref, cid in bare if cid is None]
    cids = [cid for _, cid in bare if cid is not None]  # the body: bare ids
    results = client.smartorders().cancel_by_multiple_ids(
        order_ids=ids or None, client_order_ids=cids or None, extra_body=_extra(args, "cancelSmartOrdersByIds")
    )
    return _cancels(results, out)


def cmd_cancel_all(client: Client, args: argparse.Namespace, out: Output) -> int:
    from .resources.smartorders import build_cancel

    fields = _named(args, "cancelAllSmartOrders")
    extra = _extra(args, "cancelAllSmartOrders")
    build_cancel(**fields, extra_body=extra)  # refuse bad filters before asking
    if not args.yes:
        count = _matching_open(client, args)
        if count == 0:
            print("No open smart order matches: nothing to cancel.", file=sys.stderr)
            return 0
        if not _confirm(args, count):
            _complain("not confirmed, nothing cancelled")
            return 1
    return _cancels(client.smartorders().cancel(**fields, extra_body=extra), out)


def _matching_open(client: Client, args: argparse.Namespace) -> int:
    """How many open orders cancel-all would cancel now (the same filters, applied to the open orders)."""
    return sum(
        1
        for order in client.smartorders().get_all()
        if (not args.symbol or order.symbol in args.symbol)
        and (not args.account_type or order.account_type in args.account_type)
        and (not args.order_types or order.type_ in args.order_types)
    )


def _confirm(args: argparse.Namespace, count: int) -> bool:
    scope = ", ".join(
        f"{name} {' or '.join(values)}"
        for name, values in (("symbol", args.symbol), ("account type", args.account_type), ("type", args.order_types))
        if values
    )
    noun = "smart order" if count == 1 else "smart orders"
    print(f"Cancel {count} open {noun} of {scope}? [y/N] ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    return answer.strip().lower() in ("y", "yes")


def cmd_history(client: Client, args: argparse.Namespace, out: Output) -> int:
    from .resources._pager import DEFAULT_PAGE_SIZE

    filters = _named(args, "listSmartOrderHistory")
    so = client.smartorders()
    if args.all:
        if args.fields:
            raise Usage("--field: not with --all (it pages with the named filters only)")
        taken = inspect.signature(so.iter_history).parameters
        walked = {name: value for name, value in filters.items() if name in taken}
        page = args.limit or DEFAULT_PAGE_SIZE
        orders = list(so.iter_history(**walked, page_size=page, max_items=args.max_items))
    else:
        orders = so.get_history(**filters, extra_query=_extra(args, "listSmartOrderHistory"))
    _table(out, "SmartOrder", [order.to_dict() for order in orders])
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


class SpecCommand(argparse.ArgumentParser):
    """A command whose options for its operation's fields are added when it is first used (parsed, or its help
    shown), from the spec's rules: ``--help`` and ``--version`` alone read no spec."""

    def __init__(
        self, *args: Any, operation: str | None = None, skip: frozenset[str] = frozenset(), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._pending = (operation, skip)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        self._add_spec_options()
        return super().parse_known_args(args, namespace)

    def format_help(self) -> str:
        self._add_spec_options()
        return super().format_help()

    def _add_spec_options(self) -> None:
        (operation, skip), self._pending = self._pending, (None, frozenset())
        if operation is not None:
            spec_options(self, operation, skip)


#: An option's help beyond what the spec says, by wire name (else the spec's description of the field).
_HINTS = {
    "symbol": "market, e.g. BTC_USDT",
    "symbols": "market, e.g. BTC_USDT",
    "stopPrice": "trigger price (activation price for trailing types), quote units",
    "price": "limit price (STOP_LIMIT), quote units",
    "quantity": "size in base units",
    "amount": "size in quote units",
    "type": "smart-order type",
    "orderTypes": "only this smart-order type",
    "clientOrderId": "your id for the (new) order",
    "trailingOffset": "trailing types: distance or percentage (1.5%%)",
    "limitOffset": "TRAILING_STOP_LIMIT: distance or percentage",
    "operator": "trailing activation operator",
    "proceedOnFailure": "place it even if the cancel fails",
    "hideCancel": "leave out cancelled orders",
    "states": "final state",
    "startTime": "earliest createTime (ms since the epoch)",
    "endTime": "latest createTime (ms since the epoch)",
    "from": "page from this order id (exclusive)",
    "direction": "with --from: PRE newer, NEXT older",
}
_OPERATION_HINTS = {
    ("listSmartOrders", "limit"): "at most this many",
    ("listSmartOrderHistory", "limit"): "orders per page",
}
_METAVARS = {"startTime": "MS", "endTime": "MS", "from": "ID"}
#: Old option names kept working but no longer shown (one name per concept across commands).
_HIDDEN_ALIASES = {("cancelAllSmartOrders", "orderTypes"): "--order-type"}


def spec_options(parser: argparse.ArgumentParser, operation_id: str, skip: frozenset[str]) -> None:
    """An option for each field the operation's method names (NAMED, wire name -> parameter), typed, required and
    offered choices as the spec says, its help marked as the spec marks the field; and ``--field NAME=VALUE`` for any
    field the method has no parameter for."""
    from ._rules import OPERATIONS, field, marks
    from .resources.smartorders import NAMED

    for wire, param in NAMED[operation_id].items():
        if wire in skip:
            continue
        schema, required, _ = field(operation_id, wire)
        many = schema.get("type") == "array"
        each = schema.get("items", {}) if many else schema
        values = tuple(each["enum"]) if "enum" in each else None
        flag = _option(param)
        hint = _OPERATION_HINTS.get((operation_id, wire), _HINTS.get(wire))
        if hint is None:
            hint = schema.get("description", each.get("description", "")).split(". ")[0].rstrip(".").replace("%", "%%")
        if many:
            hint = f"{hint}; repeatable" if hint else "repeatable"
        text = f"{hint}: one of %(choices)s (any case)" if values and hint else "one of %(choices)s (any case)"
        text = text if values else hint
        if "default" in schema:
            text += f" (default: the exchange's, {schema['default']})"
        note = marks(operation_id, wire)
        options: dict[str, Any] = {"dest": param, "help": f"{text} [{note}]" if note else text}
        if each.get("type") == "boolean" and not many:
            parser.add_argument(flag, action="store_true", default=None, **options)
            continue
        options["metavar"] = _METAVARS.get(wire, flag.lstrip("-").replace("-", "_").upper())
        options["type"] = _upper if values else int if each.get("type") == "integer" else str
        if values:
            options["choices"] = values
        parser.add_argument(flag, action="append" if many else "store", required=required, **options)
        alias = _HIDDEN_ALIASES.get((operation_id, wire))
        if alias is not None:
            hidden = {**options, "help": argparse.SUPPRESS}
            parser.add_argument(alias, action="append" if many else "store", **hidden)
    operation = OPERATIONS[operation_id]
    if operation.body is not None or operation.query:
        parser.add_argument(
            "--field",
            dest="fields",
            action="append",
            type=_field_pair,
            metavar="NAME=VALUE",
            help="a field of the request with no option of its own, by its name in the API (JSON for objects and "
            "lists); checked by the spec's rules like the others; repeatable",
        )


def _field_pair(text: str) -> tuple[str, str]:
    name, equals, value = text.partition("=")
    if not equals or not name:
        raise argparse.ArgumentTypeError(f"'{_shown(text)}': expected NAME=VALUE (the field's name in the API)")
    return name, value


def _option(param: str) -> str:
    """The option for a method's parameter (``stop_price``: ``--stop-price``; ``states``: ``--state``)."""
    return _FLAGS.get(param, "--" + param.replace("_", "-"))


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
        "--sandbox-markets",
        metavar="FILE",
        default=default,
        help="the practice sandbox trades these markets with their rules from now on: a JSON array of Market objects "
        "as GET /markets answers (implies --sandbox)",
    )
    parent.add_argument(
        "--sandbox-balance",
        type=_balance,
        action="append",
        metavar="CUR=AMOUNT",
        default=default,
        help="the practice sandbox's account holds this much of a currency, and no funds it was not given (a stop "
        "triggering without the funds for its order fails); repeatable; implies --sandbox; --sandbox-reset: unlimited",
    )
    parent.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="print one JSON document (amounts as strings)",
    )
    return parent


def _balance(text: str) -> tuple[str, str]:
    from .sandbox.__main__ import balance  # the standard library only

    return balance(text)


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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=SpecCommand)
    common: list[Any] = [_common(suppress=True)]

    def command(name: str, handler: Callable[..., int], help_text: str) -> argparse.ArgumentParser:
        operation, skip = SPEC_COMMANDS.get(name, (None, frozenset()))
        sub = commands.add_parser(
            name, parents=common, help=help_text, description=help_text, operation=operation, skip=skip
        )
        sub.set_defaults(handler=handler)
        return sub

    # Each command's options for its operation's fields come from the spec (SpecCommand); only what is not a field
    # of the request is added here.
    command("time", cmd_time, "the exchange's clock and the offset to yours")
    command("list", cmd_list, "open smart orders, newest first")
    get = command("get", cmd_get, "one smart order by id or cid:<clientOrderId>")
    get.add_argument("ref", metavar="ID|cid:ID", type=_order_ref)
    command("create", cmd_create, "place a smart order")
    replace = command("replace", cmd_replace, "cancel an untriggered order and place its replacement")
    replace.add_argument("ref", metavar="ID|cid:ID", type=_order_ref)
    cancel = command("cancel", cmd_cancel, "cancel smart orders by id or cid:<clientOrderId>")
    cancel.add_argument("refs", nargs="+", metavar="ID|cid:ID", type=_order_ref)
    cancel_all = command("cancel-all", cmd_cancel_all, "cancel every open smart order of a symbol or account type")
    cancel_all.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    history = command("history", cmd_history, "past smart orders, newest first")
    history.add_argument("--all", action="store_true", help="page through every matching order (--limit a page)")
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
    """How the command line spells a field an error names: its option, or ``--field <name>`` for one given so."""
    if re.split(r"[.\[]", field, maxsplit=1)[0] in _GIVEN_FIELDS:
        return f"--field {field}"
    return _option(field)


def _in_cli_terms(rule: str) -> str:
    """A library message in command-line terms: `use type='STOP_LIMIT'` reads `use --type STOP_LIMIT`."""
    return _PY_ARGUMENT.sub(lambda m: f"{_flag(m.group(1))} {next(g for g in m.groups()[1:] if g is not None)}", rule)


@contextmanager
def _practice(args: argparse.Namespace) -> Iterator[Sandbox]:
    """The practice sandbox, loaded from its file and saved back (`polo_smartorders.sandbox._store`), with the markets
    and funds of --sandbox-markets and --sandbox-balance."""
    from .sandbox._engine import funds
    from .sandbox._markets import load_markets
    from .sandbox._store import open_sandbox, set_up, state_path

    try:
        markets = load_markets(args.sandbox_markets) if args.sandbox_markets else []
    except (OSError, ValueError) as error:
        raise Usage(f"--sandbox-markets: {error}") from None
    try:
        balances = funds(dict(args.sandbox_balance or []))
    except ValueError as error:
        raise Usage(f"--sandbox-balance: {error}") from None
    with open_sandbox(state_path()) as engine:
        try:
            set_up(engine, markets, balances)
        except ValueError as error:  # a market whose priceScale the sandbox's price breaks
            raise Usage(f"--sandbox-markets: {error}") from None
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
    setting_up = bool(args.sandbox_markets or args.sandbox_balance)
    if args.sandbox_reset:
        from .sandbox._store import reset, state_path

        path = state_path()
        reset(path)
        if args.command is None and not setting_up:
            print(f"The practice sandbox starts over ({path}).", file=sys.stderr)
            return 0
    if args.command is None:  # --sandbox-markets / --sandbox-balance alone: just that
        with _practice(args) as engine:
            print(f"The practice sandbox trades {', '.join(sorted(engine.symbols))}.", file=sys.stderr)
        return 0
    handler: Callable[..., int] = args.handler
    if handler is cmd_sandbox_serve:
        return handler(args)
    if not (args.sandbox or args.sandbox_reset or setting_up):
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
    if args.command is None and not (args.sandbox_reset or args.sandbox_markets or args.sandbox_balance):
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
    except NotFoundError as error:  # an order the exchange does not have reads the same from every command
        _complain(_not_found(error.ref) if error.ref is not None else f"{type(error).__name__}: {error}")
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
