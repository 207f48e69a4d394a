"""How the clients' httpx clients reach the network: AsyncClient's backend (httpcore, sharded, or aiohttp's pool),
the sync pool's sockets bounded by the call's deadline, and no cookie jar."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib.util
import ipaddress
import os
import re
import ssl
import threading
import time
import urllib.parse
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable
from concurrent.futures import Future
from contextvars import ContextVar
from typing import Any, Literal, Self, TypeVar

import httpcore
import httpx
from httpcore._async.interfaces import AsyncRequestInterface
from httpcore._utils import is_socket_readable
from httpx._utils import URLPattern, get_environment_proxies

from ._body import deadline_passed, time_left
from ._constants import MAX_IN_FLIGHT
from ._exceptions import ValidationError

T = TypeVar("T")
HttpBackend = Literal["httpx", "aiohttp"]
#: Every pool's size: as many connections as a client lets requests be in flight (MAX_IN_FLIGHT), so that a request
#: holding a slot never waits for a connection. All may stay alive (idle ones close after 5 s):
#: httpcore closes every idle connection of a pool holding more than max_keepalive_connections in all, so a lower
#: limit made threads sharing a Client reconnect after each burst. (AsyncClient's httpx pool is _ShardedPool.)
DEFAULT_LIMITS = httpx.Limits(
    max_connections=MAX_IN_FLIGHT, max_keepalive_connections=MAX_IN_FLIGHT, keepalive_expiry=5.0
)


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


def redacted(url: str) -> str:
    """``url`` to show in a message or repr: any userinfo (``user:password@``) replaced by ``***@``, however malformed
    the URL (everything before its last "@": a password may hold an unescaped "/" or "@")."""
    head, at, tail = url.rpartition("@")
    if not at:
        return url
    scheme = re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", head)
    return f"{scheme.group() if scheme else ''}***@{tail}"


def check_env_proxies(base_url: str, transport: object, http_backend: HttpBackend = "httpx") -> None:
    """Refuse, naming its variable, a proxy from the environment (``HTTPS_PROXY``, ``ALL_PROXY``, ... as httpx reads
    them, ``NO_PROXY`` included) that the client would not send through, rather than let orders bypass it.

    httpx's own transport (``transport`` None) sends through every such proxy, so each must be one it can use (httpx
    itself raises ImportError or ValueError for some, and takes ``http://[bad`` for a host); the aiohttp backend
    sends through none, so none may apply to ``base_url``. A transport the caller gives is theirs: httpx reads none.
    """
    if transport is not None and http_backend != "aiohttp":
        return
    proxies = sorted(_environment_proxies(), key=lambda p: p[0])
    if http_backend == "aiohttp":
        first = next(((p, url) for p, url in proxies if p.matches(httpx.URL(base_url))), None)  # as httpx picks
        if first is not None and first[1] is not None:
            bypassed = "is set; http_backend='aiohttp' sends through no proxy: unset it, or use http_backend='httpx'"
            raise ValidationError(_variable(first[0]), bypassed)
    else:
        for pattern, url in proxies:
            if url is not None and (rule := _unusable(url)) is not None:
                raise ValidationError(_variable(pattern), f"{rule}, got {redacted(url)!r}")


def _environment_proxies() -> list[tuple[URLPattern, str | None]]:
    """httpx's reading of the proxy variables; a NO_PROXY host httpx cannot read (``[::1``) is refused, named."""
    proxies: list[tuple[URLPattern, str | None]] = []
    for key, url in get_environment_proxies().items():
        try:
            proxies.append((URLPattern(key), url))
        except (httpx.InvalidURL, ValueError):
            variable = "no_proxy" if os.environ.get("no_proxy") else "NO_PROXY"
            host = key.partition("://")[2]
            raise ValidationError(variable, f"holds {host!r}, which is not a host name or address") from None
    return proxies


def _unusable(url: str) -> str | None:
    """Why httpx cannot send through the proxy ``url``, or None."""
    try:
        scheme = httpx.Proxy(url).url.scheme  # ValueError: a scheme httpx has no proxy for
        host = urllib.parse.urlsplit(url).hostname  # ValueError: "http://[bad"
    except (httpx.InvalidURL, ValueError):
        scheme, host = "", None
    if not host:
        return "must be an http://, https://, socks5:// or socks5h:// URL with a host"
    if scheme.startswith("socks") and importlib.util.find_spec("socksio") is None:
        return "a socks5:// proxy needs the socksio package: pip install 'httpx[socks]'"
    return None


def _variable(pattern: URLPattern) -> str:
    """The environment variable a proxy of ``pattern`` ("https://", "all://") came from: lowercase wins, as in urllib."""
    lower = f"{pattern.pattern.partition('://')[0]}_proxy"
    return lower if os.environ.get(lower) else lower.upper()


class Wire:
    """Whether one async attempt's request may have left the client: a transport that can tell marks it just
    before it writes (or, aiohttp, once it holds the connection it will write on); ``tracked`` says one can."""

    __slots__ = ("touched", "tracked")

    def __init__(self, tracked: bool) -> None:
        self.tracked = tracked
        self.touched = False


#: The running async attempt's Wire (None outside one, or in the sync client, which its sockets tell directly).
WIRE: ContextVar[Wire | None] = ContextVar("polo_smartorders_wire", default=None)


def about_to_write() -> None:
    """Mark the running attempt's request as possibly sent: called before the first byte could leave."""
    wire = WIRE.get()
    if wire is not None:
        wire.touched = True


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

    httpx bounds each read by ``timeout``, not the whole answer: without this, a server trickling its status line a
    byte at a time would hold a sync call far past its deadline. Other transports (ASGI, mock, ...) are left as
    they are: they have no sockets to wait on, or are the caller's to bound.
    """
    for transport in (client._transport, *client._mounts.values()):  # httpx has no public hook for this
        pool = getattr(transport, "_pool", None)
        if isinstance(pool, httpcore.ConnectionPool) and not isinstance(pool._network_backend, _DeadlineBackend):
            pool._network_backend = _DeadlineBackend(pool._network_backend)


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

    Returns whether every request of ``client`` now goes through it (so its Wire is told before a request is
    written): not when a proxy from the environment takes some URLs.
    """
    transport = client._transport  # httpx has no public hook for this
    pool = getattr(transport, "_pool", None)
    if not (isinstance(transport, httpx.AsyncHTTPTransport) and type(pool) is httpcore.AsyncConnectionPool):
        return False
    transport._pool = _ShardedPool(pool._ssl_context, pool._keepalive_expiry)  # type: ignore[assignment]
    return not any(mounted is not None for mounted in client._mounts.values())


class _NoCookies(httpx.Cookies):
    """A cookie jar that keeps nothing: the API is stateless and every request is signed, so a cookie an answer
    sets is never sent back (httpx would otherwise parse each answer's headers for them, on every call)."""

    def extract_cookies(self, response: httpx.Response) -> None:
        pass


def keep_no_cookies(client: httpx.Client | httpx.AsyncClient) -> None:
    """Make ``client`` ignore Set-Cookie (see _NoCookies)."""
    client._cookies = _NoCookies()
