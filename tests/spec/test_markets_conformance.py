"""The market endpoints, schema-driven: spec-generated symbols drive client.markets(), every request it sends is valid
for the spec (unsigned: ``security: []``) and carries no signing header; spec-valid answers, unknown states and extra
fields included, parse into typed models that write the exchange's text back."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from polo_smartorders import Client, Market, MarketPrice, ValidationError

from tests.spec.test_client_conformance import BASE, FUZZ, SCHEMA, VALIDATOR, OpenAPIRequest, _response_strategy
from tests.support.exchange import Exchange
from tests.support.spec_answers import load

EXAMPLES = load()["components"]["examples"]
SIGNING_HEADERS = {"key", "signature", "signtimestamp", "recvwindow"}


def _sent(invoke: Any, answer: Any) -> tuple[list[httpx.Request], BaseException | None]:
    exchange = Exchange()
    exchange.default = lambda request: httpx.Response(200, json=answer)
    with Client(url=BASE, transport=httpx.MockTransport(exchange), rate_limit=False, max_retries=0) as client:
        try:
            invoke(client)
        except ValidationError as error:
            return exchange.requests, error
    return exchange.requests, None


def _check(request: httpx.Request) -> None:
    VALIDATOR.validate_request(OpenAPIRequest(request))
    assert not SIGNING_HEADERS & {name.lower() for name in request.headers}


@pytest.mark.parametrize(
    ("path", "method", "answer"),
    [
        ("/markets/{symbol}", "get", [EXAMPLES["MarketBtcUsdt"]["value"]]),
        ("/markets/{symbol}/price", "get_price", EXAMPLES["MarketPriceBtcUsdt"]["value"]),
    ],
)
@FUZZ
@given(data=st.data())
def test_a_symbol_the_spec_takes_is_sent_and_one_it_refuses_is_not(
    path: str, method: str, answer: Any, data: st.DataObject
) -> None:
    case = data.draw(SCHEMA[path]["GET"].as_strategy())
    symbol = case.path_parameters["symbol"]
    if isinstance(answer, list):  # the market asked for: an answer naming another is refused
        answer = [{**answer[0], "symbol": symbol}]
    requests, error = _sent(lambda client: getattr(client.markets(), method)(symbol), answer)
    if error is not None:  # the negative phase: a symbol breaking the spec's pattern, refused unsent
        assert requests == [] and error.field == "symbol"  # type: ignore[attr-defined]
        return
    [request] = requests
    _check(request)
    assert request.url.path == path.replace("{symbol}", symbol)


def test_the_list_conforms() -> None:
    requests, error = _sent(lambda client: client.markets().get_all(), [])
    assert error is None
    [request] = requests
    _check(request)


UNKNOWN = st.sampled_from(["HALTED_2027", "", "normal"])


@FUZZ
@given(body=_response_strategy("/markets", "GET"), unknown=UNKNOWN)
def test_spec_valid_market_lists_parse(body: list[dict[str, Any]], unknown: str) -> None:
    body = [{**market, "state": unknown, "extraField": [1]} if n % 2 else market for n, market in enumerate(body)]
    markets: list[Market] = []
    _sent(lambda client: markets.extend(client.markets().get_all()), body)
    assert [market.to_dict() for market in markets] == body
    for market in markets:
        limits = market.symbol_trade_limit
        assert type(limits.price_scale) is int and isinstance(limits.min_quantity, Decimal)


@FUZZ
@given(body=_response_strategy("/markets/{symbol}/price", "GET"))
def test_spec_valid_prices_parse(body: dict[str, Any]) -> None:
    prices: list[MarketPrice] = []
    _sent(lambda client: prices.append(client.markets().get_price("BTC_USDT")), body)
    [price] = prices
    assert price.to_dict() == body and isinstance(price.price, Decimal) and isinstance(price.daily_change, Decimal)
