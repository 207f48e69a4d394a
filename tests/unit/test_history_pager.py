"""iter_history: pages history by id from the newest order down, never repeating or skipping an order.

On a sandbox holding several pages, orders are placed, cancelled and closed while the walk runs; on a scripted
exchange, the wire (from, direction, limit), the rate limiter and the retry rule are checked per page.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import parse_qsl

import httpx
import pytest
from polo_smartorders import AsyncClient, Client, InvalidResponseError, RateLimiter, ValidationError
from polo_smartorders.testing import SandboxExchange, async_sandbox, sandbox

from tests.support.exchange import BASE, SMART_ORDER, Exchange
from tests.support.keys import KEY, SECRET


def _history(exchange: SandboxExchange, count: int) -> list[str]:
    """Place ``count`` orders and cancel them: ``count`` history entries, ids returned oldest first."""
    client = exchange.client
    ids = [client.smartorders().create(symbol="BTC_USDT", side="SELL", stop_price="100", quantity="1").id
           for _ in range(count)]  # fmt: skip
    client.smartorders().cancel_by_multiple_ids(order_ids=ids)
    return ids


@pytest.fixture
def polo() -> Iterator[SandboxExchange]:
    with sandbox() as exchange:
        yield exchange


def test_walks_every_page_newest_first_while_orders_arrive(polo: SandboxExchange) -> None:
    so = polo.client.smartorders()
    early = so.create(symbol="ETH_USDT", side="SELL", stop_price="100", quantity="1").id  # open when the walk starts
    history = _history(polo, 23)
    seen: list[str] = []
    for order in so.iter_history(page_size=5):
        seen.append(order.id)
        if len(seen) % 5 == 1:  # every page: newer orders enter history, which must not shift the pages
            fresh = so.create(symbol="BTC_USDT", side="BUY", stop_price="90000", quantity="1").id
            so.cancel_by_id(fresh)
        if len(seen) == 8:  # an order older than the cursor leaves the open set: it is still reached
            so.cancel_by_id(early)
    assert seen == [*history[::-1], early]
    assert len(set(seen)) == len(seen)


def test_max_items_filters_and_a_start_id(polo: SandboxExchange) -> None:
    so = polo.client.smartorders()
    history = _history(polo, 12)[::-1]
    assert [o.id for o in so.iter_history(page_size=5, max_items=7)] == history[:7]
    assert [o.id for o in so.iter_history(max_items=0)] == []
    assert [o.id for o in so.iter_history(begins_from=history[3], page_size=4)] == history[4:]
    assert [o.id for o in so.iter_history(symbol="ETH_USDT")] == []
    assert [o.id for o in so.iter_history(states=["FILLED"], page_size=2)] == []
    assert len(list(so.iter_history(states=["CANCELED"], page_size=2))) == 12


async def test_async_for_walks_every_page_while_orders_arrive() -> None:
    async with async_sandbox() as polo:
        so = polo.client.smartorders()
        ids = [(await so.create(symbol="BTC_USDT", side="SELL", stop_price="100", quantity="1")).id for _ in range(11)]
        await so.cancel_by_multiple_ids(order_ids=ids)
        seen = []
        async for order in so.iter_history(page_size=3):
            seen.append(order.id)
            fresh = await so.create(symbol="BTC_USDT", side="BUY", stop_price="90000", quantity="1")
            await so.cancel_by_id(fresh.id)  # a newer history entry after every item
        assert seen == ids[::-1]
        assert [o.id async for o in so.iter_history(page_size=4, max_items=5)][:1] == [fresh.id]


# --- the wire, the limiter and the retry rule, on a scripted exchange ---------------------------------------------


def _page(*ids: int) -> httpx.Response:
    return httpx.Response(200, json=[{**SMART_ORDER, "id": str(order_id)} for order_id in ids])


def _queries(exchange: Exchange) -> list[dict[str, str]]:
    return [dict(parse_qsl(request.url.query.decode())) for request in exchange.requests]


def test_each_page_asks_for_orders_older_than_the_last_one(exchange: Exchange, client: Client) -> None:
    exchange.script = [lambda r: _page(50, 49, 48), lambda r: _page(47, 46, 45), lambda r: _page(44), lambda r: _page()]
    orders = list(client.smartorders().iter_history(symbol="BTC_USDT", hide_cancel=True, page_size=3))
    assert [o.id for o in orders] == ["50", "49", "48", "47", "46", "45", "44"]
    assert all(request.url.path == "/smartorders/history" for request in exchange.requests)
    assert _queries(exchange) == [
        {"symbol": "BTC_USDT", "hideCancel": "true", "limit": "3"},
        {"symbol": "BTC_USDT", "hideCancel": "true", "limit": "3", "from": "48", "direction": "NEXT"},
        {"symbol": "BTC_USDT", "hideCancel": "true", "limit": "3", "from": "45", "direction": "NEXT"},
        {"symbol": "BTC_USDT", "hideCancel": "true", "limit": "3", "from": "44", "direction": "NEXT"},
    ]


def test_repeated_or_newer_orders_in_an_answer_are_never_yielded_twice(exchange: Exchange, client: Client) -> None:
    # An exchange that ignored `from` would answer the same page again: the walk ends instead of looping.
    exchange.default = lambda r: _page(30, 29)
    assert [o.id for o in client.smartorders().iter_history(page_size=2)] == ["30", "29"]
    assert len(exchange.requests) == 2
    exchange.requests.clear()
    exchange.script = [lambda r: _page(30, 29), lambda r: _page(31, 29, 28)]  # 31 is newer than the cursor: dropped
    exchange.default = lambda r: _page()
    assert [o.id for o in client.smartorders().iter_history(page_size=3)] == ["30", "29", "28"]


def test_max_items_limits_the_last_request(exchange: Exchange, client: Client) -> None:
    exchange.script = [lambda r: _page(9, 8, 7, 6), lambda r: _page(5, 4)]
    assert len(list(client.smartorders().iter_history(page_size=4, max_items=6))) == 6
    assert [q["limit"] for q in _queries(exchange)] == ["4", "2"]


def test_bad_arguments_raise_at_the_call_before_anything_is_sent(exchange: Exchange, client: Client) -> None:
    so = client.smartorders()
    for kwargs, field in [
        ({"page_size": 0}, "page_size"),
        ({"max_items": -1}, "max_items"),
        ({"symbol": "btc usdt"}, "symbol"),
        ({"begins_from": "cid:x"}, "from"),
        ({"start_time": 5, "end_time": 1}, "start_time"),
    ]:
        with pytest.raises(ValidationError) as caught:
            so.iter_history(**kwargs)  # type: ignore[arg-type]
        assert field in str(caught.value)
    assert exchange.requests == []


class CountingLimiter(RateLimiter):
    def __init__(self) -> None:
        super().__init__()
        self.granted: list[str] = []

    def acquire(self, operation: str) -> None:
        self.granted.append(operation)
        super().acquire(operation)


def test_pages_go_through_the_rate_limiter_and_the_retry_rule(exchange: Exchange) -> None:
    limiter = CountingLimiter()
    exchange.script = [
        lambda r: _page(3, 2),
        lambda r: httpx.Response(500, json={"code": 500, "message": "busy"}),  # a read: retried
        lambda r: _page(1),
        lambda r: _page(),
    ]
    with Client(KEY, SECRET, BASE, transport=httpx.MockTransport(exchange), rate_limit=limiter) as client:
        assert [o.id for o in client.smartorders().iter_history(page_size=2)] == ["3", "2", "1"]
    assert limiter.granted == ["history"] * 4
    assert [q.get("from") for q in _queries(exchange)] == [None, "2", "2", "1"]


async def test_async_pages_on_the_wire(exchange: Exchange) -> None:
    exchange.script = [lambda r: _page(5, 4), lambda r: _page(3)]
    exchange.default = lambda r: _page()

    async def handler(request: httpx.Request) -> httpx.Response:
        await request.aread()
        return exchange(request)

    async with AsyncClient(KEY, SECRET, BASE, transport=httpx.MockTransport(handler), rate_limit=False) as client:
        so = client.smartorders()
        with pytest.raises(ValidationError):
            so.iter_history(page_size=True)
        assert [o.id async for o in so.iter_history(page_size=2)] == ["5", "4", "3"]
    assert [q.get("from") for q in _queries(exchange)] == [None, "4", "3"]
    assert json.dumps([q.get("direction") for q in _queries(exchange)]) == '[null, "NEXT", "NEXT"]'


@pytest.mark.parametrize("bad_id", ["-5", " 7", "\u0667", "7 ", "1e3", "", "9" * 21])
def test_an_answer_id_that_is_no_order_id_is_an_invalid_response_never_a_cursor(
    exchange: Exchange, client: Client, bad_id: str
) -> None:
    """The next page's ``from`` is an answer's id: one the spec's id pattern refuses is the exchange's fault (not a
    ValidationError about an argument the caller never gave), and is never sent as another id (``" 7"`` as 7)."""
    exchange.script = [lambda r: _page(9, 8), lambda r: httpx.Response(200, json=[{**SMART_ORDER, "id": bad_id}])]
    exchange.default = lambda r: _page()
    with pytest.raises(InvalidResponseError) as caught:
        list(client.smartorders().iter_history(page_size=2))
    assert repr(bad_id) in str(caught.value)
    assert [q.get("from") for q in _queries(exchange)] == [None, "8"]
