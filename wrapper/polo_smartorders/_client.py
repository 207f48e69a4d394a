"""Client and AsyncClient: configuration, one pooled httpx client each, and the single-attempt send."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import math
import os
import re
import threading
import time
from collections.abc import Callable, Generator, Iterator
from types import TracebackType
from typing import Any, ParamSpec, Self, TypeVar

import httpx
from polo_smartorders_api.api.public import get_server_time
from polo_smartorders_api.client import Client as GeneratedClient
from polo_smartorders_api.models import ServerTime
from polo_smartorders_api.types import Response

from . import __version__, _retry
from ._auth import HmacAuth
from ._clock import SYSTEM_TIME, Clock, TimeSource
from ._constants import (
    DEFAULT_BASE_URL,
    DEFAULT_DEADLINE,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_RECV_WINDOW_MS,
    DEFAULT_TIMEOUT,
    ENV_API_KEY,
    ENV_API_SECRET,
    ENV_BASE_URL,
    MARKET_RULES_FETCH_TIMEOUT,
    MAX_AHEAD_MS,
    MAX_RECV_WINDOW_MS,
    MIN_RECV_WINDOW_MS,
)
from ._exceptions import (
    ClientClosedError,
    DeadlineExceededError,
    InvalidResponseError,
    MissingCredentialsError,
    ValidationError,
    error_from_response,
)
from ._markets import MarketRules
from ._models import Market, SmartOrder
from ._ratelimit import RateLimiter
from ._reconcile import SeenOrders
from ._request import Call, Kind
from ._rules import schema
from ._schema import compile_check
from ._transport import (
    ACCEPT_ENCODING,
    DEADLINE,
    SENDING,
    Attempt,
    Deadline,
    Gate,
    HttpBackend,
    async_http,
    async_transport,
    bound,
    cap_timeouts,
    classify,
    deadline_passed,
    exchange,
    exchange_async,
    redacted,
    sync_http,
    time_left,
)
from ._validation import Amount
from .resources._async_markets import AsyncMarkets
from .resources._async_smartorders import AsyncSmartOrders
from .resources._sync_markets import Markets
from .resources._sync_smartorders import SmartOrders
from .resources.markets import build_get_market
from .resources.smartorders import lookup_call

T = TypeVar("T")
P = ParamSpec("P")
logger = logging.getLogger("polo_smartorders")
_START = "polo_smartorders.start"
_HEADERS = {"User-Agent": f"polo-smartorders/{__version__}", "Accept-Encoding": ACCEPT_ENCODING}
#: What an API key or secret may be: printable ASCII, no whitespace (a key read from a file keeps its newline).
_CREDENTIAL = re.compile(r"[!-~]+")


def _log(response: httpx.Response) -> None:
    if not logger.isEnabledFor(logging.DEBUG):  # the arguments below cost more than the check
        return
    start = response.request.extensions.get(_START)
    elapsed = (time.perf_counter() - start) * 1000 if isinstance(start, float) else -1.0
    logger.debug(
        "%s %s -> %s in %.1f ms", response.request.method, response.request.url.path, response.status_code, elapsed
    )


def _stamp(request: httpx.Request) -> None:
    request.extensions[_START] = time.perf_counter()
    cap_timeouts(request)


def _parse_server_time(response: Response[Any]) -> int:
    """The exchange's clock, within the spec's bounds: an absurd time would make every fence and lookup absurd."""
    if not isinstance(response.parsed, ServerTime):
        raise InvalidResponseError(None, "GET /timestamp: unexpected body", status_code=200)
    try:
        server_time: int = _SERVER_TIME_RANGE(response.parsed.server_time, "serverTime")
    except ValidationError as error:
        raise InvalidResponseError(None, f"GET /timestamp: {error}", status_code=200) from None
    return server_time


_SERVER_TIME_RANGE = compile_check(schema("ServerTime", "properties", "serverTime"))


_SERVER_TIME = Call("time", get_server_time, {}, _parse_server_time, Kind.READ)


def _secret_free(init: Callable[P, None]) -> Callable[P, None]:
    """A client's __init__, re-raising what it raises without its frames: their locals hold the API secret, which
    reporters that record locals (Sentry, ``pytest -l``) would record."""

    @functools.wraps(init)
    def init_or_raise(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            return init(*args, **kwargs)
        except Exception as exc:  # any error: its traceback ran through frames holding the secret
            error = exc
        del args, kwargs  # this frame's own copy of the secret
        raise error.with_traceback(None)  # outside the except block: no context either

    return init_or_raise


class _BaseClient:
    """What the sync and async clients share: configuration, credentials, clock, limiter, retry rule."""

    def __init__(
        self,
        api_key: str | None,
        api_secret: str | None,
        url: str | None,
        *,
        timeout: float | httpx.Timeout,
        recv_window: int,
        max_retries: int,
        rate_limit: bool | RateLimiter,
        deadline: float,
        max_response_bytes: int,
        time_source: TimeSource,
        check_market_rules: bool = False,
    ) -> None:
        api_key = _credential("api_key", api_key if api_key is not None else os.environ.get(ENV_API_KEY) or None)
        api_secret = _credential(
            "api_secret", api_secret if api_secret is not None else os.environ.get(ENV_API_SECRET) or None
        )
        self.base_url = _base_url(url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL)
        _positive_seconds("timeout", timeout)
        _positive_seconds("deadline", deadline)
        if isinstance(max_response_bytes, bool) or not isinstance(max_response_bytes, int) or max_response_bytes < 1:
            raise ValidationError("max_response_bytes", f"must be an int of 1 or more, got {max_response_bytes!r}")
        if isinstance(recv_window, bool) or not (
            isinstance(recv_window, int) and MIN_RECV_WINDOW_MS <= recv_window <= MAX_RECV_WINDOW_MS
        ):
            raise ValidationError(
                "recv_window",
                f"must be an int of milliseconds, {MIN_RECV_WINDOW_MS} to {MAX_RECV_WINDOW_MS}, got {recv_window!r}",
            )
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise ValidationError("max_retries", f"must be an int of 0 or more, got {max_retries!r}")
        if not isinstance(check_market_rules, bool):
            raise ValidationError("check_market_rules", f"must be True or False, got {check_market_rules!r}")
        self._key_hint = f"...{api_key[-4:]}" if api_key else None
        #: The credentials not given (env variable by name), which a private call needs.
        self._missing = {
            name: env
            for name, env, value in (("api_key", ENV_API_KEY, api_key), ("api_secret", ENV_API_SECRET, api_secret))
            if not value
        }
        self._time = time_source  # every local clock reading and sleep of the client's: a test passes a fake one
        self.clock = Clock(time_source)
        #: check_market_rules: each symbol's rules, cached (None: orders are not checked against them)
        self._market_rules = MarketRules(clock=time_source.monotonic) if check_market_rules else None
        self.timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        self._auth = (
            HmacAuth(api_key, api_secret, self.clock, recv_window, httpx.URL(self.base_url).path)
            if api_key and api_secret
            else None
        )
        limiter = rate_limit if isinstance(rate_limit, RateLimiter) else None
        if limiter is None and rate_limit:
            limiter = RateLimiter(_time=time_source)  # the client's own, on its clock
        self._gate = Gate(limiter, (recv_window + MAX_AHEAD_MS) / 1000)
        self.max_retries = max_retries
        self.recv_window = recv_window
        self.deadline = float(deadline)
        self.max_response_bytes = max_response_bytes
        self._seen = SeenOrders()
        self._api = GeneratedClient(base_url=self.base_url)
        self._closed = False
        self._placing_ids: set[str] = set()
        self._state_lock = threading.Lock()  # the held clientOrderIds; AsyncClient's event loop

    def __repr__(self) -> str:
        """The URL without its userinfo (a password in it is a secret too), the key's last 4 characters; a half-built
        client's (on the traceback of a refused argument) too."""
        url = getattr(self, "base_url", None)
        return f"{type(self).__name__}(url={url and redacted(url)!r}, api_key={getattr(self, '_key_hint', None)!r})"

    def _require_credentials(self) -> None:
        if self._auth is None:
            missing = self._missing or {"api_key": ENV_API_KEY, "api_secret": ENV_API_SECRET}
            if len(missing) == 1:
                [(name, env)] = missing.items()
                what = f"{name} was not given (pass {name}=..., or set {env})"
            else:
                what = f"neither was given (pass them, or set {ENV_API_KEY} and {ENV_API_SECRET})"
            raise MissingCredentialsError(next(iter(missing)), f"private calls need api_key and api_secret; {what}")

    def _apply_offset(self, server_ms: int, sent: float, received: float) -> int:
        offset = self.clock.measured(server_ms, sent, received)
        logger.debug("clock offset to the exchange: %d ms (+/- %s ms)", offset, self.clock.uncertainty_ms)
        return offset

    def _plan(self, call: Call[T]) -> Generator[_retry.Step, Any, T]:
        return _retry.plan(call, self.max_retries, self.clock, self.recv_window, self._seen)

    def _bound(self, response: httpx.Response) -> None:
        """Response hook: the body is read within max_response_bytes and the deadline; a non-200 is raised."""
        _log(response)
        bound(response, self.max_response_bytes)
        if response.status_code != 200:
            response.read()
            raise error_from_response(response)

    async def _abound(self, response: httpx.Response) -> None:
        _log(response)
        bound(response, self.max_response_bytes)
        if response.status_code != 200:
            await response.aread()
            raise error_from_response(response)

    @contextlib.contextmanager
    def _placing(self, call: Call[Any]) -> Iterator[None]:
        """Hold a place call's clientOrderId for the call's length: two running calls of one client with the same id
        could each take the other's order for its own, so the second is refused before it sends anything."""
        cid = call.client_order_id
        if call.kind is not Kind.PLACE or cid is None:
            yield
            return
        with self._state_lock:
            if cid in self._placing_ids:
                raise ValidationError(
                    "client_order_id", f"{cid!r} is in use by a create or replace of this client still running"
                )
            self._placing_ids.add(cid)
        try:
            yield
        finally:
            with self._state_lock:
                self._placing_ids.discard(cid)

    def _call_deadline(self) -> Deadline:
        """The running call's deadline, inherited by its lookups and clock syncs, or a new one."""
        running = DEADLINE.get()
        return Deadline(self.deadline, self._time) if running is None else running

    @contextlib.contextmanager
    def _one_deadline(self) -> Iterator[None]:
        """One deadline for what the block runs: a create's market-rules check and the create itself."""
        token = DEADLINE.set(self._call_deadline())
        try:
            yield
        finally:
            DEADLINE.reset(token)

    @contextlib.contextmanager
    def _market_fetch(self) -> Iterator[None]:
        """Bounds the one attempt (no retry) at a market's rules by ``_rules_wait``: when it fails or is late, the
        order goes at once, unchecked; late, the error says how long it waited."""
        wait = self._rules_wait()
        token = DEADLINE.set(Deadline(wait, self._time))
        try:
            yield
        except DeadlineExceededError as late:
            sent = late.may_have_reached_exchange
            raise DeadlineExceededError(
                f"no answer within {max(wait, 0):.3g} s", may_have_reached_exchange=sent
            ) from None
        finally:
            DEADLINE.reset(token)

    def _rules_wait(self) -> float:
        """How long the market-rules check may wait for the rules: MARKET_RULES_FETCH_TIMEOUT, at most half the time
        left to the call, so that the order itself always keeps the other half."""
        return min(MARKET_RULES_FETCH_TIMEOUT, self._call_deadline().left() / 2)

    def _http_kwargs(self) -> dict[str, Any]:
        return {"timeout": self.timeout, "headers": _HEADERS}  # not auth: each attempt signs its request itself


#: The constructor options both clients take, as their docstrings list them (one text, not two copies).
_OPTIONS_DOC = """        api_key: your API key. Default: the ``POLO_API_KEY`` environment variable. Private calls need it.
        api_secret: its secret (used only to sign; never shown in a repr, log or error). Default: ``POLO_API_SECRET``.
        url: the API's base URL. Default: ``POLO_BASE_URL``, else ``https://api.poloniex.com``.
        timeout: seconds for each attempt (float), or an ``httpx.Timeout`` for connect/read/write/pool separately.
            Default: 10.0.
        recv_window: milliseconds the exchange accepts a signed request after its timestamp (sent as
            ``recvWindow`` header), an int from 1 to 60000. Default: 5000.
        max_retries: how often a read or cancel is retried after a transport error, 429 or 5xx (0 disables);
            creates and cancel-replaces are re-sent only when that cannot place a second order. Default: 2.
        rate_limit: True to pace requests under the exchange's per-endpoint limits (shared by every thread and
            task of this client), False to send at once, or a ``RateLimiter`` to share between clients.
            Default: True.
        transport: an httpx transport to send through (a proxy, ``httpx.MockTransport`` or ``httpx.ASGITransport``
            in tests, ...). Default: httpx's pooled HTTP transport.
        check_market_rules: True to refuse (ValidationError, nothing sent) a create or a cancel-replace given its
            ``symbol=`` that breaks the market's trading rules (scales, minimums, a PAUSE market), read with
            GET /markets/{symbol} once per symbol and minute (again first when older rules would refuse), within the
            call's ``deadline``. When they cannot be read within 2 s, the order is sent unchecked and a WARNING
            logged. Default: False."""


class Client(_BaseClient):
    __doc__ = f"""The synchronous client. ``Client(api_key, api_secret).smartorders().create(...)``.

    One pooled HTTP connection set per client, safe to share between threads; close it with ``close()`` or
    ``with Client(...) as client:``.

    Args:
{_OPTIONS_DOC}

    Raises:
        ValidationError: an argument that breaks its rule, or a proxy from the environment (``HTTPS_PROXY``,
            ``ALL_PROXY``, ... as httpx reads them) it cannot send through, named: refused, not ignored, as orders
            must not bypass a configured proxy. No frame of the client's on its traceback holds the secret.
    """

    @_secret_free
    def __init__(
        self,
        api_key: str | None = None,
        api_secret: str | None = None,
        url: str | None = None,
        *,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        recv_window: int = DEFAULT_RECV_WINDOW_MS,
        max_retries: int = DEFAULT_MAX_RETRIES,
        rate_limit: bool | RateLimiter = True,
        transport: httpx.BaseTransport | None = None,
        deadline: float = DEFAULT_DEADLINE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        check_market_rules: bool = False,
        _time: TimeSource = SYSTEM_TIME,
    ) -> None:
        super().__init__(
            api_key,
            api_secret,
            url,
            timeout=timeout,
            recv_window=recv_window,
            max_retries=max_retries,
            rate_limit=rate_limit,
            deadline=deadline,
            max_response_bytes=max_response_bytes,
            time_source=_time,
            check_market_rules=check_market_rules,
        )
        hooks: dict[str, list[Callable[..., Any]]] = {"request": [_stamp], "response": [self._bound]}
        self._api.set_httpx_client(sync_http(self.base_url, transport, hooks, **self._http_kwargs()))
        self._smartorders = SmartOrders(self)
        self._markets = Markets(self)

    def smartorders(self) -> SmartOrders:
        """The smart-order endpoints (create, cancel_replace, get_all, get_by_id, cancel..., get_history,
        iter_history). Returns the same object on every call; raises nothing."""
        return self._smartorders

    def markets(self) -> Markets:
        """The public market endpoints (get_all, get, get_price): no API key needed. Returns the same object on
        every call; raises nothing."""
        return self._markets

    def _check_market_rules(self, symbol: str, **fields: Amount | None) -> None:
        """With check_market_rules, refuse an order breaking ``symbol``'s rules (ValidationError)."""
        if self._market_rules is not None:
            self._require_credentials()  # the order needs them: say so before fetching anything
            self._market_rules.check(symbol, self._fetch_market, wait=self._rules_wait(), **fields)

    def _fetch_market(self, symbol: str) -> Market:
        """One attempt at a market's rules (see ``_market_fetch``)."""
        with self._market_fetch():
            return self._send(build_get_market(symbol))

    def sync_time(self) -> int:
        """Measure the offset to the exchange's clock with GET /timestamp and apply it to signing.

        Needs no credentials. Done automatically once when the exchange rejects a timestamp.

        Returns:
            The offset in milliseconds (exchange minus local; positive when the exchange is ahead).

        Raises:
            RequestError: the exchange refused, or TransportError.
        """
        token = DEADLINE.set(self._call_deadline())  # bounded like any call (a resync inside one keeps its deadline)
        try:
            sent = self._time.monotonic()
            return self._apply_offset(self._send(_SERVER_TIME), sent, self._time.monotonic())
        finally:
            DEADLINE.reset(token)

    def _send(self, call: Call[T]) -> T:
        """One attempt: through the gate (rate limit, then a slot), the request's steps, a failure classified."""
        if self._closed:
            raise ClientClosedError()
        attempt = Attempt()
        self._gate.enter(call.rate_group)
        try:
            return exchange(self._api, self._auth, call, attempt)
        except Exception as exc:  # ours and the transport's are classified; anything else is a bug, re-raised
            error = attempt.failed(classify(exc, sent=attempt.left, call=call, closed=self._closed))
            if error is None:
                raise
        finally:
            self._gate.leave(call.rate_group, attempt)
        # outside the except block: no httpx error in its chain; and no traceback through httpx frames, whose locals
        # hold the signed request
        raise error.with_traceback(None)

    def _execute(self, call: Call[T]) -> T:
        if call.signed:  # a public operation needs no credentials
            self._require_credentials()
        deadline = self._call_deadline()
        token = DEADLINE.set(deadline)
        try:
            with self._placing(call):
                return _retry.run(self._plan(call), lambda: self._send(call), self._lookup, self.sync_time, deadline)
        finally:
            DEADLINE.reset(token)

    def _lookup(self, ref: str) -> list[SmartOrder]:
        return self._execute(lookup_call(ref))

    def close(self) -> None:
        """Close the pooled connections. Calls afterwards, and attempts a call makes afterwards, raise
        ClientClosedError. Raises nothing."""
        self._closed = True
        self._api.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncClient(_BaseClient):
    __doc__ = f"""The asyncio client: the same methods as coroutines. ``await client.smartorders().create(...)``.

    One pooled connection set per client, shared by its tasks; close it with ``await aclose()`` or
    ``async with AsyncClient(...) as client:``. ``transport`` takes an async transport (``httpx.AsyncBaseTransport``).

    Args:
{_OPTIONS_DOC}

    Raises:
        ValidationError: an argument that breaks its rule, or a proxy from the environment (``HTTPS_PROXY``,
            ``ALL_PROXY``, ... as httpx reads them) it cannot send through, named: refused, not ignored, as orders
            must not bypass a configured proxy. ``http_backend="aiohttp"`` sends through none, so refuses any that
            applies to ``url``. No frame of the client's on its traceback holds the secret.
    """

    @_secret_free
    def __init__(
        self,
        api_key: str | None = None,
        api_secret: str | None = None,
        url: str | None = None,
        *,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        recv_window: int = DEFAULT_RECV_WINDOW_MS,
        max_retries: int = DEFAULT_MAX_RETRIES,
        rate_limit: bool | RateLimiter = True,
        transport: httpx.AsyncBaseTransport | None = None,
        deadline: float = DEFAULT_DEADLINE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        http_backend: HttpBackend = "httpx",
        check_market_rules: bool = False,
        _time: TimeSource = SYSTEM_TIME,
    ) -> None:
        """``http_backend="aiohttp"`` (extra ``aiohttp``) runs requests on aiohttp's connection pool instead of
        httpcore's: the same API and errors, far less CPU per request under concurrency (see README, Benchmarks)."""
        transport = async_transport(http_backend, transport)
        super().__init__(
            api_key,
            api_secret,
            url,
            timeout=timeout,
            recv_window=recv_window,
            max_retries=max_retries,
            rate_limit=rate_limit,
            deadline=deadline,
            max_response_bytes=max_response_bytes,
            time_source=_time,
            check_market_rules=check_market_rules,
        )
        hooks: dict[str, list[Callable[..., Any]]] = {"request": [_astamp], "response": [self._abound]}
        http, self._tracks_sending = async_http(self.base_url, transport, http_backend, hooks, **self._http_kwargs())
        self._api.set_async_httpx_client(http)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._smartorders = AsyncSmartOrders(self)
        self._markets = AsyncMarkets(self)

    def smartorders(self) -> AsyncSmartOrders:
        """The smart-order endpoints (create, cancel_replace, get_all, get_by_id, cancel..., get_history,
        iter_history). Returns the same object on every call; raises nothing."""
        return self._smartorders

    def markets(self) -> AsyncMarkets:
        """The public market endpoints (get_all, get, get_price): no API key needed. Returns the same object on
        every call; raises nothing."""
        return self._markets

    async def _check_market_rules(self, symbol: str, **fields: Amount | None) -> None:
        """With check_market_rules, refuse an order breaking ``symbol``'s rules (ValidationError)."""
        if self._market_rules is not None:
            self._require_credentials()  # the order needs them: say so before fetching anything
            await self._market_rules.acheck(symbol, self._fetch_market, wait=self._rules_wait(), **fields)

    async def _fetch_market(self, symbol: str) -> Market:
        """One attempt at a market's rules (see ``_market_fetch``)."""
        with self._market_fetch():
            return await self._send(build_get_market(symbol))

    async def sync_time(self) -> int:
        """Measure the offset to the exchange's clock with GET /timestamp and apply it to signing.

        Needs no credentials. Done automatically once when the exchange rejects a timestamp.

        Returns:
            The offset in milliseconds (exchange minus local; positive when the exchange is ahead).

        Raises:
            RequestError: the exchange refused, or TransportError.
        """
        token = DEADLINE.set(self._call_deadline())  # bounded like any call (a resync inside one keeps its deadline)
        try:
            sent = self._time.monotonic()
            return self._apply_offset(await self._send(_SERVER_TIME), sent, self._time.monotonic())
        finally:
            DEADLINE.reset(token)

    async def _send(self, call: Call[T]) -> T:
        """One attempt: through the gate (rate limit, then a slot), the request's steps, a failure classified."""
        if self._closed:
            raise ClientClosedError()
        self._own_loop()
        attempt = Attempt(tracked=self._tracks_sending)
        token = SENDING.set(attempt)
        try:
            # The whole attempt ends by the deadline: the waits for the limiter and a slot, headers, body.
            async with asyncio.timeout(time_left()):
                await self._gate.enter_async(call.rate_group)
                try:
                    return await exchange_async(self._api, self._auth, call, attempt)
                except Exception as exc:  # as in Client._send
                    error = attempt.failed(classify(exc, sent=attempt.left, call=call, closed=self._closed))
                    if error is None:
                        raise
                finally:
                    self._gate.leave_async(call.rate_group, attempt)
        except TimeoutError:
            error = deadline_passed(sent=attempt.left)
        finally:
            SENDING.reset(token)
        # outside the except block: no httpx error in its chain; and no traceback through httpx frames, whose locals
        # hold the signed request
        raise error.with_traceback(None)

    def _own_loop(self) -> None:
        """Tie the client to the first event loop it runs on; refuse any other (its connections belong to that one)."""
        loop = asyncio.get_running_loop()
        if self._loop is None:
            with self._state_lock:  # two threads' loops racing for a new client: one wins
                if self._loop is None:
                    self._loop = loop
        if self._loop is not loop:
            raise ClientClosedError(
                "this AsyncClient belongs to the event loop it first ran on; make one per event loop (asyncio.run)"
            )

    async def _execute(self, call: Call[T]) -> T:
        if call.signed:  # a public operation needs no credentials
            self._require_credentials()
        deadline = self._call_deadline()
        token = DEADLINE.set(deadline)
        try:
            with self._placing(call):
                return await _retry.run_async(
                    self._plan(call), lambda: self._send(call), self._lookup, self.sync_time, deadline
                )
        finally:
            DEADLINE.reset(token)

    async def _lookup(self, ref: str) -> list[SmartOrder]:
        return await self._execute(lookup_call(ref))

    async def aclose(self) -> None:
        """Close the pooled connections. Calls afterwards, and attempts a call makes afterwards, raise
        ClientClosedError. Raises nothing.

        From an event loop other than the one the client ran on, the connections are closed on their own loop if it
        is still running, and left to be collected if it has ended (its sockets cannot be awaited elsewhere)."""
        self._closed = True
        closing = self._api.get_async_httpx_client().aclose()
        own = self._loop
        if own is None or own is asyncio.get_running_loop():
            await closing
        elif own.is_running():
            await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(closing, own))
        else:
            closing.close()  # never started: nothing to await on a loop that has ended

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()


async def _astamp(request: httpx.Request) -> None:
    _stamp(request)


def _credential(name: str, value: object) -> str | None:
    """An API key or secret as given, checked; the message never shows the value."""
    if value is None:
        return None
    if isinstance(value, bytes | bytearray):
        raise ValidationError(name, "must be a str, not bytes (decode it first)")
    if not isinstance(value, str) or not _CREDENTIAL.fullmatch(value):
        raise ValidationError(
            name, "must be a non-empty string of printable ASCII with no whitespace (a trailing newline?)"
        )
    return value


def _base_url(url: object) -> str:
    """The base URL checked, without a trailing "/"; the message never shows a password in it."""
    if not isinstance(url, str):
        raise ValidationError("url", f"must be a str, got {type(url).__name__}")
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        parsed = None
    if parsed is None or parsed.scheme not in ("http", "https") or not parsed.host:
        raise ValidationError("url", f"must be an http:// or https:// URL with a host, got {redacted(url)!r}")
    if parsed.query or parsed.fragment or "?" in url or "#" in url:
        raise ValidationError("url", "must be a base URL without a query or fragment (the paths are added to it)")
    return url.rstrip("/")


def _positive_seconds(name: str, value: object) -> None:
    """A number of seconds > 0 (each of an httpx.Timeout's values: None or > 0)."""
    values = (value.connect, value.read, value.write, value.pool) if isinstance(value, httpx.Timeout) else (value,)
    for seconds in values:
        if seconds is None and isinstance(value, httpx.Timeout):
            continue
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not (0 < seconds < math.inf):
            raise ValidationError(name, f"must be a number of seconds greater than 0, got {seconds!r}")
