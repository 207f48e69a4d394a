"""A market's trading rules: rounding to its scales, the order check at and one digit past each rule, and the cache
check_market_rules keeps (one fetch for concurrent callers, refreshed after its age, a failure never stored)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from decimal import ROUND_DOWN, ROUND_UP, Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from polo_smartorders import (
    Market,
    ServerError,
    ValidationError,
    check_order,
    round_amount,
    round_price,
    round_quantity,
)
from polo_smartorders._markets import MarketRules, decimals

#: BTC_USDT as the exchange lists it: prices to 2 decimals, quantities to 6, amounts to 2.
BTC_USDT: dict[str, Any] = {
    "symbol": "BTC_USDT",
    "baseCurrencyName": "BTC",
    "quoteCurrencyName": "USDT",
    "displayName": "BTC/USDT",
    "state": "NORMAL",
    "visibleStartTime": 1659018819512,
    "tradableStartTime": 1659018819512,
    "symbolTradeLimit": {
        "symbol": "BTC_USDT",
        "priceScale": 2,
        "quantityScale": 6,
        "amountScale": 2,
        "minQuantity": "0.0001",
        "minAmount": "5",
        "highestBid": "0",
        "lowestAsk": "0",
    },
    "crossMargin": {"supportCrossMargin": True, "maxLeverage": 3},
}


def market(state: str = "NORMAL", **limits: object) -> Market:
    raw = {**BTC_USDT, "state": state, "symbolTradeLimit": {**BTC_USDT["symbolTradeLimit"], **limits}}
    return Market.from_dict(raw)


BTC = market()
NO_MINIMUM = market(minQuantity="0", minAmount="0")


# ---------------------------------------------------------------- rounding


def test_a_price_rounds_to_the_nearest_tick_by_default() -> None:
    assert str(round_price(BTC, "58000.124")) == "58000.12"
    assert str(round_price(BTC, "58000.126")) == "58000.13"
    assert str(round_price(BTC, "58000.125")) == "58000.12"  # half to even: no bias either way
    assert str(round_price(BTC, Decimal("58000"))) == "58000.00"


def test_a_price_takes_the_rounding_a_strategy_needs() -> None:
    assert str(round_price(BTC, "58000.129", rounding=ROUND_DOWN)) == "58000.12"
    assert str(round_price(BTC, "58000.121", rounding=ROUND_UP)) == "58000.13"
    with pytest.raises(ValidationError) as refused:
        round_price(BTC, "1", rounding="ROUND_SIDEWAYS")
    assert refused.value.field == "rounding"


def test_a_quantity_and_an_amount_are_cut_down_never_up() -> None:
    assert str(round_quantity(BTC, "0.123456789012")) == "0.123456"
    assert str(round_quantity(BTC, "0.9999999")) == "0.999999"
    assert str(round_amount(BTC, "10.999")) == "10.99"


@pytest.mark.parametrize("helper", [round_price, round_quantity, round_amount])
def test_rounding_refuses_a_float(helper: Callable[..., Decimal]) -> None:
    with pytest.raises(ValidationError, match="floats are refused"):
        helper(BTC, 0.1)


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e9"), allow_nan=False, places=12))  # none rounds to 0
def test_a_rounded_order_passes_the_scale_checks(value: Decimal) -> None:
    prices = dict(price=round_price(BTC, value), stop_price=round_price(BTC, value, rounding=ROUND_UP))
    sizes = dict(quantity=round_quantity(BTC, value), amount=round_amount(BTC, value))
    check_order(NO_MINIMUM, **prices, **sizes)
    assert sizes["quantity"] <= value and sizes["amount"] <= value  # cut down, never up


# ---------------------------------------------------------------- the check, at each edge


@pytest.mark.parametrize(
    ("field", "at_scale", "past_scale", "rule", "scale"),
    [
        ("price", "58000.12", "58000.123", "priceScale", 2),
        ("stop_price", "58000.12", "58000.123456789", "priceScale", 2),
        ("quantity", "0.123456", "0.1234567", "quantityScale", 6),
        ("amount", "100.25", "100.251", "amountScale", 2),
    ],
)
def test_a_field_passes_at_its_scale_and_is_refused_one_digit_past_it(
    field: str, at_scale: str, past_scale: str, rule: str, scale: int
) -> None:
    check_order(BTC, **{field: at_scale})
    check_order(BTC, **{field: Decimal(at_scale)})
    with pytest.raises(ValidationError) as refused:
        check_order(BTC, **{field: past_scale})
    assert refused.value.field == field
    assert f"({rule} {scale})" in refused.value.rule and "BTC_USDT" in refused.value.rule


def test_trailing_zeros_are_not_decimals() -> None:
    check_order(BTC, price="40000.50000", quantity="1.1000000000", amount="10.000")


def test_a_decimal_in_exponent_form_counts_the_decimals_it_is_sent_with() -> None:
    check_order(BTC, quantity=Decimal("1.23E-4"), price=Decimal("4.0000E+4"))  # 0.000123 and 40000.0
    with pytest.raises(ValidationError) as refused:
        check_order(BTC, quantity=Decimal("1.2340E-4"))  # 0.0001234: 7 decimals
    assert refused.value.rule.startswith("has 7 decimals")


def test_a_long_number_in_exponent_form_is_counted_without_rounding() -> None:
    """31 digits, more than the decimal context's 28: counting must not round the last ones away (normalize() would
    make this 1E-7, seven decimals, and pass it at a scale of 8)."""
    tiny = Decimal("1.000000000000000000000000000001E-7")
    assert decimals(tiny) == 37
    with pytest.raises(ValidationError) as refused:
        check_order(market(quantityScale=8, minQuantity="0"), quantity=tiny)
    assert refused.value.rule.startswith("has 37 decimals")


def test_a_quantity_below_the_minimum_is_refused_naming_it() -> None:
    check_order(BTC, quantity="0.0001")
    with pytest.raises(ValidationError) as refused:
        check_order(BTC, quantity="0.000099")
    assert refused.value.field == "quantity"
    assert "minQuantity 0.0001" in refused.value.rule


def test_an_amount_below_the_minimum_is_refused_naming_it() -> None:
    check_order(BTC, amount="5")
    with pytest.raises(ValidationError) as refused:
        check_order(BTC, amount="4.99")
    assert refused.value.field == "amount"
    assert "minAmount 5" in refused.value.rule


def test_a_paused_market_refuses_every_order() -> None:
    with pytest.raises(ValidationError) as refused:
        check_order(market("PAUSE"), quantity="1")
    assert refused.value.field == "symbol" and "PAUSE" in refused.value.rule


@pytest.mark.parametrize("state", ["NORMAL", "POST_ONLY", "A_STATE_ADDED_LATER"])
def test_other_states_refuse_nothing(state: str) -> None:
    check_order(market(state), price="1.5", quantity="1")


def test_fields_not_given_are_not_checked() -> None:
    check_order(market(minQuantity="100", minAmount="100"))  # a cancel-replace moving nothing but its type


def test_a_float_is_refused_by_the_check() -> None:
    with pytest.raises(ValidationError) as refused:
        check_order(BTC, stop_price=58000.5)  # type: ignore[arg-type]
    assert refused.value.field == "stop_price"


# ---------------------------------------------------------------- the cache


class Fetches:
    """A market fetch that counts its calls, and fails while ``failing`` is set."""

    def __init__(self) -> None:
        self.calls = 0
        self.failing = False

    def __call__(self, symbol: str) -> Market:
        self.calls += 1
        if self.failing:
            raise ServerError(503, "Service busy", status_code=503)
        return market()


class Now:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_rules_are_fetched_once_then_again_after_their_age() -> None:
    now, fetch = Now(), Fetches()
    rules = MarketRules(max_age=60.0, clock=now)
    rules.get("BTC_USDT", fetch)
    now.now = 59.9
    rules.get("BTC_USDT", fetch)
    assert fetch.calls == 1
    now.now = 60.0
    rules.get("BTC_USDT", fetch)
    assert fetch.calls == 2
    rules.get("ETH_USDT", fetch)
    assert fetch.calls == 3


def test_a_failed_fetch_is_not_stored() -> None:
    fetch = Fetches()
    rules = MarketRules(clock=Now())
    fetch.failing = True
    with pytest.raises(ServerError):
        rules.get("BTC_USDT", fetch)
    assert rules.fresh("BTC_USDT") is None
    fetch.failing = False
    assert rules.get("BTC_USDT", fetch).symbol == "BTC_USDT"
    assert fetch.calls == 2


def test_check_passes_an_order_when_the_rules_cannot_be_fetched(caplog: pytest.LogCaptureFixture) -> None:
    fetch = Fetches()
    fetch.failing = True
    MarketRules(clock=Now()).check("BTC_USDT", fetch, quantity="0.1234567")  # past the scale, but unchecked
    assert "could not fetch the market rules of BTC_USDT" in caplog.text
    assert caplog.records[-1].levelname == "WARNING"


N = 8


def _threads(target: Callable[[], None]) -> None:
    threads = [threading.Thread(target=target) for _ in range(N)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
        assert not thread.is_alive()


class Gated(MarketRules):
    """Counts the callers that entered ``get``; the fetch waits until all N have (bounded), so that every caller
    asks while the fetch is under way."""

    def __init__(self) -> None:
        super().__init__(clock=Now())
        self.entered = 0
        self._count = threading.Lock()
        self.all_in = threading.Event()

    def get(self, symbol: str, fetch: Callable[[str], Market], wait: float | None = None) -> Market:
        with self._count:
            self.entered += 1
            if self.entered == N:
                self.all_in.set()
        return super().get(symbol, fetch, wait)


@pytest.mark.parametrize("failing", [False, True])
def test_threads_asking_at_once_share_one_fetch_and_its_outcome(failing: bool) -> None:
    rules, fetch = Gated(), Fetches()
    fetch.failing = failing
    outcomes: list[str] = []

    def slow(symbol: str) -> Market:
        assert rules.all_in.wait(10)
        return fetch(symbol)

    def ask() -> None:
        try:
            outcomes.append(rules.get("BTC_USDT", slow).symbol)
        except ServerError as error:
            outcomes.append(str(error.code))

    _threads(ask)
    assert fetch.calls == 1
    assert outcomes == ["503" if failing else "BTC_USDT"] * N


@pytest.mark.parametrize("failing", [False, True])
async def test_tasks_asking_at_once_share_one_fetch_and_its_outcome(failing: bool) -> None:
    rules, fetch = MarketRules(clock=Now()), Fetches()
    fetch.failing = failing
    release = asyncio.Event()

    async def slow(symbol: str) -> Market:
        await release.wait()
        return fetch(symbol)

    async def ask() -> str:
        try:
            return (await rules.aget("BTC_USDT", slow)).symbol
        except ServerError as error:
            return str(error.code)

    tasks = [asyncio.create_task(ask()) for _ in range(N)]
    await asyncio.sleep(0)  # every task asks, and waits on the one fetch
    release.set()
    outcomes = await asyncio.gather(*tasks)
    assert fetch.calls == 1
    assert outcomes == ["503" if failing else "BTC_USDT"] * N
    fetch.failing = False
    await rules.aget("BTC_USDT", slow)  # a failure was not stored; a success is
    await rules.aget("BTC_USDT", slow)
    assert fetch.calls == (2 if failing else 1)


async def test_a_cancelled_caller_does_not_cancel_the_fetch_for_the_others() -> None:
    rules, fetch = MarketRules(clock=Now()), Fetches()
    release = asyncio.Event()

    async def slow(symbol: str) -> Market:
        await release.wait()
        return fetch(symbol)

    first = asyncio.create_task(rules.aget("BTC_USDT", slow))
    second = asyncio.create_task(rules.aget("BTC_USDT", slow))
    await asyncio.sleep(0)
    first.cancel()
    await asyncio.sleep(0)
    release.set()
    assert (await second).symbol == "BTC_USDT"
    assert first.cancelled() and fetch.calls == 1
