"""AsyncClient's httpcore pool: sharded, its idle-connection check one poll, each request's first write reported.

Used when AsyncClient sends through httpx's own transport (``http_backend="httpx"``, no transport given): see
``_ShardedPool`` for why; ``shard_async_pool`` installs it.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import ssl
import time
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable
from typing import Any, Self

import httpcore
import httpx

from .._constants import MAX_IN_FLIGHT
from . import _private
from ._private import AsyncRequestInterface, is_socket_readable
from ._sent import about_to_write

#: Connections per shard of AsyncClient's httpcore pool: MAX_IN_FLIGHT requests fill SHARDS shards exactly.
SHARD_SIZE = 10
SHARDS = -(-MAX_IN_FLIGHT // SHARD_SIZE)


class _QuickStream(httpcore.AsyncNetworkStream):
    """An anyio connection that answers httpcore's "is the idle socket readable?" with one poll of its socket.

    httpcore asks that of every idle connection each time it assigns a request; anyio builds a dict of attribute
    getters per question, which at 64 tasks cost more than the poll.
    """

    def __init__(self, stream: httpcore.AsyncNetworkStream) -> None:
        self._stream = stream
        self._socket: Any = stream.get_extra_info("socket")

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._stream.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        about_to_write()
        await self._stream.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._stream.aclose()

    async def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.AsyncNetworkStream:
        return _QuickStream(await self._stream.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            return is_socket_readable(self._socket)
        return self._stream.get_extra_info(info)


class _QuickBackend(httpcore.AnyIOBackend):
    """httpcore's anyio backend, its connections _QuickStreams."""

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return _QuickStream(await super().connect_tcp(host, port, timeout, local_address, socket_options))


class _Released:
    """A response body that hands its shard's slot back, once, when httpx has closed it.

    httpcore's close runs shielded, in a task of its own: a cancellation arriving while it runs would otherwise skip
    httpcore's bookkeeping and leave the connection taken for good. The slot comes back when that close is done.
    """

    def __init__(self, stream: AsyncIterable[bytes], release: Callable[[], None]) -> None:
        self._stream = stream
        self._release: Callable[[], None] | None = release

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        release, self._release = self._release, None
        if release is None:
            return
        close = getattr(self._stream, "aclose", None)
        if close is None:
            release()
            return
        closing = asyncio.ensure_future(close())
        closing.add_done_callback(lambda _: release())
        await asyncio.shield(closing)


class _ShardedPool(AsyncRequestInterface):
    """httpcore's async connection pool, split into SHARDS pools of SHARD_SIZE connections; each request goes to
    the one with the fewest requests in flight (the first of those: one task's requests reuse one connection).

    Why: on every request httpcore scans each pooled connection several times, and it closes an idle connection
    whenever the pool holds more than ``max_keepalive_connections`` in all, so at 64 tasks on one pool most of a
    request's CPU went to the pool and to new connections (make bench). A shard's scans stay short, and as it keeps
    all SHARD_SIZE connections alive, an idle connection closes only after ``keepalive_expiry``.

    A shard with no request in flight is replaced by a new one when it holds a connection that is neither idle nor
    closed (httpcore leaves one so for good when a task is cancelled before its new connection connected), or, at
    most once a second, when all its connections have expired (httpcore closes them only when the shard is used).
    """

    def __init__(self, ssl_context: ssl.SSLContext | None, keepalive_expiry: float | None) -> None:
        backend = _QuickBackend()
        self._new_pool = functools.partial(
            httpcore.AsyncConnectionPool,
            ssl_context=ssl_context,
            max_connections=SHARD_SIZE,
            max_keepalive_connections=SHARD_SIZE,
            keepalive_expiry=keepalive_expiry,
            network_backend=backend,
        )
        self._pools = [self._new_pool() for _ in range(SHARDS)]
        self._busy = [0] * SHARDS
        self._swept = time.monotonic()
        self._closing: set[asyncio.Future[None]] = set()

    async def handle_async_request(self, request: httpcore.Request) -> httpcore.Response:
        shard = self._busy.index(min(self._busy))
        now = time.monotonic()
        if now - self._swept >= 1.0:
            self._swept = now
            for other in range(SHARDS):
                self._renew_if_stuck(other, expired_too=True)
        else:
            self._renew_if_stuck(shard, expired_too=False)
        self._busy[shard] += 1

        def release() -> None:
            self._busy[shard] -= 1

        try:
            response = await self._pools[shard].handle_async_request(request)
        except BaseException:
            release()
            raise
        assert isinstance(response.stream, AsyncIterable)
        response.stream = _Released(response.stream, release)
        return response

    def _renew_if_stuck(self, shard: int, *, expired_too: bool) -> None:
        """Replace shard ``shard`` (if none of its requests is in flight) when a connection is stuck, or all expired."""
        pool = self._pools[shard]
        connections = pool.connections
        if self._busy[shard] or not connections:
            return
        stuck = any(not (c.is_idle() or c.is_closed()) for c in connections)
        if stuck or (expired_too and all(c.is_closed() or c.has_expired() for c in connections)):
            self._pools[shard] = self._new_pool()
            # Closed in a task of its own, which a cancellation of this request cannot cut short; aclose() waits.
            closing = asyncio.ensure_future(self._discard(pool))
            self._closing.add(closing)
            closing.add_done_callback(self._closing.discard)

    @staticmethod
    async def _discard(pool: httpcore.AsyncConnectionPool) -> None:
        with contextlib.suppress(Exception):  # closing the sockets of a discarded pool: nothing left to report
            await pool.aclose()

    @property
    def connections(self) -> list[httpcore.AsyncConnectionInterface]:
        """Every shard's connections, as httpcore's ``AsyncConnectionPool.connections`` lists its own."""
        return [connection for pool in self._pools for connection in pool.connections]

    async def aclose(self) -> None:
        for pool in self._pools:
            await pool.aclose()
        await asyncio.gather(*self._closing, return_exceptions=True)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


def shard_async_pool(client: httpx.AsyncClient) -> bool:
    """Give ``client``'s own httpx transport (not a proxy's, nor one the caller passed) a _ShardedPool.

    Returns whether every request of ``client`` now goes through it (so its attempt is told before a request is
    written): not when a proxy from the environment takes some URLs.
    """
    transport = _private.transport_of(client)
    if not isinstance(transport, httpx.AsyncHTTPTransport):
        return False
    pool = _private.pool_of(transport)
    if type(pool) is not httpcore.AsyncConnectionPool:
        return False
    _private.set_pool(transport, _ShardedPool(_private.ssl_context(pool), _private.keepalive_expiry(pool)))
    return not any(mounted is not None for mounted in _private.mounted_transports(client))
