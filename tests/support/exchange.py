"""The scripted exchange: records every request and answers from a script of handlers, then a well-formed default.
Behind httpx.MockTransport for the sync client, or the loopback wire server (tests/support/wire_server.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
from polo_smartorders import HttpBackend
from polo_smartorders._transport import async_transport

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


#: AsyncClient's HTTP backends; every async test that takes ``async_backend`` (or ``async_client``) runs on each.
ASYNC_BACKENDS: tuple[HttpBackend, ...] = ("httpx", "aiohttp")


def backend_transport(backend: HttpBackend) -> httpx.AsyncBaseTransport:
    """A new transport of ``backend``, for a test that wraps it (to record or inject faults) and passes it as
    ``AsyncClient(..., transport=wrapper)``: the client then runs on that backend's connection pool."""
    return async_transport(backend, None) or httpx.AsyncHTTPTransport()
