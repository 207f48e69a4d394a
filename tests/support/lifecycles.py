"""A walk through every smart-order lifecycle against a sandbox app, and which fields of which spec schema its answers
carried: does the sandbox emit everything the spec declares?

``walk(app)`` places, triggers, trails, fails, cancels and replaces orders (each over raw signed requests, so a spec
whose fields were renamed walks the same) and returns every 200 answer by operationId; ``emitted(spec, answers)``
tags each object of those answers with the component schema it is (through the ``$ref``s of the operation's answer
schema) and collects the fields it carried; ``declared(spec, ...)`` lists the fields those schemas declare.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from starlette.applications import Starlette

from tests.support.sandbox import sandbox_client

Answers = list[tuple[str, Any]]
#: The operations of the smart-order lifecycle (and the clock): the ones whose answer schemas the walk covers.
TAGS = ("smartorders", "public")


async def walk(app: Starlette) -> Answers:
    """Every 200 answer of a walk through each lifecycle: open, listed, triggered (MARKET filled; LIMIT IOC cancelled),
    trailing with an activation price, failed, cancelled (one by one, by ids with an unknown one, all), replaced and
    replaced with proceedOnFailure after triggering; history of all of it."""
    answers: Answers = []
    async with sandbox_client(app) as sandbox:

        async def ok(operation_id: str, method: str, path: str, body: object = None, **kw: Any) -> Any:
            answer = await sandbox.ok(method, path, body, **kw)
            answers.append((operation_id, answer))
            return answer

        async def create(**fields: str) -> str:
            return str((await ok("createSmartOrder", "POST", "/smartorders", fields))["id"])

        async def price(symbol: str, value: str) -> None:
            await sandbox.ok("POST", "/sandbox/prices", {"symbol": symbol, "price": value}, signed=False)

        async def get(order_id: str) -> None:
            await ok("getSmartOrder", "GET", f"/smartorders/{order_id}")

        await ok("getServerTime", "GET", "/timestamp")
        # a stop, open, then triggered: a MARKET order filled at the market
        stop = await create(symbol="BTC_USDT", side="BUY", stopPrice="61000", quantity="0.5", clientOrderId="stop-1")
        await get(stop)
        await ok("listSmartOrders", "GET", "/smartorders", params={"limit": "10"})
        await price("BTC_USDT", "61000")
        await get(stop)
        # a stop-limit triggered away from its limit: an IOC LIMIT order, cancelled
        limit = await create(symbol="ETH_USDT", side="SELL", type="STOP_LIMIT", stopPrice="3000", price="2990",
                             timeInForce="IOC", amount="100")  # fmt: skip
        await price("ETH_USDT", "2900")
        await get(limit)
        # a trailing stop with an activation price: activated, trailed, triggered
        trailing = await create(symbol="LTC_USDT", side="SELL", type="TRAILING_STOP", trailingOffset="1%",
                                stopPrice="100", operator="GTE", quantity="1")  # fmt: skip
        await get(trailing)
        for market in ("100", "110", "108"):
            await price("LTC_USDT", market)
            await get(trailing)
        # a trailing stop-limit whose limit would be below zero: it fails
        failing = await create(symbol="SOL_USDT", side="SELL", type="TRAILING_STOP_LIMIT", trailingOffset="1",
                               limitOffset="1000", quantity="1")  # fmt: skip
        for market in ("150", "140"):
            await price("SOL_USDT", market)
        await get(failing)
        # cancelled: one, by ids (one unknown), all
        for _ in range(3):
            await create(symbol="BTC_USDT", side="SELL", stopPrice="50000", quantity="0.01")
        [first, second, third] = [o["id"] for o in await sandbox.ok("GET", "/smartorders")][:3]
        await ok("cancelSmartOrder", "DELETE", f"/smartorders/{first}")
        await ok("cancelSmartOrdersByIds", "DELETE", "/smartorders/cancelByIds",
                 {"orderIds": [second, "99999999"], "clientOrderIds": ["never-placed"]})  # fmt: skip
        await ok("cancelAllSmartOrders", "DELETE", "/smartorders", {"symbols": ["BTC_USDT"]})
        await get(third)
        # replaced, and replaced after it triggered (proceedOnFailure: both live, the answer says so)
        old = await create(symbol="BTC_USDT", side="BUY", stopPrice="70000", quantity="0.5", clientOrderId="rep-1")
        new = await ok("cancelReplaceSmartOrder", "PUT", f"/smartorders/{old}", {"stopPrice": "71000"})
        await get(str(new["id"]))
        await price("BTC_USDT", "72000")
        await ok("cancelReplaceSmartOrder", "PUT", f"/smartorders/{new['id']}",
                 {"stopPrice": "80000", "proceedOnFailure": True})  # fmt: skip
        await ok("listSmartOrderHistory", "GET", "/smartorders/history", params={"limit": "100"})
    return answers


def _target(spec: dict[str, Any], ref: str) -> Any:
    node: Any = spec
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _answer_schema(spec: dict[str, Any], operation_id: str) -> Any:
    for item in spec["paths"].values():
        for method, operation in item.items():
            if method != "parameters" and operation["operationId"] == operation_id:
                response = operation["responses"]["200"]
                if "$ref" in response:
                    response = _target(spec, response["$ref"])
                return response["content"]["application/json"]["schema"]
    raise KeyError(operation_id)


def _collect(spec: dict[str, Any], schema: Any, value: Any, into: dict[str, set[str]], name: str | None) -> None:
    """Record, for each object of ``value``, the fields it carried under the component schema it is."""
    if not isinstance(schema, dict):
        return
    if "$ref" in schema:
        _collect(spec, _target(spec, schema["$ref"]), value, into, schema["$ref"].rsplit("/", 1)[-1])
        return
    for part in schema.get("allOf", []):
        _collect(spec, part, value, into, name)
    if isinstance(value, list) and "items" in schema:
        for item in value:
            _collect(spec, schema["items"], item, into, None)
    if isinstance(value, dict) and "properties" in schema:
        if name is not None:
            into.setdefault(name, set()).update(field for field in value if field in schema["properties"])
        for field, sub in schema["properties"].items():
            if field in value:
                _collect(spec, sub, value[field], into, None)


def emitted(spec: dict[str, Any], answers: Answers) -> dict[str, set[str]]:
    """Component schema -> the fields its objects carried in ``answers``."""
    found: dict[str, set[str]] = {}
    for operation_id, answer in answers:
        _collect(spec, _answer_schema(spec, operation_id), answer, found, None)
    return found


def declared(spec: dict[str, Any], operation_ids: Iterable[str]) -> dict[str, set[str]]:
    """Component schema -> the fields it declares, for every schema an answer of ``operation_ids`` can hold."""
    found: dict[str, set[str]] = {}

    def visit(schema: Any) -> None:
        if not isinstance(schema, dict):
            return
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            target = _target(spec, schema["$ref"])
            if name not in found and "properties" in target:
                found[name] = set(target["properties"])
            visit(target)
            return
        for part in schema.get("allOf", []):
            visit(part)
        visit(schema.get("items"))
        for sub in schema.get("properties", {}).values():
            visit(sub)

    for operation_id in operation_ids:
        visit(_answer_schema(spec, operation_id))
    return found


def lifecycle_operations(spec: dict[str, Any]) -> list[str]:
    """The operations whose answers the walk covers: those tagged smartorders or public (the clock)."""
    return [
        operation["operationId"]
        for item in spec["paths"].values()
        for method, operation in item.items()
        if method != "parameters" and set(operation.get("tags", ())) & set(TAGS)
    ]
