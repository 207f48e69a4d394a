"""The market-rules helpers at their bounds: rounding at any scale the spec allows (never a bare InvalidOperation),
the create's own rule for non-positive and over-long amounts, scales outside the spec's range, and the cache's
re-read of stale rules that would refuse, and its bounded wait for another caller's fetch."""

from __future__ import annotations

import asyncio
import decimal
import logging
import threading
from decimal import Decimal

import pytest
from polo_smartorders import Market, PoloError, ValidationError, check_order, round_amount, round_price, round_quantity
from polo_smartorders._markets import MarketRules
from polo_smartorders._rules import schema

from tests.unit.test_market_rules import Now, market

#: The spec's largest scale (SymbolTradeLimit.priceScale's maximum).
MAX_SCALE: int = schema("SymbolTradeLimit", "properties", "priceScale")["maximum"]


def test_rounding_at_the_largest_scale_keeps_every_digit() -> None:
    fine = market(priceScale=MAX_SCALE, quantityScale=2)
    assert round_price(fine, "1.5") == Decimal("1.5") and decimals_of(round_price(fine, "1.5")) == MAX_SCALE
    long = "1" * 27 + ".5"  # more digits than the decimal context's 28
    assert str(round_quantity(fine, long)) == "1" * 27 + ".50"


def decimals_of(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    return -exponent


@pytest.mark.parametrize("helper", [round_price, round_quantity, round_amount])
@pytest.mark.parametrize("value", ["1e400", "1e999999999", "1" * 45])
def test_rounding_a_number_too_long_to_send_is_the_creates_refusal(helper: object, value: str) -> None:
    assert callable(helper)
    with pytest.raises(ValidationError) as refused:
        helper(market(), value)
    assert "at most 40 characters" in refused.value.rule  # the spec's maxLength, as the create says it
    assert not isinstance(refused.value.__context__, decimal.InvalidOperation)


@pytest.mark.parametrize("helper", [round_price, round_quantity, round_amount])
@pytest.mark.parametrize("value", ["-0.0000019", "-1", "-0"])
def test_rounding_refuses_a_negative_number(helper: object, value: str) -> None:
    assert callable(helper)
    with pytest.raises(ValidationError, match="greater than 0"):
        helper(market(), value)


def test_rounding_down_to_zero_is_not_refused_there_but_by_the_check() -> None:
    zero = round_quantity(market(), "0.0000001")
    assert zero == 0
    with pytest.raises(ValidationError) as refused:
        check_order(market(minQuantity="0"), quantity=zero)
    assert refused.value.field == "quantity" and "greater than 0" in refused.value.rule


@pytest.mark.parametrize(
    ("field", "value"), [("price", "-1"), ("stop_price", "0"), ("quantity", "0.000"), ("amount", Decimal("-5"))]
)
def test_the_check_refuses_a_non_positive_amount_with_the_creates_rule(field: str, value: object) -> None:
    from polo_smartorders import Client

    with pytest.raises(ValidationError) as by_check:
        check_order(market(minQuantity="0", minAmount="0"), **{field: value})  # type: ignore[arg-type]
    create = {"symbol": "BTC_USDT", "side": "SELL", "stop_price": "1", "quantity": "1", field: value}
    if field == "amount":
        del create["quantity"]
    with Client("key1", "secret1", "http://127.0.0.1:9") as client, pytest.raises(ValidationError) as by_create:
        client.smartorders().create(**create)  # type: ignore[arg-type]  # refused before sending: nothing listens
    assert by_check.value.field == by_create.value.field == field
    assert by_check.value.rule == by_create.value.rule


@pytest.mark.parametrize("scale", [-1, MAX_SCALE + 1, 10**30])
@pytest.mark.parametrize(
    ("wire", "helper", "order"),
    [
        ("priceScale", round_price, {"price": "1.5"}),
        ("quantityScale", round_quantity, {"quantity": "1.5"}),
        ("amountScale", round_amount, {"amount": "10.5"}),
    ],
)
def test_a_scale_outside_the_specs_range_is_refused_naming_it(
    wire: str, helper: object, order: dict[str, str], scale: int
) -> None:
    assert callable(helper)
    odd = market("NORMAL", **{wire: scale})
    name = "market.symbol_trade_limit." + wire.replace("Scale", "_scale")
    with pytest.raises(ValidationError) as by_round:
        helper(odd, "1.5")
    with pytest.raises(ValidationError) as by_check:
        check_order(odd, **order)
    assert by_round.value.field == by_check.value.field == name and str(scale) in by_check.value.rule
    assert isinstance(by_round.value, PoloError)


# ---------------------------------------------------------------- stale refusals are read again


class Answers:
    """A market fetch answering the state it is set to, counting its calls."""

    def __init__(self) -> None:
        self.state = "NORMAL"
        self.calls = 0

    def __call__(self, symbol: str) -> Market:
        self.calls += 1
        return market(self.state)


def test_cached_rules_that_would_refuse_are_read_again_once_past_the_recheck_age() -> None:
    now, fetch = Now(), Answers()
    rules = MarketRules(clock=now, recheck_age=1.0)
    fetch.state = "PAUSE"
    with pytest.raises(ValidationError, match="PAUSE"):
        rules.check("BTC_USDT", fetch, quantity="1")
    now.now += 0.5
    with pytest.raises(ValidationError, match="PAUSE"):  # young: trusted, not read again
        rules.check("BTC_USDT", fetch, quantity="1")
    assert fetch.calls == 1
    fetch.state = "NORMAL"  # the market resumes
    now.now += 0.5
    rules.check("BTC_USDT", fetch, quantity="1")  # stale PAUSE: read again, and the order passes
    assert fetch.calls == 2
    rules.check("BTC_USDT", fetch, quantity="1")
    assert fetch.calls == 2  # passing rules stay cached for max_age


def test_a_stale_scale_refusal_is_read_again_too_and_a_failed_reread_sends_unchecked(
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = Now()
    rules = MarketRules(clock=now)
    rules.get("BTC_USDT", lambda symbol: market())
    now.now += 5
    calls: list[str] = []

    def wider(symbol: str) -> Market:
        calls.append(symbol)
        return market(priceScale=3)

    rules.check("BTC_USDT", wider, price="1.123")  # 3 decimals: refused by the cached scale 2, passed by the new
    assert calls == ["BTC_USDT"]
    now.now += 5

    def failing(symbol: str) -> Market:
        from polo_smartorders import ServerError

        raise ServerError(503, "Service busy", status_code=503)

    with caplog.at_level(logging.WARNING, logger="polo_smartorders"):
        rules.check("BTC_USDT", failing, price="1.1234")  # stale refusal, failed re-read: the exchange decides
    assert "sending the order unchecked" in caplog.text


async def test_async_cached_rules_that_would_refuse_are_read_again() -> None:
    now, answers = Now(), Answers()

    async def fetch(symbol: str) -> Market:
        return answers(symbol)

    rules = MarketRules(clock=now)
    answers.state = "PAUSE"
    with pytest.raises(ValidationError):
        await rules.acheck("BTC_USDT", fetch, quantity="1")
    answers.state = "NORMAL"
    now.now += 1.0
    await rules.acheck("BTC_USDT", fetch, quantity="1")
    assert answers.calls == 2


# ---------------------------------------------------------------- a caller waits for another's fetch `wait` at most


def test_a_thread_waiting_on_another_threads_fetch_gives_up_after_its_wait(caplog: pytest.LogCaptureFixture) -> None:
    rules = MarketRules(clock=Now())
    started, release = threading.Event(), threading.Event()

    def stalled(symbol: str) -> Market:
        started.set()
        assert release.wait(10)
        return market()

    owner = threading.Thread(target=lambda: rules.get("BTC_USDT", stalled))
    owner.start()
    try:
        assert started.wait(10)
        with caplog.at_level(logging.WARNING, logger="polo_smartorders"):
            rules.check("BTC_USDT", stalled, wait=0.01, quantity="0.1234567")  # past the scale: unchecked
        assert "no answer in time" in caplog.text
    finally:
        release.set()
        owner.join(10)


async def test_a_task_waiting_on_a_stalled_fetch_gives_up_after_its_wait(caplog: pytest.LogCaptureFixture) -> None:
    rules = MarketRules(clock=Now())
    release = asyncio.Event()

    async def stalled(symbol: str) -> Market:
        await asyncio.wait_for(release.wait(), 10)  # bounded: a check that does not give up fails, not hangs
        return market()

    with caplog.at_level(logging.WARNING, logger="polo_smartorders"):
        await rules.acheck("BTC_USDT", stalled, wait=0.01, quantity="0.1234567")
    assert "no answer in time" in caplog.text
    release.set()  # the shared fetch goes on for the next caller, and stores its answer
    for _ in range(50):
        await asyncio.sleep(0)
    assert rules.fresh("BTC_USDT") is not None
