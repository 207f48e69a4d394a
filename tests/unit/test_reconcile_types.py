"""What a lost place call compares depends on the order's type: a trailing order is compared on the activationPrice
its answer keeps (not its moving stopPrice), and a cancel-replace that changes the type still expects every field it
did not send that the new type keeps from the old order (quantity, stopPrice, ...). Sync and async, against the ledger
exchange of tests/unit/test_retry.py."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from polo_smartorders import AsyncClient, Client, DuplicateClientOrderIdError

from tests.support.clock import FakeClock
from tests.unit.test_retry import Ledger, alclient, lclient, ledger, stop_order  # noqa: F401 (fixtures)

TRAILING: dict[str, Any] = {
    "symbol": "BTC_USDT",
    "side": "SELL",
    "type": "TRAILING_STOP",
    "trailing_offset": "500",
    "stop_price": "60000",
    "quantity": "0.5",
    "client_order_id": "trail-1",
}


def call(client: Client | AsyncClient, method: str, *args: Any, **kwargs: Any) -> Any:
    """One smart-order call on the sync client, or on the async one run to completion."""
    if isinstance(client, Client):
        return getattr(client.smartorders(), method)(*args, **kwargs)

    async def run() -> Any:
        async with client:
            return await getattr(client.smartorders(), method)(*args, **kwargs)

    return asyncio.run(run())


@pytest.fixture(params=["sync", "async"])
def client(request: pytest.FixtureRequest, lclient: Client, alclient: AsyncClient) -> Client | AsyncClient:  # noqa: F811
    return lclient if request.param == "sync" else alclient


def sends(ledger: Ledger, method: str) -> int:  # noqa: F811
    return [request.method for request in ledger.requests].count(method)


def before_ours(ledger: Ledger, method: str, act: Any) -> None:  # noqa: F811
    """``act()`` (another process of the account) runs when our first ``method`` reaches the exchange, just before
    the exchange processes it."""
    inner = ledger.place

    def place(request: httpx.Request) -> httpx.Response:
        if request.method == method and sends(ledger, method) == 1:
            act()
        return inner(request)

    ledger.place = place  # type: ignore[method-assign]


def shown_as_the_exchange_does(ledger: Ledger, stop_shown: str) -> None:  # noqa: F811
    """Trailing orders show their trigger level (``stop_shown``: it moved) as stopPrice and the activation price sent
    as activationPrice, as the spec says; orders placed directly by a test are shown likewise."""
    inner = ledger.place

    def place(request: httpx.Request) -> httpx.Response:
        answer = inner(request)
        order = ledger.orders[-1]
        if order["type"].startswith("TRAILING") and "activationPrice" not in order:
            order.update(activationPrice=order.get("stopPrice", ""), stopPrice=stop_shown)
        return answer

    ledger.place = place  # type: ignore[method-assign]


@pytest.mark.parametrize("theirs", ["30000", "60000"])
def test_a_trailing_twin_is_taken_only_with_the_activation_price_sent(
    ledger: Ledger,  # noqa: F811
    client: Client | AsyncClient,
    clock: FakeClock,
    theirs: str,
) -> None:
    """Another process places a trailing stop under our clientOrderId (activation ``theirs``); ours reaches the
    exchange after it, is refused as a duplicate, and the refusal is lost. Both orders' stopPrice shows the same
    trailing stop (60500): only activationPrice tells them apart. Another activation price: the order is not ours,
    and the re-send after the lost attempt's recvWindow is refused too. The same one: it is what ours would be."""
    twin = {"clientOrderId": "trail-1", "side": "SELL", "type": "TRAILING_STOP", "trailingOffset": "500"}
    before_ours(ledger, "POST", lambda: ledger.order(**twin, quantity="0.5", stopPrice="60500", activationPrice=theirs))
    shown_as_the_exchange_does(ledger, "60500")
    ledger.faults = ["lost"]
    if theirs != TRAILING["stop_price"]:
        with pytest.raises(DuplicateClientOrderIdError):
            call(client, "create", **TRAILING)
        assert sends(ledger, "POST") == 2  # proof none of ours exists, then refused again
    else:
        assert call(client, "create", **TRAILING).id == ledger.orders[0]["id"]
        assert sends(ledger, "POST") == 1
    assert len(ledger.orders) == 1


@pytest.mark.parametrize(
    ("old", "theirs"),
    [
        ({"type": "STOP_LIMIT", "price": "90"}, {"quantity": "5"}),  # the quantity it keeps differs
        ({"type": "STOP_LIMIT", "price": "90"}, {"stopPrice": "120"}),  # the stopPrice it keeps differs
        (
            {"type": "TRAILING_STOP", "trailingOffset": "5", "activationPrice": "100", "stopPrice": "95"},
            {"stopPrice": "95"},
        ),
    ],
    ids=["quantity", "stop-price", "trailing-activation"],
)
def test_a_replace_changing_the_type_takes_no_order_with_other_kept_fields(
    ledger: Ledger,  # noqa: F811
    client: Client | AsyncClient,
    clock: FakeClock,
    old: dict[str, str],
    theirs: dict[str, str],
) -> None:
    """Two processes replace the same order with type STOP under clientOrderId "b"; the other's lands first, with a
    quantity or stopPrice ours would not have (ours keeps the old order's: quantity 1, stopPrice 100, a trailing
    order's activation price 100). Ours is refused and its answer lost: the other's replacement is never this call's
    result."""
    order = stop_order(ledger, "a", **old)

    def their_replace() -> None:
        order["state"] = "CANCELED"
        kept = {"symbol": "BTC_USDT", "side": "BUY", "type": "STOP", "stopPrice": "100", "quantity": "1"}
        ledger.order(clientOrderId="b", **{**kept, **theirs})

    before_ours(ledger, "PUT", their_replace)
    ledger.faults = ["lost"]
    with pytest.raises(DuplicateClientOrderIdError):
        call(client, "cancel_replace", order["id"], type="STOP", client_order_id="b")
    assert [o["clientOrderId"] for o in ledger.orders] == ["a", "b"]


@pytest.mark.parametrize(
    "old",
    [
        {"type": "STOP_LIMIT", "price": "90"},
        {"type": "TRAILING_STOP", "trailingOffset": "5", "activationPrice": "100", "stopPrice": "95"},
    ],
    ids=["STOP_LIMIT", "TRAILING_STOP"],
)
def test_a_replace_changing_the_type_is_found_with_the_fields_it_kept(
    ledger: Ledger,  # noqa: F811
    client: Client | AsyncClient,
    clock: FakeClock,
    old: dict[str, str],
) -> None:
    """The control: our own replacement keeps the old order's quantity and stop (a trailing order's activation
    price) and drops what STOP does not take; its answer lost, it is found and taken."""
    order = stop_order(ledger, "a", **old)
    inner = ledger.place

    def as_a_stop(request: httpx.Request) -> httpx.Response:  # the exchange's STOP from the old order
        answer = inner(request)
        new = ledger.orders[-1]
        new.update(stopPrice=old.get("activationPrice", new["stopPrice"]), price="0", trailingOffset="")
        new.pop("activationPrice", None)
        return answer

    ledger.place = as_a_stop  # type: ignore[method-assign]
    ledger.faults = ["lost"]
    new = call(client, "cancel_replace", order["id"], type="STOP", client_order_id="b")
    assert new.id == ledger.orders[-1]["id"] and sends(ledger, "PUT") == 1
