"""Reconciliation compares what a place call sent with a found order through the spec's field map (x-answer-fields),
and a field the found order does not show is never taken as a match: the order is not provably the call's.

Against the ledger exchange of tests/unit/test_retry.py (a lost answer, then a lookup by clientOrderId)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from polo_smartorders import Client, DuplicateClientOrderIdError, OutcomeUnknownError, _reconcile
from polo_smartorders._rules import SCHEMAS, answer_fields, operation

from tests.support.clock import FakeClock
from tests.support.exchange import BASE
from tests.support.keys import KEY, SECRET
from tests.unit.test_retry import CREATE, Ledger

TRAILING: dict[str, Any] = {
    "symbol": "BTC_USDT",
    "side": "SELL",
    "type": "TRAILING_STOP",
    "trailing_offset": "1.5%",
    "quantity": "1",
    "client_order_id": "trail-1",
}


@pytest.fixture
def ledger(clock: FakeClock) -> Ledger:
    return Ledger(clock)


@pytest.fixture
def lclient(ledger: Ledger, clock: FakeClock) -> Iterator[Client]:
    with Client(KEY, SECRET, BASE, transport=httpx.MockTransport(ledger), rate_limit=False, _time=clock) as c:
        yield c


def posts(ledger: Ledger) -> int:
    return [request.method for request in ledger.requests].count("POST")


def test_every_field_a_place_call_sends_is_compared_or_declared_unshown() -> None:
    """The derived map covers each body field of both place operations, each by a field SmartOrder has."""
    shown = set(SCHEMAS["SmartOrder"]["properties"])
    for operation_id in ("createSmartOrder", "cancelReplaceSmartOrder"):
        fields = answer_fields(operation_id)
        assert set(fields) == operation(operation_id).body_fields
        assert {answer for answer in fields.values() if answer is not None} <= shown
    assert answer_fields("cancelReplaceSmartOrder")["proceedOnFailure"] is None  # how to place it, not shown
    assert answer_fields("getSmartOrder") == {}


def test_a_found_order_that_does_not_show_a_field_sent_is_an_unknown_outcome(
    ledger: Ledger, lclient: Client, clock: FakeClock
) -> None:
    """The create's answer is lost; the order found under its clientOrderId matches every field it shows, but not
    trailingOffset: nothing proves it is this call's, so neither taken nor sent again."""
    ledger.faults = ["lost"]
    original = ledger.place

    def place_without_offset(request: Any) -> Any:
        answer = original(request)
        del ledger.orders[-1]["trailingOffset"]  # the exchange's answers no longer show it
        return answer

    ledger.place = place_without_offset  # type: ignore[method-assign]
    with pytest.raises(OutcomeUnknownError) as caught:
        lclient.smartorders().create(**TRAILING)
    assert caught.value.order_id == ledger.orders[0]["id"]
    assert "does not show trailingOffset, which this call sent" in caught.value.message
    assert posts(ledger) == 1 and len(ledger.orders) == 1


def test_the_same_order_showing_every_field_is_taken(ledger: Ledger, lclient: Client, clock: FakeClock) -> None:
    """The control: with trailingOffset shown, the lost create's order is found and taken."""
    ledger.faults = ["lost"]
    placed = lclient.smartorders().create(**TRAILING)
    assert placed.id == ledger.orders[0]["id"] and posts(ledger) == 1


@pytest.fixture
def renamed(monkeypatch: pytest.MonkeyPatch) -> None:
    """As after x-answer-fields {stopPrice: triggerPrice}: answers show the create's stopPrice as triggerPrice."""
    for table in _reconcile._SHOWN_AS.values():
        if table.get("stopPrice") == "stopPrice":  # a trailing type's stays activationPrice
            monkeypatch.setitem(table, "stopPrice", "triggerPrice")


def _renaming(ledger: Ledger, trigger: str) -> None:
    """The ledger's orders carry triggerPrice (an extra field of SmartOrder here) besides stopPrice."""
    original = ledger.place

    def place(request: Any) -> Any:
        answer = original(request)
        if json.loads(request.content).get("clientOrderId") == "idem-1":
            ledger.orders[-1]["triggerPrice"] = trigger
        return answer

    ledger.place = place  # type: ignore[method-assign]


def test_a_renamed_field_is_compared_under_its_answer_name(
    ledger: Ledger, lclient: Client, clock: FakeClock, renamed: None
) -> None:
    """A found order whose triggerPrice differs from the stopPrice sent is not ours: the create is sent again once
    the lost attempt's recvWindow has passed, and the other order is never returned."""
    _renaming(ledger, "39999")
    ledger.faults = ["lost"]
    with pytest.raises(DuplicateClientOrderIdError):  # the other order holds the id: the resend is refused
        lclient.smartorders().create(**CREATE)
    assert posts(ledger) == 2 and len(ledger.orders) == 1


def test_a_renamed_field_that_matches_is_taken(
    ledger: Ledger, lclient: Client, clock: FakeClock, renamed: None
) -> None:
    _renaming(ledger, "40000.0")
    ledger.faults = ["lost"]
    placed = lclient.smartorders().create(**CREATE)
    assert placed.id == ledger.orders[0]["id"] and posts(ledger) == 1


def test_a_renamed_field_the_order_does_not_show_is_an_unknown_outcome(
    ledger: Ledger, lclient: Client, clock: FakeClock, renamed: None
) -> None:
    """stopPrice is still shown (under its old name), but it is not what the map compares: no proof."""
    ledger.faults = ["lost"]
    with pytest.raises(OutcomeUnknownError, match="does not show triggerPrice"):
        lclient.smartorders().create(**CREATE)
    assert posts(ledger) == 1


@pytest.mark.parametrize(
    ("sent", "shown", "equal"),
    [
        ({"a": "1.50", "b": 2}, {"b": 2, "a": "1.5"}, True),
        ({"a": "1.5"}, {"a": "1.5", "b": ""}, True),  # an empty field says nothing
        ({"a": "1.5"}, {"a": "1.6"}, False),
        ([{"p": "1"}, {"p": "2"}], [{"p": "1"}, {"p": "2"}], True),
        ([{"p": "1"}, {"p": "2"}], [{"p": "2"}, {"p": "1"}], False),
        ({"a": 1}, {"a": True}, False),
    ],
)
def test_object_and_array_fields_compare_by_their_items(sent: object, shown: object, equal: bool) -> None:
    assert (_reconcile._comparable(sent) == _reconcile._comparable(shown)) is equal
