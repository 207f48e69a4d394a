"""The aiohttp transport (extra ``aiohttp``): httpx's transport interface on an aiohttp session.

Vendored from httpx-aiohttp 0.2.0 (``httpx_aiohttp.transport.AiohttpTransport``; Copyright © 2025, Karen
Petrosyan; BSD-3-Clause), of which the project had overridden all but ``aclose`` and the SSL context. What changed,
and why:

- failures are typed as httpcore types them (``_TYPES``): httpx-aiohttp maps a dropped or reset connection to
  ``httpx.ConnectTimeout`` ("never sent") and leaves other aiohttp errors untyped, and the retry rule must tell
  "not sent" from "may have reached the exchange";
- aiohttp's silent re-send of a GET, PUT or DELETE on a dropped connection is off (the retry rule decides);
- the URL goes out as httpx built and signed it (aiohttp would re-quote ``%2C`` in a query as ``,``), header names
  as written, no cookie jar (httpx keeps cookies), timeouts rounded by no second;
- the body is read whole here (the client never streams): one await instead of a chain of async iterators;
- the running attempt is told when aiohttp holds the connection it will write on (``_SENT_TRACE``);
- dropped: proxies, unix sockets, local_address, socket options, HTTP/2 warnings, a caller's own session.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

import aiohttp
import httpx
import yarl

from . import _private
from ._sent import about_to_write

#: aiohttp error -> the httpx error httpcore raises for the same failure, most specific first. Only a failed connect
#: (or a wait for a pool slot) means nothing was sent.
_TYPES: tuple[tuple[type[BaseException], type[httpx.TransportError]], ...] = (
    (aiohttp.ConnectionTimeoutError, httpx.ConnectTimeout),
    (aiohttp.ClientConnectorError, httpx.ConnectError),
    (aiohttp.NonHttpUrlClientError, httpx.UnsupportedProtocol),
    (aiohttp.ServerTimeoutError, httpx.ReadTimeout),
    (aiohttp.ServerDisconnectedError, httpx.RemoteProtocolError),
    (aiohttp.ClientHttpProxyError, httpx.ProxyError),
    (aiohttp.ClientResponseError, httpx.RemoteProtocolError),  # an answer aiohttp could not parse
    (aiohttp.ClientConnectionError, httpx.ReadError),  # reset, broken pipe
    (aiohttp.ClientError, httpx.ReadError),
    (TimeoutError, httpx.ReadTimeout),
)


@contextmanager
def _typed() -> Iterator[None]:
    """Re-raise an aiohttp failure as the matching httpx error (the table ends in catch-alls)."""
    try:
        yield
    except (aiohttp.ClientError, TimeoutError) as exc:
        kind = next(httpx_type for aio, httpx_type in _TYPES if isinstance(exc, aio))
        raise kind(str(exc) or type(exc).__name__) from exc


async def _holds_connection(*_: object) -> None:
    about_to_write()  # the request is written on this connection next: from here it may have been sent


#: Tells the running attempt when aiohttp holds the connection it will write the request on.
_SENT_TRACE = aiohttp.TraceConfig()
_SENT_TRACE.on_connection_create_end.append(_holds_connection)
_SENT_TRACE.on_connection_reuseconn.append(_holds_connection)
_SENT_TRACE.freeze()


class AiohttpTransport(httpx.AsyncBaseTransport):
    """httpx's transport interface on an aiohttp session: pooled keep-alive connections (``limits.max_connections``
    at most, idle ones kept ``keepalive_expiry`` seconds), httpx's timeouts, no cookie jar (httpx keeps cookies).

    The session is made on the first request, on the event loop that sends it."""

    def __init__(self, limits: httpx.Limits) -> None:
        self.limits = limits
        self.ssl_context = httpx.create_ssl_context()
        self.client: aiohttp.ClientSession | None = None

    def get_client(self) -> aiohttp.ClientSession:
        expiry = self.limits.keepalive_expiry
        connector = aiohttp.TCPConnector(
            limit=self.limits.max_connections or 0,  # 0: no limit, as max_connections=None in httpx
            keepalive_timeout=15.0 if expiry is None else expiry,
            ssl=self.ssl_context,
            timeout_ceil_threshold=math.inf,  # honour read timeouts exactly, not rounded up to a whole second
        )
        session = aiohttp.ClientSession(
            connector=connector, cookie_jar=aiohttp.DummyCookieJar(), trace_configs=[_SENT_TRACE]
        )
        _private.no_connection_retry(session)  # the retry rule decides what is re-sent, not aiohttp
        return session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` as httpx built and signed it: the URL's bytes unchanged, header names as written,
        httpx's connect, read and pool timeouts."""
        if self.client is None:
            self.client = self.get_client()
        timeout = request.extensions.get("timeout", {})
        with _typed():
            response = await self.client.request(
                request.method,
                yarl.URL(str(request.url), encoded=True),
                headers=[(name.decode("latin-1"), value.decode("latin-1")) for name, value in request.headers.raw],
                data=request.content or None,
                allow_redirects=False,
                auto_decompress=False,  # httpx decodes gzip/deflate itself, as with its own transport
                timeout=aiohttp.ClientTimeout(
                    sock_connect=timeout.get("connect"), sock_read=timeout.get("read"), connect=timeout.get("pool")
                ),
            )
            try:  # read whole here (the client never streams): one await instead of a chain of async iterators
                body = await response.read()
            except BaseException:  # failed, timed out or cancelled mid-answer: the connection is not reusable
                response.close()
                raise
            response.release()
        extensions = {"http_version": b"HTTP/1.1", "reason_phrase": (response.reason or "").encode("latin-1")}
        return httpx.Response(
            response.status,
            headers=response.raw_headers,
            stream=httpx.ByteStream(body),  # still raw: httpx decodes it in aread(), after the response hooks
            request=request,
            extensions=extensions,
        )

    async def aclose(self) -> None:
        if self.client is not None:
            await self.client.close()
