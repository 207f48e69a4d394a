"""Every method's request on the wire (method, path, query, body bytes, headers, signature), sync and async."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import httpx
import pytest
from polo_smartorders import AsyncClient, CancelResult, Client, SmartOrder, ValidationError

from tests.support.exchange import SMART_ORDER, Exchange, default_answer
from tests.support.signing import assert_signed

Case = tuple[str, Callable[[Any], Any], str, str, dict[str, Any] | None]

CASES: list[Case] = [
    (
        "create stop-limit (documented example)",
        lambda so: so.create(
            time_in_force="IOC", client_order_id="1234Abc", stop_price="40000.00",
            symbol="BTC_USDT", side="BUY", type="STOP_LIMIT", price="40000.50", quantity="100",
        ),
        "POST", "/smartorders",
        {"symbol": "BTC_USDT", "side": "BUY", "type": "STOP_LIMIT", "timeInForce": "IOC", "price": "40000.50",
         "stopPrice": "40000.00", "quantity": "100", "clientOrderId": "1234Abc"},
    ),
    (
        "create trailing stop limit with Decimals",
        lambda so: so.create(
            symbol="ETH_USDT", side="SELL", type="TRAILING_STOP_LIMIT", amount=Decimal("1E+2"),
            trailing_offset="1.5%", limit_offset=Decimal("0.10"), operator="GTE", stop_price=Decimal("1800"),
            client_order_id="t-1", account_type="SPOT",
        ),
        "POST", "/smartorders",
        {"symbol": "ETH_USDT", "side": "SELL", "type": "TRAILING_STOP_LIMIT", "accountType": "SPOT",
         "stopPrice": "1800", "amount": "100", "clientOrderId": "t-1", "trailingOffset": "1.5%",
         "limitOffset": "0.10", "operator": "GTE"},
    ),
    (
        "cancel_replace by cid",
        lambda so: so.cancel_replace("cid:1234Abc", "FOK", True, "new-1", price="18000", stop_price="17500"),
        "PUT", "/smartorders/cid:1234Abc",
        {"price": "18000", "stopPrice": "17500", "timeInForce": "FOK", "clientOrderId": "new-1", "proceedOnFailure": True},
    ),
    ("get_all", lambda so: so.get_all(limit=10), "GET", "/smartorders?limit=10", None),
    ("get_all without limit", lambda so: so.get_all(), "GET", "/smartorders", None),
    ("get_by_id", lambda so: so.get_by_id("10000001"), "GET", "/smartorders/10000001", None),
    ("get_by_id client id", lambda so: so.get_by_id(client_order_id="abc-1"), "GET", "/smartorders/cid:abc-1", None),
    ("cancel_by_id", lambda so: so.cancel_by_id(10000001), "DELETE", "/smartorders/10000001", None),
    ("cancel_by_id client id", lambda so: so.cancel_by_id(client_order_id="abc-1"), "DELETE", "/smartorders/cid:abc-1", None),
    (
        "cancel_by_multiple_ids",
        lambda so: so.cancel_by_multiple_ids(["1", 2], ["a-1", "b_2"]),
        "DELETE", "/smartorders/cancelByIds",
        {"orderIds": ["1", "2"], "clientOrderIds": ["a-1", "b_2"]},
    ),
    (
        "cancel by symbol (arrays, never the singular keys)",
        lambda so: so.cancel(symbol="BTC_USDT", account_type="SPOT"),
        "DELETE", "/smartorders",
        {"symbols": ["BTC_USDT"], "accountTypes": ["SPOT"]},
    ),
    (
        "cancel with lists and order types",
        lambda so: so.cancel(["BTC_USDT", "ETH_USDT"], order_types=["STOP", "TRAILING_STOP"]),
        "DELETE", "/smartorders",
        {"symbols": ["BTC_USDT", "ETH_USDT"], "orderTypes": ["STOP", "TRAILING_STOP"]},
    ),
    (
        "get_history with every filter",
        lambda so: so.get_history(
            "SPOT", False, 1674190000000, 1674199999999, "10000009",
            type=["STOP", "STOP_LIMIT"], side="SELL", symbol="BTC_USDT", direction="NEXT",
            states=["FILLED", "CANCELED"], limit=20,
        ),
        "GET",
        "/smartorders/history?accountType=SPOT&direction=NEXT&endTime=1674199999999&from=10000009&hideCancel=false"
        "&limit=20&side=SELL&startTime=1674190000000&states=FILLED%2CCANCELED&symbol=BTC_USDT&type=STOP%2CSTOP_LIMIT",
        None,
    ),
    ("get_history bare", lambda so: so.get_history(), "GET", "/smartorders/history", None),
]  # fmt: skip


def _check(exchange: Exchange, method: str, raw_path: str, body: dict[str, Any] | None) -> None:
    *before, request = exchange.requests
    if method == "PUT":  # a replace reads the order it replaces first (path as addressed)
        assert [(r.method, r.url.raw_path.decode()) for r in before] == [("GET", raw_path)]
    else:
        assert before == []
    assert request.method == method
    assert request.url.raw_path.decode() == raw_path
    if body is None:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == body
        assert b"e+" not in request.content.lower() and b"E-" not in request.content
    assert_signed(request)


@pytest.mark.parametrize(("name", "invoke", "method", "raw_path", "body"), CASES, ids=[c[0] for c in CASES])
def test_sync_wire(
    exchange: Exchange, client: Client, name: str, invoke: Callable[[Any], Any], method: str, raw_path: str,
    body: dict[str, Any] | None,
) -> None:  # fmt: skip
    invoke(client.smartorders())
    _check(exchange, method, raw_path, body)


@pytest.mark.parametrize(("name", "invoke", "method", "raw_path", "body"), CASES, ids=[c[0] for c in CASES])
async def test_async_wire(
    exchange: Exchange, async_client: AsyncClient, name: str, invoke: Callable[[Any], Any], method: str,
    raw_path: str, body: dict[str, Any] | None,
) -> None:  # fmt: skip
    async with async_client:
        await invoke(async_client.smartorders())
    _check(exchange, method, raw_path, body)


def test_create_without_client_order_id_generates_one_and_returns_it(exchange: Exchange, client: Client) -> None:
    placed = client.smartorders().create(symbol="BTC_USDT", side="BUY", stop_price="40000", quantity="1")
    sent = json.loads(exchange.last.content)
    assert sent["clientOrderId"] == placed.client_order_id
    assert placed.client_order_id.startswith("pso-") and len(placed.client_order_id) == 28
    assert "type" not in sent  # left to the exchange's default (STOP without price)
    again = client.smartorders().create(symbol="BTC_USDT", side="BUY", stop_price="40000", quantity="1")
    assert again.client_order_id != placed.client_order_id


def test_typed_results(exchange: Exchange, client: Client) -> None:
    so = client.smartorders()
    order = so.get_by_id("10000001")
    assert isinstance(order, SmartOrder)
    assert order.stop_price == Decimal("40000") and order.create_time == 1674197467415
    assert order.to_dict() == SMART_ORDER
    orders = so.get_all()
    assert [o.id for o in orders] == ["10000001"]
    result = so.cancel_by_id("10000001")
    assert isinstance(result, CancelResult) and result.ok
    results = so.cancel(account_type="SPOT")
    assert all(isinstance(r, CancelResult) and r.ok for r in results)
    assert results[0].to_dict()["orderId"] == "10000001"


def test_extra_body_sends_spec_fields_and_refuses_others(exchange: Exchange, client: Client) -> None:
    """extra_body takes wire names, is checked by the spec's rules, and never drops or doubles a field."""
    so = client.smartorders()
    order: dict[str, Any] = {"symbol": "BTC_USDT", "side": "BUY", "stop_price": "1", "quantity": "1"}
    with pytest.raises(ValidationError) as unknown:
        so.create(**order, extra_body={"colour": "red"})
    assert unknown.value.field == "colour"
    assert "not a field" in unknown.value.rule
    with pytest.raises(ValidationError) as named:
        so.create(**order, extra_body={"stopPrice": "2"})
    assert named.value.field == "stopPrice"
    assert "stop_price=" in named.value.rule
    with pytest.raises(ValidationError) as bad_limit:
        so.get_all(extra_query={"limit": 0})
    assert (bad_limit.value.field, bad_limit.value.rule) == (
        "limit",
        "has a named parameter: pass limit= instead of extra_query",
    )
    with pytest.raises(ValidationError) as unknown_query:
        so.get_history(extra_query={"page": 2})
    assert unknown_query.value.field == "page"
    assert exchange.requests == []


def _sets_a_cookie(request: httpx.Request) -> httpx.Response:
    answer = default_answer(request)
    answer.headers["Set-Cookie"] = "__cf_bm=tracker; Path=/; HttpOnly"
    return answer


def test_the_sync_client_sends_no_cookie_back(exchange: Exchange, client: Client) -> None:
    """The API is stateless and signed: a cookie an answer sets is not kept, so no request carries unsigned state."""
    exchange.default = _sets_a_cookie
    client.smartorders().get_by_id("10000001")
    client.smartorders().get_by_id("10000001")
    assert [r.headers.get("cookie") for r in exchange.requests] == [None, None]


async def test_the_async_client_sends_no_cookie_back(exchange: Exchange, async_client: AsyncClient) -> None:
    exchange.default = _sets_a_cookie
    async with async_client:
        await async_client.smartorders().get_by_id("10000001")
        await async_client.smartorders().get_by_id("10000001")
    assert [r.headers.get("cookie") for r in exchange.requests] == [None, None]
