"""Fault injection on loopback: every logical create lands exactly once, whatever breaks on the way.

The sandbox exchange runs under uvicorn; a fault proxy (tests/support/faults.py) sits between it and the client.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import httpx
import pytest
from polo_smartorders import AsyncClient, Client, CreateSmartOrderResponse, HttpBackend, PoloError
from polo_smartorders._constants import RATE_LIMITS
from polo_smartorders.sandbox import Sandbox, create_app
from polo_smartorders.sandbox._serve import serving

from tests.support.exchange import backend_transport, default_answer
from tests.support.faults import FAULTS, FaultProxy, fault_proxy, once_per_client_order_id
from tests.support.keys import SANDBOX_KEY as KEY
from tests.support.keys import SANDBOX_SECRET as SECRET
from tests.support.loopback import sandbox_process
from tests.support.wire_server import wire_server

CREATES_PER_FAULT = 40
#: Short enough that a create the exchange never saw is re-sent quickly, long enough for a loaded CI machine.
RECV_WINDOW_MS = 250


def create_kwargs(rng: random.Random, n: int) -> dict[str, Any]:
    """Varied but valid create arguments; every third leaves the clientOrderId to the client."""
    side = rng.choice(["BUY", "SELL"])
    kind = rng.choice(["STOP", "STOP_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT"])
    size: dict[str, Any] = (
        {"quantity": str(Decimal(rng.randint(1, 10_000)) / 1000)}
        if rng.random() < 0.5
        else {"amount": Decimal(rng.randint(10, 5000))}
    )
    kwargs: dict[str, Any] = {"symbol": rng.choice(["BTC_USDT", "ETH_USDT"]), "side": side, "type": kind, **size}
    if kind in ("STOP", "STOP_LIMIT"):
        kwargs["stop_price"] = str(rng.randint(1000, 90_000))
    if kind == "STOP_LIMIT":
        kwargs["price"] = f"{rng.randint(1000, 90_000)}.{rng.randint(0, 99):02d}"
    if kind.startswith("TRAILING"):
        kwargs["trailing_offset"] = rng.choice(["1.5%", "100", "0.5%"])
    if kind == "TRAILING_STOP_LIMIT":
        kwargs["limit_offset"] = rng.choice(["0.1%", "5"])
    if n % 3:
        kwargs["client_order_id"] = f"fault-{n}-{rng.randint(0, 10**9)}"
    return kwargs


def assert_exactly_once(sandbox: Sandbox, placed: list[CreateSmartOrderResponse]) -> None:
    orders = sandbox.orders(KEY)
    by_cid = Counter(order["clientOrderId"] for order in orders)
    assert len(orders) == len(placed), "an order was lost or duplicated"
    for result in placed:
        assert by_cid[result.client_order_id] == 1
        [order] = [o for o in orders if o["clientOrderId"] == result.client_order_id]
        assert order["id"] == result.id, "the client returned the wrong id"


@pytest.mark.parametrize("fault", FAULTS)
def test_every_create_lands_exactly_once_through_a_fault(served: tuple[Sandbox, str], fault: str) -> None:
    sandbox, upstream = served
    proxy = FaultProxy(upstream, once_per_client_order_id(fault), delay_s=0.6)
    rng = random.Random(f"faults-{fault}")
    placed: list[CreateSmartOrderResponse] = []
    escaped: list[BaseException] = []
    with fault_proxy(proxy) as url, Client(KEY, SECRET, url, timeout=0.3, recv_window=RECV_WINDOW_MS) as client:
        for n in range(CREATES_PER_FAULT):
            try:
                placed.append(client.smartorders().create(**create_kwargs(rng, n)))
            except PoloError as error:  # documented errors only; anything else fails the test as it is
                escaped.append(error)
    assert escaped == []
    assert_exactly_once(sandbox, placed)
    assert len(proxy.faulted()) == CREATES_PER_FAULT, "every logical create met the fault once"
    posts = sum(1 for entry in proxy.log if entry.method == "POST")
    resent = {"drop": 0, "500": 0, "delay": 0, "429": CREATES_PER_FAULT, "reset": CREATES_PER_FAULT}[fault]
    assert posts == CREATES_PER_FAULT + resent  # processed creates are found by cid:, never re-sent


@pytest.mark.parametrize("fault", FAULTS)
def test_concurrent_async_creates_land_exactly_once_through_a_fault(
    served: tuple[Sandbox, str], fault: str, async_backend: HttpBackend
) -> None:
    sandbox, upstream = served
    proxy = FaultProxy(upstream, once_per_client_order_id(fault), delay_s=0.6)
    rng = random.Random(f"async-{fault}")

    async def run(url: str) -> list[CreateSmartOrderResponse]:
        async with AsyncClient(
            KEY, SECRET, url, timeout=0.3, recv_window=RECV_WINDOW_MS, http_backend=async_backend
        ) as client:
            return list(
                await asyncio.gather(*(client.smartorders().create(**create_kwargs(rng, n)) for n in range(30)))
            )

    with fault_proxy(proxy) as url:
        placed = asyncio.run(run(url))
    assert_exactly_once(sandbox, placed)


@pytest.mark.parametrize("fault", ["drop", "500", "reset"])
def test_every_cancel_replace_lands_exactly_once_through_a_fault(served: tuple[Sandbox, str], fault: str) -> None:
    """Keyed on the new order's clientOrderId: the old order is cancelled once and one new order exists."""
    sandbox, upstream = served
    with Client(KEY, SECRET, upstream) as direct:
        originals = [
            direct.smartorders().create(symbol="LTC_USDT", side="BUY", stop_price=str(100 + n), quantity="1")
            for n in range(20)
        ]
    proxy = FaultProxy(upstream, once_per_client_order_id(fault, "PUT", "/smartorders/"))
    with fault_proxy(proxy) as url, Client(KEY, SECRET, url, timeout=2.0, recv_window=RECV_WINDOW_MS) as client:
        replaced = [
            client.smartorders().cancel_replace(o.id, stop_price=str(200 + n), client_order_id=f"new-{fault}-{n}")
            for n, o in enumerate(originals)
        ]
    orders = {o["id"]: o for o in sandbox.orders(KEY)}
    assert len(orders) == 2 * len(originals)
    for n, (old, new) in enumerate(zip(originals, replaced, strict=True)):
        assert orders[old.id]["state"] == "CANCELED"
        assert orders[new.id]["clientOrderId"] == f"new-{fault}-{n}"
        assert orders[new.id]["stopPrice"] == str(200 + n)
    assert len(proxy.faulted()) == len(originals)


# ------------------------------------------------------------------ concurrency and rate limits


class Sent:
    """A transport wrapper recording when each request left the client, and the exchange's status for it."""

    def __init__(self) -> None:
        self.log: list[tuple[float, str, str, int]] = []
        self._lock = threading.Lock()

    def record(self, sent: float, request: httpx.Request, status: int) -> None:
        with self._lock:
            self.log.append((sent, request.method, request.url.path, status))

    def sync(self) -> httpx.BaseTransport:
        inner, record = httpx.HTTPTransport(), self.record

        class Recording(httpx.BaseTransport):
            def handle_request(self, request: httpx.Request) -> httpx.Response:
                sent = time.monotonic()
                response = inner.handle_request(request)
                record(sent, request, response.status_code)
                return response

            def close(self) -> None:
                inner.close()

        return Recording()

    def asynchronous(self, backend: HttpBackend = "httpx") -> httpx.AsyncBaseTransport:
        inner, record = backend_transport(backend), self.record

        class Recording(httpx.AsyncBaseTransport):
            async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
                sent = time.monotonic()
                response = await inner.handle_async_request(request)
                record(sent, request, response.status_code)
                return response

            async def aclose(self) -> None:
                await inner.aclose()

        return Recording()


def operation_of(method: str, path: str) -> str:
    if path == "/smartorders":
        return {"POST": "create", "GET": "list", "DELETE": "cancel_all"}[method]
    if path == "/smartorders/history":
        return "history"
    if path == "/smartorders/cancelByIds":
        return "cancel_by_ids"
    return {"GET": "get", "DELETE": "cancel", "PUT": "replace"}[method]


def assert_within_limits(sent: Sent) -> None:
    assert [entry for entry in sent.log if entry[3] == 429] == [], "the client drew a 429 from the exchange"
    by_operation: dict[str, list[float]] = {}
    for at, method, path, _ in sent.log:
        by_operation.setdefault(operation_of(method, path), []).append(at)
    for operation, times in by_operation.items():
        times.sort()
        limit = RATE_LIMITS[operation]
        busiest = max(sum(1 for t in times[i:] if t < start + 1.0) for i, start in enumerate(times))
        assert busiest <= limit, f"{operation}: {busiest} requests in one second (limit {limit})"


def assert_open_exactly_once(client: Client, placed: list[CreateSmartOrderResponse]) -> None:
    """Through the API: every create is one open order with the returned id, and there is no other."""
    orders = client.smartorders().get_all()
    assert sorted((o.client_order_id, o.id) for o in orders) == sorted((p.client_order_id, p.id) for p in placed)


Work = Callable[[int], None]


def mixed_operations(so: Any, rng: random.Random, results: list[CreateSmartOrderResponse]) -> Work:
    def step(n: int) -> None:
        placed = so.create(**create_kwargs(rng, n))
        results.append(placed)
        if n % 5 == 0:
            assert so.get_by_id(placed.id).client_order_id == placed.client_order_id
        if n % 10 == 1:
            so.get_all(limit=5)

    return step


@pytest.mark.timeout(120)
@pytest.mark.serial
def test_threads_sharing_one_client_stay_within_the_limits() -> None:
    sent = Sent()
    results: list[CreateSmartOrderResponse] = []
    operations = 400  # + the gets and lists they trigger: about 520 requests
    with sandbox_process("--rate-limits") as url, Client(KEY, SECRET, url, transport=sent.sync()) as client:
        step = mixed_operations(client.smartorders(), random.Random("threads"), results)
        counter = iter(range(operations))
        lock = threading.Lock()

        def worker() -> None:
            while True:
                with lock:
                    n = next(counter, None)
                if n is None:
                    return
                step(n)

        threads = [threading.Thread(target=worker) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(100)
        assert len(sent.log) >= 500
        assert len(results) == operations
        assert_within_limits(sent)
        assert_open_exactly_once(client, results)


@pytest.mark.timeout(120)
@pytest.mark.serial
def test_asyncio_tasks_sharing_one_client_stay_within_the_limits(async_backend: HttpBackend) -> None:
    sent = Sent()
    rng = random.Random("tasks")
    results: list[CreateSmartOrderResponse] = []

    async def run(url: str) -> None:
        async with AsyncClient(KEY, SECRET, url, transport=sent.asynchronous(async_backend)) as client:
            so = client.smartorders()
            queue = list(range(400))

            async def task() -> None:
                while queue:
                    n = queue.pop()
                    placed = await so.create(**create_kwargs(rng, n))
                    results.append(placed)
                    if n % 5 == 0:
                        await so.get_by_id(placed.id)
                    if n % 10 == 1:
                        await so.get_all(limit=5)

            await asyncio.gather(*(task() for _ in range(100)))

    with sandbox_process("--rate-limits") as url:
        asyncio.run(run(url))
        assert len(sent.log) >= 500
        assert_within_limits(sent)
        with Client(KEY, SECRET, url) as checker:
            assert_open_exactly_once(checker, results)


@pytest.mark.serial
def test_the_rate_check_would_catch_a_burst() -> None:
    """Without the client's limiter, the same kind of burst draws 429s: the assertion above is not vacuous."""
    sent = Sent()
    with (
        sandbox_process("--rate-limits") as url,
        Client(KEY, SECRET, url, rate_limit=False, max_retries=0, transport=sent.sync()) as client,
    ):
        so = client.smartorders()
        for n in range(60):
            with contextlib.suppress(PoloError):
                so.get_by_id(str(10_000_000 + n))
    with pytest.raises(AssertionError, match="429"):
        assert_within_limits(sent)


# ------------------------------------------------------------------ clock


def test_client_works_against_a_clock_skewed_exchange() -> None:
    app = create_app(clock_skew_ms=120_000)
    with serving(app) as url, Client(KEY, SECRET, url) as client:
        placed = client.smartorders().create(symbol="BTC_USDT", side="BUY", stop_price="1", quantity="1")
        assert 119_000 < client.clock.offset_ms < 121_000
        assert client.smartorders().get_by_id(placed.id).id == placed.id


async def test_async_client_works_against_a_clock_skewed_exchange() -> None:
    app = create_app(clock_skew_ms=-120_000)

    async def use(url: str) -> None:
        async with AsyncClient(KEY, SECRET, url) as client:
            assert len(await client.smartorders().get_all()) == 0
            assert -121_000 < client.clock.offset_ms < -119_000

    with serving(app) as url:
        await use(url)


def test_sync_time_measures_the_offset() -> None:
    app = create_app(clock_skew_ms=5_000)
    with serving(app) as url, Client(KEY, SECRET, url) as client:
        assert 4_500 < client.sync_time() < 5_500


@pytest.mark.serial
def test_threads_sharing_one_client_keep_their_connections_between_bursts() -> None:
    """32 threads at once, three times: 32 connections in all. httpcore closes every idle connection of a pool holding
    more than max_keepalive_connections in all, so a keep-alive limit under the pool's size reconnected each burst."""
    arrived = threading.Barrier(32, timeout=5)

    def together(request: httpx.Request) -> httpx.Response:
        arrived.wait()
        return default_answer(request)

    with wire_server(together) as server, Client(KEY, SECRET, server.url, rate_limit=False) as client:
        ids: list[str] = []

        def one() -> None:
            ids.append(client.smartorders().get_by_id("10000001").id)

        for burst in range(1, 4):
            threads = [threading.Thread(target=one) for _ in range(32)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(10)
            assert ids == ["10000001"] * 32 * burst
            arrived.reset()
        assert (server.opened, server.open) == (32, 32)
