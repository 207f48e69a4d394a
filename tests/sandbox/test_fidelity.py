"""The sandbox behaves like the exchange where users notice: markets, failed cancels, trailing levels, freed ids."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from polo_smartorders.sandbox import DEFAULT_SYMBOLS, Sandbox, create_app
from polo_smartorders.sandbox.__main__ import parse_args

from tests.support.sandbox import SandboxClient, sandbox_client, stop_order


@pytest.fixture
async def app_and_client() -> AsyncIterator[tuple[Sandbox, SandboxClient]]:
    app = create_app()
    async with sandbox_client(app) as client:
        yield app.state.sandbox, client


async def _order(client: SandboxClient, order_id: str) -> dict[str, Any]:
    [order] = await client.ok("GET", f"/smartorders/{order_id}")
    return dict(order)


def test_default_markets_cover_the_majors_and_the_command_line_sets_others() -> None:
    assert {"BTC_USDT", "ETH_USDT", "LTC_USDT"} <= set(DEFAULT_SYMBOLS)
    assert parse_args(["--symbols", "ABC_USDT, XYZ_BTC"]).symbols == ["ABC_USDT", "XYZ_BTC"]
    assert Sandbox(symbols=["ABC_USDT"]).symbols == frozenset({"ABC_USDT"})
    with pytest.raises(ValueError, match="unknown symbol"):
        Sandbox().set_price("NOPE_USDT", "1")


async def test_a_failed_cancel_item_reports_the_actual_state(app_and_client: tuple[Sandbox, SandboxClient]) -> None:
    engine, client = app_and_client
    triggered = await client.create(**stop_order(stopPrice="100", clientOrderId="t1"))
    engine.set_price("BTC_USDT", "150")  # a BUY stop at 100: triggers
    cancelled = await client.create(**stop_order(stopPrice="90000"))
    await client.ok("DELETE", f"/smartorders/{cancelled}")
    results = await client.ok(
        "DELETE", "/smartorders/cancelByIds", {"orderIds": [triggered, cancelled, "999"], "clientOrderIds": ["nope"]}
    )
    assert [(r["orderId"], r["clientOrderId"], r["state"], r["code"]) for r in results] == [
        (triggered, "t1", "TRIGGERED", 25009),
        (cancelled, "", "CANCELED", 25009),
        ("999", "", "", 25014),  # no order: no state to claim
        ("", "nope", "", 25014),
    ]
    one = await client.ok("DELETE", f"/smartorders/{triggered}")
    assert (one["state"], one["code"]) == ("TRIGGERED", 25009)
    assert (await client.ok("DELETE", "/smartorders", {"symbols": ["BTC_USDT"]})) == []


async def test_trailing_orders_show_their_moving_stop(app_and_client: tuple[Sandbox, SandboxClient]) -> None:
    engine, client = app_and_client
    sell = await client.create(symbol="BTC_USDT", side="SELL", type="TRAILING_STOP", trailingOffset="2%",
                               stopPrice="60000", quantity="1")  # fmt: skip
    buy = await client.create(symbol="BTC_USDT", side="BUY", type="TRAILING_STOP", trailingOffset="100", quantity="1")
    stop = await client.create(**stop_order(stopPrice="70000"))
    assert (await _order(client, sell))["stopPrice"] == "60000"  # not active yet: the activation price
    assert (await _order(client, buy))["stopPrice"] == "0"  # no activation price, no price seen yet
    levels = []
    for price in ("59000", "60000", "61000", "60500", "62000"):
        engine.set_price("BTC_USDT", price)
        order = await _order(client, sell)
        levels.append(order["stopPrice"])
        assert order["activationPrice"] == "60000" and order["state"] == "PENDING_NEW"
    assert levels == ["60000", "58800", "59780", "59780", "60760"]  # 2% under the high since activation
    assert (await _order(client, buy))["stopPrice"] == "59100"  # 100 over the low (59000)
    assert (await _order(client, stop))["stopPrice"] == "70000"  # a plain stop never moves
    engine.set_price("BTC_USDT", "60700")  # below 60760: the trailing SELL triggers at its last level
    triggered = await _order(client, sell)
    assert triggered["state"] == "TRIGGERED" and triggered["stopPrice"] == "60760"
    [listed] = [o for o in await client.ok("GET", "/smartorders") if o["id"] == stop]
    assert listed["stopPrice"] == "70000"


async def test_a_client_order_id_is_freed_when_its_order_leaves_the_open_set(
    app_and_client: tuple[Sandbox, SandboxClient],
) -> None:
    _, client = app_and_client
    first = await client.create(**stop_order(clientOrderId="reuse-me"))
    assert (await client.error(400, "POST", "/smartorders", stop_order(clientOrderId="reuse-me")))["code"] == 25004
    await client.ok("DELETE", "/smartorders/cid:reuse-me")
    second = await client.create(**stop_order(clientOrderId="reuse-me", stopPrice="62000"))
    [newest] = await client.ok("GET", "/smartorders/cid:reuse-me")
    assert newest["id"] == second != first and newest["stopPrice"] == "62000"
    assert (await _order(client, first))["state"] == "CANCELED"  # the old one stays readable by its id
