"""What a failed attempt means: one ``classify`` for both clients.

An attempt's failure is one of this library's errors (raised by a hook, the bounded body, the parse step or the
deadline), a transport failure (httpx's, or the OSError of a transport you passed), httpx refusing a request of a
closed client, or anything else: a bug, in this library or in a transport you passed, which is re-raised as it is
(never dressed up as a bad answer or an unknown outcome).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx

from .._exceptions import ClientClosedError, InvalidResponseError, NotFoundError, RequestError, TransportError
from ._proxies import redacted

if TYPE_CHECKING:
    from .._request import Call

#: httpx's errors for a request that never left: no connection, or none free in time.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


def classify(exc: Exception, *, sent: bool, call: Call[Any], closed: bool) -> RequestError | None:
    """This library's error for ``exc``, which ended an attempt of ``call``, or None for a bug to re-raise.

    ``sent``: whether the request may have left (``Attempt.left``); a request that cannot have left cannot have
    reached the exchange, whatever failed. ``closed``: whether the client was closed. The caller raises the error
    outside its ``except`` block, so that an httpx error (whose request holds the key and the signature) is never
    chained to it. A NotFoundError of a call that names one order (get, cancel, cancel-replace) names that order,
    so that it reads the same whichever call found the order missing.
    """
    if isinstance(exc, NotFoundError) and exc.ref is None and isinstance(call.kwargs.get("id"), str):
        exc.ref = call.kwargs["id"]
    if isinstance(exc, RequestError):
        return exc
    if closed and type(exc) is RuntimeError:  # httpx refuses a request of a closed client before sending it
        return ClientClosedError()
    if isinstance(exc, httpx.DecodingError):
        return InvalidResponseError(None, f"{call.rate_group}: the answer could not be decoded", status_code=200)
    if isinstance(exc, httpx.RequestError):
        return transport_error(exc, sent=sent)
    if isinstance(exc, OSError):  # from a transport you passed that does not map its socket errors as httpx does
        return TransportError(f"{type(exc).__name__}: {exc}", may_have_reached_exchange=sent)
    return None


#: httpx's errors for a connection that could not be made: the message says which URL was tried.
_NO_CONNECTION = (httpx.ConnectError, httpx.ConnectTimeout)


def transport_error(exc: httpx.RequestError, *, sent: bool = True) -> TransportError:
    """Wrap an httpx transport failure, saying whether the request may have reached the exchange and naming the URL
    it was sent to (without its query, and with any user and password hidden)."""
    detail = f"{type(exc).__name__}: {str(exc) or 'no detail'}"
    reached = sent and not isinstance(exc, _NOT_SENT)
    try:
        request = exc.request
    except RuntimeError:  # raised with no request (not through an httpx client): nothing to name
        return TransportError(detail, may_have_reached_exchange=reached)
    url = redacted(str(request.url).partition("?")[0])
    if isinstance(exc, _NO_CONNECTION):
        return TransportError(f"could not connect to {url} ({detail})", may_have_reached_exchange=reached)
    return TransportError(f"{detail} ({request.method} {url})", may_have_reached_exchange=reached)
