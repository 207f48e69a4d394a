"""Every private name of httpx, httpcore and aiohttp the library uses (all through polo_smartorders._transport._private),
one test each: an upgrade that removes or renames one fails here, naming it and the installed version."""

from __future__ import annotations

import importlib
from importlib import metadata

import httpcore
import httpx
import pytest
from polo_smartorders._transport import _private
from polo_smartorders._transport._private import PrivateAPIError


def _imported(library: str, module: str, name: str) -> object:
    """``module.name``, or a failure naming it and ``library``'s installed version."""
    version = metadata.version(library)
    try:
        found = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        pytest.fail(
            f"{module}.{name} is gone from {library} {version} (used by polo_smartorders/_transport/_private.py): {exc}"
        )
    return found


def test_a_missing_private_attribute_is_named_with_the_library_version() -> None:
    with pytest.raises(PrivateAPIError, match=rf"object\._pool is missing from httpx {metadata.version('httpx')}"):
        _private.pool_of(object())  # type: ignore[arg-type]


def test_httpx_client_transport() -> None:
    transport = httpx.HTTPTransport()
    with httpx.Client(transport=transport) as client:
        assert _private.transport_of(client) is transport
    async_transport = httpx.AsyncHTTPTransport()
    assert _private.transport_of(httpx.AsyncClient(transport=async_transport)) is async_transport


def test_httpx_client_mounts(monkeypatch: pytest.MonkeyPatch) -> None:
    with httpx.Client() as client:
        assert _private.mounted_transports(client) == []
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:3128")
    with httpx.Client() as client:
        (proxied,) = _private.mounted_transports(client)
        assert isinstance(proxied, httpx.HTTPTransport)


def test_httpx_transport_pool() -> None:
    assert isinstance(_private.pool_of(httpx.HTTPTransport()), httpcore.ConnectionPool)
    transport = httpx.AsyncHTTPTransport()
    assert type(_private.pool_of(transport)) is httpcore.AsyncConnectionPool
    replacement = httpcore.AsyncConnectionPool()
    _private.set_pool(transport, replacement)
    assert _private.pool_of(transport) is replacement


def test_httpcore_pool_network_backend() -> None:
    pool = httpcore.ConnectionPool()
    backend = _private.network_backend(pool)
    assert isinstance(backend, httpcore.NetworkBackend)
    replacement = httpcore.SyncBackend()
    _private.set_network_backend(pool, replacement)
    assert _private.network_backend(pool) is replacement


def test_httpcore_pool_ssl_context() -> None:
    pool = _private.pool_of(httpx.AsyncHTTPTransport())
    assert isinstance(pool, httpcore.AsyncConnectionPool)
    assert _private.ssl_context(pool) is not None  # httpx hands its pool the SSL context it made


def test_httpcore_pool_keepalive_expiry() -> None:
    pool = httpcore.AsyncConnectionPool(keepalive_expiry=4.5)
    assert _private.keepalive_expiry(pool) == 4.5


def test_httpx_client_cookie_jar() -> None:
    class Jar(httpx.Cookies):
        pass

    jar = Jar()
    with httpx.Client() as client:
        _private.set_cookie_jar(client, jar)
        assert client.cookies is jar


async def test_aiohttp_session_retry_connection() -> None:
    aiohttp = pytest.importorskip("aiohttp")
    async with aiohttp.ClientSession() as session:
        assert session._retry_connection is True  # aiohttp's default: a dropped connection's GET is re-sent
        _private.no_connection_retry(session)
        assert session._retry_connection is False


def test_httpx_utils_get_environment_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    get_environment_proxies = _imported("httpx", "httpx._utils", "get_environment_proxies")
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:3128")
    assert get_environment_proxies() == {"https://": "http://127.0.0.1:3128"}  # type: ignore[operator]


def test_httpx_utils_url_pattern() -> None:
    url_pattern = _imported("httpx", "httpx._utils", "URLPattern")
    assert url_pattern("https://").matches(httpx.URL("https://api.poloniex.com"))  # type: ignore[operator]


def test_httpcore_async_request_interface() -> None:
    interface = _imported("httpcore", "httpcore._async.interfaces", "AsyncRequestInterface")
    assert isinstance(interface, type) and issubclass(httpcore.AsyncConnectionPool, interface)
    assert callable(getattr(interface, "handle_async_request", None))


def test_httpcore_utils_is_socket_readable() -> None:
    import socket

    is_socket_readable = _imported("httpcore", "httpcore._utils", "is_socket_readable")
    left, right = socket.socketpair()
    try:
        assert not is_socket_readable(left)  # type: ignore[operator]
        right.sendall(b"x")
        assert is_socket_readable(left)  # type: ignore[operator]
    finally:
        left.close()
        right.close()
