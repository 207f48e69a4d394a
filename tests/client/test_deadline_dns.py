"""The call's deadline bounds name resolution: a resolver that never answers ends the call at its deadline, with
DeadlineExceededError saying nothing was sent (a request whose host never resolved cannot have left).

No real DNS: socket.getaddrinfo (which the sync pool, anyio and aiohttp's ThreadedResolver all reach, the last two
through the event loop's getaddrinfo) stalls for the test's host until the test releases it.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from polo_smartorders import AsyncClient, Client, DeadlineExceededError, PoloError, TransportError

from tests.support.keys import DNS_KEY as KEY
from tests.support.keys import DNS_SECRET as SECRET

# Deadlines measured on the wall clock: run alone, never beside other workers.
pytestmark = pytest.mark.serial

HOST = "stuck.invalid"
URL = f"http://{HOST}:1"
#: How long the stuck resolver holds a lookup at most (far past every bound the tests assert).
STALL = 10.0
ORDER = {"symbol": "BTC_USDT", "side": "BUY", "stop_price": "40000", "quantity": "1", "client_order_id": "dns-1"}
METHODS = pytest.mark.parametrize(("method", "kwargs"), [("get_all", {}), ("create", ORDER)])


class StuckResolver:
    """socket.getaddrinfo that holds every lookup of HOST until released (STALL at most), then fails it; any other
    host resolves as usual. Counts the lookups it held and those still held."""

    def __init__(self, real: Callable[..., Any]) -> None:
        self.real = real
        self.release = threading.Event()
        self.held = 0
        self.holding = 0
        self._lock = threading.Lock()

    def __call__(self, host: str | bytes | None, *args: Any, **kwargs: Any) -> Any:
        if host not in (HOST, HOST.encode()):  # anyio passes the name IDNA-encoded
            return self.real(host, *args, **kwargs)
        with self._lock:
            self.held += 1
            self.holding += 1
        try:
            self.release.wait(STALL)
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        finally:
            with self._lock:
                self.holding -= 1


@pytest.fixture
def stuck(monkeypatch: pytest.MonkeyPatch) -> Iterator[StuckResolver]:
    """The stuck resolver in place of socket.getaddrinfo (and no proxy); released after the test, and every lookup
    it held given back before the next test."""
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    resolver = StuckResolver(socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    yield resolver
    resolver.release.set()
    for _ in range(100):  # bounded: 5 s
        if not resolver.holding:
            break
        time.sleep(0.05)
    assert not resolver.holding, "a lookup was still held after its release"


def assert_cut_unsent(error: PoloError, elapsed: float) -> None:
    """The deadline (1 s) ended the call well before the resolver's stall, and it says nothing was sent."""
    assert elapsed < 4.0, f"the call took {elapsed:.1f} s: the deadline did not bound name resolution"
    assert isinstance(error, DeadlineExceededError), repr(error)
    assert not error.may_have_reached_exchange


@METHODS
def test_the_sync_deadline_bounds_name_resolution(stuck: StuckResolver, method: str, kwargs: dict[str, Any]) -> None:
    started = time.monotonic()
    with pytest.raises(PoloError) as caught, Client(KEY, SECRET, URL, deadline=1.0) as client:
        getattr(client.smartorders(), method)(**kwargs)
    assert_cut_unsent(caught.value, time.monotonic() - started)
    assert stuck.held  # the stall was really met, not skipped


def test_the_sync_connect_timeout_bounds_name_resolution(stuck: StuckResolver) -> None:
    """Resolving is part of connecting: a connect timeout shorter than the time left ends a stuck lookup too, as a
    TransportError that says nothing was sent."""
    started = time.monotonic()
    with pytest.raises(PoloError) as caught, Client(KEY, SECRET, URL, timeout=0.5, deadline=30, max_retries=0) as c:
        c.smartorders().get_all()
    assert time.monotonic() - started < 4.0
    error = caught.value
    assert type(error) is TransportError, repr(error)
    assert not error.may_have_reached_exchange


@pytest.mark.parametrize("backend", ["httpx", "aiohttp"])
@METHODS
def test_the_async_deadline_bounds_name_resolution(
    stuck: StuckResolver, backend: str, method: str, kwargs: dict[str, Any]
) -> None:
    """The event loop resolves in its default executor: the call ends at its deadline all the same. The lookup is
    released before asyncio.run shuts that executor down (it waits for the thread)."""
    outcome: list[tuple[BaseException, float]] = []

    async def run() -> None:
        async with AsyncClient(KEY, SECRET, URL, deadline=1.0, http_backend=backend) as client:  # type: ignore[arg-type]
            started = time.monotonic()
            try:
                await getattr(client.smartorders(), method)(**kwargs)
            except PoloError as exc:
                outcome.append((exc, time.monotonic() - started))
            finally:
                stuck.release.set()

    asyncio.run(run())
    assert outcome, "the call did not fail"
    error, elapsed = outcome[0]
    assert isinstance(error, PoloError)
    assert_cut_unsent(error, elapsed)
    assert stuck.held
