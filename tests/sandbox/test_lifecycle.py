"""Smart orders move through their lifecycle as the market price moves, and cancel / cancel-replace behave."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from polo_smartorders.sandbox import FIRST_ID, Sandbox, create_app

from tests.support.sandbox import SandboxClient, sandbox_client, stop_order


@dataclass
class Exchange:
    """An in-process sandbox, its engine and a signed client."""

    sandbox: Sandbox
    client: SandboxClient

    async def order(self, order_id: str) -> dict[str, Any]:
        [order] = await self.client.ok("GET", f"/smartorders/{order_id}")
        return dict(order)


@pytest.fixture
async def ex() -> AsyncIterator[Exchange]:
    app = create_app()
    async with sandbox_client(app) as client:
        yield Exchange(app.state.sandbox, client)


async def test_ids_are_numeric_strings_counting_up(ex: Exchange) -> None:
    first = await ex.client.create(**stop_order())
    second = await ex.client.create(**stop_order())
    assert first == str(FIRST_ID) and int(second) > int(first)


async def test_buy_stop_triggers_when_price_rises_to_stop(ex: Exchange) -> None:
    order_id = await ex.client.create(**stop_order(stopPrice="61000", quantity="0.5", clientOrderId="b1"))
    ex.sandbox.set_price("BTC_USDT", "60999.99")
    assert (await ex.order(order_id))["state"] == "PENDING_NEW"
    ex.sandbox.set_price("ETH_USDT", "70000")  # another market moves nothing here
    assert (await ex.order(order_id))["state"] == "PENDING_NEW"
    ex.sandbox.set_price("BTC_USDT", "61000")
    order = await ex.order(order_id)
    assert order["state"] == "TRIGGERED" and order["updateTime"] >= order["createTime"]
    child = order["triggeredOrder"]
    assert child["type"] == "MARKET" and child["state"] == "FILLED" and child["side"] == "BUY"
    assert (child["avgPrice"], child["filledQuantity"], child["filledAmount"]) == ("61000", "0.5", "30500.0")
    assert child["clientOrderId"] == "b1" and child["id"].isdigit() and child["id"] != order_id
    assert await ex.client.ok("GET", "/smartorders") == []


async def test_sell_stop_triggers_when_price_falls_to_stop(ex: Exchange) -> None:
    order_id = await ex.client.create(**stop_order(side="SELL", stopPrice="50000"))
    ex.sandbox.set_price("BTC_USDT", "50000.01")
    assert (await ex.order(order_id))["state"] == "PENDING_NEW"
    ex.sandbox.set_price("BTC_USDT", "49000")
    child = (await ex.order(order_id))["triggeredOrder"]
    assert (child["side"], child["state"], child["avgPrice"]) == ("SELL", "FILLED", "49000")


async def test_stop_by_amount_fills_quote_value(ex: Exchange) -> None:
    order_id = await ex.client.create(symbol="BTC_USDT", side="BUY", stopPrice="100", amount="250")
    ex.sandbox.set_price("BTC_USDT", "125")
    child = (await ex.order(order_id))["triggeredOrder"]
    assert (child["amount"], child["filledAmount"], child["filledQuantity"], child["quantity"]) == (
        "250",
        "250",
        "2",
        "0",
    )


async def test_stop_limit_marketable_fills_at_market(ex: Exchange) -> None:
    order_id = await ex.client.create(**stop_order(stopPrice="100", price="105"))
    ex.sandbox.set_price("BTC_USDT", "102")
    child = (await ex.order(order_id))["triggeredOrder"]
    assert (child["type"], child["price"], child["state"], child["avgPrice"]) == ("LIMIT", "105", "FILLED", "102")


async def test_stop_limit_rests_then_fills_at_its_limit(ex: Exchange) -> None:
    order_id = await ex.client.create(**stop_order(stopPrice="100", price="101", quantity="2"))
    ex.sandbox.set_price("BTC_USDT", "103")  # triggers (>= 100) but 103 is above the 101 limit
    order = await ex.order(order_id)
    assert order["state"] == "TRIGGERED"
    child = order["triggeredOrder"]
    assert (child["state"], child["filledQuantity"], child["avgPrice"]) == ("NEW", "0", "0")
    ex.sandbox.set_price("BTC_USDT", "101.5")
    assert (await ex.order(order_id))["triggeredOrder"]["state"] == "NEW"
    ex.sandbox.set_price("BTC_USDT", "100.5")
    child = (await ex.order(order_id))["triggeredOrder"]
    assert (child["state"], child["avgPrice"], child["filledQuantity"], child["filledAmount"]) == (
        "FILLED",
        "101",
        "2",
        "202",
    )


async def test_stop_limit_ioc_not_marketable_is_cancelled(ex: Exchange) -> None:
    order_id = await ex.client.create(**stop_order(side="SELL", stopPrice="100", price="99", timeInForce="IOC"))
    ex.sandbox.set_price("BTC_USDT", "98")
    child = (await ex.order(order_id))["triggeredOrder"]
    assert (child["state"], child["timeInForce"], child["filledQuantity"]) == ("CANCELED", "IOC", "0")


async def test_order_triggers_at_creation_when_price_is_already_past(ex: Exchange) -> None:
    ex.sandbox.set_price("BTC_USDT", "62000")
    order_id = await ex.client.create(**stop_order(stopPrice="61000"))
    assert (await ex.order(order_id))["triggeredOrder"]["avgPrice"] == "62000"


async def test_trailing_sell_follows_the_high(ex: Exchange) -> None:
    order_id = await ex.client.create(
        symbol="BTC_USDT", side="SELL", type="TRAILING_STOP", trailingOffset="100", quantity="1"
    )
    for price in ("1000", "1200", "1150", "1101"):  # high 1200, stop 1100
        ex.sandbox.set_price("BTC_USDT", price)
    assert (await ex.order(order_id))["state"] == "PENDING_NEW"
    ex.sandbox.set_price("BTC_USDT", "1100")
    child = (await ex.order(order_id))["triggeredOrder"]
    assert (child["type"], child["avgPrice"]) == ("MARKET", "1100")


async def test_trailing_buy_follows_the_low_by_percent(ex: Exchange) -> None:
    order_id = await ex.client.create(
        symbol="BTC_USDT", side="BUY", type="TRAILING_STOP", trailingOffset="10%", quantity="1"
    )
    for price in ("1000", "800", "870"):  # low 800, stop 880
        ex.sandbox.set_price("BTC_USDT", price)
    assert (await ex.order(order_id))["state"] == "PENDING_NEW"
    ex.sandbox.set_price("BTC_USDT", "880")
    assert (await ex.order(order_id))["state"] == "TRIGGERED"


async def test_trailing_waits_for_activation_price(ex: Exchange) -> None:
    order_id = await ex.client.create(
        symbol="BTC_USDT", side="SELL", type="TRAILING_STOP", trailingOffset="50", stopPrice="2000", quantity="1"
    )
    for price in ("1500", "1400"):  # would trigger a trailing stop, but not active below 2000 (GTE)
        ex.sandbox.set_price("BTC_USDT", price)
    order = await ex.order(order_id)
    assert order["state"] == "PENDING_NEW" and order["operator"] == "GTE" and order["activationPrice"] == "2000"
    for price in ("2000", "2100"):
        ex.sandbox.set_price("BTC_USDT", price)
    assert (await ex.order(order_id))["state"] == "PENDING_NEW"
    ex.sandbox.set_price("BTC_USDT", "2049")
    assert (await ex.order(order_id))["triggeredOrder"]["avgPrice"] == "2049"


async def test_trailing_stop_limit_places_limit_beyond_the_stop(ex: Exchange) -> None:
    order_id = await ex.client.create(
        symbol="BTC_USDT",
        side="SELL",
        type="TRAILING_STOP_LIMIT",
        trailingOffset="1%",
        limitOffset="5",
        quantity="1",
    )
    ex.sandbox.set_price("BTC_USDT", "1000")  # stop 990, limit 985
    ex.sandbox.set_price("BTC_USDT", "990")
    child = (await ex.order(order_id))["triggeredOrder"]
    assert child["type"] == "LIMIT" and Decimal(child["price"]) == Decimal("985")
    assert child["state"] == "FILLED" and child["avgPrice"] == "990"


async def test_cancel_then_cancel_again(ex: Exchange) -> None:
    order_id = await ex.client.create(**stop_order(clientOrderId="c1"))
    result = await ex.client.ok("DELETE", f"/smartorders/{order_id}")
    assert result == {"orderId": order_id, "clientOrderId": "c1", "state": "CANCELED", "code": 200, "message": ""}
    order = await ex.order(order_id)
    assert order["state"] == "CANCELED" and order["updateTime"] >= order["createTime"]
    again = await ex.client.ok("DELETE", "/smartorders/cid:c1")
    assert again["code"] == 25009 and again["state"] == "CANCELED"
    ex.sandbox.set_price("BTC_USDT", "99999")  # a cancelled order never triggers
    assert (await ex.order(order_id))["state"] == "CANCELED"


async def test_triggered_order_cannot_be_cancelled(ex: Exchange) -> None:
    order_id = await ex.client.create(**stop_order(stopPrice="10"))
    ex.sandbox.set_price("BTC_USDT", "11")
    result = await ex.client.ok("DELETE", f"/smartorders/{order_id}")
    assert result["code"] == 25009 and result["state"] == "TRIGGERED"


async def test_unknown_orders(ex: Exchange) -> None:
    assert await ex.client.ok("GET", "/smartorders/99999999") == []
    assert await ex.client.ok("GET", "/smartorders/cid:nope") == []
    for method in ("DELETE", "PUT"):
        error = await ex.client.error(404, method, "/smartorders/99999999")
        assert error["code"] == 25013
    assert (await ex.client.error(404, "DELETE", "/smartorders/cid:nope"))["code"] == 25013


async def test_cancel_by_ids_answers_each_id_in_order(ex: Exchange) -> None:
    first = await ex.client.create(**stop_order())
    second = await ex.client.create(**stop_order(clientOrderId="k2"))
    results = await ex.client.ok(
        "DELETE",
        "/smartorders/cancelByIds",
        {"orderIds": [first, "1"], "clientOrderIds": ["k2", "missing"]},
    )
    assert [(r["orderId"], r["clientOrderId"], r["code"]) for r in results] == [
        (first, "", 200),
        ("1", "", 25014),
        (second, "k2", 200),
        ("", "missing", 25014),
    ]
    assert await ex.client.ok("GET", "/smartorders") == []
    assert await ex.client.ok("DELETE", "/smartorders/cancelByIds", {}) == []


async def test_cancel_all_filters_and_together(ex: Exchange) -> None:
    btc_stop = await ex.client.create(**stop_order())
    btc_limit = await ex.client.create(**stop_order(price="61500"))
    eth_stop = await ex.client.create(**stop_order(symbol="ETH_USDT"))
    results = await ex.client.ok("DELETE", "/smartorders", {"symbols": ["BTC_USDT"], "orderTypes": ["STOP"]})
    assert [r["orderId"] for r in results] == [btc_stop]
    error = await ex.client.error(400, "DELETE", "/smartorders", {"symbols": [], "accountTypes": ["SPOT"]})
    assert "symbols" in error["message"]  # an empty filter never widens into "cancel everything"
    results = await ex.client.ok("DELETE", "/smartorders", {"accountTypes": ["SPOT"]})
    assert [r["orderId"] for r in results] == [eth_stop, btc_limit]
    assert await ex.client.ok("DELETE", "/smartorders") == []


async def test_cancel_all_without_body_cancels_only_open_orders(ex: Exchange) -> None:
    triggered = await ex.client.create(**stop_order(stopPrice="1"))
    ex.sandbox.set_price("BTC_USDT", "2")
    pending = await ex.client.create(**stop_order(stopPrice="5"))
    results = await ex.client.ok("DELETE", "/smartorders")
    assert [(r["orderId"], r["state"], r["code"]) for r in results] == [(pending, "CANCELED", 200)]
    assert (await ex.order(triggered))["state"] == "TRIGGERED"


async def test_cancel_replace_copies_unspecified_fields(ex: Exchange) -> None:
    old_id = await ex.client.create(**stop_order(price="61500", timeInForce="FOK", clientOrderId="r1"))
    answer = await ex.client.ok("PUT", f"/smartorders/{old_id}", {"stopPrice": "62000"})
    assert answer["clientOrderId"] == "r1" and int(answer["id"]) > int(old_id)
    assert set(answer) == {"id", "clientOrderId"}
    old, new = await ex.order(old_id), await ex.order(answer["id"])
    assert old["state"] == "CANCELED" and new["state"] == "PENDING_NEW"
    assert {k: new[k] for k in ("symbol", "side", "type", "timeInForce", "price", "quantity", "stopPrice")} == {
        "symbol": "BTC_USDT",
        "side": "BUY",
        "type": "STOP_LIMIT",
        "timeInForce": "FOK",
        "price": "61500",
        "quantity": "0.5",
        "stopPrice": "62000",
    }
    # The client order id now names the replacement.
    assert (await ex.client.ok("GET", "/smartorders/cid:r1"))[0]["id"] == answer["id"]


async def test_cancel_replace_by_cid_with_new_cid_and_amount(ex: Exchange) -> None:
    old_id = await ex.client.create(**stop_order(clientOrderId="r2"))
    answer = await ex.client.ok("PUT", "/smartorders/cid:r2", {"amount": "100", "clientOrderId": "r2-b"})
    new = await ex.order(answer["id"])
    assert (new["clientOrderId"], new["amount"], new["quantity"]) == ("r2-b", "100", "0")
    assert (await ex.order(old_id))["state"] == "CANCELED"


async def test_cancel_replace_without_body_or_cid(ex: Exchange) -> None:
    old_id = await ex.client.create(**stop_order())
    answer = await ex.client.ok("PUT", f"/smartorders/{old_id}")
    assert answer["clientOrderId"] == ""
    assert (await ex.order(answer["id"]))["stopPrice"] == "61000"


async def test_cancel_replace_type_change_drops_fields_the_new_type_does_not_take(ex: Exchange) -> None:
    old_id = await ex.client.create(**stop_order(price="61500"))
    answer = await ex.client.ok("PUT", f"/smartorders/{old_id}", {"type": "STOP"})
    assert (await ex.order(answer["id"]))["price"] == "0"
    error = await ex.client.error(400, "PUT", f"/smartorders/{answer['id']}", {"price": "5"})
    assert "'price'" in error["message"]
    error = await ex.client.error(400, "PUT", f"/smartorders/{answer['id']}", {"type": "TRAILING_STOP"})
    assert "'trailingOffset'" in error["message"]
    assert (await ex.order(answer["id"]))["state"] == "PENDING_NEW"


async def test_cancel_replace_refuses_a_taken_client_order_id_atomically(ex: Exchange) -> None:
    await ex.client.create(**stop_order(clientOrderId="taken"))
    old_id = await ex.client.create(**stop_order())
    error = await ex.client.error(400, "PUT", f"/smartorders/{old_id}", {"clientOrderId": "taken"})
    assert error["code"] == 25004
    assert (await ex.order(old_id))["state"] == "PENDING_NEW"


async def test_cancel_replace_of_triggered_order(ex: Exchange) -> None:
    old_id = await ex.client.create(**stop_order(stopPrice="10", clientOrderId="t1"))
    ex.sandbox.set_price("BTC_USDT", "11")
    error = await ex.client.error(400, "PUT", f"/smartorders/{old_id}", {"stopPrice": "20"})
    assert error["code"] == 25009
    assert len(ex.sandbox.orders("sandbox-key")) == 1
    answer = await ex.client.ok("PUT", f"/smartorders/{old_id}", {"stopPrice": "20", "proceedOnFailure": True})
    assert answer["code"] == 25009 and "TRIGGERED" in answer["message"]
    new = await ex.order(answer["id"])
    assert (new["clientOrderId"], new["stopPrice"], new["state"]) == ("t1", "20", "PENDING_NEW")
    assert (await ex.order(old_id))["state"] == "TRIGGERED"


async def test_price_endpoint_moves_the_market(ex: Exchange) -> None:
    order_id = await ex.client.create(**stop_order(stopPrice="61000"))
    await ex.client.ok("POST", "/sandbox/prices", {"symbol": "BTC_USDT", "price": "61000"}, signed=False)
    assert ex.sandbox.price("BTC_USDT") == Decimal("61000")
    assert (await ex.order(order_id))["state"] == "TRIGGERED"


def test_set_price_rejects_bad_input() -> None:
    sandbox = Sandbox()
    for symbol, price in [("btc", "1"), ("BTC_USDT", "0"), ("BTC_USDT", "-1"), ("BTC_USDT", "1e3")]:
        with pytest.raises(ValueError):
            sandbox.set_price(symbol, price)
    with pytest.raises(ValueError):
        sandbox.set_price("BTC_USDT", Decimal("NaN"))
    sandbox.set_price("BTC_USDT", Decimal("1.5"))
    assert sandbox.price("BTC_USDT") == Decimal("1.5")


async def test_a_trailing_limit_that_would_be_negative_fails_instead_of_filling(ex: Exchange) -> None:
    ex.sandbox.set_price("BTC_USDT", "100")
    order_id = await ex.client.create(
        symbol="BTC_USDT", side="SELL", type="TRAILING_STOP_LIMIT", trailingOffset="10", limitOffset="500", quantity="1"
    )
    for price in ("120", "105"):
        ex.sandbox.set_price("BTC_USDT", price)
    [order] = await ex.client.ok("GET", f"/smartorders/{order_id}")
    assert order["state"] == "FAILED" and "triggeredOrder" not in order


async def test_an_enormous_json_integer_is_a_bad_request_not_a_crash(ex: Exchange) -> None:
    body = b'{"symbol": "BTC_USDT", "side": "BUY", "quantity": ' + b"1" * 5000 + b"}"
    response = await ex.client.request("POST", "/smartorders", raw_body=body)
    assert response.status_code == 400 and response.json()["code"] != 500
