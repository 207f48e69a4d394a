"""The httpx clients the library's clients send through: pool limits, hooks, no cookie jar, and for each client the
pool that reaches the network (sync: sockets bounded by the deadline; async: sharded httpcore, or aiohttp's)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from .._constants import MAX_IN_FLIGHT
from .._exceptions import ValidationError
from . import _private
from ._async_pool import shard_async_pool
from ._proxies import HttpBackend, check_env_proxies
from ._sync_pool import bound_sync_transports

#: Every pool's size: as many connections as a client lets requests be in flight (MAX_IN_FLIGHT), so that a request
#: holding a slot never waits for a connection. All may stay alive (idle ones close after 5 s):
#: httpcore closes every idle connection of a pool holding more than max_keepalive_connections in all, so a lower
#: limit made threads sharing a Client reconnect after each burst. (AsyncClient's httpx pool is _ShardedPool.)
DEFAULT_LIMITS = httpx.Limits(
    max_connections=MAX_IN_FLIGHT, max_keepalive_connections=MAX_IN_FLIGHT, keepalive_expiry=5.0
)

Hooks = dict[str, list[Callable[..., Any]]]


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
        from .._extras import AIOHTTP_HINT

        raise ValidationError("http_backend", f"{AIOHTTP_HINT} ({exc})") from exc
    return AiohttpTransport(limits=limits)


def sync_http(base_url: str, transport: httpx.BaseTransport | None, hooks: Hooks, **options: Any) -> httpx.Client:
    """Client's httpx client: a proxy from the environment checked, sockets bounded by the deadline, no cookies."""
    check_env_proxies(base_url, transport)
    http = httpx.Client(base_url=base_url, transport=transport, event_hooks=hooks, limits=DEFAULT_LIMITS, **options)
    bound_sync_transports(http)
    keep_no_cookies(http)
    return http


def async_http(
    base_url: str, transport: httpx.AsyncBaseTransport | None, http_backend: HttpBackend, hooks: Hooks, **options: Any
) -> tuple[httpx.AsyncClient, bool]:
    """AsyncClient's httpx client (``transport`` from ``async_transport``), and whether its transport tells each
    attempt when its request may have left (else any may have, from the moment it is handed over)."""
    check_env_proxies(base_url, transport, http_backend)
    http = httpx.AsyncClient(
        base_url=base_url, transport=transport, event_hooks=hooks, limits=DEFAULT_LIMITS, **options
    )
    tracked = shard_async_pool(http) or http_backend == "aiohttp"
    keep_no_cookies(http)
    return http, tracked


class _NoCookies(httpx.Cookies):
    """A cookie jar that keeps nothing: the API is stateless and every request is signed, so a cookie an answer
    sets is never sent back (httpx would otherwise parse each answer's headers for them, on every call)."""

    def extract_cookies(self, response: httpx.Response) -> None:
        pass


def keep_no_cookies(client: httpx.Client | httpx.AsyncClient) -> None:
    """Make ``client`` ignore Set-Cookie (see _NoCookies)."""
    _private.set_cookie_jar(client, _NoCookies())
