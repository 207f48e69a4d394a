"""What a failed attempt means: one ``classify`` for both clients.

An attempt's failure is one of this library's errors (raised by a hook, the bounded body, the parse step or the
deadline), a transport failure (httpx's, or the OSError of a transport you passed), httpx refusing a request of a
closed client, or anything else: a bug, in this library or in a transport you passed, which is re-raised as it is
(never dressed up as a bad answer or an unknown outcome).
"""

from __future__ import annotations

import httpx

from .._exceptions import ClientClosedError, InvalidResponseError, RequestError, TransportError

#: httpx's errors for a request that never left: no connection, or none free in time.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


def classify(exc: Exception, *, sent: bool, name: str, closed: bool) -> RequestError | None:
    """This library's error for ``exc``, which ended an attempt of the call ``name``, or None for a bug to re-raise.

    ``sent``: whether the request may have left (``Attempt.left``); a request that cannot have left cannot have
    reached the exchange, whatever failed. ``closed``: whether the client was closed. The caller raises the error
    outside its ``except`` block, so that an httpx error (whose request holds the key and the signature) is never
    chained to it.
    """
    if isinstance(exc, RequestError):
        return exc
    if closed and type(exc) is RuntimeError:  # httpx refuses a request of a closed client before sending it
        return ClientClosedError()
    if isinstance(exc, httpx.DecodingError):
        return InvalidResponseError(None, f"{name}: the answer could not be decoded", status_code=200)
    if isinstance(exc, httpx.RequestError):
        return transport_error(exc, sent=sent)
    if isinstance(exc, OSError):  # from a transport you passed that does not map its socket errors as httpx does
        return TransportError(f"{type(exc).__name__}: {exc}", may_have_reached_exchange=sent)
    return None


def transport_error(exc: httpx.RequestError, *, sent: bool = True) -> TransportError:
    """Wrap an httpx transport failure, saying whether the request may have reached the exchange."""
    detail = str(exc) or "no detail"
    reached = sent and not isinstance(exc, _NOT_SENT)
    return TransportError(f"{type(exc).__name__}: {detail}", may_have_reached_exchange=reached)
