"""Which HTTP transport AsyncClient runs on: httpx's own (httpcore) or aiohttp's pool (extra ``aiohttp``)."""

from __future__ import annotations

from typing import Literal

import httpx

from ._constants import MAX_IN_FLIGHT
from ._exceptions import ValidationError

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
