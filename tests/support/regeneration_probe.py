"""Run by tests/spec/test_regeneration.py inside a copy of the repo whose spec was changed and regenerated.

It imports the copy's wrapper and generated code, exercises every change of the issue's table against the copy's
sandbox (in-process, over ASGI) and prints what it saw as JSON, for the test to assert on. With the argument
``errors`` it probes the error-code drill instead (a spec whose smart-order not-found code was renumbered).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

import httpx
from polo_smartorders import AsyncClient, CancelResult, Client, RequestError, ValidationError
from polo_smartorders._cli import build_parser
from polo_smartorders.resources.smartorders import NAMED
from polo_smartorders.sandbox import _errors, create_app
from polo_smartorders.sandbox._errors import SandboxError
from polo_smartorders.sandbox._filters import parse_cancel_by_ids, parse_history
from polo_smartorders.sandbox._gate import _recv_window
from polo_smartorders.sandbox._validation import parse_order_ref
from polo_smartorders_api.models import TimeInForce
from polo_smartorders_api.rules import OPERATIONS

from tests.support.keys import PROBE_KEY as KEY
from tests.support.keys import PROBE_SECRET as SECRET
from tests.support.spec_answers import answer_errors, closed, errors, load, resolve

ORDER: dict[str, Any] = {"symbol": "BTC_USDT", "side": "BUY", "stop_price": "100", "quantity": "1"}


class Recording(httpx.AsyncBaseTransport):
    """Passes requests to the sandbox app and keeps (request, status, body) of each."""

    def __init__(self, app: Any) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.seen: list[tuple[httpx.Request, int, bytes]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        body = await response.aread()
        self.seen.append((request, response.status_code, body))
        return httpx.Response(response.status_code, headers=response.headers, content=body)


def refusal(error: ValidationError) -> list[str]:
    return [error.field, error.rule]


async def against_sandbox(out: dict[str, Any]) -> None:
    transport = Recording(create_app({KEY: SECRET}))
    async with AsyncClient(KEY, SECRET, "http://sandbox.test", transport=transport, rate_limit=False) as client:
        so = client.smartorders()
        extra = {"maxSlippageBPS": 50, "triggerPriceType": "MARK", "slippageTolerance": Decimal("0.25")}
        placed = await so.create(**ORDER, time_in_force="GTX", account_type="MARGIN", extra_body=extra)  # type: ignore[arg-type]
        request, status, _ = transport.seen[-1]
        out["create_sent"] = json.loads(request.content)
        out["create_status"] = status
        order = await so.get_by_id(placed.id)
        out["stored"] = [order.time_in_force, order.account_type]
        refused: dict[str, list[str]] = {}
        for name, bad in {
            "maxSlippageBPS": 10_001,
            "triggerPriceType": "LAST_X",
            "slippageTolerance": "abc",
            "slippageTolerance_bool": True,
        }.items():
            try:
                await so.create(**ORDER, extra_body={name.removesuffix("_bool"): bad})
            except ValidationError as error:
                refused[name] = refusal(error)
        try:
            await so.create(**ORDER, time_in_force="GTZ")  # type: ignore[arg-type]
        except ValidationError as error:
            refused["time_in_force"] = refusal(error)
        out["refused"] = refused
        sent_before = len(transport.seen)
        await so.create(**ORDER, extra_body={"slippageTolerance": 3})
        out["int_decimal_sent"] = json.loads(transport.seen[-1][0].content)["slippageTolerance"]
        out["refused_sent_nothing"] = sent_before == len(transport.seen) - 1
        await so.cancel_by_id(placed.id)
        history = await so.get_history(states=["PARTIALLY_TRIGGERED"])  # type: ignore[list-item]
        request, status, _ = transport.seen[-1]
        out["history_query"] = request.url.query.decode()
        out["history_status"] = status
        out["history_len"] = len(history)
        try:
            await so.cancel_by_multiple_ids([str(n) for n in range(1, 22)])
        except ValidationError as error:
            out["max_items_client"] = refusal(error)
        await so.get_history()
        _, status, body = transport.seen[-1]
        out["history_answer_errors"] = answer_errors(
            "listSmartOrderHistory", status, body, Path("openapi/smartorders.yaml")
        )
        trailing: dict[str, Any] = {"symbol": "BTC_USDT", "side": "SELL", "quantity": "1", "trailing_offset": "1%"}
        kind: Any = "TRAILING_TAKE_PROFIT"
        try:
            await so.create(**trailing, type=kind)
        except ValidationError as error:
            out["new_type_refused"] = refusal(error)
        placed_new = await so.create(**trailing, type=kind, stop_price="100")
        out["new_type_status"] = transport.seen[-1][1]
        found = await so.get_by_id(placed_new.id)
        out["new_type_trails"] = [found.trailing_offset, found.type_]
        pages = so.iter_history()
        await anext(pages, None)
        out["pager_first_limit"] = transport.seen[-1][0].url.params.get("limit")
        await so.create(**ORDER)  # the client makes up the clientOrderId
        request, status, _ = transport.seen[-1]
        out["generated_cid_status"] = status
        out["generated_cid_length"] = len(json.loads(request.content)["clientOrderId"])
    out["sandbox_default_limit"] = parse_history([]).limit
    try:
        Client(KEY, SECRET, "http://x.test").smartorders().get_by_id("1" * 19)
    except ValidationError as error:
        out["ref_refused"] = refusal(error)
    try:
        parse_order_ref("1" * 19)
    except SandboxError as error:
        out["sandbox_ref_refused"] = error.code
    try:
        Client(KEY, SECRET, "http://x.test", recv_window=40_000)
    except ValidationError as error:
        out["recv_window_refused"] = refusal(error)
    try:
        _recv_window("40000")
    except SandboxError as error:
        out["sandbox_recv_window_refused"] = error.message
    try:
        parse_cancel_by_ids({"orderIds": [str(n) for n in range(1, 22)]})
    except SandboxError as error:
        out["max_items_sandbox"] = error.message


def cancel_result_field(out: dict[str, Any]) -> None:
    answer = {
        "orderId": "1",
        "clientOrderId": "",
        "state": "CANCELED",
        "code": 200,
        "message": "",
        "cancelSource": "API",
    }

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=answer)

    with Client(KEY, SECRET, "http://exchange.test", transport=httpx.MockTransport(handler), rate_limit=False) as c:
        result: CancelResult = c.smartorders().cancel_by_id("1")
    out["cancel_source"] = result.cancel_source  # type: ignore[attr-defined]
    out["cancel_ok"] = result.ok


def spec_facts(out: dict[str, Any]) -> None:
    spec = load(Path("openapi/smartorders.yaml"))
    example = spec["components"]["examples"]["SmartOrderFilled"]["value"]
    out["example_errors"] = errors(closed(resolve(spec, spec["components"]["schemas"]["SmartOrder"])), example)
    body = OPERATIONS["createSmartOrder"]["body"]["properties"]
    out["unnamed_create_fields"] = sorted(set(body) - set(NAMED["createSmartOrder"]))
    out["time_in_force_literal"] = sorted(get_args(TimeInForce))


def cli(out: dict[str, Any]) -> None:
    parser = build_parser()
    create = parser.parse_args(["create", "--symbol", "BTC_USDT", "--side", "BUY", "--stop-price", "1", "--quantity",
                                "1", "--time-in-force", "GTX", "--account-type", "MARGIN"])  # fmt: skip
    history = parser.parse_args(["history", "--state", "PARTIALLY_TRIGGERED"])
    out["cli_parsed"] = {"time_in_force": create.time_in_force, "state": history.states, "account": create.account_type}
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown), contextlib.suppress(SystemExit):
        parser.parse_args(["history", "--help"])
    out["cli_page_help"] = "default: the exchange's, 50" in " ".join(shown.getvalue().split())


async def error_codes(out: dict[str, Any]) -> None:
    """How the copy's client classes each code, and which code its sandbox answers for a missing order."""
    transport = Recording(create_app({KEY: SECRET}))
    async with AsyncClient(KEY, SECRET, "http://sandbox.test", transport=transport, rate_limit=False) as client:
        so = client.smartorders()
        for name, call in {"cancel": so.cancel_by_id("424242"), "replace": so.cancel_replace("424242")}.items():
            try:
                await call
            except RequestError as error:
                out[f"sandbox_{name}_missing"] = [type(error).__name__, error.code, error.status_code]
    out["sandbox_not_found_code"] = _errors.NOT_FOUND
    classes: dict[str, str] = {}
    for code in (25099, 25013, 25014):

        def handler(request: httpx.Request, code: int = code) -> httpx.Response:
            return httpx.Response(400, json={"code": code, "message": "refused"})

        with Client(KEY, SECRET, "http://x.test", transport=httpx.MockTransport(handler), max_retries=0) as c:
            try:
                c.smartorders().get_by_id("1")
            except RequestError as error:
                classes[str(code)] = type(error).__name__
    out["client_classes"] = classes


def main() -> None:
    out: dict[str, Any] = {}
    if sys.argv[1:] == ["errors"]:
        asyncio.run(error_codes(out))
        print(json.dumps(out))
        return
    asyncio.run(against_sandbox(out))
    cancel_result_field(out)
    cli(out)
    spec_facts(out)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
