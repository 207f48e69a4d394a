"""One attempt's request, in its steps: build it, sign it, send it, read the answer.

Only the send can fail for the network (``classify`` says what such a failure means); the answer's wrong shape is
InvalidResponseError (``parsed``); an error in building or signing is a bug of this library's and propagates as
itself, with nothing sent. The sync and async ways differ in the send alone.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from polo_smartorders_api.client import Client as GeneratedClient

from .._auth import canonical_query
from ._answer import parsed
from ._sent import Attempt

if TYPE_CHECKING:
    from .._request import Call

T = TypeVar("T")


def exchange(api: GeneratedClient, auth: httpx.Auth | None, call: Call[T], attempt: Attempt) -> T:
    """Send ``call`` once through ``api``'s sync httpx client, signed by ``auth``; its parsed result."""
    http = api.get_httpx_client()
    response = http.send(_prepared(http, auth, call, attempt))
    return _answer(api, call, response, attempt)


async def exchange_async(api: GeneratedClient, auth: httpx.Auth | None, call: Call[T], attempt: Attempt) -> T:
    """Send ``call`` once through ``api``'s async httpx client, signed by ``auth``; its parsed result."""
    http = api.get_async_httpx_client()
    response = await http.send(_prepared(http, auth, call, attempt))
    return _answer(api, call, response, attempt)


@functools.lru_cache(maxsize=1024)
def _absolute(base_url: str, target: str) -> httpx.URL:
    """``target`` (the endpoint's path from its leading "/", and any query) under ``base_url`` (httpx's, its path
    ending in "/"), parsed once: given a relative path and the query apart, httpx parses the base URL, the path and
    the query again and merges them on every request, which was a quarter of a call's CPU (make bench). Bounded: ids
    and queries vary."""
    return httpx.URL(base_url.rstrip("/") + target)


def _text(value: object) -> str:
    """A query value as httpx writes one (``primitive_value_to_str``)."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return "" if value is None else str(value)


def _signed_query(params: Mapping[str, Any]) -> str:
    """The query the signer sends (sorted, percent-encoded: ``canonical_query``) of the generated ``params``, a list
    value giving one pair per item as httpx does: built here, the signer finds it canonical and leaves the URL be."""
    pairs = [
        (name, _text(item))
        for name, value in params.items()
        for item in (value if isinstance(value, list | tuple) else (value,))
    ]
    return canonical_query(pairs)


def _prepared(
    http: httpx.Client | httpx.AsyncClient, auth: httpx.Auth | None, call: Call[Any], attempt: Attempt
) -> httpx.Request:
    """The request built by the generated endpoint and signed, the attempt marked as sending from here."""
    kwargs = call.endpoint._get_kwargs(**call.kwargs)
    target = kwargs["url"]
    if auth is not None and call.signed and kwargs.get("params"):
        target += "?" + _signed_query(kwargs.pop("params"))
    kwargs["url"] = _absolute(str(http.base_url), target)
    request = http.build_request(**kwargs)
    if auth is not None:
        next(auth.auth_flow(request))  # signs it, unless the spec makes the operation public
    attempt.sending()
    return request


def _answer(api: GeneratedClient, call: Call[T], response: httpx.Response, attempt: Attempt) -> T:
    """The answer (a 200: the response hook raised any other) parsed, then made the call's result."""
    attempt.answered = True
    return call.parse(parsed(api, call.endpoint, call.rate_group, response))
