"""The sandbox stays consistent under concurrent use, and enforces per-account rate limits when asked to."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator

import httpx
import pytest
from polo_smartorders.sandbox import Sandbox, create_app
from polo_smartorders.sandbox._serve import serving
from polo_smartorders.sandbox._throttle import Throttle
from polo_smartorders.sandbox._validation import parse_create

from tests.support.keys import SANDBOX_KEY as KEY
from tests.support.sandbox import SandboxClient, sandbox_client, stop_order


def test_threads_creating_and_moving_prices_keep_ids_unique() -> None:
    sandbox = Sandbox()
    errors: list[BaseException] = []

    def create_many(worker: int) -> None:
        try:
            for n in range(100):
                sandbox.create(
                    KEY, parse_create(stop_order(stopPrice=str(1 + (n % 7)), clientOrderId=f"w{worker}-{n}"))
                )
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    def move_prices() -> None:
        for n in range(300):
            sandbox.set_price("BTC_USDT", str(1 + n % 9))

    threads = [threading.Thread(target=create_many, args=(worker,)) for worker in range(6)]
    threads.append(threading.Thread(target=move_prices))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors and not any(thread.is_alive() for thread in threads)
    orders = sandbox.orders(KEY)
    smart_ids = [order["id"] for order in orders]
    children = [order["triggeredOrder"] for order in orders if "triggeredOrder" in order]
    child_ids = [child["id"] for child in children if isinstance(child, dict)]
    assert len(child_ids) == len(children)
    assert len(orders) == 600 and len(set(smart_ids + child_ids)) == 600 + len(child_ids)
    sandbox.set_price("BTC_USDT", "100")  # above every stop: every BUY stop has triggered
    assert all(order["state"] == "TRIGGERED" for order in sandbox.orders(KEY))


async def test_concurrent_http_requests_on_a_live_server() -> None:
    app = create_app()
    with serving(app) as base_url:
        async with httpx.AsyncClient(base_url=base_url, timeout=10) as http:
            client = SandboxClient(http)
            same_cid = [client.request("POST", "/smartorders", stop_order(clientOrderId="race")) for _ in range(20)]
            others = [client.request("POST", "/smartorders", stop_order()) for _ in range(30)]
            responses = await asyncio.gather(*same_cid, *others)
            statuses = [response.status_code for response in responses]
            assert statuses[:20].count(200) == 1
            assert all(response.json()["code"] == 25004 for response in responses[:20] if response.status_code == 400)
            assert statuses[20:] == [200] * 30
            listed = await client.ok("GET", "/smartorders")
            assert len(listed) == 31 and len({order["id"] for order in listed}) == 31


@pytest.fixture
async def limited() -> AsyncIterator[SandboxClient]:
    async with sandbox_client(create_app({"a": "s", "b": "s"}, rate_limits=True), "a", "s") as client:
        yield client


async def test_list_is_limited_to_10_per_second(limited: SandboxClient) -> None:
    for _ in range(10):
        await limited.ok("GET", "/smartorders")
    response = await limited.request("GET", "/smartorders")
    assert response.status_code == 429
    assert response.json()["code"] == 429 and "listSmartOrders" in response.json()["message"]
    assert response.headers["retry-after"] == "1"
    # Other endpoints and other accounts have their own windows.
    await limited.ok("GET", "/smartorders/history")
    await limited.as_account("b", "s").ok("GET", "/smartorders")


async def test_create_is_limited_to_50_per_second(limited: SandboxClient) -> None:
    for _ in range(50):
        await limited.create(**stop_order())
    await limited.error(429, "POST", "/smartorders", stop_order())
    await limited.ok("GET", "/smartorders/10000001")


async def test_unauthenticated_requests_do_not_count(limited: SandboxClient) -> None:
    for _ in range(20):
        await limited.as_account("a", "wrong").error(401, "GET", "/smartorders")
    await limited.ok("GET", "/smartorders")


def test_window_slides() -> None:
    now = [100.0]
    limiter = Throttle(clock=lambda: now[0])
    for _ in range(5):
        assert limiter.acquire("k", "listSmartOrders") is None
    now[0] = 100.6
    for _ in range(5):
        assert limiter.acquire("k", "listSmartOrders") is None
    assert limiter.acquire("k", "listSmartOrders") == 1
    now[0] = 101.05  # the first five left the window, the last five did not
    for _ in range(5):
        assert limiter.acquire("k", "listSmartOrders") is None
    assert limiter.acquire("k", "listSmartOrders") is not None
    now[0] = 101.61
    assert limiter.acquire("k", "listSmartOrders") is None
    assert limiter.acquire("k", "getServerTime") is None  # not limited


def test_refused_requests_do_not_extend_the_wait() -> None:
    now = [0.0]
    limiter = Throttle(clock=lambda: now[0])
    for _ in range(10):
        limiter.acquire("k", "cancelAllSmartOrders")
    for step in range(9):
        now[0] = step / 10
        assert limiter.acquire("k", "cancelAllSmartOrders") == 1
    now[0] = 1.0
    assert limiter.acquire("k", "cancelAllSmartOrders") is None
