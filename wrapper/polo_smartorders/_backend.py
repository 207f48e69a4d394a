"""The HTTP transports: AsyncClient's httpx (httpcore) or aiohttp pool, and the sync pool's deadline-bound sockets."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterable
from typing import Any, Literal, TypeVar

import httpcore
import httpx

from ._body import time_left
from ._constants import MAX_IN_FLIGHT
from ._exceptions import DeadlineExceededError, ValidationError

T = TypeVar("T")
HttpBackend = Literal["httpx", "aiohttp"]
#: Both backends' pool: as many connections as a client lets requests be in flight (MAX_IN_FLIGHT), so that a request
#: the rate limiter granted never then waits for a connection. Idle ones kept: httpx's default 20, as httpcore scans
#: every pooled connection on each request (100 kept idle made AsyncClient at 64 tasks ~4x slower in make bench).
DEFAULT_LIMITS = httpx.Limits(max_connections=MAX_IN_FLIGHT, max_keepalive_connections=20, keepalive_expiry=5.0)


def async_transport(
    http_backend: HttpBackend, transport: httpx.AsyncBaseTransport | None, limits: httpx.Limits = DEFAULT_LIMITS
) -> httpx.AsyncBaseTransport | None:
    """The transport for AsyncClient's httpx client: ``transport`` as given for "httpx", an aiohttp one for "aiohttp".

    aiohttp is imported here, on first use, so that ``import polo_smartorders`` never loads it.
    """
    if http_backend == "httpx":
        return transport
    if http_backend != "aiohttp":
        raise ValidationError("http_backend", f"must be 'httpx' or 'aiohttp', got {http_backend!r}")
    if transport is not None:
        raise ValidationError("http_backend", "'aiohttp' brings its own transport: pass transport= or it, not both")
    try:
        from ._aiohttp import AiohttpTransport
    except ImportError as exc:
        hint = "'aiohttp' needs the aiohttp extra: pip install 'polo-smartorders[aiohttp]'"
        raise ValidationError("http_backend", f"{hint} ({exc})") from exc
    return AiohttpTransport(limits=limits)


def _by_deadline(wait: Callable[[float | None], T], timeout: float | None, *, sent: bool) -> T:
    """Run a socket ``wait`` with its ``timeout`` capped at the time left to the running call.

    A wait that the cap ends raises DeadlineExceededError; ``sent`` says whether the request may have reached the
    exchange by then. Outside a call, ``timeout`` applies as given.
    """
    left = time_left()
    if left is None:
        return wait(timeout)
    capped = left if timeout is None else min(timeout, left)
    if capped > 0:
        try:
            return wait(capped)
        except httpcore.TimeoutException:
            if capped < left:  # the socket's own timeout ran out, not the deadline
                raise
    raise DeadlineExceededError("the call's deadline passed during the request", may_have_reached_exchange=sent)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the running call's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return _by_deadline(lambda capped: self._stream.read(max_bytes, capped), timeout, sent=True)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        _by_deadline(lambda capped: self._stream.write(buffer, capped), timeout, sent=True)

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        tls = _by_deadline(
            lambda capped: self._stream.start_tls(ssl_context, server_hostname, capped), timeout, sent=False
        )
        return _DeadlineStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's sync network backend, its connections' every socket wait ended by the running call's deadline."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        connect = self._backend.connect_tcp
        stream = _by_deadline(
            lambda capped: connect(host, port, capped, local_address, socket_options), timeout, sent=False
        )
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        connect = self._backend.connect_unix_socket
        return _DeadlineStream(_by_deadline(lambda capped: connect(path, capped, socket_options), timeout, sent=False))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def bound_sync_transports(client: httpx.Client) -> None:
    """End every socket wait of ``client``'s httpx pools (its own and any proxy's) by the running call's deadline.

    httpx bounds each read by ``timeout``, not the whole answer: without this, a server trickling its status line a
    byte at a time would hold a sync call far past its deadline. Other transports (ASGI, mock, ...) are left as
    they are: they have no sockets to wait on, or are the caller's to bound.
    """
    for transport in (client._transport, *client._mounts.values()):  # httpx has no public hook for this
        pool = getattr(transport, "_pool", None)
        if isinstance(pool, httpcore.ConnectionPool) and not isinstance(pool._network_backend, _DeadlineBackend):
            pool._network_backend = _DeadlineBackend(pool._network_backend)
