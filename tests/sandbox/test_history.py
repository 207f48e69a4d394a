"""Open orders and history: what is listed, in which order, which filters apply, and paging by id."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from polo_smartorders.sandbox import Sandbox, create_app

from tests.support.keys import SANDBOX_KEY as KEY
from tests.support.sandbox import SandboxClient, sandbox_client, stop_order
from tests.support.signing import now_ms


@dataclass
class Book:
    """A sandbox with a known set of orders in every final state."""

    sandbox: Sandbox
    client: SandboxClient
    times: dict[str, int]
    """createTime by order name."""
    ids: dict[str, str]

    async def history(self, **params: str) -> list[dict[str, Any]]:
        return list(await self.client.ok("GET", "/smartorders/history", params=params))

    async def history_ids(self, **params: str) -> list[str]:
        return [order["id"] for order in await self.history(**params)]


@pytest.fixture
async def book() -> AsyncIterator[Book]:
    # The real clock plus an offset bumped by 1 s before each order: createTimes at least 1 s apart, and the
    # sandbox clock only ever runs ahead of the signer's (by less than the 60 s window).
    offset = [0]
    app = create_app(clock=lambda: now_ms() + offset[0])
    sandbox: Sandbox = app.state.sandbox
    ids: dict[str, str] = {}
    times: dict[str, int] = {}
    async with sandbox_client(app) as client:
        plan = [
            ("filled", stop_order(stopPrice="100")),
            ("canceled", stop_order(symbol="ETH_USDT", side="SELL", stopPrice="5")),
            ("resting", stop_order(stopPrice="100", price="90")),
            ("trailing_canceled", stop_order(type="TRAILING_STOP", trailingOffset="1", stopPrice="999999")),
            ("open", stop_order(stopPrice="1000000")),
        ]
        for name, body in plan:
            offset[0] += 1_000
            ids[name] = await client.create(**body)
            created = sandbox.orders(KEY)[0]["createTime"]
            assert isinstance(created, int)
            times[name] = created
        for name in ("canceled", "trailing_canceled"):
            await client.ok("DELETE", f"/smartorders/{ids[name]}")
        sandbox.set_price("BTC_USDT", "101")
        yield Book(sandbox, client, times, ids)


async def test_open_orders_are_pending_only_newest_first(book: Book) -> None:
    late = await book.client.create(**stop_order(stopPrice="2000000"))
    listed = await book.client.ok("GET", "/smartorders")
    assert [order["id"] for order in listed] == [late, book.ids["open"]]
    assert all(order["state"] == "PENDING_NEW" and "triggeredOrder" not in order for order in listed)
    limited = await book.client.ok("GET", "/smartorders", params={"limit": "1"})
    assert [order["id"] for order in limited] == [late]


async def test_history_has_the_closed_orders_newest_first(book: Book) -> None:
    orders = await book.history()
    ids = book.ids
    assert [order["id"] for order in orders] == [
        ids["trailing_canceled"],
        ids["resting"],
        ids["canceled"],
        ids["filled"],
    ]
    by_id = {order["id"]: order for order in orders}
    filled = by_id[ids["filled"]]
    assert (filled["state"], filled["avgPrice"], filled["filledQuantity"], filled["orderSource"]) == (
        "FILLED",
        "101",
        "0.5",
        "API",
    )
    assert "triggeredOrder" not in filled
    assert by_id[ids["resting"]]["state"] == "TRIGGERED" and by_id[ids["resting"]]["filledQuantity"] == "0"
    assert by_id[ids["canceled"]]["state"] == "CANCELED"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"symbol": "ETH_USDT"}, ["canceled"]),
        ({"side": "SELL"}, ["canceled"]),
        ({"type": "TRAILING_STOP,STOP_LIMIT"}, ["trailing_canceled", "resting"]),
        ({"states": "FILLED"}, ["filled"]),
        ({"states": "CANCELED,FILLED"}, ["trailing_canceled", "canceled", "filled"]),
        ({"hideCancel": "true"}, ["resting", "filled"]),
        ({"hideCancel": "false"}, ["trailing_canceled", "resting", "canceled", "filled"]),
        ({"accountType": "SPOT", "symbol": "BTC_USDT", "side": "BUY"}, ["trailing_canceled", "resting", "filled"]),
        ({"startTime": "@canceled", "endTime": "@trailing_canceled"}, ["trailing_canceled", "resting", "canceled"]),
        ({"startTime": "@canceled+1"}, ["trailing_canceled", "resting"]),
        ({"endTime": "@filled-1"}, []),
        ({"endTime": "@filled"}, ["filled"]),
        ({"limit": "2"}, ["trailing_canceled", "resting"]),
    ],
)
async def test_history_filters(book: Book, params: dict[str, str], expected: list[str]) -> None:
    # "@name" stands for that order's createTime, "@name+1" for one millisecond later.
    query = {name: _time(book, value) if value.startswith("@") else value for name, value in params.items()}
    assert await book.history_ids(**query) == [book.ids[name] for name in expected]


def _time(book: Book, reference: str) -> str:
    name, sign, delta = reference[1:].replace("-", "+-").partition("+")
    return str(book.times[name] + (int(delta) if sign else 0))


async def test_history_pages_by_id(book: Book) -> None:
    all_ids = await book.history_ids()
    assert await book.history_ids(**{"from": all_ids[1]}) == all_ids[2:]  # NEXT (older) is the default
    assert await book.history_ids(**{"from": all_ids[1], "direction": "NEXT", "limit": "1"}) == [all_ids[2]]
    assert await book.history_ids(**{"from": all_ids[3], "direction": "PRE"}) == all_ids[:3]
    # PRE takes the orders just newer than `from`, still listed newest first.
    assert await book.history_ids(**{"from": all_ids[3], "direction": "PRE", "limit": "2"}) == all_ids[1:3]
    assert await book.history_ids(**{"from": "1"}) == []
    assert await book.history_ids(**{"direction": "PRE"}) == all_ids


async def test_walking_history_pages_visits_every_order_once(book: Book) -> None:
    for _ in range(7):
        order_id = await book.client.create(**stop_order(stopPrice="1000000"))
        await book.client.ok("DELETE", f"/smartorders/{order_id}")
    everything = await book.history_ids()
    seen: list[str] = []
    page = await book.history_ids(limit="3")
    while page:
        seen += page
        page = await book.history_ids(limit="3", **{"from": page[-1]})
    assert seen == everything and len(seen) == 11


async def test_history_limit_defaults_to_100(book: Book) -> None:
    for _ in range(101):
        book.sandbox.set_price("XRP_USDT", "1")  # triggers at once: fills into history
        await book.client.create(**stop_order(symbol="XRP_USDT", stopPrice="1"))
    assert len(await book.history_ids()) == 100
    assert len(await book.history_ids(limit="200")) == 105
