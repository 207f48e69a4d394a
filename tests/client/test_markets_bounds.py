"""check_market_rules at its bounds: the rules' fetch runs under the create's own deadline and waits
MARKET_RULES_FETCH_TIMEOUT at most (a stalled market endpoint delays a stop by that, never by a whole timeout); a
cached PAUSE is read again before refusing once it is a second old; an answer with another market's symbol or a scale
outside the spec's range is refused, and the order then goes unchecked. Time is the fake clock's (virtual)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx
import pytest
from polo_smartorders import AsyncClient, Client, InvalidResponseError, ValidationError
from polo_smartorders._constants import MARKET_RULES_FETCH_TIMEOUT, MARKET_RULES_RECHECK_AGE

from tests.client.test_markets_rules import MARKET, RULES, STOP, Market
from tests.support.clock import FakeClock
from tests.support.exchange import BASE, Exchange, default_answer
from tests.support.keys import KEY, SECRET


def _held(market_s: float, order_s: float, clock: FakeClock, sent: list[str]) -> httpx.MockTransport:
    """Answers on the fake clock's loop: the market's rules after ``market_s``, an order after ``order_s``."""

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == RULES:
            await asyncio.sleep(market_s)
            return httpx.Response(200, json=[MARKET])
        await asyncio.sleep(order_s)
        sent.append(request.method)
        return default_answer(request)

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(("deadline", "spent"), [(2.0, 1.0 + 0.5), (60.0, MARKET_RULES_FETCH_TIMEOUT + 0.5)])
def test_a_stalled_rules_fetch_takes_its_share_of_the_deadline_and_the_order_goes_unchecked(
    clock: FakeClock, caplog: pytest.LogCaptureFixture, deadline: float, spent: float
) -> None:
    """The market's answer held 5 s (deadline 2: the fetch gets half, 1 s) or 100 s (deadline 60: the fetch gets
    MARKET_RULES_FETCH_TIMEOUT); the order, answered in 0.5 s, is placed within the one deadline."""
    sent: list[str] = []
    transport = _held(5.0 if deadline == 2.0 else 100.0, 0.5, clock, sent)

    async def create() -> float:
        async with AsyncClient(
            KEY, SECRET, BASE, transport=transport, rate_limit=False, check_market_rules=True,
            deadline=deadline, _time=clock,
        ) as c:  # fmt: skip
            start = clock.monotonic()
            await c.smartorders().create(**{**STOP, "quantity": "0.1234567"})  # past the scale: unchecked
            return clock.monotonic() - start

    with caplog.at_level(logging.WARNING, logger="polo_smartorders"):
        took = clock.run(create())
    assert took == pytest.approx(spent) and took <= deadline
    assert sent == ["POST"] and "sending the order unchecked" in caplog.text


def test_a_sync_create_and_its_rules_fetch_share_one_deadline(exchange: Exchange, clock: FakeClock) -> None:
    """The sync client: the rules' fetch waits half the deadline at most, and the time it took is the create's no
    more (before, the fetch had 10 s, and the create a deadline of its own, starting afresh)."""
    market = Market(exchange)
    seen: list[float | None] = []
    answer = market.answer

    def timed(request: httpx.Request) -> httpx.Response:
        timeout = request.extensions.get("timeout", {}).get("read")
        seen.append(timeout)
        if request.url.path == RULES:
            clock.advance(1.0)  # the answer takes a second
        return answer(request)

    exchange.default = timed
    transport = httpx.MockTransport(exchange)
    with Client(
        KEY, SECRET, BASE, transport=transport, rate_limit=False, check_market_rules=True, deadline=3.0,
        timeout=10.0, _time=clock,
    ) as c:  # fmt: skip
        c.smartorders().create(**STOP)
    assert seen[0] == pytest.approx(min(MARKET_RULES_FETCH_TIMEOUT, 3.0 / 2))  # the fetch's bound, not 10 s
    assert seen[1] == pytest.approx(3.0 - 1.0)  # the create has what the fetch left of the one deadline
    assert len(seen) == 2 and market.fetches == 1


def test_a_cached_pause_is_read_again_before_refusing_once_a_second_old(exchange: Exchange, clock: FakeClock) -> None:
    market = Market(exchange)
    transport = httpx.MockTransport(exchange)
    with Client(KEY, SECRET, BASE, transport=transport, rate_limit=False, check_market_rules=True, _time=clock) as c:
        market.state = "PAUSE"
        with pytest.raises(ValidationError, match="PAUSE"):
            c.smartorders().create(**STOP)
        market.state = "NORMAL"  # the market resumes
        with pytest.raises(ValidationError, match="PAUSE"):  # within the second: the refusal stands, no re-read
            c.smartorders().create(**STOP)
        assert market.fetches == 1
        clock.now += MARKET_RULES_RECHECK_AGE
        c.smartorders().create(**STOP)  # read again: NORMAL, placed
        c.smartorders().create(**STOP)  # and cached
    assert market.fetches == 2 and len(market.orders) == 2


async def test_an_async_cached_pause_is_read_again_before_refusing(exchange: Exchange, clock: FakeClock) -> None:
    market = Market(exchange)
    transport = httpx.MockTransport(exchange)
    async with AsyncClient(
        KEY, SECRET, BASE, transport=transport, rate_limit=False, check_market_rules=True, _time=clock
    ) as c:
        market.state = "PAUSE"
        with pytest.raises(ValidationError):
            await c.smartorders().create(**STOP)
        market.state = "NORMAL"
        clock.now += MARKET_RULES_RECHECK_AGE
        await c.smartorders().cancel_replace("10000001", stop_price="58000.12", symbol="BTC_USDT")
    assert market.fetches == 2 and len(market.orders) == 1


ODD: dict[str, tuple[dict[str, Any], str]] = {
    "another market": ({**MARKET, "symbol": "ETH_USDT"}, "$[0].symbol: expected 'BTC_USDT'"),
    "negative scale": (
        {**MARKET, "symbolTradeLimit": {**MARKET["symbolTradeLimit"], "priceScale": -1}},
        "$[0].symbolTradeLimit.priceScale: must be 0 or more, got -1",
    ),
    "absurd scale": (
        {**MARKET, "symbolTradeLimit": {**MARKET["symbolTradeLimit"], "quantityScale": 10**30}},
        "$[0].symbolTradeLimit.quantityScale: must be 38 or less",
    ),
}


@pytest.mark.parametrize("case", sorted(ODD))
def test_an_odd_market_answer_is_refused_and_the_order_goes_unchecked(
    exchange: Exchange, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    body, named = ODD[case]
    exchange.default = lambda request: (
        httpx.Response(200, json=[body]) if request.url.path.startswith("/markets") else default_answer(request)
    )
    transport = httpx.MockTransport(exchange)
    with Client(KEY, SECRET, BASE, transport=transport, rate_limit=False, check_market_rules=True) as c:
        with pytest.raises(InvalidResponseError) as refused:
            c.markets().get("BTC_USDT")
        assert named in str(refused.value)
        if case != "another market":  # a list may hold any market, but none with a scale out of the spec's range
            with pytest.raises(InvalidResponseError, match=r"markets: \$\[0\]\.symbolTradeLimit\..*Scale: must be"):
                c.markets().get_all()
        with caplog.at_level(logging.WARNING, logger="polo_smartorders"):
            c.smartorders().create(**{**STOP, "stop_price": "58000.5"})  # refused by scale -1, passed by 10**30
    assert "sending the order unchecked" in caplog.text and named in caplog.text
    assert [request.method for request in exchange.requests].count("POST") == 1
