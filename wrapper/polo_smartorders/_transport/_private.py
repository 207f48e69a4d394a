"""Every use of httpx's, httpcore's and aiohttp's private names, in one place.

Each is something the library needs and the package offers no public way to do (named below, with why). An upgrade
that removes or renames one fails ``tests/client/test_transport_internals.py``, a test per name, which says which name of
which library version is gone; at run time a missing attribute raises ``PrivateAPIError`` naming it the same way.

- ``httpx.Client._transport``, ``._mounts``: the pools the client sends through, to bound (sync) or shard (async).
- ``httpx.HTTPTransport._pool`` / ``AsyncHTTPTransport._pool``: the httpcore pool behind httpx's transport.
- ``httpcore.ConnectionPool._network_backend``: the sync pool's sockets, wrapped to end each wait by the deadline.
- ``httpcore.AsyncConnectionPool._ssl_context``, ``._keepalive_expiry``: the settings a sharded pool copies.
- ``httpx.Client._cookies``: a jar that keeps nothing (the public setter copies into a plain ``httpx.Cookies``).
- ``aiohttp.ClientSession._retry_connection``: off, so that aiohttp never re-sends a request on its own.
- ``httpx._utils.get_environment_proxies``, ``URLPattern``: httpx's own reading of the proxy variables.
- ``httpcore._async.interfaces.AsyncRequestInterface``: the interface of an async pool (for the sharded pool).
- ``httpcore._utils.is_socket_readable``: httpcore's idle-connection check, done in one poll.
"""

from __future__ import annotations

from importlib import metadata
from typing import TYPE_CHECKING, Any

import httpcore
import httpx
from httpcore._async.interfaces import AsyncRequestInterface
from httpcore._utils import is_socket_readable
from httpx._utils import URLPattern, get_environment_proxies

if TYPE_CHECKING:
    import aiohttp

__all__ = [
    "AsyncRequestInterface",
    "PrivateAPIError",
    "URLPattern",
    "get_environment_proxies",
    "is_socket_readable",
    "keepalive_expiry",
    "mounted_transports",
    "network_backend",
    "no_connection_retry",
    "pool_of",
    "set_cookie_jar",
    "set_network_backend",
    "set_pool",
    "ssl_context",
    "transport_of",
]


class PrivateAPIError(RuntimeError):
    """A private name this library relies on is missing from the installed version of its package."""

    def __init__(self, library: str, name: str) -> None:
        super().__init__(
            f"{name} is missing from {library} {_version(library)}: polo_smartorders relies on it "
            f"(see polo_smartorders/_transport/_private.py); install a version of {library} it supports"
        )


def _version(library: str) -> str:
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "(version unknown)"


def _get(library: str, obj: object, name: str) -> Any:
    try:
        return getattr(obj, name)
    except AttributeError:
        raise PrivateAPIError(library, f"{type(obj).__qualname__}.{name}") from None


def transport_of(client: httpx.Client | httpx.AsyncClient) -> httpx.BaseTransport | httpx.AsyncBaseTransport:
    """The transport ``client`` sends through when no mount (proxy) takes the URL."""
    return _get("httpx", client, "_transport")  # type: ignore[no-any-return]


def mounted_transports(
    client: httpx.Client | httpx.AsyncClient,
) -> list[httpx.BaseTransport | httpx.AsyncBaseTransport | None]:
    """The transports ``client`` mounted for URL patterns: a proxy's each (None: a pattern sent with no proxy)."""
    return list(_get("httpx", client, "_mounts").values())


def pool_of(transport: httpx.HTTPTransport | httpx.AsyncHTTPTransport) -> object:
    """The httpcore pool behind httpx's own transport (a connection pool, or a proxy's pool)."""
    return _get("httpx", transport, "_pool")


def set_pool(transport: httpx.AsyncHTTPTransport, pool: AsyncRequestInterface) -> None:
    """Make ``transport`` send through ``pool``."""
    _get("httpx", transport, "_pool")
    transport._pool = pool  # type: ignore[assignment]


def network_backend(pool: httpcore.ConnectionPool) -> httpcore.NetworkBackend:
    """The sync pool's network backend: what opens its sockets."""
    return _get("httpcore", pool, "_network_backend")  # type: ignore[no-any-return]


def set_network_backend(pool: httpcore.ConnectionPool, backend: httpcore.NetworkBackend) -> None:
    _get("httpcore", pool, "_network_backend")
    pool._network_backend = backend


def ssl_context(pool: httpcore.AsyncConnectionPool) -> Any:
    """The pool's SSL context (None: httpcore's default, made when first needed)."""
    return _get("httpcore", pool, "_ssl_context")


def keepalive_expiry(pool: httpcore.AsyncConnectionPool) -> float | None:
    """How long the pool keeps an idle connection."""
    return _get("httpcore", pool, "_keepalive_expiry")  # type: ignore[no-any-return]


def set_cookie_jar(client: httpx.Client | httpx.AsyncClient, jar: httpx.Cookies) -> None:
    """Make ``client`` keep its cookies in ``jar`` (of its own class: the public setter would copy it)."""
    _get("httpx", client, "_cookies")
    client._cookies = jar


def no_connection_retry(session: aiohttp.ClientSession) -> None:
    """Stop ``session`` from re-sending a GET, PUT or DELETE once by itself when a kept-alive connection drops."""
    _get("aiohttp", session, "_retry_connection")
    session._retry_connection = False
