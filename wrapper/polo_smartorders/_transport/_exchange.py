"""One attempt's request, in its steps: build it, sign it, send it, read the answer.

Only the send can fail for the network (``classify`` says what such a failure means); the answer's wrong shape is
InvalidResponseError (``parsed``); an error in building or signing is a bug of this library's and propagates as
itself, with nothing sent. The sync and async ways differ in the send alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from polo_smartorders_api.client import Client as GeneratedClient

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


def _prepared(
    http: httpx.Client | httpx.AsyncClient, auth: httpx.Auth | None, call: Call[Any], attempt: Attempt
) -> httpx.Request:
    """The request built by the generated endpoint and signed, the attempt marked as sending from here."""
    request = http.build_request(**call.endpoint._get_kwargs(**call.kwargs))
    if auth is not None:
        next(auth.auth_flow(request))  # signs it, unless the spec makes the operation public
    attempt.sending()
    return request


def _answer(api: GeneratedClient, call: Call[T], response: httpx.Response, attempt: Attempt) -> T:
    """The answer (a 200: the response hook raised any other) parsed, then made the call's result."""
    attempt.answered = True
    return call.parse(parsed(api, call.endpoint, call.rate_group, response))
