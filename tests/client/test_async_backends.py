"""AsyncClient behaves the same on each HTTP backend over real loopback HTTP: typed errors, transport failures and
timeouts, gzip, connection pooling and its limit, no hidden re-send, and cancellation of a task mid-request."""

from __future__ import annotations

import asyncio
import gzip
import json
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from polo_smartorders import (
    AsyncClient,
    AuthenticationError,
    HttpBackend,
    InvalidResponseError,
    NotFoundError,
    OutcomeUnknownError,
    RateLimiter,
    RateLimitError,
    RequestError,
    ServerError,
    TransportError,
    ValidationError,
)
from polo_smartorders._transport import _private

from tests.support.clock import FakeClock
from tests.support.exchange import SMART_ORDER, Exchange, backend_transport, default_answer
from tests.support.keys import KEY, SECRET
from tests.support.wire_server import Drop, Reset, WireServer, wire_server


@pytest.fixture
def server(exchange: Exchange) -> Iterator[WireServer]:
    """A server of this test's own, so that its connection counts are this test's alone."""
    with wire_server(exchange) as running:
        yield running


def backend_client(url: str, backend: HttpBackend, **options: object) -> AsyncClient:
    return AsyncClient(KEY, SECRET, url, http_backend=backend, **{"rate_limit": False, "max_retries": 0, **options})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "code", "error_class"),
    [
        (401, 401, AuthenticationError),
        (400, 21301, NotFoundError),
        (429, 429, RateLimitError),
        (503, 24201, ServerError),
    ],
)
async def test_error_answers_are_typed(
    exchange: Exchange,
    server: WireServer,
    async_backend: HttpBackend,
    status: int,
    code: int,
    error_class: type[RequestError],
) -> None:
    exchange.default = lambda r: httpx.Response(
        status, json={"code": code, "message": "no"}, headers={"Retry-After": "3"}
    )
    async with backend_client(server.url, async_backend) as c:
        with pytest.raises(error_class) as caught:
            await c.smartorders().get_by_id("1")
    assert (caught.value.code, caught.value.message, caught.value.status_code) == (code, "no", status)
    if isinstance(caught.value, RateLimitError):
        assert caught.value.retry_after == 3.0


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_a_refused_connection_was_never_sent(async_backend: HttpBackend) -> None:
    async with backend_client(f"http://127.0.0.1:{_closed_port()}", async_backend) as c:
        with pytest.raises(TransportError) as caught:
            await c.smartorders().get_by_id("1")
    assert caught.value.may_have_reached_exchange is False
    assert "ConnectError" in str(caught.value)


def _slow(request: httpx.Request) -> httpx.Response:
    time.sleep(0.5)
    return default_answer(request)


@pytest.mark.parametrize(
    ("fault", "kinds"),
    [(Drop, ("RemoteProtocolError",)), (Reset, ("RemoteProtocolError", "ReadError")), (None, ("ReadTimeout",))],
    ids=["drop", "reset", "read-timeout"],
)
async def test_failures_after_sending_may_have_arrived(
    exchange: Exchange,
    server: WireServer,
    async_backend: HttpBackend,
    fault: type[Exception] | None,
    kinds: tuple[str, ...],
) -> None:
    def faulty(request: httpx.Request) -> httpx.Response:
        if fault is not None:
            raise fault()
        return _slow(request)

    exchange.default = faulty
    async with backend_client(server.url, async_backend, timeout=0.2) as c:
        started = time.perf_counter()
        with pytest.raises(TransportError) as caught:
            await c.smartorders().get_by_id("1")
        elapsed = time.perf_counter() - started
    assert caught.value.may_have_reached_exchange is True
    assert str(caught.value).startswith(tuple(f"{kind}: " for kind in kinds))
    assert len(exchange.requests) == 1
    if fault is None:
        assert 0.19 <= elapsed < 0.45, elapsed  # httpx's read timeout, honoured to the tenth of a second


async def test_a_dropped_put_or_delete_is_never_resent_behind_the_retry_rule(
    exchange: Exchange, server: WireServer, async_backend: HttpBackend
) -> None:
    """aiohttp re-sends a PUT or DELETE once on a dropped connection unless told not to: a blind second cancel-replace."""

    def drop_writes(request: httpx.Request) -> httpx.Response:
        if request.method != "GET":
            raise Drop()
        return httpx.Response(200, json=[])  # the lookup after the replace: not found

    exchange.default = drop_writes
    async with backend_client(server.url, async_backend) as c:
        with pytest.raises(TransportError):
            await c.smartorders().cancel_by_id("10000001")
        with pytest.raises(OutcomeUnknownError):
            await c.smartorders().cancel_replace("10000001", price="2", client_order_id="r-1")
    assert [r.method for r in exchange.requests if r.method != "GET"] == ["DELETE", "PUT"]  # GET: the lookup


async def test_gzip_answers_are_decoded(exchange: Exchange, server: WireServer, async_backend: HttpBackend) -> None:
    packed = gzip.compress(json.dumps([SMART_ORDER]).encode())
    answers = iter([packed, b"not gzip"])
    exchange.default = lambda r: httpx.Response(
        200,
        headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
        stream=httpx.ByteStream(next(answers)),
    )
    async with backend_client(server.url, async_backend) as c:
        order = await c.smartorders().get_by_id("10000001")
        assert order.to_dict() == SMART_ORDER
        with pytest.raises(InvalidResponseError, match="compressed body is corrupt"):
            await c.smartorders().get_by_id("10000001")
    assert "gzip" in exchange.requests[0].headers["accept-encoding"]


async def test_connections_are_kept_alive_and_closed_with_the_client(
    server: WireServer, async_backend: HttpBackend
) -> None:
    async with backend_client(server.url, async_backend) as c:
        so = c.smartorders()
        for _ in range(20):
            await so.get_by_id("10000001")
        assert server.opened == 1  # one connection, reused
        for _ in range(3):
            await asyncio.gather(*(so.get_by_id("10000001") for _ in range(8)))
        assert server.opened <= 9  # at most 8 at a time, reused across the rounds
    assert server.wait_open(0) == 0  # aclose() closes every pooled connection


async def test_a_burst_of_64_tasks_reuses_its_connections_the_next_time(
    exchange: Exchange, server: WireServer, async_backend: HttpBackend
) -> None:
    """Connections stay pooled after a burst: httpcore's own pool closed all but 20 idle ones as each burst ended
    (it compares max_keepalive_connections with every connection, idle or not), so each burst reconnected."""
    arrived = threading.Barrier(64, timeout=5)

    def together(request: httpx.Request) -> httpx.Response:
        arrived.wait()  # all 64 are in flight at once: 64 connections
        return default_answer(request)

    exchange.default = together
    async with backend_client(server.url, async_backend) as c:
        so = c.smartorders()
        for _ in range(3):
            await asyncio.gather(*(so.get_by_id("10000001") for _ in range(64)))
            arrived.reset()
        assert (server.opened, server.open) == (64, 64)


async def test_failed_requests_give_their_connection_slots_back(
    exchange: Exchange, server: WireServer, async_backend: HttpBackend
) -> None:
    """After a burst of resets, 100 requests can again be in flight at once: no slot of the pool stays taken."""
    failing = [True]
    # A slot that stays taken keeps its request from ever arriving; a loaded machine only makes them slow (the loopback
    # server shares this process and its GIL): the barrier waits long enough for slow, not for ever.
    arrived = threading.Barrier(100, timeout=30)

    def reset_then_together(request: httpx.Request) -> httpx.Response:
        if failing[0]:
            raise Reset
        arrived.wait()
        return default_answer(request)

    exchange.default = reset_then_together
    async with backend_client(server.url, async_backend, timeout=60) as c:  # reads wait for the barrier
        so = c.smartorders()
        results = await asyncio.gather(*(so.get_by_id("10000001") for _ in range(32)), return_exceptions=True)
        assert all(isinstance(r, TransportError) for r in results), results
        failing[0] = False
        orders = await asyncio.gather(*(so.get_by_id("10000001") for _ in range(100)))
        assert {o.id for o in orders} == {"10000001"}
        assert server.peak == 100


async def test_at_most_100_connections_as_httpx_by_default(
    exchange: Exchange, server: WireServer, async_backend: HttpBackend
) -> None:
    release = threading.Event()

    def held(request: httpx.Request) -> httpx.Response:
        release.wait(5)
        return default_answer(request)

    exchange.default = held
    async with backend_client(server.url, async_backend) as c:
        calls = [asyncio.ensure_future(c.smartorders().get_by_id("1")) for _ in range(110)]
        deadline = time.monotonic() + 5
        while len(exchange.requests) < 100 and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.1)  # give an over-limit 101st connection the time to arrive
        assert (len(exchange.requests), server.open) == (100, 100)
        release.set()
        await asyncio.gather(*calls)
    assert server.peak == 100 and len(exchange.requests) == 110


async def test_cancelling_a_task_mid_request_leaves_pool_and_limiter_usable(
    exchange: Exchange, server: WireServer, async_backend: HttpBackend, clock: FakeClock
) -> None:
    release = threading.Event()
    held = iter([True])

    def first_held(request: httpx.Request) -> httpx.Response:
        if next(held, False):
            release.wait(5)
        return default_answer(request)

    exchange.default = first_held
    limiter = RateLimiter({"get": 20}, _time=clock)
    async with backend_client(server.url, async_backend, rate_limit=limiter, _time=clock) as c:
        so = c.smartorders()
        task = asyncio.ensure_future(so.get_by_id("10000001"))
        deadline = time.monotonic() + 5
        while not exchange.requests and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        orders = [await so.get_by_id("10000001") for _ in range(3)]  # one after another: one pooled connection
        assert clock.slept == []  # the limiter paces, but nothing waits on the cancelled call
        assert [o.id for o in orders] == ["10000001"] * 3
        release.set()
        assert server.wait_open(1) == 1  # the cancelled request's connection was closed, not left in the pool
        assert (await so.get_by_id("10000001")).id == "10000001"
    assert server.wait_open(0) == 0
    assert len(exchange.requests) == 5


async def test_calls_cut_short_by_wait_for_at_any_point_never_use_up_the_pool(
    exchange: Exchange, server: WireServer, async_backend: HttpBackend
) -> None:
    """``asyncio.wait_for(call, about one call's time)`` in a loop cancels calls at every point of a request: while
    connecting, sending, reading and closing the answer. httpcore's pool leaked a connection for good on some of
    those (the shard it sat in then refused every request after about 10); the client must stay fully usable."""
    rng = random.Random(7)
    async with backend_client(
        server.url, async_backend, timeout=60
    ) as c:  # a stuck pool: the 100 below never all arrive
        so = c.smartorders()
        durations = []
        for _ in range(30):
            started = time.perf_counter()
            await so.get_by_id("10000001")
            durations.append(time.perf_counter() - started)
        per_call = statistics.median(durations)
        cut = calls = 0
        while calls < 1500 or (cut < 300 and calls < 6000):  # a loaded machine's calls vary more: cut until 300
            calls += 1
            try:
                await asyncio.wait_for(so.get_by_id("10000001"), rng.uniform(0.3, 1.2) * per_call)
            except TimeoutError:
                cut += 1
        assert cut > 100  # the loop did cut calls short
        # Let the loopback server (it shares this process and its GIL) finish with the connections the cuts closed: a
        # slot that stays taken stays taken, and the burst below still finds it.
        await asyncio.sleep(2)
        arrived = threading.Barrier(100, timeout=30)  # as in the test above: slow arrivals pass, a stuck slot does not

        def together(request: httpx.Request) -> httpx.Response:
            arrived.wait()
            return default_answer(request)

        exchange.default = together
        orders = await asyncio.gather(*(so.get_by_id("10000001") for _ in range(100)))  # 100 in flight at once
        assert {o.id for o in orders} == {"10000001"}


async def test_cancelling_a_task_waiting_for_the_limiter_frees_its_turn(
    server: WireServer, async_backend: HttpBackend
) -> None:
    """On a manual fake clock: the test decides when the limiter's waits end, so no timing of the machine matters."""
    clock = FakeClock(manual=True)
    limiter = RateLimiter({"get": 1}, _time=clock)
    async with backend_client(server.url, async_backend, rate_limit=limiter, _time=clock) as c:
        so = c.smartorders()
        await so.get_by_id("1")
        waiting = asyncio.ensure_future(so.get_by_id("1"))  # its turn comes 1 s after the first's answer
        await clock.wait_for_sleepers(1)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        taking = asyncio.ensure_future(so.get_by_id("1"))
        await clock.wait_for_sleepers(1)
        assert clock.sleepers == [pytest.approx(1.0)]  # the limiter paces: a second after the first's answer
        clock.advance(1.0)
        done, _ = await asyncio.wait({taking}, timeout=10)  # the bound only ends a failing run
        # takes the cancelled task's turn, not the one after it (which would have it wait another second)
        assert taking in done and clock.sleepers == [], f"still waiting for the limiter: {clock.sleepers}"
        assert (await taking).id == "10000001"


def test_unknown_backend_and_conflicting_transport_are_refused() -> None:
    with pytest.raises(ValidationError, match="http_backend: must be 'httpx' or 'aiohttp', got 'curl'"):
        AsyncClient(KEY, SECRET, http_backend="curl")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="http_backend: 'aiohttp' brings its own transport"):
        AsyncClient(KEY, SECRET, transport=httpx.MockTransport(default_answer), http_backend="aiohttp")


def test_aiohttp_without_the_extra_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m.split(".")[0] == "aiohttp"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.delitem(sys.modules, "polo_smartorders._transport._aiohttp", raising=False)
    monkeypatch.setitem(sys.modules, "aiohttp", None)  # what an import sees when the package is absent
    with pytest.raises(ValidationError) as caught:
        AsyncClient(KEY, SECRET, http_backend="aiohttp")
    assert caught.value.field == "http_backend"
    hint = "http_backend='aiohttp' needs aiohttp: pip install aiohttp (or reinstall polo-smartorders with its [aiohttp] extra)"
    assert caught.value.rule.startswith(f"{hint} (") and caught.value.rule.count("pip install") == 1
    assert isinstance(caught.value.__cause__, ImportError)


def test_importing_the_library_does_not_load_aiohttp() -> None:
    code = "import sys, polo_smartorders; print(sorted(m for m in sys.modules if 'aiohttp' in m))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)  # noqa: S603
    assert done.stdout.strip() == "[]"


async def test_the_default_backend_is_httpx() -> None:
    async with AsyncClient(KEY, SECRET, "http://127.0.0.1:1") as c:
        assert isinstance(_private.transport_of(c._api.get_async_httpx_client()), httpx.AsyncHTTPTransport)


async def test_a_wrapped_backend_transport_runs_on_that_backend(server: WireServer, async_backend: HttpBackend) -> None:
    """How a test records what is sent on each backend: wrap ``backend_transport`` and pass it as transport=."""
    inner, seen = backend_transport(async_backend), []

    class Recording(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            seen.append(request.method)
            return await inner.handle_async_request(request)

        async def aclose(self) -> None:
            await inner.aclose()

    async with AsyncClient(KEY, SECRET, server.url, rate_limit=False, transport=Recording()) as c:
        assert (await c.smartorders().get_by_id("10000001")).id == "10000001"
        assert type(_private.transport_of(c._api.get_async_httpx_client())) is Recording
    assert seen == ["GET"]
    assert (
        type(inner).__module__ == {"httpx": "httpx", "aiohttp": "polo_smartorders._transport._aiohttp"}[async_backend]
    )
    assert server.wait_open(0) == 0
