"""client.markets(): the public market endpoints, sync and async, typed as the smart-order answers are, sent unsigned
in their own rate-limit groups, with no API key needed; and a malformed symbol or answer refused."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import httpx
import pytest
from polo_smartorders import AsyncClient, Client, InvalidRequestError, InvalidResponseError, Market, ValidationError
from polo_smartorders_api.types import ExactDecimal

from tests.support.exchange import BASE, Exchange, default_answer
from tests.support.spec_answers import answer_errors, load

EXAMPLES = load()["components"]["examples"]
MARKET: dict[str, Any] = EXAMPLES["MarketBtcUsdt"]["value"]
PRICE: dict[str, Any] = EXAMPLES["MarketPriceBtcUsdt"]["value"]
SIGNING_HEADERS = {"key", "signature", "signtimestamp", "recvwindow"}


def markets_answer(request: httpx.Request) -> httpx.Response:
    """The spec's examples for the three market endpoints (24101 for a symbol other than BTC_USDT)."""
    path = request.url.path
    if path == "/markets":
        return httpx.Response(200, json=[MARKET])
    if path.startswith("/markets/") and not path.startswith("/markets/BTC_USDT"):
        return httpx.Response(400, json={"code": 24101, "message": "Invalid symbol"})
    if path == "/markets/BTC_USDT":
        return httpx.Response(200, json=[MARKET])
    if path == "/markets/BTC_USDT/price":
        return httpx.Response(200, json=PRICE)
    return default_answer(request)


@pytest.fixture
def markets(exchange: Exchange) -> Exchange:
    exchange.default = markets_answer
    return exchange


def test_the_canned_answers_follow_the_spec() -> None:
    assert answer_errors("listMarkets", 200, json.dumps([MARKET]).encode()) == []
    assert answer_errors("getMarket", 200, json.dumps([MARKET]).encode()) == []
    assert answer_errors("getMarketPrice", 200, json.dumps(PRICE).encode()) == []
    assert answer_errors("getMarket", 400, b'{"code": 24101, "message": "Invalid symbol"}') == []


def _assert_typed(market: Market) -> None:
    limits = market.symbol_trade_limit
    assert (market.symbol, market.state) == ("BTC_USDT", "NORMAL")
    assert (limits.price_scale, limits.quantity_scale, limits.amount_scale) == (2, 6, 2)
    assert all(type(scale) is int for scale in (limits.price_scale, limits.quantity_scale, limits.amount_scale))
    assert isinstance(limits.min_quantity, ExactDecimal) and limits.min_quantity == Decimal("0.000001")
    assert isinstance(limits.min_amount, Decimal) and limits.min_amount == 1
    assert market.to_dict() == MARKET  # the exchange's text, written back exactly


def _assert_public(requests: list[httpx.Request], paths: list[str]) -> None:
    assert [request.url.path for request in requests] == paths
    for request in requests:
        assert request.method == "GET" and not SIGNING_HEADERS & {name.lower() for name in request.headers}


def test_sync_markets_are_typed_and_unsigned(markets: Exchange) -> None:
    with Client(url=BASE, transport=httpx.MockTransport(markets), rate_limit=False) as client:  # no credentials
        [listed] = client.markets().get_all()
        one = client.markets().get("BTC_USDT")
        price = client.markets().get_price("BTC_USDT")
    _assert_typed(listed)
    _assert_typed(one)
    assert isinstance(price.price, ExactDecimal) and price.price == Decimal("23105.12")
    assert price.daily_change == Decimal("-0.0046") and price.time == 1659029224342 and price.ts == 1659029224350
    _assert_public(markets.requests, ["/markets", "/markets/BTC_USDT", "/markets/BTC_USDT/price"])


async def test_async_markets_are_typed_and_unsigned(markets: Exchange, wire: Any, async_backend: Any) -> None:
    async with AsyncClient(url=wire.url, rate_limit=False, http_backend=async_backend) as client:
        [listed] = await client.markets().get_all()
        one = await client.markets().get("BTC_USDT")
        price = await client.markets().get_price("BTC_USDT")
    _assert_typed(listed)
    _assert_typed(one)
    assert price.daily_change == Decimal("-0.0046") and isinstance(price.price, ExactDecimal)
    _assert_public(markets.requests, ["/markets", "/markets/BTC_USDT", "/markets/BTC_USDT/price"])


def test_a_signed_client_still_sends_market_requests_unsigned(client: Client, markets: Exchange) -> None:
    client.markets().get("BTC_USDT")
    client.smartorders().get_all()
    assert not SIGNING_HEADERS & {name.lower() for name in markets.requests[0].headers}
    assert "signature" in markets.requests[1].headers


def test_each_endpoint_goes_through_its_own_rate_limit_group(client: Client, markets: Exchange) -> None:
    groups: list[str] = []
    enter = client._gate.enter

    def recording(group: str) -> None:
        groups.append(group)
        enter(group)

    client._gate.enter = recording  # type: ignore[method-assign]
    client.markets().get_all()
    client.markets().get("BTC_USDT")
    client.markets().get_price("BTC_USDT")
    assert groups == ["markets", "market", "market_price"]  # the spec's x-rate-limit-group of each


def test_an_unknown_market_is_the_exchanges_refusal(client: Client, markets: Exchange) -> None:
    with pytest.raises(InvalidRequestError) as refused:
        client.markets().get("NOPE_USDT")
    assert refused.value.code == 24101
    with pytest.raises(InvalidRequestError):
        client.markets().get_price("NOPE_USDT")


@pytest.mark.parametrize("symbol", ["btc_usdt", "BTC/USDT", "BTC_USDT/price", "", 42])
def test_a_malformed_symbol_is_refused_before_sending(client: Client, markets: Exchange, symbol: Any) -> None:
    for method in (client.markets().get, client.markets().get_price):
        with pytest.raises(ValidationError) as refused:
            method(symbol)
        assert refused.value.field == "symbol"
    assert markets.requests == []


@pytest.mark.parametrize("answer", [[], [MARKET, MARKET], MARKET])
def test_get_answers_exactly_one_market(client: Client, markets: Exchange, answer: Any) -> None:
    markets.default = lambda request: httpx.Response(200, json=answer)  # every attempt (a read is retried)
    with pytest.raises(InvalidResponseError):
        client.markets().get("BTC_USDT")


def test_an_unknown_state_and_a_market_without_cross_margin_parse(client: Client, markets: Exchange) -> None:
    changed = {key: value for key, value in MARKET.items() if key != "crossMargin"}
    changed["state"] = "A_STATE_ADDED_LATER"
    markets.script.append(lambda request: httpx.Response(200, json=[changed]))
    assert client.markets().get("BTC_USDT").state == "A_STATE_ADDED_LATER"


def test_a_price_in_an_answer_is_never_a_float(client: Client, markets: Exchange) -> None:
    markets.default = lambda request: httpx.Response(200, json={**PRICE, "price": 23105.12})
    with pytest.raises(InvalidResponseError):
        client.markets().get_price("BTC_USDT")
