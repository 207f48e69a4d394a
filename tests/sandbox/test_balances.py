"""Balances, opt-in (issue 20.6): with `balances`, a smart order that triggers without the funds for its order fails
and no order is placed, as on the exchange (funds frozen only at trigger time); without, funds are unlimited."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from polo_smartorders.sandbox import Market, Sandbox, create_app
from polo_smartorders.sandbox._validation import parse_create
from polo_smartorders.testing import async_sandbox, sandbox

from tests.support.sandbox import sandbox_client

KEY = "sandbox-key"


def place(engine: Sandbox, **fields: str) -> str:
    """A smart order of the default account, by its create body's fields."""
    return str(engine.create(KEY, parse_create(fields))["id"])


def state_of(engine: Sandbox, order_id: str) -> tuple[str, Any]:
    """The order's state and its triggered order's state (None when it placed none)."""
    [order] = [order for order in engine.orders(KEY) if order["id"] == order_id]
    child: Any = order.get("triggeredOrder")
    return str(order["state"]), None if child is None else child["state"]


def funds(engine: Sandbox) -> dict[str, Decimal] | None:
    return engine.balances(KEY)


def test_without_balances_funds_are_unlimited() -> None:
    engine = Sandbox()
    assert funds(engine) is None
    big = place(engine, symbol="BTC_USDT", side="BUY", stopPrice="60000", quantity="1000")
    engine.set_price("BTC_USDT", "60000")
    assert state_of(engine, big) == ("TRIGGERED", "FILLED")
    assert funds(engine) is None


def test_a_buy_spends_the_quote_and_a_second_without_funds_fails() -> None:
    engine = Sandbox(balances={"USDT": "1000"})
    first = place(engine, symbol="BTC_USDT", side="BUY", stopPrice="60000", quantity="0.01")
    second = place(engine, symbol="BTC_USDT", side="BUY", stopPrice="60000", quantity="0.01")  # placed: nothing held
    assert funds(engine) == {"USDT": Decimal(1000)}
    engine.set_price("BTC_USDT", "60000")  # both trigger; the first takes 600 USDT, the second finds 400
    assert state_of(engine, first) == ("TRIGGERED", "FILLED")
    assert state_of(engine, second) == ("FAILED", None)
    assert funds(engine) == {"USDT": Decimal(400), "BTC": Decimal("0.01")}
    [failed] = [order for order in engine.history(KEY, _history()) if order["id"] == second]
    assert failed["state"] == "FAILED"


def test_exactly_enough_is_enough() -> None:
    engine = Sandbox(balances={"USDT": "600"})
    order = place(engine, symbol="BTC_USDT", side="BUY", stopPrice="60000", quantity="0.01")
    engine.set_price("BTC_USDT", "60000")
    assert state_of(engine, order) == ("TRIGGERED", "FILLED")
    assert funds(engine) == {"USDT": Decimal(0), "BTC": Decimal("0.01")}


def test_a_sell_needs_the_base_currency() -> None:
    engine = Sandbox(balances={"USDT": "1000", "BTC": "0.5"})
    too_much = place(engine, symbol="BTC_USDT", side="SELL", stopPrice="58000", quantity="0.6")
    enough = place(engine, symbol="BTC_USDT", side="SELL", stopPrice="58000", quantity="0.5")
    engine.set_price("BTC_USDT", "57000")  # fills at the market: 0.5 x 57,000
    assert state_of(engine, too_much) == ("FAILED", None)
    assert state_of(engine, enough) == ("TRIGGERED", "FILLED")
    assert funds(engine) == {"USDT": Decimal("29500.0"), "BTC": Decimal("0.0")}


def test_a_currency_not_given_is_held_at_zero() -> None:
    engine = Sandbox(balances={"USDT": "1000"})
    order = place(engine, symbol="ETH_BTC", side="BUY", stopPrice="0.05", quantity="1")  # needs BTC
    engine.set_price("ETH_BTC", "0.05")
    assert state_of(engine, order) == ("FAILED", None)


def test_an_amount_buy_spends_its_amount_and_an_amount_sell_its_base() -> None:
    engine = Sandbox(balances={"USDT": "100", "LTC": "1"})
    buy = place(engine, symbol="LTC_USDT", side="BUY", stopPrice="80", amount="100")
    sell = place(engine, symbol="LTC_USDT", side="SELL", stopPrice="80", amount="80")  # 1 LTC at 80
    engine.set_price("LTC_USDT", "80")
    assert state_of(engine, buy) == ("TRIGGERED", "FILLED") and state_of(engine, sell) == ("TRIGGERED", "FILLED")
    assert funds(engine) == {"USDT": Decimal(80), "LTC": Decimal("1.25")}  # 100 - 100 + 80; 1 + 1.25 - 1


def test_a_resting_limit_holds_its_funds_until_it_fills() -> None:
    engine = Sandbox(balances={"USDT": "1000"})
    order = place(engine, symbol="BTC_USDT", side="BUY", type="STOP_LIMIT", stopPrice="60000", price="59000",
                  quantity="0.01")  # fmt: skip
    engine.set_price("BTC_USDT", "60000")  # triggers a LIMIT buy at 59,000 that does not fill yet
    assert state_of(engine, order) == ("TRIGGERED", "NEW")
    assert funds(engine) == {"USDT": Decimal("410.00")}  # 590 held
    other = place(engine, symbol="BTC_USDT", side="BUY", stopPrice="60000", quantity="0.01")
    engine.set_price("BTC_USDT", "60001")  # 600.01 wanted, 410 there: the held 590 is not spendable
    assert state_of(engine, other) == ("FAILED", None)
    engine.set_price("BTC_USDT", "59000")
    assert state_of(engine, order) == ("TRIGGERED", "FILLED")
    assert funds(engine) == {"USDT": Decimal("410.00"), "BTC": Decimal("0.01")}


def test_an_ioc_limit_that_cannot_fill_takes_nothing_but_still_needs_the_funds() -> None:
    engine = Sandbox(balances={"USDT": "1000"})
    ioc = place(engine, symbol="BTC_USDT", side="BUY", type="STOP_LIMIT", stopPrice="60000", price="59000",
                quantity="0.01", timeInForce="IOC")  # fmt: skip
    poor = place(engine, symbol="BTC_USDT", side="BUY", type="STOP_LIMIT", stopPrice="60000", price="59000",
                 quantity="1", timeInForce="IOC")  # fmt: skip
    engine.set_price("BTC_USDT", "60000")
    assert state_of(engine, ioc) == ("TRIGGERED", "CANCELED")
    assert state_of(engine, poor) == ("FAILED", None)
    assert funds(engine) == {"USDT": Decimal(1000)}


def test_cancelling_an_untriggered_order_changes_no_funds() -> None:
    engine = Sandbox(balances={"USDT": "10"})
    order = place(engine, symbol="BTC_USDT", side="BUY", stopPrice="60000", quantity="1")  # 60,000 > 10: placed
    engine.cancel(KEY, _ref(order))
    assert state_of(engine, order) == ("CANCELED", None) and funds(engine) == {"USDT": Decimal(10)}


def test_a_trailing_order_without_funds_fails_when_it_triggers() -> None:
    engine = Sandbox(balances={"BTC": "0.001"})
    order = place(engine, symbol="BTC_USDT", side="SELL", type="TRAILING_STOP", trailingOffset="1000",
                  quantity="0.01")  # fmt: skip
    engine.set_price("BTC_USDT", "60000")
    engine.set_price("BTC_USDT", "58000")
    assert state_of(engine, order) == ("FAILED", None)


def test_every_account_starts_with_the_balances_and_reset_restores_them() -> None:
    engine = Sandbox({KEY: "s", "other": "t"}, balances={"USDT": "100"})
    engine.add_account("third", "u")
    assert engine.balances("other") == engine.balances("third") == {"USDT": Decimal(100)}
    engine.set_balance(KEY, "BTC", "2")
    place(engine, symbol="BTC_USDT", side="BUY", stopPrice="60", quantity="1")
    engine.set_price("BTC_USDT", "60")
    assert funds(engine) == {"USDT": Decimal(40), "BTC": Decimal(3)}
    engine.reset()
    assert funds(engine) == {"USDT": Decimal(100)}
    engine.reset(balances={"ETH": "1"})
    assert funds(engine) == {"ETH": Decimal(1)} and engine.balances("other") == {"ETH": Decimal(1)}


@pytest.mark.parametrize(
    ("balances", "fragment"),
    [
        ({"usdt": "1"}, "currency"),
        ({"USDT": "-1"}, "from 0"),
        ({"USDT": 1.5}, "decimal string"),
        ({"USDT": "lots"}, "not a decimal"),
        ({"USDT": "1e100"}, "under 10\\^40"),
    ],
)
def test_balances_are_checked(balances: dict[str, Any], fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        Sandbox(balances=balances)


def test_the_state_keeps_balances_and_markets() -> None:
    engine = Sandbox(balances={"USDT": "1000"})
    engine.set_market(engine.market("BTC_USDT").with_state("PAUSE"))
    place(engine, symbol="ETH_USDT", side="BUY", stopPrice="2000", quantity="0.1")
    engine.set_price("ETH_USDT", "2000")
    saved = json.loads(json.dumps(engine.state()))
    restored = Sandbox()  # unlimited, NORMAL markets: the state brings its own
    restored.restore(saved)
    assert funds(restored) == {"USDT": Decimal(800), "ETH": Decimal("0.1")}
    assert restored.market("BTC_USDT").state == "PAUSE"
    assert restored.last_trade("ETH_USDT") == engine.last_trade("ETH_USDT")
    assert restored.state() == engine.state()


def test_a_state_of_version_1_still_restores() -> None:
    """Saved before markets and balances were kept: it restores with the restoring sandbox's."""
    old = {"version": 1, "nextId": 10_000_001, "prices": {"BTC_USDT": "60000"}, "orders": {KEY: []}}
    engine = Sandbox(balances={"USDT": "5"})
    engine.restore(old)
    assert engine.price("BTC_USDT") == Decimal(60000) and funds(engine) == {"USDT": Decimal(5)}


def test_testing_sandbox_takes_balances() -> None:
    with sandbox(balances={"USDT": "1000"}) as exchange:
        so = exchange.client.smartorders()
        first = so.create(symbol="BTC_USDT", side="BUY", stop_price="60000", quantity="0.01")
        second = so.create(symbol="BTC_USDT", side="BUY", stop_price="60000", quantity="0.01")
        exchange.set_price("BTC_USDT", "60000")
        assert so.get_by_id(first.id).state == "TRIGGERED"
        failed = so.get_by_id(second.id)
        assert failed.state == "FAILED" and "triggeredOrder" not in failed.to_dict()
        assert exchange.balances() == {"USDT": Decimal(400), "BTC": Decimal("0.01")}
    with sandbox() as unlimited:
        assert unlimited.balances() is None


async def test_async_sandbox_and_create_app_take_balances() -> None:
    async with async_sandbox(balances={"BTC": "0.001"}) as exchange:
        so = exchange.client.smartorders()
        order = await so.create(symbol="BTC_USDT", side="SELL", stop_price="58000", quantity="0.002")
        exchange.set_price("BTC_USDT", "57000")
        assert (await so.get_by_id(order.id)).state == "FAILED"
    app = create_app(balances={"USDT": "1"})
    async with sandbox_client(app) as http:
        placed = await http.ok("POST", "/smartorders", {"symbol": "BTC_USDT", "side": "BUY", "stopPrice": "60000",
                                                        "quantity": "0.01"})  # fmt: skip
        app.state.sandbox.set_price("BTC_USDT", "60000")
        [order] = await http.ok("GET", f"/smartorders/{placed['id']}")
        assert order["state"] == "FAILED" and "triggeredOrder" not in order


def _history() -> Any:
    from polo_smartorders.sandbox._filters import HistoryQuery

    return HistoryQuery()


def _ref(order_id: str) -> Any:
    from polo_smartorders.sandbox._validation import OrderRef

    return OrderRef("id", order_id)


def test_a_buy_limit_filled_below_its_limit_pays_the_fill_price_and_frees_the_rest() -> None:
    """The review's case: held at the limit (200), filled at the market (105): 95 goes back and can be spent."""
    with sandbox(balances={"USDT": "1000"}) as exchange:
        so = exchange.client.smartorders()
        exchange.set_price("BTC_USDT", "100")
        so.create(symbol="BTC_USDT", side="BUY", type="STOP_LIMIT", stop_price="105", price="200", quantity="1")
        exchange.set_price("BTC_USDT", "105")  # triggers: the LIMIT buy at 200 is marketable at 105
        [order] = exchange.orders()
        child = order.triggered_order
        assert child
        assert (child.type_, child.state) == ("LIMIT", "FILLED")
        assert child.avg_price == child.filled_amount == Decimal(105)
        assert exchange.balances() == {"USDT": Decimal(895), "BTC": Decimal(1)}
        # 892.50 wanted: more than the 800 left had the 95 not been released, less than the 895 there are
        later = so.create(symbol="BTC_USDT", side="BUY", stop_price="105", quantity="8.5")  # triggers at once
        assert so.get_by_id(later.id).state == "TRIGGERED"
        assert exchange.balances() == {"USDT": Decimal("2.5"), "BTC": Decimal("9.5")}


def test_a_sell_amount_limit_filled_above_its_limit_sells_less_and_frees_the_rest_of_the_base() -> None:
    """An amount SELL holds the base `amount` / limit (100 / 50 = 2 BTC); filled at 110 it sells 100 / 110."""
    engine = Sandbox(balances={"BTC": "2"})
    order = place(engine, symbol="BTC_USDT", side="SELL", type="STOP_LIMIT", stopPrice="110", price="50",
                  amount="100")  # fmt: skip
    engine.set_price("BTC_USDT", "110")
    assert state_of(engine, order) == ("TRIGGERED", "FILLED")
    assert funds(engine) == {"BTC": Decimal("1.09090909"), "USDT": Decimal(100)}  # 2 - 0.90909091 sold


def test_a_resting_limit_filled_at_its_limit_spends_exactly_its_hold_after_a_restore() -> None:
    """The hold is worked out from the order itself, so a state saved while it rests fills the same."""
    engine = Sandbox(balances={"USDT": "1000"})
    order = place(engine, symbol="BTC_USDT", side="BUY", type="STOP_LIMIT", stopPrice="60000", price="59000",
                  quantity="0.01")  # fmt: skip
    engine.set_price("BTC_USDT", "60000")
    restored = Sandbox(balances={"USDT": "1"})
    restored.restore(json.loads(json.dumps(engine.state())))
    restored.set_price("BTC_USDT", "58000")  # below the limit: the resting order fills at its limit, 590
    assert state_of(restored, order) == ("TRIGGERED", "FILLED")
    assert funds(restored) == {"USDT": Decimal(410), "BTC": Decimal("0.01")}


@pytest.mark.parametrize(
    ("fields", "trigger", "funded", "after"),
    [
        ({"side": "BUY", "stopPrice": "105", "price": "101", "quantity": "1"}, "105", "USDT",
         {"USDT": Decimal(49), "BTC": Decimal(1)}),
        ({"side": "BUY", "stopPrice": "105", "price": "101", "amount": "101"}, "105", "USDT",
         {"USDT": Decimal(49), "BTC": Decimal(1)}),
        ({"side": "SELL", "stopPrice": "95", "price": "99", "quantity": "1"}, "95", "BTC",
         {"USDT": Decimal(99), "BTC": Decimal(149)}),
    ],
)  # fmt: skip
def test_funds_turned_on_while_a_limit_rests_are_charged_at_its_fill(
    fields: dict[str, str], trigger: str, funded: str, after: dict[str, Decimal]
) -> None:
    """A LIMIT that rested without a hold (funds were unlimited when it triggered) creates nothing: with no funds it
    does not fill, and once it can be paid for, its fill (at its limit) is charged in full (review2 finding 2)."""
    engine = Sandbox()
    engine.set_price("BTC_USDT", "100")
    order = place(engine, symbol="BTC_USDT", type="STOP_LIMIT", **fields)
    engine.set_price("BTC_USDT", trigger)  # triggers; the LIMIT rests, holding nothing
    engine.set_balance(KEY, "USDT", "0")
    engine.set_price("BTC_USDT", "100")  # marketable, but nothing to pay with
    assert state_of(engine, order) == ("TRIGGERED", "NEW")
    assert funds(engine) == {"USDT": Decimal(0)}
    engine.set_balance(KEY, funded, "150")
    engine.set_price("BTC_USDT", "100")  # fills at its limit, charged now
    assert state_of(engine, order) == ("TRIGGERED", "FILLED")
    assert funds(engine) == after


def test_a_version_1_state_restored_with_balances_fills_its_resting_limit_only_when_paid() -> None:
    """A version-1 state has no holds: restored into a sandbox with balances, its resting LIMIT is charged at fill."""
    engine = Sandbox()
    engine.set_price("BTC_USDT", "100")
    order = place(engine, symbol="BTC_USDT", side="BUY", type="STOP_LIMIT", stopPrice="105", price="101", quantity="1")
    engine.set_price("BTC_USDT", "105")
    state = engine.state()
    v1 = {"version": 1, "nextId": state["nextId"], "prices": state["prices"], "orders": state["orders"]}
    restored = Sandbox(balances={"USDT": "0"})
    restored.restore(json.loads(json.dumps(v1)))
    restored.set_price("BTC_USDT", "100")
    assert state_of(restored, order) == ("TRIGGERED", "NEW")
    assert funds(restored) == {"USDT": Decimal(0)}
    restored.set_balance(KEY, "USDT", "101")
    restored.set_price("BTC_USDT", "100")
    assert state_of(restored, order) == ("TRIGGERED", "FILLED")
    assert funds(restored) == {"USDT": Decimal(0), "BTC": Decimal(1)}


def test_an_amount_order_worth_less_than_the_smallest_quantity_fails_at_its_trigger() -> None:
    """amount / price rounding to 0 base (or below minQuantity) is refused at the trigger, as the exchange refuses an
    order below minQuantity: FAILED, no order placed, no funds moved (review2 finding 3)."""
    market = Market("BTC_USDT", price_scale=2, quantity_scale=8, amount_scale=8, min_quantity=Decimal("0.00000001"),
                    min_amount=Decimal("0.0001"))  # fmt: skip
    engine = Sandbox(symbols=[market], balances={"USDT": "1", "BTC": "0"})
    engine.set_price("BTC_USDT", "60001")
    sells = [place(engine, symbol="BTC_USDT", side="SELL", stopPrice="60000", amount="0.0003") for _ in range(5)]
    buy = place(engine, symbol="BTC_USDT", side="BUY", stopPrice="60002", amount="0.0003")
    engine.set_price("BTC_USDT", "60000")
    engine.set_price("BTC_USDT", "60002")
    assert [state_of(engine, order) for order in [*sells, buy]] == [("FAILED", None)] * 6
    assert funds(engine) == {"USDT": Decimal(1), "BTC": Decimal(0)}


def test_an_amount_order_below_the_markets_min_quantity_fails_at_its_trigger() -> None:
    """On a default market: 10 USDT at 3,000,000,000 is 0.00000000333 BTC, 0 at 8 decimals and below minQuantity."""
    engine = Sandbox(balances={"USDT": "100", "BTC": "0"})
    engine.set_price("BTC_USDT", "3000000001")
    order = place(engine, symbol="BTC_USDT", side="SELL", stopPrice="3000000000", amount="10")
    engine.set_price("BTC_USDT", "3000000000")
    assert state_of(engine, order) == ("FAILED", None)
    assert funds(engine) == {"USDT": Decimal(100), "BTC": Decimal(0)}
