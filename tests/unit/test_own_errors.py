"""A bug of this library's surfaces as itself: a fault in signing, in building the request or in our own code after
the answer is raised as it is (nothing sent where nothing was), while an answer of the wrong shape is
InvalidResponseError (for a create, whose outcome it leaves open, OutcomeUnknownError). Sync and async."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from polo_smartorders import AsyncClient, Client, InvalidResponseError, OutcomeUnknownError
from polo_smartorders._auth import HmacAuth
from polo_smartorders._models import CancelResult
from polo_smartorders_api.api.smartorders import create_smart_order, get_smart_order

from tests.support.exchange import BASE, default_answer
from tests.support.keys import KEY, SECRET

ORDER: dict[str, Any] = {"symbol": "BTC_USDT", "side": "SELL", "stop_price": "1", "quantity": "1"}


class Counting:
    """A transport that counts what reaches it, answering with ``answer``."""

    def __init__(self, answer: Callable[[httpx.Request], httpx.Response] = default_answer) -> None:
        self.sent: list[str] = []
        self._answer = answer

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(f"{request.method} {request.url.path}")
        return self._answer(request)


def _run(asynchronous: bool, wire: Counting, act: Callable[[Any], Any], **options: Any) -> Any:
    """``act(smartorders)`` on a sync or an async client sending through ``wire`` (no pacing, deadline 5 s)."""
    options = {"rate_limit": False, "deadline": 5.0, **options}
    if not asynchronous:
        with Client(KEY, SECRET, BASE, transport=httpx.MockTransport(wire), **options) as client:
            return act(client.smartorders())

    async def main() -> Any:
        async with AsyncClient(KEY, SECRET, BASE, transport=httpx.MockTransport(wire), **options) as client:
            return await act(client.smartorders())

    return asyncio.run(main())


both = pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])


def _broken(*_: object, **__: object) -> None:
    raise ValueError("a bug in the signer")


@both
@pytest.mark.parametrize("call", ["get", "create"])
def test_a_signing_fault_is_raised_as_itself_with_nothing_sent(
    monkeypatch: pytest.MonkeyPatch, asynchronous: bool, call: str
) -> None:
    monkeypatch.setattr(HmacAuth, "sign", _broken)
    wire = Counting()
    act = {"get": lambda so: so.get_by_id("10000001"), "create": lambda so: so.create(**ORDER)}[call]
    with pytest.raises(ValueError, match="a bug in the signer") as caught:
        _run(asynchronous, wire, act, max_retries=3)
    assert type(caught.value) is ValueError  # not InvalidResponseError, not OutcomeUnknownError (a ValueError too)
    assert wire.sent == []


@both
@pytest.mark.parametrize(
    ("endpoint", "call"),
    [(get_smart_order, lambda so: so.get_by_id("10000001")), (create_smart_order, lambda so: so.create(**ORDER))],
    ids=["get", "create"],
)
def test_a_fault_building_the_request_is_raised_as_itself_with_nothing_sent(
    monkeypatch: pytest.MonkeyPatch, asynchronous: bool, endpoint: Any, call: Callable[[Any], Any]
) -> None:
    def broken(**_: object) -> dict[str, Any]:
        raise KeyError("a bug building the request")

    monkeypatch.setattr(endpoint, "_get_kwargs", broken)
    wire = Counting()
    with pytest.raises(KeyError, match="a bug building the request"):
        _run(asynchronous, wire, call, max_retries=3)
    assert wire.sent == []


@both
def test_a_fault_of_ours_after_the_answer_is_raised_as_itself(
    monkeypatch: pytest.MonkeyPatch, asynchronous: bool
) -> None:
    def broken(result: object) -> CancelResult:
        raise AttributeError("a bug reading a cancel result")

    monkeypatch.setattr(CancelResult, "of", broken)
    wire = Counting()
    with pytest.raises(AttributeError, match="a bug reading a cancel result"):
        _run(asynchronous, wire, lambda so: so.cancel_by_id("10000001"), max_retries=3)
    assert wire.sent == ["DELETE /smartorders/10000001"]  # sent once: a bug is not retried as if the answer were bad


def _wrong_shape(request: httpx.Request) -> httpx.Response:
    """Every answer a 200 whose fields have the wrong types (the generated models' checks refuse them); the clock's
    answer aside."""
    if request.url.path == "/timestamp":
        return default_answer(request)
    if request.method == "POST":
        return httpx.Response(200, json={"id": 10000002, "clientOrderId": 7})
    return httpx.Response(200, json=[{"id": 10000001}])


@both
def test_a_wrong_shape_answer_to_a_read_is_invalid_response(asynchronous: bool) -> None:
    wire = Counting(_wrong_shape)
    with pytest.raises(InvalidResponseError, match=r"\$\[0\]\.clientOrderId: missing") as caught:
        _run(asynchronous, wire, lambda so: so.get_by_id("10000001"), max_retries=0)
    assert caught.value.status_code == 200
    assert caught.value.__cause__ is None and caught.value.__context__ is None
    assert wire.sent == ["GET /smartorders/10000001"]


@both
def test_a_wrong_shape_answer_to_a_create_is_an_unknown_outcome(asynchronous: bool) -> None:
    wire = Counting(_wrong_shape)
    with pytest.raises(OutcomeUnknownError) as caught:
        _run(asynchronous, wire, lambda so: so.create(**ORDER, client_order_id="mine-1"), max_retries=0)
    assert caught.value.client_order_id == "mine-1"
    assert wire.sent[0] == "POST /smartorders"  # sent, then looked up: its answer could not be read
    assert wire.sent[1:] and all(sent in ("GET /timestamp", "GET /smartorders/cid:mine-1") for sent in wire.sent[1:])
    assert "GET /smartorders/cid:mine-1" in wire.sent
