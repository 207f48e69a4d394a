"""The retry rule against a scripted transport: what is retried, what is reconciled, what is never re-sent."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from polo_smartorders import (
    AsyncClient,
    Client,
    DuplicateClientOrderIdError,
    InvalidRequestError,
    OutcomeUnknownError,
    RateLimitError,
    ServerError,
)

from .conftest import SMART_ORDER, Exchange, assert_signed

CREATE: dict[str, Any] = {
    "symbol": "BTC_USDT",
    "side": "BUY",
    "stop_price": "40000",
    "quantity": "1",
    "client_order_id": "idem-1",
}


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)

    async def no_wait(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(asyncio, "sleep", no_wait)
    return slept


def status(code: int, error: int, **headers: str) -> Callable[[httpx.Request], httpx.Response]:
    return lambda r: httpx.Response(code, json={"code": error, "message": f"error {error}"}, headers=headers)


def raising(exc: Exception) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return handler


def found(cid: str = "idem-1", order_id: str = "777") -> Callable[[httpx.Request], httpx.Response]:
    """The lookup finds an order with this clientOrderId, created just now (by the attempt that lost its answer)."""

    def answer(request: httpx.Request) -> httpx.Response:
        now = time.time_ns() // 1_000_000
        return httpx.Response(200, json=[{**SMART_ORDER, "id": order_id, "clientOrderId": cid, "createTime": now}])

    return answer


def empty(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=[])


def trail(exchange: Exchange) -> list[str]:
    return [f"{r.method} {r.url.raw_path.decode()}" for r in exchange.requests]


# ------------------------------------------------------------------ reads and cancels


@pytest.mark.parametrize(
    "failure",
    [status(503, 24201), status(500, 500), raising(httpx.ReadTimeout("t")), raising(httpx.ConnectError("c"))],
)
def test_reads_are_retried_then_succeed(
    exchange: Exchange, client: Client, sleeps: list[float], failure: object
) -> None:
    exchange.script = [failure, failure]  # type: ignore[list-item]
    assert client.smartorders().get_all()[0].id == "10000001"
    assert trail(exchange) == ["GET /smartorders"] * 3
    assert len(sleeps) == 2 and all(0 <= s <= 8 for s in sleeps)
    for request in exchange.requests:
        assert_signed(request)


def test_retries_stop_at_max_retries(exchange: Exchange, sleeps: list[float]) -> None:
    exchange.default = status(503, 24201)
    with Client("k", "s", "http://x.test", transport=httpx.MockTransport(exchange), max_retries=2) as c:
        with pytest.raises(ServerError):
            c.smartorders().cancel_by_id("1")
    assert trail(exchange) == ["DELETE /smartorders/1"] * 3


def test_max_retries_zero_disables_retries(exchange: Exchange, sleeps: list[float]) -> None:
    exchange.default = status(503, 24201)
    with Client("k", "s", "http://x.test", transport=httpx.MockTransport(exchange), max_retries=0) as c:
        with pytest.raises(ServerError):
            c.smartorders().get_all()
    assert len(exchange.requests) == 1 and sleeps == []


def test_retry_after_is_honoured(exchange: Exchange, client: Client, sleeps: list[float]) -> None:
    exchange.script = [status(429, 429, **{"Retry-After": "3"})]
    client.smartorders().cancel(symbol="BTC_USDT")
    assert len(exchange.requests) == 2
    assert 3.0 <= sleeps[0] < 3.1


def test_a_retry_after_beyond_the_cap_is_raised_not_waited(
    exchange: Exchange, client: Client, sleeps: list[float]
) -> None:
    exchange.script = [status(429, 429, **{"Retry-After": "3600"})]
    with pytest.raises(RateLimitError):
        client.smartorders().get_all()
    assert len(exchange.requests) == 1 and sleeps == []


def test_client_errors_are_not_retried(exchange: Exchange, client: Client, sleeps: list[float]) -> None:
    exchange.default = status(400, 25001)
    with pytest.raises(InvalidRequestError):
        client.smartorders().get_all()
    assert len(exchange.requests) == 1


def test_timestamp_rejection_resyncs_once_and_retries(exchange: Exchange, client: Client, sleeps: list[float]) -> None:
    server_time = 1_900_000_000_000
    exchange.script = [
        status(408, 408),
        lambda r: httpx.Response(200, json={"serverTime": server_time}),
    ]
    client.smartorders().get_all()
    assert [r.url.path for r in exchange.requests] == ["/smartorders", "/timestamp", "/smartorders"]
    assert abs(int(exchange.last.headers["signTimestamp"]) - server_time) < 5_000
    assert client.clock.offset_ms != 0


# ------------------------------------------------------------------ creates and replaces


def test_create_timeout_then_found_returns_the_existing_order(
    exchange: Exchange, client: Client, sleeps: list[float]
) -> None:
    exchange.script = [raising(httpx.ReadTimeout("no answer")), found()]
    placed = client.smartorders().create(**CREATE)
    assert (placed.id, placed.client_order_id) == ("777", "idem-1")
    assert trail(exchange) == ["POST /smartorders", "GET /smartorders/cid:idem-1"]


@pytest.mark.parametrize(
    "failure",
    [status(500, 500), raising(httpx.RemoteProtocolError("dropped")), lambda r: httpx.Response(200, content=b"{")],
)
def test_create_unknown_outcome_not_found_is_sent_again_with_the_same_client_order_id(
    exchange: Exchange, client: Client, sleeps: list[float], failure: object
) -> None:
    exchange.script = [failure, empty]  # type: ignore[list-item]
    placed = client.smartorders().create(**CREATE)
    assert placed.client_order_id == "idem-1"
    assert trail(exchange) == ["POST /smartorders", "GET /smartorders/cid:idem-1", "POST /smartorders"]
    first, resent = exchange.requests[0], exchange.requests[2]
    assert json.loads(first.content) == json.loads(resent.content)
    assert first.headers["signTimestamp"] <= resent.headers["signTimestamp"]


def test_create_resend_that_collides_fetches_the_first_order(
    exchange: Exchange, client: Client, sleeps: list[float]
) -> None:
    exchange.script = [status(500, 500), empty, status(400, 25004), found(order_id="888")]
    placed = client.smartorders().create(**CREATE)
    assert placed.id == "888"
    assert trail(exchange) == [
        "POST /smartorders",
        "GET /smartorders/cid:idem-1",
        "POST /smartorders",
        "GET /smartorders/cid:idem-1",
    ]


def test_create_duplicate_on_first_send_is_the_callers_error(
    exchange: Exchange, client: Client, sleeps: list[float]
) -> None:
    exchange.script = [status(400, 25004)]
    with pytest.raises(DuplicateClientOrderIdError):
        client.smartorders().create(**CREATE)
    assert trail(exchange) == ["POST /smartorders"]


def test_create_connect_error_is_retried_like_a_read(exchange: Exchange, client: Client, sleeps: list[float]) -> None:
    exchange.script = [raising(httpx.ConnectError("refused"))]
    client.smartorders().create(**CREATE)
    assert trail(exchange) == ["POST /smartorders", "POST /smartorders"]


def test_create_rate_limited_is_retried(exchange: Exchange, client: Client, sleeps: list[float]) -> None:
    exchange.script = [status(429, 429, **{"Retry-After": "1"})]
    client.smartorders().create(**CREATE)
    assert trail(exchange) == ["POST /smartorders", "POST /smartorders"]


def test_create_rejected_is_never_resent(exchange: Exchange, client: Client, sleeps: list[float]) -> None:
    exchange.script = [status(400, 21709)]
    with pytest.raises(InvalidRequestError):
        client.smartorders().create(**CREATE)
    assert trail(exchange) == ["POST /smartorders"]


def test_create_outcome_unknown_when_it_cannot_tell(exchange: Exchange, sleeps: list[float]) -> None:
    exchange.default = raising(httpx.ReadTimeout("down"))
    with Client("k", "s", "http://x.test", transport=httpx.MockTransport(exchange), max_retries=2) as c:
        with pytest.raises(OutcomeUnknownError) as caught:
            c.smartorders().create(**CREATE)
    assert caught.value.client_order_id == "idem-1"
    assert "outcome unknown" in str(caught.value) and "idem-1" in str(caught.value)
    posts = [r for r in exchange.requests if r.method == "POST"]
    assert len(posts) == 1  # the lookup never succeeded, so the order was never sent again


def test_create_outcome_unknown_after_max_retries(exchange: Exchange, sleeps: list[float]) -> None:
    exchange.default = lambda r: status(500, 500)(r) if r.method == "POST" else empty(r)
    with Client("k", "s", "http://x.test", transport=httpx.MockTransport(exchange), max_retries=1) as c:
        with pytest.raises(OutcomeUnknownError):
            c.smartorders().create(**CREATE)
    assert [r.method for r in exchange.requests] == ["POST", "GET", "POST", "GET"]


def test_cancel_replace_is_keyed_on_the_new_client_order_id(
    exchange: Exchange, client: Client, sleeps: list[float]
) -> None:
    exchange.script = [raising(httpx.ReadTimeout("slow")), found(cid="new-7", order_id="999")]
    replaced = client.smartorders().cancel_replace("10000001", client_order_id="new-7", price="1", stop_price="1")
    assert (replaced.id, replaced.client_order_id) == ("999", "new-7")
    assert trail(exchange) == ["PUT /smartorders/10000001", "GET /smartorders/cid:new-7"]


def test_cancel_replace_without_client_order_id_gets_one(
    exchange: Exchange, client: Client, sleeps: list[float]
) -> None:
    replaced = client.smartorders().cancel_replace("10000001", price="2")
    assert json.loads(exchange.last.content)["clientOrderId"] == replaced.client_order_id
    assert replaced.client_order_id.startswith("pso-")


async def test_async_create_reconciles_too(exchange: Exchange, async_client: AsyncClient, sleeps: list[float]) -> None:
    exchange.script = [status(502, 502), empty]
    async with async_client:
        placed = await async_client.smartorders().create(**CREATE)
    assert placed.client_order_id == "idem-1"
    assert trail(exchange) == ["POST /smartorders", "GET /smartorders/cid:idem-1", "POST /smartorders"]


async def test_async_reads_retry(exchange: Exchange, async_client: AsyncClient, sleeps: list[float]) -> None:
    exchange.script = [raising(httpx.ReadTimeout("t"))]
    async with async_client:
        orders = await async_client.smartorders().get_history(symbol="BTC_USDT")
    assert len(orders) == 1 and len(exchange.requests) == 2 and len(sleeps) == 1


def old_order(cid: str = "idem-1", order_id: str = "555") -> Callable[[httpx.Request], httpx.Response]:
    """An order that reused the clientOrderId long ago (the exchange keeps ids unique among open orders only)."""
    return lambda r: httpx.Response(
        200, json=[{**SMART_ORDER, "id": order_id, "clientOrderId": cid, "state": "CANCELED", "createTime": 1}]
    )


def test_an_older_order_with_the_same_client_order_id_is_not_taken_for_ours(
    exchange: Exchange, client: Client, sleeps: list[float]
) -> None:
    exchange.script = [status(500, 500), old_order()]
    placed = client.smartorders().create(**CREATE)
    assert placed.id == "10000002"  # the re-sent create's answer, not the cancelled order 555
    assert trail(exchange) == ["POST /smartorders", "GET /smartorders/cid:idem-1", "POST /smartorders"]


def test_the_order_being_replaced_is_not_taken_for_its_replacement(
    exchange: Exchange, client: Client, sleeps: list[float]
) -> None:
    exchange.script = [raising(httpx.ReadTimeout("slow")), found("new-9", "10000001")]
    replaced = client.smartorders().cancel_replace("10000001", client_order_id="new-9", stop_price="5")
    assert replaced.id == "10000002"
    assert trail(exchange) == ["PUT /smartorders/10000001", "GET /smartorders/cid:new-9", "PUT /smartorders/10000001"]


def test_replacing_by_cid_keeps_the_client_order_id(exchange: Exchange, client: Client, sleeps: list[float]) -> None:
    exchange.script = [status(503, 24201), old_order(cid="keep"), found("keep", "777")]
    exchange.script.insert(2, status(400, 25004))
    replaced = client.smartorders().cancel_replace("cid:keep", stop_price="5")
    assert json.loads(exchange.requests[0].content)["clientOrderId"] == "keep"
    assert (replaced.id, replaced.client_order_id) == ("777", "keep")


def test_an_undecodable_create_answer_is_reconciled(exchange: Exchange, client: Client, sleeps: list[float]) -> None:
    def corrupt(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Encoding": "gzip"}, stream=httpx.ByteStream(b"\x1f\x8b not gzip"))

    exchange.script = [corrupt, found()]
    placed = client.smartorders().create(**CREATE)
    assert placed.id == "777"
    assert trail(exchange) == ["POST /smartorders", "GET /smartorders/cid:idem-1"]
