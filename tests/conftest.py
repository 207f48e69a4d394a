"""Shared fixtures: a scripted exchange (behind httpx.MockTransport for the sync client, on a loopback server for the
async client on each HTTP backend), and an independent signature check."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable, Iterator
from typing import Any, cast
from urllib.parse import quote, unquote

import httpx
import pytest
from polo_smartorders import AsyncClient, Client, HttpBackend
from polo_smartorders._transport import async_transport
from polo_smartorders.sandbox._app import PathEndpoint
from starlette.requests import Request
from starlette.responses import Response

from .spec_answers import answer_errors
from .wire_server import WireServer, wire_server

KEY = "test-api-key-7f3a"
SECRET = "test-api-secret-do-not-leak-91c2"
BASE = "http://exchange.test"

SMART_ORDER: dict[str, Any] = {
    "id": "10000001",
    "clientOrderId": "abc-1",
    "symbol": "BTC_USDT",
    "state": "PENDING_NEW",
    "accountType": "SPOT",
    "side": "BUY",
    "type": "STOP_LIMIT",
    "timeInForce": "GTC",
    "quantity": "100",
    "price": "40000.50",
    "amount": "0",
    "stopPrice": "40000",
    "createTime": 1674197467415,
    "updateTime": 1674197467415,
}
CANCEL_OK: dict[str, Any] = {
    "orderId": "10000001",
    "clientOrderId": "abc-1",
    "state": "PENDING_CANCEL",
    "code": 200,
    "message": "",
}

Handler = Callable[[httpx.Request], httpx.Response]


def default_answer(request: httpx.Request) -> httpx.Response:
    """A well-formed 200 for every operation, echoing the clientOrderId of a create or replace."""
    path, method = request.url.path, request.method
    if path == "/timestamp":
        return httpx.Response(200, json={"serverTime": 1674197467415})
    if method in ("POST", "PUT"):
        body = json.loads(request.content) if request.content else {}
        return httpx.Response(200, json={"id": "10000002", "clientOrderId": body.get("clientOrderId", "")})
    if method == "DELETE" and path in ("/smartorders", "/smartorders/cancelByIds"):
        return httpx.Response(200, json=[CANCEL_OK])
    if method == "DELETE":
        return httpx.Response(200, json=CANCEL_OK)
    if path.startswith("/smartorders/") and path != "/smartorders/history":
        return httpx.Response(200, json=[SMART_ORDER])
    return httpx.Response(200, json=[SMART_ORDER])


class Exchange:
    """Records every request; answers with ``script`` (a queue of handlers, then ``default``)."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.script: list[Handler] = []
        self.default: Handler = default_answer

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        handler = self.script.pop(0) if self.script else self.default
        return handler(request)

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]


def expected_signature(request: httpx.Request, secret: str = SECRET) -> str:
    """The signature the exchange would compute, written from the reference and not from the client's signer."""
    raw_path, _, raw_query = request.url.raw_path.decode().partition("?")
    timestamp = request.headers["signTimestamp"]
    if request.content:
        params = f"requestBody={request.content.decode()}&signTimestamp={timestamp}"
    else:
        pairs = [tuple(item.split("=", 1)) for item in raw_query.split("&") if item]
        decoded = [(unquote(k), unquote(v)) for k, v in pairs] + [("signTimestamp", timestamp)]
        params = "&".join(f"{k}={quote(v, safe='-_.~')}" for k, v in sorted(decoded))
    message = f"{request.method}\n{raw_path}\n{params}".encode()
    return base64.b64encode(hmac.new(secret.encode(), message, hashlib.sha256).digest()).decode()


def assert_signed(request: httpx.Request) -> None:
    assert request.headers["key"] == KEY
    assert request.headers["signTimestamp"].isdigit()
    assert request.headers["signature"] == expected_signature(request)


@pytest.fixture
def exchange() -> Exchange:
    return Exchange()


@pytest.fixture
def client(exchange: Exchange) -> Iterator[Client]:
    with Client(KEY, SECRET, BASE, transport=httpx.MockTransport(exchange), rate_limit=False) as c:
        yield c


#: AsyncClient's HTTP backends; every async test that takes ``async_backend`` (or ``async_client``) runs on each.
ASYNC_BACKENDS: tuple[HttpBackend, ...] = ("httpx", "aiohttp")


@pytest.fixture(params=ASYNC_BACKENDS)
def async_backend(request: pytest.FixtureRequest) -> HttpBackend:
    """Each HTTP backend in turn: pass it on as ``AsyncClient(..., http_backend=async_backend)``."""
    return cast(HttpBackend, request.param)


def backend_transport(backend: HttpBackend) -> httpx.AsyncBaseTransport:
    """A new transport of ``backend``, for a test that wraps it (to record or inject faults) and passes it as
    ``AsyncClient(..., transport=wrapper)``: the client then runs on that backend's connection pool."""
    return async_transport(backend, None) or httpx.AsyncHTTPTransport()


@pytest.fixture(scope="session")
def _shared_wire() -> Iterator[WireServer]:
    with wire_server(default_answer) as server:
        yield server


@pytest.fixture
def wire(_shared_wire: WireServer, exchange: Exchange) -> Iterator[WireServer]:
    """The loopback server, answering with this test's ``exchange`` (one server for the session)."""
    _shared_wire.handler = exchange
    yield _shared_wire
    _shared_wire.handler = default_answer


@pytest.fixture
def async_client(exchange: Exchange, wire: WireServer, async_backend: HttpBackend) -> AsyncClient:
    """An AsyncClient on ``async_backend`` over real HTTP to ``exchange`` (which records what arrived)."""
    return AsyncClient(KEY, SECRET, wire.url, rate_limit=False, http_backend=async_backend)


# Every answer an in-process sandbox gives during the suite is checked against the spec, response objects closed.
_off_spec: list[str] = []
_respond = PathEndpoint.respond


async def _checked_respond(self: PathEndpoint, request: Request) -> Response:
    response = await _respond(self, request)
    endpoint = self.endpoints.get(request.method)
    if endpoint is not None:
        _off_spec.extend(answer_errors(endpoint.name, response.status_code, bytes(response.body)))
    return response


PathEndpoint.respond = _checked_respond  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def sandbox_answers_follow_the_spec() -> Iterator[None]:
    """Fails a test whose sandbox answered anything the spec does not declare, naming the field."""
    _off_spec.clear()
    yield
    found, _off_spec[:] = list(_off_spec), []
    assert not found, "sandbox answers off the spec:\n" + "\n".join(sorted(set(found))[:20])
