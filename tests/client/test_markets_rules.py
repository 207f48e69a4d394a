"""Client(check_market_rules=True): a create or a cancel-replace that breaks its market's rules is refused before
anything is sent; the rules are fetched once per symbol (one fetch for concurrent callers, counted at the transport),
again after their age, and a failed fetch sends the order unchecked with a WARNING, storing nothing."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from polo_smartorders import AsyncClient, Client, MissingCredentialsError, ValidationError
from polo_smartorders._constants import MARKET_RULES_MAX_AGE

from tests.support.clock import FakeClock
from tests.support.exchange import BASE, Exchange, default_answer
from tests.support.keys import KEY, SECRET
from tests.support.spec_answers import load

RULES = "/markets/BTC_USDT"
#: BTC_USDT as the spec's example lists it, with minimums a test can reach inside the scales.
MARKET: dict[str, Any] = {
    **load()["components"]["examples"]["MarketBtcUsdt"]["value"],
    "symbolTradeLimit": {
        "symbol": "BTC_USDT",
        "priceScale": 2,
        "quantityScale": 6,
        "amountScale": 2,
        "minQuantity": "0.001",
        "minAmount": "5",
        "highestBid": "0",
        "lowestAsk": "0",
    },
}
STOP: dict[str, Any] = {"symbol": "BTC_USDT", "side": "SELL", "stop_price": "58000.12", "quantity": "0.5"}


class Market:
    """The exchange's answers with a market whose state a test sets; counts the rules fetches."""

    def __init__(self, exchange: Exchange) -> None:
        self.state = "NORMAL"
        self.failure: Callable[[], httpx.Response] | None = None
        self.exchange = exchange
        exchange.default = self.answer

    def answer(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == RULES:
            if self.failure is not None:
                return self.failure()
            return httpx.Response(200, json=[{**MARKET, "state": self.state}])
        return default_answer(request)

    @property
    def fetches(self) -> int:
        return sum(request.url.path == RULES for request in self.exchange.requests)

    @property
    def orders(self) -> list[httpx.Request]:
        return [request for request in self.exchange.requests if request.method in ("POST", "PUT")]


@pytest.fixture
def market(exchange: Exchange) -> Market:
    return Market(exchange)


@pytest.fixture
def checked(exchange: Exchange) -> Client:
    return Client(KEY, SECRET, BASE, transport=httpx.MockTransport(exchange), rate_limit=False, check_market_rules=True)


def test_off_by_default_nothing_is_fetched_or_refused(client: Client, market: Market) -> None:
    client.smartorders().create(**{**STOP, "stop_price": "58000.123456789", "quantity": "0.123456789012"})
    assert market.fetches == 0 and len(market.orders) == 1


@pytest.mark.parametrize(
    ("field", "at_the_rule", "past_it", "rule"),
    [
        ("stop_price", "58000.12", "58000.123", "priceScale 2"),
        ("price", "57000.12", "57000.123", "priceScale 2"),
        ("quantity", "0.123456", "0.1234567", "quantityScale 6"),
        ("quantity", "0.001", "0.000999", "minQuantity 0.001"),
        ("amount", "100.25", "100.251", "amountScale 2"),
        ("amount", "5", "4.99", "minAmount 5"),
    ],
)
def test_a_create_at_a_rule_is_sent_and_one_past_it_is_refused_unsent(
    checked: Client, market: Market, field: str, at_the_rule: str, past_it: str, rule: str
) -> None:
    order = {**STOP, field: at_the_rule}
    if field == "amount":
        del order["quantity"]
    if field == "price":
        order["type"] = "STOP_LIMIT"
    checked.smartorders().create(**order)
    assert len(market.orders) == 1
    with pytest.raises(ValidationError) as refused:
        checked.smartorders().create(**{**order, field: past_it})
    assert refused.value.field == field and rule in refused.value.rule and "BTC_USDT" in refused.value.rule
    assert len(market.orders) == 1 and market.fetches == 1


def test_a_paused_market_refuses_a_create_unsent(checked: Client, market: Market) -> None:
    market.state = "PAUSE"
    with pytest.raises(ValidationError) as refused:
        checked.smartorders().create(**STOP)
    assert refused.value.field == "symbol" and "PAUSE" in refused.value.rule
    assert market.orders == []


def test_a_replace_is_checked_against_the_symbol_it_names(checked: Client, market: Market) -> None:
    with pytest.raises(ValidationError) as refused:
        checked.smartorders().cancel_replace("10000001", stop_price="58000.123", symbol="BTC_USDT")
    assert refused.value.field == "stop_price" and market.orders == []
    checked.smartorders().cancel_replace("10000001", stop_price="58000.12", symbol="BTC_USDT")
    assert [request.method for request in market.orders] == ["PUT"]
    with pytest.raises(ValidationError) as malformed:
        checked.smartorders().cancel_replace("10000001", stop_price="1", symbol="btc")
    assert malformed.value.field == "symbol"


def test_a_replace_without_its_symbol_is_not_checked(checked: Client, market: Market) -> None:
    checked.smartorders().cancel_replace("10000001", stop_price="58000.123")
    assert market.fetches == 0 and [request.method for request in market.orders] == ["PUT"]


def test_the_rules_are_fetched_once_then_again_after_their_age(exchange: Exchange, market: Market) -> None:
    clock = FakeClock()
    transport = httpx.MockTransport(exchange)
    with Client(KEY, SECRET, BASE, transport=transport, rate_limit=False, check_market_rules=True, _time=clock) as c:
        c.smartorders().create(**STOP)
        clock.now += MARKET_RULES_MAX_AGE - 0.001
        c.smartorders().create(**STOP)
        assert market.fetches == 1
        market.state = "PAUSE"
        clock.now += 0.002
        with pytest.raises(ValidationError, match="PAUSE"):
            c.smartorders().create(**STOP)
    assert market.fetches == 2 and len(market.orders) == 2


N = 8


def _count_checks(client: Client | AsyncClient, entered: list[int], all_in: threading.Event) -> None:
    """Count the creates that reached the rules check; set ``all_in`` once every one of the N has."""
    check = client._check_market_rules
    lock = threading.Lock()

    def counting(symbol: str, **fields: Any) -> Any:
        with lock:
            entered.append(1)
            if len(entered) == N:
                all_in.set()
        return check(symbol, **fields)

    client._check_market_rules = counting  # type: ignore[method-assign]


def test_threads_creating_at_once_fetch_the_rules_once(checked: Client, market: Market) -> None:
    entered: list[int] = []
    all_in = threading.Event()
    _count_checks(checked, entered, all_in)
    answer = market.answer

    def slow(request: httpx.Request) -> httpx.Response:
        if request.url.path == RULES:
            assert all_in.wait(10), "the creates did not all reach the check"
        return answer(request)

    market.exchange.default = slow
    threads = [threading.Thread(target=lambda: checked.smartorders().create(**STOP)) for _ in range(N)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
        assert not thread.is_alive()
    assert market.fetches == 1 and len(market.orders) == N


async def test_tasks_creating_at_once_fetch_the_rules_once(exchange: Exchange, market: Market) -> None:
    release = asyncio.Event()
    answer = market.answer

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == RULES:
            await release.wait()
        return exchange(request)

    exchange.default = answer
    transport = httpx.MockTransport(handler)
    async with AsyncClient(KEY, SECRET, BASE, transport=transport, rate_limit=False, check_market_rules=True) as c:
        tasks = [asyncio.create_task(c.smartorders().create(**STOP)) for _ in range(N)]
        for _ in range(50):  # bounded: until the one fetch is on its way
            await asyncio.sleep(0)
        release.set()
        await asyncio.gather(*tasks)
        with pytest.raises(ValidationError):
            await c.smartorders().create(**{**STOP, "quantity": "0.1234567"})
    assert market.fetches == 1 and len(market.orders) == N


async def test_an_async_create_breaking_the_rules_is_refused_unsent(
    exchange: Exchange, market: Market, wire: Any, async_backend: Any
) -> None:
    async with AsyncClient(
        KEY, SECRET, wire.url, rate_limit=False, http_backend=async_backend, check_market_rules=True
    ) as client:
        with pytest.raises(ValidationError) as refused:
            await client.smartorders().create(**{**STOP, "stop_price": "58000.123456789"})
        assert refused.value.field == "stop_price" and "priceScale 2" in refused.value.rule
        await client.smartorders().create(**STOP)
        market.state = "PAUSE"  # cached: still NORMAL for this client until the rules' age passes
        await client.smartorders().create(**STOP)
        with pytest.raises(ValidationError):
            await client.smartorders().cancel_replace("10000001", quantity="0.0001", symbol="BTC_USDT")
    assert market.fetches == 1 and len(market.orders) == 2


FAILURES: dict[str, Callable[[], httpx.Response]] = {
    "503": lambda: httpx.Response(503, json={"code": 24201, "message": "Service busy"}),
    "garbage": lambda: httpx.Response(200, content=b"<html>"),
    "cut": lambda: (_ for _ in ()).throw(httpx.ConnectError("refused")),
}


@pytest.mark.parametrize("failure", sorted(FAILURES))
def test_when_the_rules_cannot_be_fetched_the_order_goes_unchecked_with_a_warning(
    checked: Client, market: Market, caplog: pytest.LogCaptureFixture, failure: str
) -> None:
    market.failure = FAILURES[failure]
    with caplog.at_level(logging.WARNING, logger="polo_smartorders"):
        checked.smartorders().create(**{**STOP, "quantity": "0.1234567"})  # past the scale: the exchange decides
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1 and "sending the order unchecked" in warnings[0].getMessage()
    assert market.fetches == 1 and len(market.orders) == 1  # one attempt, no retries: the order is not held up
    checked.smartorders().create(**STOP)
    assert market.fetches == 2  # nothing was stored: the next order asks again
    market.failure = None
    with pytest.raises(ValidationError):
        checked.smartorders().create(**{**STOP, "quantity": "0.1234567"})
    assert market.fetches == 3 and len(market.orders) == 2


async def test_an_async_fetch_failure_sends_unchecked_and_stores_nothing(
    exchange: Exchange, market: Market, caplog: pytest.LogCaptureFixture
) -> None:
    market.failure = FAILURES["503"]
    transport = httpx.MockTransport(exchange)
    async with AsyncClient(KEY, SECRET, BASE, transport=transport, rate_limit=False, check_market_rules=True) as c:
        await c.smartorders().create(**{**STOP, "stop_price": "58000.123"})
        assert "sending the order unchecked" in caplog.text
        market.failure = None
        with pytest.raises(ValidationError):
            await c.smartorders().create(**{**STOP, "stop_price": "58000.123"})
    assert market.fetches == 2 and len(market.orders) == 1


def test_the_option_must_be_a_bool() -> None:
    with pytest.raises(ValidationError) as refused:
        Client(KEY, SECRET, BASE, check_market_rules="yes")  # type: ignore[arg-type]
    assert refused.value.field == "check_market_rules"


def test_a_create_without_credentials_fetches_nothing(exchange: Exchange, market: Market) -> None:
    transport = httpx.MockTransport(exchange)
    with Client(url=BASE, transport=transport, check_market_rules=True) as keyless:
        with pytest.raises(MissingCredentialsError):
            keyless.smartorders().create(**STOP)
        assert keyless.markets().get("BTC_USDT").symbol == "BTC_USDT"  # public: no key needed
    assert market.fetches == 1 and market.orders == []
