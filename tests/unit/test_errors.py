"""Every answer maps to a typed error carrying the exchange's code and message; nothing crashes on odd answers."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import httpx
import pytest
from polo_smartorders import (
    AsyncClient,
    AuthenticationError,
    CancelFailedError,
    Client,
    ClientClosedError,
    DuplicateClientOrderIdError,
    HttpBackend,
    InvalidRequestError,
    InvalidResponseError,
    NotFoundError,
    OutcomeUnknownError,
    RateLimitError,
    RequestError,
    ServerError,
    TimestampRejectedError,
    TransportError,
    ValidationError,
)

from tests.support.exchange import CANCEL_OK, SMART_ORDER, Exchange, default_answer
from tests.support.wire_server import wire_server


def answer(
    status: int, body: object = None, content: bytes | None = None, headers: dict[str, str] | None = None
) -> httpx.Response:
    if content is not None:
        return httpx.Response(status, content=content, headers=headers)
    return httpx.Response(status, json=body, headers=headers)


CASES = [
    (401, {"code": 401, "message": "Invalid Apikey or Signature"}, AuthenticationError, 401),
    (403, {"code": 403, "message": "Forbidden"}, AuthenticationError, 403),
    (400, {"code": 21301, "message": "Order not found"}, NotFoundError, 21301),
    (400, {"code": 25013, "message": "not found"}, NotFoundError, 25013),
    (404, {"code": 25014, "message": "Cancel failed: smart orders not found"}, NotFoundError, 25014),
    (400, {"code": 25004, "message": "Client order id already exists"}, DuplicateClientOrderIdError, 25004),
    (400, {"code": 21312, "message": "Client order id exists"}, DuplicateClientOrderIdError, 21312),
    (400, {"code": 601, "message": "Invalid parameter"}, InvalidRequestError, 601),
    (400, {"code": 602, "message": "Missing required parameter"}, InvalidRequestError, 602),
    (400, {"code": 25001, "message": "Invalid parameter"}, InvalidRequestError, 25001),
    (400, {"code": 21709, "message": "Insufficient balance"}, InvalidRequestError, 21709),
    (500, {"code": 500, "message": "Internal error"}, ServerError, 500),
    (503, {"code": 24201, "message": "Service busy"}, ServerError, 24201),
    (400, {"code": 21340, "message": "Maintenance mode"}, ServerError, 21340),
]


@pytest.mark.parametrize(("status", "body", "error_class", "code"), CASES)
def test_error_classes(
    exchange: Exchange, status: int, body: dict[str, object], error_class: type[RequestError], code: int
) -> None:
    exchange.default = lambda r: answer(status, body)
    with Client("key-1234", "secret", "http://x.test", transport=httpx.MockTransport(exchange), max_retries=0) as c:
        with pytest.raises(error_class) as caught:
            c.smartorders().get_by_id("1")
    assert isinstance(caught.value, RequestError)
    assert caught.value.code == code
    assert caught.value.message == body["message"]
    assert caught.value.status_code == status
    said = f"code: {code}, message: {body['message']}"
    assert str(caught.value) == (f"no smart order 1 ({said})" if error_class is NotFoundError else said)


def test_rate_limited_carries_retry_after(exchange: Exchange) -> None:
    exchange.default = lambda r: answer(429, {"code": 429, "message": "Too many"}, headers={"Retry-After": "7"})
    with Client("k", "s", "http://x.test", transport=httpx.MockTransport(exchange), max_retries=0) as c:
        with pytest.raises(RateLimitError) as caught:
            c.smartorders().get_all()
    assert caught.value.retry_after == 7.0


def test_retry_after_as_http_date(exchange: Exchange) -> None:
    exchange.default = lambda r: answer(
        429, {"code": 429, "message": "x"}, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}
    )
    with Client("k", "s", "http://x.test", transport=httpx.MockTransport(exchange), max_retries=0) as c:
        with pytest.raises(RateLimitError) as caught:
            c.smartorders().get_all()
    assert caught.value.retry_after == 0.0  # a date in the past: retry now


@pytest.mark.parametrize(
    ("status", "message", "error_class"),
    [
        (400, "Request timestamp is ahead of server time", TimestampRejectedError),
        (408, "expired", TimestampRejectedError),
    ],
)
def test_timestamp_rejections(exchange: Exchange, status: int, message: str, error_class: type[RequestError]) -> None:
    exchange.default = lambda r: answer(status, {"code": status, "message": message})
    with Client("k", "s", "http://x.test", transport=httpx.MockTransport(exchange), max_retries=0) as c:
        with pytest.raises(error_class):
            c.smartorders().get_all()
    # one automatic resync (GET /timestamp answered with the same error here) and no more
    assert [r.url.path for r in exchange.requests] == ["/smartorders", "/timestamp"]


@pytest.mark.parametrize(
    ("status", "content", "error_class"),
    [
        (520, b"<html>origin error</html>", ServerError),
        (599, b"", ServerError),
        (502, b"Bad Gateway", ServerError),
        (400, b"not json", InvalidRequestError),
        (418, b"", InvalidRequestError),
        (302, b"", RequestError),
    ],
)
def test_odd_statuses_and_bodies_still_give_typed_errors(
    exchange: Exchange, status: int, content: bytes, error_class: type[RequestError]
) -> None:
    exchange.default = lambda r: answer(status, content=content)
    with Client("k", "s", "http://x.test", transport=httpx.MockTransport(exchange), max_retries=0) as c:
        with pytest.raises(error_class) as caught:
            c.smartorders().get_all()
    assert caught.value.status_code == status
    assert caught.value.code == status
    assert f"HTTP {status}" in caught.value.message


@pytest.mark.parametrize("content", [b"not json", b'{"unexpected": "object"}', b"[1, 2]", b'[{"id": 5}]'])
def test_unreadable_200_is_an_invalid_response(exchange: Exchange, content: bytes) -> None:
    exchange.default = lambda r: answer(200, content=content)
    with Client("k", "s", "http://x.test", transport=httpx.MockTransport(exchange), max_retries=0) as c:
        with pytest.raises(InvalidResponseError):
            c.smartorders().get_all()


def test_get_by_id_on_empty_array_is_not_found(exchange: Exchange, client: Client) -> None:
    exchange.default = lambda r: answer(200, [])
    with pytest.raises(NotFoundError) as caught:
        client.smartorders().get_by_id(client_order_id="abc")
    assert str(caught.value) == "no smart order cid:abc"
    assert caught.value.ref == "cid:abc" and caught.value.code is None and caught.value.status_code == 200


NOT_FOUND_CALLS: list[tuple[str, Callable[[Any, str | None, str | None], Any]]] = [
    ("get_by_id", lambda so, oid, cid: so.get_by_id(oid, cid)),
    ("cancel_by_id", lambda so, oid, cid: so.cancel_by_id(oid, cid)),
    ("cancel_replace", lambda so, oid, cid: so.cancel_replace(oid or f"cid:{cid}", stop_price="5")),
]


@pytest.mark.parametrize(("method", "call"), NOT_FOUND_CALLS, ids=[name for name, _ in NOT_FOUND_CALLS])
@pytest.mark.parametrize(("order_id", "client_order_id", "ref"), [("123", None, "123"), (None, "abc", "cid:abc")])
def test_not_found_reads_the_same_for_every_method(
    exchange: Exchange,
    client: Client,
    method: str,
    call: Callable[[Any, str | None, str | None], Any],
    order_id: str | None,
    client_order_id: str | None,
    ref: str,
) -> None:
    """Whichever call finds the order missing (an empty list, or a 404 with the exchange's code), the error names the
    order the same way and keeps what the exchange said."""
    missing = {"code": 25013, "message": "Smart order not found"}
    exchange.default = lambda r: answer(200, []) if r.method == "GET" else answer(404, missing)
    with pytest.raises(NotFoundError) as caught:
        call(client.smartorders(), order_id, client_order_id)
    assert caught.value.ref == ref
    assert str(caught.value).startswith(f"no smart order {ref}")
    if caught.value.code is not None:  # the exchange's answer is kept
        assert (caught.value.code, caught.value.message, caught.value.status_code) == (25013, missing["message"], 404)
        assert str(caught.value) == f"no smart order {ref} (code: 25013, message: Smart order not found)"
    else:
        assert method == "get_by_id" and str(caught.value) == f"no smart order {ref}"


def test_failed_cancel_is_visible(exchange: Exchange, client: Client) -> None:
    failed = {**CANCEL_OK, "code": 25009, "message": "Failed to cancel", "state": "CANCELED"}
    exchange.default = lambda r: answer(200, failed if r.url.path != "/smartorders" else [CANCEL_OK, failed])
    with pytest.raises(CancelFailedError) as caught:
        client.smartorders().cancel_by_id("10000001")
    assert caught.value.code == 25009 and caught.value.result.ok is False
    assert caught.value.status_code == 200 and caught.value.result.state == "CANCELED"
    results = client.smartorders().cancel(symbol="BTC_USDT")
    assert [r.ok for r in results] == [True, False]


@pytest.mark.parametrize(
    ("exc", "reached"),
    [
        (httpx.ConnectError("refused"), False),
        (httpx.ConnectTimeout("slow connect"), False),
        (httpx.ReadTimeout("slow answer"), True),
        (httpx.RemoteProtocolError("server disconnected"), True),
        (httpx.ReadError("reset"), True),
        (httpx.WriteError("broken pipe"), True),
    ],
)
def test_transport_errors_say_whether_the_request_may_have_arrived(exc: Exception, reached: bool) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise exc

    with Client("k", "s", "http://x.test", transport=httpx.MockTransport(fail), max_retries=0) as c:
        with pytest.raises(TransportError) as caught:
            c.smartorders().get_all()
    assert caught.value.may_have_reached_exchange is reached
    assert type(exc).__name__ in str(caught.value)
    assert "http://x.test/smartorders" in str(caught.value)  # the URL it tried


def test_a_refused_connection_names_the_url_it_tried_without_the_password() -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with Client("k", "s", f"http://trader:hunter2@127.0.0.1:{port}", max_retries=0) as c:
        with pytest.raises(TransportError) as caught:
            c.smartorders().get_all(limit=5)
    message = str(caught.value)
    assert message.startswith(f"could not connect to http://***@127.0.0.1:{port}/smartorders (ConnectError: ")
    assert "hunter2" not in message and "trader" not in message and "limit" not in message
    assert caught.value.may_have_reached_exchange is False


def test_a_replacement_whose_old_order_was_not_cancelled_is_not_a_plain_success(
    exchange: Exchange, client: Client
) -> None:
    from polo_smartorders import OldOrderNotCancelledError

    exchange.default = lambda r: (
        answer(200, {"id": "20", "clientOrderId": "n-1", "code": 25009, "message": "Failed to cancel the old order"})
        if r.method == "PUT"
        else answer(200, [{**SMART_ORDER, "id": "10", "state": "TRIGGERED"}])
    )
    with pytest.raises(OldOrderNotCancelledError) as caught:
        client.smartorders().cancel_replace("10", "FOK", True, "n-1", stop_price="5")
    assert caught.value.replacement.id == "20" and caught.value.code == 25009
    assert [r.method for r in exchange.requests] == ["GET", "PUT"]  # never retried: the new order exists


@pytest.mark.parametrize("content", [b"{}", b'""', b"null"])
def test_a_list_answer_that_is_not_a_list_is_invalid_not_empty(
    exchange: Exchange, client: Client, content: bytes
) -> None:
    exchange.default = lambda r: answer(200, content=content)
    with pytest.raises(InvalidResponseError):
        client.smartorders().get_by_id("1")


def test_an_undecodable_answer_is_a_typed_error(exchange: Exchange) -> None:
    def corrupt(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Encoding": "gzip"}, stream=httpx.ByteStream(b"not gzip"))

    with Client("k", "s", "http://x.test", transport=httpx.MockTransport(corrupt), max_retries=0) as c:
        with pytest.raises(InvalidResponseError, match="compressed body is corrupt"):
            c.smartorders().get_all()


def _every_public_error() -> list[Exception]:
    from polo_smartorders import (
        CancelResult,
        DeadlineExceededError,
        MissingCredentialsError,
        OldOrderNotCancelledError,
        OrderNotOpenError,
        PoloError,
    )
    from polo_smartorders._models import CancelReplaceSmartOrderResponse

    failed = CancelResult(order_id="1", client_order_id="c", state="PENDING_NEW", code=25009, message="no")
    replacement = CancelReplaceSmartOrderResponse(id="2", client_order_id="c")
    return [
        PoloError("root"),
        ValidationError("quantity", "must be greater than 0"),
        MissingCredentialsError("api_key", "needed"),
        RequestError(1, "m", status_code=400),
        AuthenticationError(401, "bad key", status_code=401),
        RateLimitError(429, "slow down", retry_after=1.5),
        NotFoundError(25013, "gone", status_code=404),
        DuplicateClientOrderIdError(25004, "dup", status_code=400),
        InvalidRequestError(601, "bad", status_code=400),
        TimestampRejectedError(408, "late", status_code=408),
        ServerError(503, "busy", status_code=503, retry_after=2.0),
        InvalidResponseError(None, "get: the answer is not JSON", status_code=200),
        TransportError("ReadError: reset", may_have_reached_exchange=True),
        DeadlineExceededError("the call's deadline passed", may_have_reached_exchange=False),
        OutcomeUnknownError("ReadTimeout", client_order_id="abc"),
        OldOrderNotCancelledError(25009, "not cancelled", replacement),
        CancelFailedError(failed),
        OrderNotOpenError(CancelResult(order_id="1", client_order_id="c", state="TRIGGERED", code=25009, message="no")),
        OrderNotOpenError.refused(25009, "Failed to cancel", None, status_code=400),
        ClientClosedError(),
    ]


def test_every_public_error_is_exported_here() -> None:
    import polo_smartorders

    exported = {name for name in polo_smartorders.__all__ if name.endswith("Error")}
    assert exported == {type(error).__name__ for error in _every_public_error()}


@pytest.mark.parametrize("error", _every_public_error(), ids=lambda error: type(error).__name__)
def test_every_public_error_pickles_and_copies(error: Exception) -> None:
    import copy
    import pickle

    error.add_note("a note")
    pickled = pickle.loads(pickle.dumps(error))  # noqa: S301 - bytes this test made
    for twin in (pickled, copy.copy(error), copy.deepcopy(error)):
        assert type(twin) is type(error)
        assert (str(twin), repr(twin), twin.args) == (str(error), repr(error), error.args)
        assert vars(twin) == vars(error)


def _raise_outcome_unknown() -> None:
    raise OutcomeUnknownError("ReadTimeout: timed out", client_order_id="pool-1")


def test_outcome_unknown_survives_a_process_pool() -> None:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1) as pool, pytest.raises(OutcomeUnknownError) as caught:
        pool.submit(_raise_outcome_unknown).result(timeout=60)
    assert caught.value.client_order_id == "pool-1"


def test_error_strings_are_plain() -> None:
    unknown = OutcomeUnknownError("ReadTimeout: timed out; then get: the answer is not JSON", client_order_id="x")
    assert str(unknown) == (
        "outcome unknown: ReadTimeout: timed out; then get: the answer is not JSON; look up clientOrderId 'x'"
    )
    assert str(TransportError("ReadError: reset", may_have_reached_exchange=True)) == "ReadError: reset"
    assert str(NotFoundError(25013, "gone")) == "code: 25013, message: gone"


def test_a_list_answer_that_is_an_object_says_so(exchange: Exchange) -> None:
    exchange.default = lambda request: httpx.Response(200, json={})
    with Client("k", "s", "http://x.test", transport=httpx.MockTransport(exchange), max_retries=0) as c:
        with pytest.raises(InvalidResponseError) as caught:
            c.smartorders().get_all()
    assert str(caught.value) == "smart orders: $: expected a JSON array, got an object, '{}'"


# ------------------------------------------------------------------ a closed client

CREATE: dict[str, Any] = {"symbol": "BTC_USDT", "side": "BUY", "type": "STOP", "stop_price": "1", "quantity": "1"}


def test_a_call_on_a_closed_client_raises_client_closed_and_sends_nothing(exchange: Exchange) -> None:
    client = Client("key-1234", "secret", "http://x.test", transport=httpx.MockTransport(exchange))
    client.close()
    for call in (client.smartorders().get_all, lambda: client.smartorders().create(**CREATE), client.sync_time):
        with pytest.raises(ClientClosedError, match="the client is closed") as caught:
            call()
        assert isinstance(caught.value, RuntimeError)  # what httpx raises there, for code that caught that
    assert exchange.requests == []


async def test_a_call_on_a_closed_async_client_raises_client_closed_and_sends_nothing(exchange: Exchange) -> None:
    client = AsyncClient("key-1234", "secret", "http://x.test", transport=httpx.MockTransport(exchange))
    await client.aclose()
    with pytest.raises(ClientClosedError):
        await client.smartorders().get_all()
    with pytest.raises(ClientClosedError):
        await client.smartorders().create(**CREATE)
    assert exchange.requests == []


def _held_create(
    release: threading.Event | None = None,
) -> tuple[threading.Event, Callable[[httpx.Request], httpx.Response]]:
    """A server that holds a create's answer for 0.5 s (or, given ``release``, until it is set), and an event set once
    the create has arrived."""
    arrived = threading.Event()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            arrived.set()
            if release is None:
                time.sleep(0.5)
            else:
                assert release.wait(10), "the test never released the held create"
        return default_answer(request)

    return arrived, handler


def test_a_create_in_flight_when_the_client_closes_is_an_unknown_outcome() -> None:
    """It reached the exchange: closing the client cuts its answer and the lookup cannot be sent, so the caller gets
    the clientOrderId to look up (not ClientClosedError, which would say nothing was placed)."""
    arrived, handler = _held_create()
    with wire_server(handler) as server:
        client = Client("key-1234", "secret", server.url)

        def close_once_it_arrived() -> None:
            arrived.wait(10)
            client.close()

        closer = threading.Thread(target=close_once_it_arrived)
        closer.start()
        with pytest.raises(OutcomeUnknownError) as caught:
            client.smartorders().create(**CREATE, client_order_id="closing-1")
        closer.join(10)
    assert caught.value.client_order_id == "closing-1"


async def test_an_async_create_in_flight_when_the_client_closes_is_an_unknown_outcome(
    async_backend: HttpBackend,
) -> None:
    arrived, handler = _held_create()
    with wire_server(handler) as server:
        client = AsyncClient("key-1234", "secret", server.url, http_backend=async_backend)
        create = asyncio.ensure_future(client.smartorders().create(**CREATE, client_order_id="closing-2"))
        while not arrived.is_set():
            await asyncio.sleep(0.01)
        await client.aclose()
        with pytest.raises(OutcomeUnknownError) as caught:
            await create
    assert caught.value.client_order_id == "closing-2"


def test_a_number_the_spec_does_not_name_is_an_exact_decimal(exchange: Exchange) -> None:
    """An extra answer field sent as a JSON number is kept exact (a fee, say), never turned into a float."""
    exchange.default = lambda r: httpx.Response(
        200,
        content=json.dumps([{**SMART_ORDER, "feeRate": "__fee__"}]).replace('"__fee__"', "0.1000000000000000000001"),
    )
    with Client("key-1234", "secret", "http://x.test", transport=httpx.MockTransport(exchange)) as c:
        [order] = c.smartorders().get_all()
    assert order.additional_properties["feeRate"] == Decimal("0.1000000000000000000001")
    assert not any(isinstance(value, float) for value in order.to_dict().values())


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_in_an_answer_are_refused(exchange: Exchange, constant: str) -> None:
    exchange.default = lambda r: httpx.Response(
        200, content=json.dumps([{**SMART_ORDER, "feeRate": "__x__"}]).replace('"__x__"', constant)
    )
    with Client("key-1234", "secret", "http://x.test", transport=httpx.MockTransport(exchange), max_retries=0) as c:
        with pytest.raises(InvalidResponseError):
            c.smartorders().get_all()


@pytest.mark.parametrize("server_time", ["-1" + "0" * 400, "1" + "0" * 400, "-1", "9007199254740992"])
def test_an_absurd_exchange_clock_is_an_invalid_answer(exchange: Exchange, server_time: str) -> None:
    """A serverTime outside the spec's range is refused: it would otherwise overflow the fence arithmetic, or make
    a lookup "prove" that a lost create never landed. A create whose outcome then cannot be told is unknown."""

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/timestamp":
            return httpx.Response(200, content=b'{"serverTime": ' + server_time.encode() + b"}")
        return httpx.Response(500, json={"code": 500, "message": "Internal error"})

    exchange.default = answer
    with Client("key-1234", "secret", "http://x.test", transport=httpx.MockTransport(exchange)) as c:
        with pytest.raises(InvalidResponseError, match="serverTime"):
            c.sync_time()
        with pytest.raises(OutcomeUnknownError) as caught:
            c.smartorders().create(**CREATE, client_order_id="absurd-clock")
    assert caught.value.client_order_id == "absurd-clock"
    assert [r.method for r in exchange.requests].count("POST") == 1  # never sent again on a clock it cannot trust


@pytest.mark.parametrize("backend", ["httpx", "aiohttp"])
def test_an_async_client_used_from_a_second_event_loop_refuses_before_sending(backend: HttpBackend) -> None:
    """Its connections belong to the first loop: a call from another one fails, clearly and with nothing sent."""
    with wire_server(default_answer) as server:
        client = AsyncClient("key-1234", "secret", server.url, http_backend=backend)
        first = asyncio.new_event_loop()
        try:
            first.run_until_complete(client.smartorders().get_all())
            opened = server.opened
            with pytest.raises(ClientClosedError, match="event loop"):
                asyncio.run(client.smartorders().create(**CREATE))
            assert server.opened == opened  # nothing sent: no new connection either
            first.run_until_complete(client.smartorders().get_all())  # still fine on its own loop
        finally:
            first.run_until_complete(client.aclose())
            first.close()


def test_a_client_order_id_in_use_by_a_running_create_is_refused_before_sending() -> None:
    """Two running creates of one client with one clientOrderId could each take the other's order for its own."""
    release = threading.Event()  # the first create is held until the checks below are done: no race with a timer
    arrived, handler = _held_create(release)
    posts: list[str] = []

    def counting(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            posts.append(json.loads(request.content)["clientOrderId"])
        return handler(request)

    with wire_server(counting) as server, Client("key-1234", "secret", server.url) as client:
        first = threading.Thread(target=lambda: client.smartorders().create(**CREATE, client_order_id="shared"))
        first.start()
        assert arrived.wait(10)
        with pytest.raises(ValidationError, match="'shared' is in use by a create or replace of this client"):
            client.smartorders().create(**CREATE, client_order_id="shared")
        with pytest.raises(ValidationError, match="in use"):
            client.smartorders().cancel_replace("cid:shared", price="1")
        release.set()
        first.join(10)
        client.smartorders().create(**CREATE, client_order_id="shared")  # free again once the first has ended
    assert posts == ["shared", "shared"]


async def test_an_async_client_order_id_in_use_by_a_running_create_is_refused_before_sending() -> None:
    release = threading.Event()
    arrived, handler = _held_create(release)
    with wire_server(handler) as server:
        async with AsyncClient("key-1234", "secret", server.url) as client:
            first = asyncio.ensure_future(client.smartorders().create(**CREATE, client_order_id="shared"))
            while not arrived.is_set():
                await asyncio.sleep(0.01)
            with pytest.raises(ValidationError, match="in use"):
                await client.smartorders().create(**CREATE, client_order_id="shared")
            release.set()
            await first
            await client.smartorders().create(**CREATE, client_order_id="shared")


def test_a_get_answering_more_orders_than_the_spec_allows_is_invalid(exchange: Exchange) -> None:
    """GET /smartorders/{id} answers zero or one order (maxItems: 1): two is not an answer to take the first of."""
    exchange.default = lambda r: (
        httpx.Response(500, json={"code": 500, "message": "Internal error"})
        if r.method == "POST"
        else httpx.Response(200, json={"serverTime": 1674197467415})
        if r.url.path == "/timestamp"
        else httpx.Response(200, json=[SMART_ORDER, SMART_ORDER])
    )
    with Client("key-1234", "secret", "http://x.test", transport=httpx.MockTransport(exchange), max_retries=0) as c:
        with pytest.raises(InvalidResponseError, match="lists 2 orders, at most 1"):
            c.smartorders().get_by_id("1")
        with pytest.raises(OutcomeUnknownError) as caught:  # the lookup after a lost create cannot be read
            c.smartorders().create(**CREATE, client_order_id="two-answers")
    assert caught.value.client_order_id == "two-answers"


@pytest.mark.parametrize("failure", [OSError("disk on fire"), ConnectionResetError(104, "reset by peer")])
def test_an_os_error_from_a_passed_transport_is_a_transport_error(exchange: Exchange, failure: OSError) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise failure

    with Client("key-1234", "secret", "http://x.test", transport=httpx.MockTransport(fail), max_retries=0) as c:
        with pytest.raises(TransportError) as caught:
            c.smartorders().get_all()
        assert caught.value.may_have_reached_exchange  # it cannot tell: the request may have left
        with pytest.raises(OutcomeUnknownError):
            c.smartorders().create(**CREATE)


def test_aclose_from_a_second_event_loop_raises_nothing() -> None:
    """asyncio.run(main()) and then asyncio.run(client.aclose()): the first loop has ended; closing still works."""
    with wire_server(default_answer) as server:
        client = AsyncClient("key-1234", "secret", server.url)
        asyncio.run(client.smartorders().get_all())
        asyncio.run(client.aclose())
        with pytest.raises(ClientClosedError):
            asyncio.run(client.smartorders().get_all())


def test_a_huge_deadline_means_no_deadline_not_an_overflow(exchange: Exchange) -> None:
    with Client("key-1234", "secret", "http://x.test", transport=httpx.MockTransport(exchange), deadline=1e12) as c:
        assert len(c.smartorders().get_all()) == 1


@pytest.mark.parametrize("url", ["http://x.test/api?x=1", "http://x.test/api#frag", "http://x.test/?"])
def test_a_base_url_with_a_query_or_fragment_is_refused(url: str) -> None:
    """The paths are added to the base URL: with a query, every request went to the wrong place (and signed)."""
    for cls in (Client, AsyncClient):
        with pytest.raises(ValidationError, match="url: must be a base URL without a query or fragment"):
            cls("key-1234", "secret", url)
