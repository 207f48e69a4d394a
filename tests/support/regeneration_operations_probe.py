"""Run by tests/spec/test_regeneration_operations.py inside a copy of the repo whose spec renamed SmartOrder's stopPrice
to triggerPrice (declared in x-answer-fields), gained GET /smartorders/{id}/fills (listSmartOrderFills), a create field
no method names (slippageBps, shown in SmartOrder) and a SmartOrder field the sandbox never sends (feeCurrency).

It imports the copy's wrapper and generated code and prints as JSON what it saw: reconciliation against a scripted
exchange whose found order shows the renamed field, the copy's sandbox (its answers, its routes), the copy's CLI
(``--field``, the table's columns) and the lifecycle walk's fields never sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import tempfile
from typing import Any

import httpx
from polo_smartorders import AsyncClient, Client, OutcomeUnknownError, _cli
from polo_smartorders.sandbox import create_app
from polo_smartorders.sandbox._book import NOT_EMITTED

from tests.support.clock import FakeClock
from tests.support.exchange import SMART_ORDER
from tests.support.keys import PROBE_KEY as KEY
from tests.support.keys import PROBE_SECRET as SECRET
from tests.support.lifecycles import declared, emitted, lifecycle_operations, walk
from tests.support.spec_answers import answer_errors, load

CREATE: dict[str, Any] = {
    "symbol": "BTC_USDT",
    "side": "BUY",
    "stop_price": "100",
    "quantity": "1",
    "client_order_id": "renamed-1",
}


def _found(clock: FakeClock, trigger: str) -> dict[str, Any]:
    """The order a lookup finds under the create's clientOrderId, created now, showing ``trigger`` as triggerPrice."""
    shown = {key: value for key, value in SMART_ORDER.items() if key != "stopPrice"}
    return {**shown, "clientOrderId": CREATE["client_order_id"], "type": "STOP", "price": "0", "quantity": "1",
            "triggerPrice": trigger, "createTime": clock.true_ms()}  # fmt: skip


def reconcile(trigger: str) -> dict[str, Any]:
    """A create whose first answer is lost (a 500), then the order found under its clientOrderId showing ``trigger``
    as triggerPrice; a create sent again is placed as order 20000002."""
    clock = FakeClock()
    posts: list[httpx.Request] = []

    def exchange(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/timestamp":
            return httpx.Response(200, json={"serverTime": clock.true_ms()})
        if request.method != "POST":
            return httpx.Response(200, json=[_found(clock, trigger)])
        posts.append(request)
        if len(posts) == 1:
            return httpx.Response(500, json={"code": 500, "message": "Internal error"})
        return httpx.Response(200, json={"id": "20000002", "clientOrderId": CREATE["client_order_id"]})

    transport = httpx.MockTransport(exchange)
    with Client(KEY, SECRET, "http://exchange.test", transport=transport, rate_limit=False, _time=clock) as client:
        try:
            placed = client.smartorders().create(**CREATE)
        except OutcomeUnknownError as error:
            return {"outcome": "unknown", "message": error.message, "posts": len(posts)}
    return {"outcome": placed.id, "posts": len(posts)}


class Recording(httpx.AsyncBaseTransport):
    def __init__(self, app: Any) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.seen: list[tuple[str, str, int, bytes]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        body = await response.aread()
        self.seen.append((request.method, request.url.path, response.status_code, body))
        return httpx.Response(response.status_code, headers=response.headers, content=body)


async def sandbox(out: dict[str, Any]) -> None:
    app = create_app({KEY: SECRET})
    transport = Recording(app)
    async with AsyncClient(KEY, SECRET, "http://sandbox.test", transport=transport, rate_limit=False) as client:
        placed = await client.smartorders().create(**{**CREATE, "client_order_id": "sandbox-1"})
        order = await client.smartorders().get_by_id(placed.id)
        out["sandbox_trigger_price"] = str(order.trigger_price)  # type: ignore[attr-defined]
        _, _, status, body = transport.seen[-1]
        out["sandbox_get_errors"] = answer_errors("getSmartOrder", status, body)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sandbox.test") as http:
        fills = await http.get(f"/smartorders/{placed.id}/fills")
        out["fills_answer"] = [fills.status_code, fills.json()]
        out["get_unsigned_status"] = (await http.get(f"/smartorders/{placed.id}")).status_code
    spec = load()
    carried = emitted(spec, await walk(create_app()))
    never = {
        schema: sorted(names - carried.get(schema, set()) - {key.split(".", 1)[1] for key in NOT_EMITTED})
        for schema, names in declared(spec, lifecycle_operations(spec)).items()
    }
    out["never_sent"] = {schema: names for schema, names in never.items() if names}


def cli(*args: str) -> list[Any]:
    """The copy's command line, in-process, on a practice sandbox kept in POLO_SANDBOX_STATE: status, out, err."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = _cli.main(["--sandbox", *args])
        except SystemExit as refused:
            status = int(refused.code or 0)
    return [status, out.getvalue(), err.getvalue()]


def command_line(out: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as state:
        os.environ["POLO_SANDBOX_STATE"] = os.path.join(state, "sandbox.sqlite3")
        create = ["create", "--symbol", "BTC_USDT", "--side", "SELL", "--stop-price", "50000", "--quantity", "0.01"]
        out["cli_create"] = cli(*create, "--field", "slippageBps=25", "--json")
        out["cli_list"] = cli("list")
        out["cli_list_json"] = cli("list", "--json")
        out["cli_bad_integer"] = cli(*create, "--field", "slippageBps=many")
        out["cli_too_big"] = cli(*create, "--field", "slippageBps=20000")
        out["cli_create_help"] = " ".join(cli("create", "--help")[1].split())


def main() -> None:
    out: dict[str, Any] = {
        "reconcile_other_trigger": reconcile("99"),
        "reconcile_same_trigger": reconcile("100.0"),
    }
    asyncio.run(sandbox(out))
    command_line(out)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
