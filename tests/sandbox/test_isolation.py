"""Accounts are isolated: one API key never sees, cancels or replaces another key's smart orders."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from polo_smartorders.sandbox import create_app

from tests.support.sandbox import SandboxClient, sandbox_client, stop_order

ACCOUNTS = {"alice-key": "alice-secret", "bob-key": "bob-secret"}


@pytest.fixture
async def alice_and_bob() -> AsyncIterator[tuple[SandboxClient, SandboxClient]]:
    async with sandbox_client(create_app(ACCOUNTS), "alice-key", "alice-secret") as alice:
        yield alice, alice.as_account("bob-key", "bob-secret")


async def test_one_account_cannot_see_or_touch_anothers_orders(
    alice_and_bob: tuple[SandboxClient, SandboxClient],
) -> None:
    alice, bob = alice_and_bob
    order_id = await alice.create(**stop_order(clientOrderId="mine"))
    assert await bob.ok("GET", f"/smartorders/{order_id}") == []
    assert await bob.ok("GET", "/smartorders/cid:mine") == []
    assert await bob.ok("GET", "/smartorders") == []
    assert (await bob.error(404, "DELETE", f"/smartorders/{order_id}"))["code"] == 25013
    assert (await bob.error(404, "PUT", f"/smartorders/{order_id}", {"stopPrice": "1"}))["code"] == 25013
    results = await bob.ok("DELETE", "/smartorders/cancelByIds", {"orderIds": [order_id], "clientOrderIds": ["mine"]})
    assert [result["code"] for result in results] == [25014, 25014]
    assert await bob.ok("DELETE", "/smartorders") == []
    [order] = await alice.ok("GET", f"/smartorders/{order_id}")
    assert order["state"] == "PENDING_NEW"


async def test_client_order_ids_are_per_account(alice_and_bob: tuple[SandboxClient, SandboxClient]) -> None:
    alice, bob = alice_and_bob
    alice_id = await alice.create(**stop_order(clientOrderId="same"))
    bob_id = await bob.create(**stop_order(clientOrderId="same"))
    assert (await alice.ok("GET", "/smartorders/cid:same"))[0]["id"] == alice_id
    assert (await bob.ok("GET", "/smartorders/cid:same"))[0]["id"] == bob_id


async def test_history_is_per_account(alice_and_bob: tuple[SandboxClient, SandboxClient]) -> None:
    alice, bob = alice_and_bob
    alice_id = await alice.create(**stop_order())
    await alice.ok("DELETE", f"/smartorders/{alice_id}")
    assert await bob.ok("GET", "/smartorders/history") == []
    assert [order["id"] for order in await alice.ok("GET", "/smartorders/history")] == [alice_id]


async def test_a_price_move_triggers_every_accounts_orders(alice_and_bob: tuple[SandboxClient, SandboxClient]) -> None:
    alice, bob = alice_and_bob
    app_orders = [await alice.create(**stop_order(stopPrice="10")), await bob.create(**stop_order(stopPrice="10"))]
    await alice.ok("POST", "/sandbox/prices", {"symbol": "BTC_USDT", "price": "10"}, signed=False)
    assert (await alice.ok("GET", f"/smartorders/{app_orders[0]}"))[0]["state"] == "TRIGGERED"
    assert (await bob.ok("GET", f"/smartorders/{app_orders[1]}"))[0]["state"] == "TRIGGERED"


async def test_accounts_added_later_can_sign_and_start_empty() -> None:
    app = create_app(ACCOUNTS)
    async with sandbox_client(app, "alice-key", "alice-secret") as alice:
        await alice.create(**stop_order())
        carol = alice.as_account("carol-key", "carol-secret")
        await carol.error(401, "GET", "/smartorders")
        app.state.sandbox.add_account("carol-key", "carol-secret")
        assert await carol.ok("GET", "/smartorders") == []


async def test_reset_forgets_orders_and_prices_but_keeps_accounts() -> None:
    app = create_app(ACCOUNTS)
    sandbox = app.state.sandbox
    async with sandbox_client(app, "alice-key", "alice-secret") as alice:
        first = await alice.create(**stop_order())
        sandbox.set_price("BTC_USDT", "1")
        sandbox.reset()
        assert sandbox.orders("alice-key") == [] and sandbox.price("BTC_USDT") is None
        assert await alice.create(**stop_order()) == first
