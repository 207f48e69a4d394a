"""How a request reaches the network, and what a failure means.

- ``_deadline``: the running call's deadline (a ContextVar), and the error for an attempt it ends.
- ``_gate``: what an attempt passes before it sends (the limiter's grant, an in-flight slot) and how long it counts.
- ``_exchange``: one attempt's steps: build, sign, send, read the answer.
- ``_sent``: whether the attempt's request may have left, and whether an answer came.
- ``_classify``: what an attempt's failure means (one ``classify`` for both clients).
- ``_answer``: an answer read within bounds (size, deadline, encoding), and parsed under one error for a wrong shape.
- ``_http``: the httpx clients; ``_proxies``: environment proxies refused when they would be bypassed.
- ``_sync_pool``: the sync client's sockets bounded by the deadline. ``_async_pool``: AsyncClient's sharded httpcore
  pool. ``_aiohttp``: the aiohttp transport (extra ``aiohttp``, imported on first use).
- ``_private``: every use of a private name of httpx, httpcore or aiohttp, and nowhere else.
"""

from ._answer import ACCEPT_ENCODING, bound
from ._classify import classify
from ._deadline import DEADLINE, Deadline, cap_timeouts, deadline_passed, lock_timeout, time_left
from ._exchange import exchange, exchange_async
from ._gate import Gate
from ._http import DEFAULT_LIMITS, async_http, async_transport, sync_http
from ._proxies import HttpBackend, redacted
from ._sent import SENDING, Attempt

__all__ = [
    "ACCEPT_ENCODING",
    "DEADLINE",
    "DEFAULT_LIMITS",
    "SENDING",
    "Attempt",
    "Deadline",
    "Gate",
    "HttpBackend",
    "async_http",
    "async_transport",
    "bound",
    "cap_timeouts",
    "classify",
    "deadline_passed",
    "exchange",
    "exchange_async",
    "lock_timeout",
    "redacted",
    "sync_http",
    "time_left",
]
