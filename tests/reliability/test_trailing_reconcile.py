"""A lost trailing create is reconciled on the activation price it sent: a trailing order's answer shows its moving
trigger level as stopPrice, and keeps the activation price sent as activationPrice (the spec's x-type-fields
``answers``). Against the sandbox on loopback behind the fault proxy, with the sync client and the async one on each
backend.

The case from the adversarial review: our create is answered 429 by the proxy and not forwarded (so the client sends
it again), while another process of the account places a trailing order under the same clientOrderId."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from polo_smartorders import Client, DuplicateClientOrderIdError, OutcomeUnknownError
from polo_smartorders.sandbox import Sandbox

from tests.support.faults import FaultProxy, Seen, fault_proxy
from tests.support.keys import SANDBOX_KEY as KEY
from tests.support.keys import SANDBOX_SECRET as SECRET
from tests.support.loopback import KINDS, smartorders

TRAILING: dict[str, Any] = {
    "symbol": "BTC_USDT",
    "side": "SELL",
    "type": "TRAILING_STOP",
    "trailing_offset": "500",
    "quantity": "0.5",
    "client_order_id": "trail-1",
}
LIMIT = {"type": "TRAILING_STOP_LIMIT", "limit_offset": "100"}


def holdings(sandbox: Sandbox) -> list[tuple[str, str, str, str | None]]:
    """(id, type, stopPrice, activationPrice) of every order of the account, oldest first."""
    orders = reversed(sandbox.orders(KEY))
    return [(o["id"], o["type"], o["stopPrice"], o.get("activationPrice")) for o in orders]  # type: ignore[misc]


def twin_first(upstream: str, **twin: Any) -> Callable[[Seen], str | None]:
    """At the first create: another process places ``twin`` under the same clientOrderId, and ours is answered 429
    without reaching the exchange."""
    done = threading.Event()

    def choose(request: Seen) -> str | None:
        if request.method != "POST" or request.path != "/smartorders" or done.is_set():
            return None
        done.set()
        with Client(KEY, SECRET, upstream) as other:
            other.smartorders().create(**twin)
        return "429"

    return choose


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("ours", "theirs", "error"),
    [
        ({"stop_price": "60000"}, {"stop_price": "30000"}, DuplicateClientOrderIdError),
        ({"stop_price": "60000", **LIMIT}, {"stop_price": "30000", **LIMIT}, DuplicateClientOrderIdError),
        ({}, {"stop_price": "30000"}, DuplicateClientOrderIdError),  # ours has no activation price: theirs does
        # theirs has none, so its answer shows no activationPrice: nothing proves or disproves it is ours
        ({"stop_price": "60000"}, {}, OutcomeUnknownError),
    ],
    ids=["other-activation", "limit-other-activation", "ours-without", "theirs-without"],
)
def test_a_twins_trailing_order_with_another_activation_price_is_never_taken(
    served: tuple[Sandbox, str], kind: str, ours: dict[str, str], theirs: dict[str, str], error: type[Exception]
) -> None:
    """As for a STOP with another stop price: the re-send is refused as a duplicate, the other order is not taken
    as this call's (a different activation price: not ours; none shown: unknown), and nothing more is sent."""
    sandbox, upstream = served
    proxy = FaultProxy(upstream, twin_first(upstream, **{**TRAILING, **theirs}))
    with fault_proxy(proxy) as url, smartorders(kind, url, recv_window=300) as so:
        with pytest.raises(error):
            so.create(**{**TRAILING, **ours})
    [(_, _, _, activation)] = holdings(sandbox)  # only the twin's order
    assert activation == theirs.get("stop_price")
    assert [entry.status for entry in proxy.reached("POST")] == [400]  # ours re-sent once, refused


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("extra", [{}, LIMIT], ids=["TRAILING_STOP", "TRAILING_STOP_LIMIT"])
def test_a_lost_trailing_create_with_its_activation_price_is_taken(
    served: tuple[Sandbox, str], kind: str, extra: dict[str, str]
) -> None:
    """Our trailing create lands and activates at once (its stopPrice now the trailing stop, 60500), its answer
    replaced by a 429: the re-send is refused as a duplicate, and the order found is taken, by its activationPrice."""
    sandbox, upstream = served
    sandbox.set_price("BTC_USDT", "61000")  # above the SELL activation price: trails from 61000
    first = threading.Event()

    def choose(request: Seen) -> str | None:  # the first create's answer, and only it, is replaced
        if request.method != "POST" or first.is_set():
            return None
        first.set()
        return "500"

    proxy = FaultProxy(upstream, choose, replacement=(429, b'{"code": 429, "message": "Too many requests"}'))
    with fault_proxy(proxy) as url, smartorders(kind, url, recv_window=300) as so:
        placed = so.create(
            **{**TRAILING, "stop_price": "60000", "operator": "GTE", **extra, "client_order_id": "trail-2"}
        )
    assert holdings(sandbox) == [(placed.id, extra.get("type", "TRAILING_STOP"), "60500", "60000")]
    assert [entry.status for entry in proxy.reached("POST")] == [200, 400]  # placed, re-send refused


@pytest.mark.parametrize("kind", KINDS)
def test_a_lost_trailing_create_that_left_the_operator_to_the_exchange_is_an_unknown_outcome(
    served: tuple[Sandbox, str], kind: str
) -> None:
    """The spec gives the operator no default: the found order's operator was the exchange's choice, and a twin that
    sent that operator would look the same. So the order found is named, never taken, and nothing is sent again."""
    sandbox, upstream = served
    first = threading.Event()

    def choose(request: Seen) -> str | None:
        if request.method != "POST" or first.is_set():
            return None
        first.set()
        return "500"

    proxy = FaultProxy(upstream, choose, replacement=(429, b'{"code": 429, "message": "Too many requests"}'))
    with fault_proxy(proxy) as url, smartorders(kind, url, recv_window=300) as so:
        with pytest.raises(OutcomeUnknownError) as caught:
            so.create(**{**TRAILING, "stop_price": "60000", "client_order_id": "trail-3"})
    [(order_id, _, _, _)] = holdings(sandbox)
    assert caught.value.order_id == order_id and "operator" in str(caught.value)
    assert [entry.status for entry in proxy.reached("POST")] == [200, 400]  # placed, re-send refused, no more


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("ours", "theirs", "error"),
    [
        # the spec's x-default GTC is what a create leaving timeInForce out asks for: an IOC or FOK twin is not it
        (
            {"type": "STOP", "stop_price": "50000"},
            {"type": "STOP", "stop_price": "50000", "time_in_force": "IOC"},
            DuplicateClientOrderIdError,
        ),
        (
            {"type": "STOP", "stop_price": "50000"},
            {"type": "STOP", "stop_price": "50000", "time_in_force": "FOK"},
            DuplicateClientOrderIdError,
        ),
        # no default for the operator: a twin that sent one is never taken for ours that did not
        (
            {"stop_price": "60000", "trailing_offset": "500", "type": "TRAILING_STOP"},
            {"stop_price": "60000", "trailing_offset": "500", "type": "TRAILING_STOP", "operator": "LTE"},
            OutcomeUnknownError,
        ),
    ],
    ids=["tif-ioc", "tif-fok", "operator"],
)
def test_a_twin_differing_only_in_a_field_left_out_is_never_taken(
    served: tuple[Sandbox, str], kind: str, ours: dict[str, str], theirs: dict[str, str], error: type[Exception]
) -> None:
    """A field the create left out is not a wildcard: the exchange's default where the spec gives one, else
    unknown. Another process's order under our clientOrderId that differs there is not returned as ours."""
    sandbox, upstream = served
    base = {"symbol": "BTC_USDT", "side": "SELL", "quantity": "0.5", "client_order_id": "twin-1"}
    proxy = FaultProxy(upstream, twin_first(upstream, **{**base, **theirs}))
    with fault_proxy(proxy) as url, smartorders(kind, url, recv_window=300) as so:
        with pytest.raises(error):
            so.create(**{**base, **ours})
    assert len(holdings(sandbox)) == 1  # only the twin's order
    assert [entry.status for entry in proxy.reached("POST")] == [400]  # ours re-sent once, refused
