"""The sync client's sockets, each wait (and the lookup of a host's addresses) ended by the running call's deadline.

httpx bounds each read by ``timeout``, not the whole answer: without this, a server trickling its status line a byte
at a time would hold a sync call far past its deadline. A wait the deadline cuts raises DeadlineExceededError, and
says whether the request may have reached the exchange (a cut write: no; a cut read: yes).
"""

from __future__ import annotations

import ipaddress
import ssl
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from typing import Any, TypeVar

import httpcore
import httpx

from . import _private
from ._deadline import deadline_passed, time_left

T = TypeVar("T")


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
    raise deadline_passed(sent=sent)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the running call's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return _by_deadline(lambda capped: self._stream.read(max_bytes, capped), timeout, sent=True)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:  # h11 ending a Content-Length body: every byte of the request is already out
            self._stream.write(buffer, timeout)
            return
        # A request cut while it is written is incomplete (part of it, or its body, never left): the exchange cannot
        # act on it, as its signed body is not all there. So the deadline ending a write means "not sent".
        _by_deadline(lambda capped: self._stream.write(buffer, capped), timeout, sent=False)

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


def _is_ip(host: str) -> bool:
    """Whether ``host`` is an IP address, which getaddrinfo returns as it is, without asking a resolver."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _close_late(connected: Future[httpcore.NetworkStream]) -> None:
    """Close the connection of a connect given up on, should it still have come."""
    if connected.exception() is None:
        connected.result().close()


def _connect_off_thread(connect: Callable[[], httpcore.NetworkStream], timeout: float | None) -> httpcore.NetworkStream:
    """Run ``connect`` (name resolution, then the TCP connect) in a daemon thread of its own; wait ``timeout`` at most.

    getaddrinfo takes no timeout: a resolver that does not answer would hold the call for its own (seconds per try).
    Given up on, the thread finishes by itself, and closes the connection if one comes; a pool's thread would make
    interpreter exit wait for it.
    """
    connected: Future[httpcore.NetworkStream] = Future()

    def run() -> None:
        try:
            connected.set_result(connect())
        except BaseException as exc:  # handed to the waiting call, which raises it
            connected.set_exception(exc)

    threading.Thread(target=run, name="polo-smartorders-connect", daemon=True).start()
    try:
        return connected.result(timeout)
    except TimeoutError:
        if not connected.done():  # else connect() itself raised TimeoutError: passed on as it is
            connected.add_done_callback(_close_late)
            raise httpcore.ConnectTimeout("timed out resolving the host or connecting to it") from None
        raise


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's sync network backend, its connections' every socket wait (and the lookup of a host's addresses)
    ended by the running call's deadline."""

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

        def attempt(capped: float | None) -> httpcore.NetworkStream:
            if _is_ip(host):
                return connect(host, port, capped, local_address, socket_options)
            # A host name is resolved first, which no socket timeout bounds: in a thread whose wait is bounded.
            return _connect_off_thread(lambda: connect(host, port, capped, local_address, socket_options), capped)

        return _DeadlineStream(_by_deadline(attempt, timeout, sent=False))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        connect = self._backend.connect_unix_socket
        return _DeadlineStream(_by_deadline(lambda capped: connect(path, capped, socket_options), timeout, sent=False))

    def sleep(self, seconds: float) -> None:
        """httpcore's pause between connect retries (``HTTPTransport(retries=...)``), ended by the deadline too."""
        left = time_left()
        self._backend.sleep(seconds if left is None else max(0.0, min(seconds, left)))


def bound_sync_transports(client: httpx.Client) -> None:
    """End every socket wait and name lookup of ``client``'s httpx pools (its own and any proxy's) by the running
    call's deadline.

    Other transports (ASGI, mock, ...) are left as they are: they have no sockets to wait on, or are the caller's to
    bound.
    """
    for transport in (_private.transport_of(client), *_private.mounted_transports(client)):
        if not isinstance(transport, httpx.HTTPTransport):
            continue
        pool = _private.pool_of(transport)  # a ConnectionPool, or a proxy's (a subclass)
        if isinstance(pool, httpcore.ConnectionPool):
            backend = _private.network_backend(pool)
            if not isinstance(backend, _DeadlineBackend):
                _private.set_network_backend(pool, _DeadlineBackend(backend))
