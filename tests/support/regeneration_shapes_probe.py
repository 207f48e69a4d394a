"""Run by tests/spec/test_regeneration_shapes.py inside a copy of the repo whose spec got richer shapes (a nested
object, a list of objects, an allOf-wrapped enum, a changed default, a body field and a query parameter made
required, deprecated ones) and was regenerated there.

It imports the copy's wrapper and generated code, drives its client against its sandbox (in-process, over ASGI), its
sandbox's request parsers directly, its CLI's help and its methods' help, and prints what it saw as JSON for the test
to assert on.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import io
import json
import warnings
from collections.abc import Awaitable, Callable
from decimal import Decimal
from functools import partial
from typing import Any

from polo_smartorders import AsyncClient, SmartOrders, ValidationError
from polo_smartorders._cli import build_parser
from polo_smartorders.sandbox import create_app
from polo_smartorders.sandbox._errors import SandboxError
from polo_smartorders.sandbox._filters import parse_history, parse_list_limit
from polo_smartorders.sandbox._validation import parse_create

from tests.support.keys import PROBE_KEY as KEY
from tests.support.keys import PROBE_SECRET as SECRET
from tests.support.regeneration_probe import Recording

#: A create the copy's spec accepts: timeInForce is required there.
ORDER: dict[str, Any] = {
    "symbol": "BTC_USDT",
    "side": "BUY",
    "stop_price": "100",
    "quantity": "1",
    "time_in_force": "GTC",
}
WIRE: dict[str, Any] = {"symbol": "BTC_USDT", "side": "BUY", "stopPrice": "100", "quantity": "1", "timeInForce": "GTC"}

#: extra_body values each client and sandbox must refuse, by case name.
BAD: dict[str, dict[str, Any]] = {
    "nested_maximum": {"iceberg": {"visibleQuantity": "1", "refreshPct": 101}},
    "nested_missing": {"iceberg": {"refreshPct": 5}},
    "nested_unknown": {"iceberg": {"visibleQuantity": "1", "peak": 2}},
    "nested_decimal": {"iceberg": {"visibleQuantity": "-1"}},
    "nested_not_object": {"iceberg": "1"},
    "item_missing": {"legs": [{"price": "1"}, {"side": "BUY"}]},
    "item_enum": {"legs": [{"price": "1", "side": "SEL"}]},
    "item_unknown": {"legs": [{"price": "1", "size": "2"}]},
    "too_many_items": {"legs": [{"price": "1"}] * 4},
    "allof_enum": {"triggerSide": "SEL"},
}


async def refused(call: Callable[[], Awaitable[object]]) -> list[str] | None:
    try:
        await call()
    except ValidationError as error:
        return [error.field, error.rule]
    return None


def sandbox_refusal(body: dict[str, Any]) -> list[Any]:
    try:
        parse_create(body)
    except SandboxError as error:
        return [error.status, error.code, error.message]
    return ["accepted"]


async def client(out: dict[str, Any]) -> None:
    transport = Recording(create_app({KEY: SECRET}))
    async with AsyncClient(KEY, SECRET, "http://sandbox.test", transport=transport, rate_limit=False) as client:
        so = client.smartorders()
        out["client_refused"] = {}
        for name, extra in BAD.items():
            out["client_refused"][name] = await refused(partial(so.create, **ORDER, extra_body=extra))
        out["client_float_refused"] = await refused(
            lambda: so.create(**ORDER, extra_body={"legs": [{"price": "1"}, {"price": 1.5}]})
        )
        out["client_required_refused"] = await refused(
            lambda: so.create(**{**ORDER, "time_in_force": None})  # required by the copy's spec
        )
        out["client_required_query_refused"] = await refused(lambda: so.get_history(side="BUY"))
        out["sent_while_refusing"] = len(transport.seen)
        nested = {
            "iceberg": {"visibleQuantity": Decimal("0.50"), "refreshPct": 100},
            "legs": [{"price": Decimal("2.5"), "side": "SELL"}, {"price": "3"}],
            "triggerSide": "SELL",
        }
        await so.create(**ORDER, extra_body=nested)
        request, status, _ = transport.seen[-1]
        sent = json.loads(request.content)
        out["nested_sent"] = {name: sent[name] for name in nested}
        out["nested_status"] = status
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            trailing = {**ORDER, "stop_price": None, "type": "TRAILING_STOP", "trailing_offset": "1%"}
            await so.create(**trailing, operator="GTE")
            operator_status = transport.seen[-1][1]
            await so.get_history(symbol="BTC_USDT", hide_cancel=True)
            history_status = transport.seen[-1][1]
            await so.create(**trailing)  # no deprecated field used: no warning
        out["deprecation_warnings"] = [
            [warning.category.__name__, str(warning.message), warning.filename == __file__] for warning in caught
        ]
        out["deprecated_statuses"] = [operator_status, history_status]
        for _ in range(3):
            await so.create(**ORDER)
        out["listed_without_limit"] = len(await so.get_all())
        out["list_query"] = transport.seen[-1][0].url.query.decode()
    out["sandbox_list_limit"] = parse_list_limit([])
    out["sandbox_hide_cancel_default"] = parse_history([("symbol", "BTC_USDT")]).hide_cancel
    try:
        parse_history([("side", "BUY")])
    except SandboxError as error:
        out["sandbox_required_query_refused"] = [error.status, error.code, error.message]


def sandbox(out: dict[str, Any]) -> None:
    out["sandbox_refused"] = {name: sandbox_refusal({**WIRE, **extra}) for name, extra in BAD.items()}
    out["sandbox_float_refused"] = sandbox_refusal({**WIRE, "iceberg": {"visibleQuantity": Decimal("1.5")}})
    out["sandbox_required_refused"] = sandbox_refusal({k: v for k, v in WIRE.items() if k != "timeInForce"})
    accepted = parse_create({**WIRE, "iceberg": {"visibleQuantity": "0.50", "refreshPct": 1}, "legs": [{"price": "2"}]})
    out["sandbox_kept"] = {name: accepted.extra[name] for name in ("iceberg", "legs")}


def help_texts(out: dict[str, Any]) -> None:
    doc = inspect.getdoc(SmartOrders.create) or ""
    out["doc_time_in_force"] = doc.split("time_in_force:", 1)[1].split("account_type:", 1)[0]
    out["doc_operator"] = doc.split("operator:", 1)[1].split("extra_body:", 1)[0]
    out["doc_list_limit"] = (inspect.getdoc(SmartOrders.get_all) or "").split("limit:", 1)[1].split("extra_query:")[0]
    history = inspect.getdoc(SmartOrders.get_history) or ""
    out["doc_hide_cancel"] = history.split("hide_cancel:")[1].split("start_time:")[0]
    out["doc_history_symbol"] = history.split("symbol:")[1].split("direction:")[0]
    out["signature_time_in_force_default"] = repr(inspect.signature(SmartOrders.create).parameters["time_in_force"].default)  # fmt: skip
    parser = build_parser()
    for command in ("create", "history"):
        shown = io.StringIO()
        with contextlib.redirect_stdout(shown), contextlib.suppress(SystemExit):
            parser.parse_args([command, "--help"])
        out[f"cli_{command}_help"] = " ".join(shown.getvalue().split())


def main() -> None:
    out: dict[str, Any] = {}
    asyncio.run(client(out))
    sandbox(out)
    help_texts(out)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
