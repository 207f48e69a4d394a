"""The client-side rate limiter against its promise: no second at the exchange ever holds more than an endpoint's
limit, however late granted requests leave and however long their answers take.

The exchange here is a mock transport that counts a request when it "arrives": after a random delay on the way out
(a loaded machine, a slow network), and answers after another random delay. Any limiter that paces only by grant
times lets two delayed clumps meet in one second at the exchange.

Tasks run in virtual time (``FakeClock.run``: the limiter, the client and the exchange share the fake clock), so
those tests neither wait for nor depend on the wall clock; threads cannot, and their test runs alone (``serial``).
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from collections.abc import Callable

import httpx
import pytest
from polo_smartorders import AsyncClient, Client, DeadlineExceededError, PoloError, RateLimiter, TransportError
from polo_smartorders._clock import SYSTEM_TIME, TimeSource
from polo_smartorders._transport import DEADLINE, Deadline

from tests.support.clock import START, FakeClock
from tests.support.exchange import default_answer
from tests.support.keys import RATELIMIT_KEY as KEY
from tests.support.keys import RATELIMIT_SECRET as SECRET

LIMIT = 10
CALLS = 45
#: The tasks' jitter, shared by their test and its control: with it, pacing by grant time alone puts 13 in a second.
TASKS_SEED = "tasks-8"


def busiest_second(times: list[float]) -> int:
    times = sorted(times)
    return max((sum(1 for t in times[i:] if t < start + 1.0) for i, start in enumerate(times)), default=0)


class JitteryExchange:
    """Arrival (when the exchange counts a request) comes 0-300 ms after the client hands it over; the answer
    another 0-300 ms later, on the ``time`` source given (the wall clock, or the test's fake one). Seeded: a failure
    replays."""

    def __init__(self, seed: str, time: TimeSource = SYSTEM_TIME) -> None:
        self.rng = random.Random(seed)
        self.time = time
        self.lock = threading.Lock()
        self.arrivals: list[float] = []

    def delays(self) -> tuple[float, float]:
        with self.lock:
            return self.rng.uniform(0, 0.3), self.rng.uniform(0, 0.3)

    def arrive(self) -> None:
        with self.lock:
            self.arrivals.append(self.time.monotonic())

    def sync(self) -> httpx.MockTransport:
        def handle(request: httpx.Request) -> httpx.Response:
            out, back = self.delays()
            self.time.sleep(out)
            self.arrive()
            self.time.sleep(back)
            return default_answer(request)

        return httpx.MockTransport(handle)

    def asynchronous(self) -> httpx.MockTransport:
        async def handle(request: httpx.Request) -> httpx.Response:
            out, back = self.delays()
            await self.time.asleep(out)
            self.arrive()
            await self.time.asleep(back)
            return default_answer(request)

        return httpx.MockTransport(handle)


@pytest.mark.timeout(60)
@pytest.mark.serial
def test_threads_never_put_more_than_the_limit_into_a_second_at_a_jittery_exchange() -> None:
    """On the wall clock: threads sleep for real (a fake clock cannot schedule them), so this one runs alone."""
    exchange = JitteryExchange("threads")
    limiter = RateLimiter({"get": LIMIT})
    with Client(KEY, SECRET, "http://127.0.0.1:9", rate_limit=limiter, transport=exchange.sync()) as client:
        threads = [
            threading.Thread(target=lambda: [client.smartorders().get_by_id("1") for _ in range(3)])
            for _ in range(CALLS // 3)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(50)
    assert len(exchange.arrivals) == CALLS
    assert busiest_second(exchange.arrivals) <= LIMIT


def test_tasks_never_put_more_than_the_limit_into_a_second_at_a_jittery_exchange(clock: FakeClock) -> None:
    exchange = JitteryExchange(TASKS_SEED, clock)
    limiter = RateLimiter({"get": LIMIT}, _time=clock)

    async def run() -> None:
        async with AsyncClient(
            KEY, SECRET, "http://127.0.0.1:9", rate_limit=limiter, transport=exchange.asynchronous(), _time=clock
        ) as c:
            await asyncio.gather(*(c.smartorders().get_by_id("1") for _ in range(CALLS)))

    clock.run(run())
    assert len(exchange.arrivals) == CALLS
    assert busiest_second(exchange.arrivals) <= LIMIT
    assert clock.now - START >= CALLS // LIMIT  # paced: 45 calls at 10/s took four seconds and more


def test_the_jitter_check_would_catch_grants_paced_by_grant_time_alone(clock: FakeClock) -> None:
    """Granting `limit` per 1.1 s by grant time (the previous rule), the same exchange (the same jitter) sees more
    than the limit in one second: the assertions above are not vacuous."""
    exchange = JitteryExchange(TASKS_SEED, clock)
    transport = exchange.asynchronous()
    grants: list[float] = []

    async def paced_by_grant_time() -> None:
        now = clock.monotonic()
        ready = max(now, grants[-LIMIT] + 1.1) if len(grants) >= LIMIT else now
        grants.append(ready)
        await asyncio.sleep(ready - now)
        await transport.handle_async_request(httpx.Request("GET", "http://127.0.0.1:9/smartorders/1"))

    async def run() -> None:
        await asyncio.gather(*(paced_by_grant_time() for _ in range(CALLS)))

    clock.run(run())
    assert len(exchange.arrivals) == CALLS
    assert busiest_second(exchange.arrivals) > LIMIT


def test_a_request_counts_from_its_grant_until_a_second_after_its_answer(clock: FakeClock) -> None:
    limiter = RateLimiter({"get": 2, "create": 1}, _time=clock)
    assert limiter._try("get") == 0 and limiter._try("get") == 0
    assert limiter._try("get") == 1.0  # both in flight: no answer yet, so a second at least
    clock.advance(5.0)
    assert limiter._try("get") == 1.0  # still in flight five seconds on: still counted
    limiter.release("get")
    clock.advance(0.25)
    assert limiter._try("get") == pytest.approx(0.75)  # a second after that answer
    clock.advance(0.75)
    assert limiter._try("get") == 0  # the answered one has left; now two in flight again
    assert limiter._try("get") == 1.0
    assert limiter._try("create") == 0  # endpoints have their own budgets
    assert limiter._try("timestamp") == 0  # an operation without a limit is never held
    limiter.release("timestamp")


def test_a_grant_the_deadline_cannot_reach_is_refused_at_once_and_uses_nothing(clock: FakeClock) -> None:
    limiter = RateLimiter({"get": 1}, _time=clock)
    limiter.acquire("get")  # in flight: the next grant is a second or more away
    token = DEADLINE.set(Deadline(0.5, clock))
    try:
        with pytest.raises(DeadlineExceededError, match="before sending"):
            limiter.acquire("get")
    finally:
        DEADLINE.reset(token)
    assert clock.slept == []  # refused at once, not after waiting
    limiter.release("get")
    clock.advance(1.0)
    assert limiter._try("get") == 0  # the refused wait took no grant


def test_a_request_cut_on_its_way_counts_until_its_recv_window_has_passed(clock: FakeClock) -> None:
    """Ten requests leave and are cut at 0.2 s, but reach the exchange only at 1.1 s (held on the way). Had they
    stopped counting when cut, the next ten would share the exchange's second with them."""
    arrivals: list[float] = []
    on_the_way: set[asyncio.Task[None]] = set()

    async def arrive_late() -> None:
        await asyncio.sleep(1.1)
        arrivals.append(clock.monotonic())

    async def held(request: httpx.Request) -> httpx.Response:
        if not request.url.path.endswith("/2"):
            task = asyncio.get_running_loop().create_task(arrive_late())  # the copy on its way: not cut
            on_the_way.add(task)
            await asyncio.sleep(30)  # the client gives up first
        arrivals.append(clock.monotonic())
        return default_answer(request)

    async def run() -> None:
        limiter = RateLimiter({"get": LIMIT}, _time=clock)
        transport = httpx.MockTransport(held)
        async with AsyncClient(KEY, SECRET, "http://127.0.0.1:9", rate_limit=limiter, transport=transport,
                               recv_window=1500, max_retries=0, _time=clock) as client:  # fmt: skip
            so = client.smartorders()
            cut = [asyncio.wait_for(so.get_by_id("1"), 0.2) for _ in range(LIMIT)]
            assert all(isinstance(r, TimeoutError) for r in await asyncio.gather(*cut, return_exceptions=True))
            await asyncio.gather(*(so.get_by_id("2") for _ in range(LIMIT)))
            await asyncio.gather(*on_the_way)

    clock.run(run())
    assert len(arrivals) == 2 * LIMIT
    assert busiest_second(arrivals) <= LIMIT


@pytest.mark.parametrize(
    ("failure", "held"),
    [
        (httpx.ReadTimeout("timed out"), True),  # sent, no answer: may still arrive
        (httpx.RemoteProtocolError("dropped"), True),
        (httpx.ConnectError("refused"), False),  # never sent
    ],
)
def test_a_sync_attempt_without_an_answer_is_held_for_its_recv_window(
    clock: FakeClock, failure: Exception, held: bool
) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise failure

    limiter = RateLimiter({"get": 1}, _time=clock)
    transport = httpx.MockTransport(fail)
    with Client(KEY, SECRET, "http://127.0.0.1:9", rate_limit=limiter, transport=transport, recv_window=3000,
                max_retries=0, _time=clock) as client:  # fmt: skip
        with pytest.raises(TransportError):
            client.smartorders().get_by_id("1")
    wait = limiter._try("get")
    # recvWindow (3 s) and the 1 s a signTimestamp may be ahead of the exchange, then the window's second
    assert wait == pytest.approx(5.0 if held else 1.0, abs=1e-9)


def test_calls_waiting_for_one_endpoints_turn_do_not_hold_back_another_endpoint(clock: FakeClock) -> None:
    """150 list calls (10/s) queue for their turn; a create (its own 50/s budget) goes out at once, not behind the
    slots the waiting lists would otherwise hold."""
    done: list[str] = []

    async def run() -> None:
        transport = httpx.MockTransport(default_answer)
        async with AsyncClient(
            KEY, SECRET, "http://127.0.0.1:9", transport=transport, deadline=60, _time=clock
        ) as client:
            so = client.smartorders()

            async def listing() -> None:
                await so.get_all()
                done.append("list")

            lists = [asyncio.ensure_future(listing()) for _ in range(150)]
            await asyncio.sleep(0.05)  # all of them queued
            await so.create(symbol="BTC_USDT", side="BUY", stop_price="1", quantity="1")
            done.append("create")
            for task in lists:
                task.cancel()
            await asyncio.gather(*lists, return_exceptions=True)

    clock.run(run())
    assert done.index("create") <= 20  # the lists' first second and a bit, not the 51 of them ahead for a slot


@pytest.mark.timeout(60)
def test_threads_waiting_for_one_endpoints_turn_do_not_hold_back_another_endpoint() -> None:
    done: list[str] = []
    stop = threading.Event()
    with Client(
        KEY, SECRET, "http://127.0.0.1:9", transport=httpx.MockTransport(default_answer), deadline=60
    ) as client:
        so = client.smartorders()

        def listing() -> None:
            while not stop.is_set() and len(done) < 40:
                so.get_all()
                done.append("list")

        threads = [threading.Thread(target=listing) for _ in range(120)]
        for thread in threads:
            thread.start()
        time.sleep(0.1)
        so.create(symbol="BTC_USDT", side="BUY", stop_price="1", quantity="1")
        done.append("create")
        stop.set()
        for thread in threads:
            thread.join(20)
    assert done.index("create") <= 20


def _deadline_bound_calls(clock: FakeClock, mode: str) -> tuple[list[tuple[float, str]], int]:
    """40 list calls at once (10/s allowed), each with a 0.5 s deadline, on the fake clock: how long each took and
    how it ended, and how many requests reached the exchange."""
    sent: list[httpx.Request] = []
    outcomes: list[tuple[float, str]] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=[])

    async def arecord(request: httpx.Request) -> httpx.Response:
        return record(request)

    def timed(call: Callable[[], object]) -> None:
        started = clock.monotonic()
        try:
            call()
            outcomes.append((clock.monotonic() - started, "ok"))
        except PoloError as exc:
            outcomes.append((clock.monotonic() - started, type(exc).__name__))

    if mode == "sync":
        with Client(KEY, SECRET, "http://127.0.0.1:9", transport=httpx.MockTransport(record), deadline=0.5,
                    _time=clock) as client:  # fmt: skip
            threads = [threading.Thread(target=timed, args=(client.smartorders().get_all,)) for _ in range(40)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(10)
    else:

        async def main() -> None:
            async with AsyncClient(KEY, SECRET, "http://127.0.0.1:9", transport=httpx.MockTransport(arecord),
                                   deadline=0.5, _time=clock) as client:  # fmt: skip

                async def one() -> None:
                    started = clock.monotonic()
                    try:
                        await client.smartorders().get_all()
                        outcomes.append((clock.monotonic() - started, "ok"))
                    except PoloError as exc:
                        outcomes.append((clock.monotonic() - started, type(exc).__name__))

                await asyncio.gather(*(one() for _ in range(40)))

        clock.run(main())
    return outcomes, len(sent)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_the_deadline_bounds_the_wait_for_the_rate_limiter(clock: FakeClock, mode: str) -> None:
    """40 list calls at once, 10/s allowed: those whose grant would come after their 0.5 s deadline end by it, having
    sent nothing and used up no grant. (Moved from test_hostile: on the fake clock, not the wall clock.)"""
    outcomes, sent = _deadline_bound_calls(clock, mode)
    assert len(outcomes) == 40
    assert max(elapsed for elapsed, _ in outcomes) <= 0.5
    kinds = [kind for _, kind in outcomes]
    assert set(kinds) == {"ok", "DeadlineExceededError"}
    assert kinds.count("ok") == sent == 10  # the second's ten grants, and not one request more


@pytest.mark.timeout(60)
@pytest.mark.serial
def test_a_held_request_signed_ahead_of_the_exchange_clock_still_counts_when_it_lands() -> None:
    """The exchange runs 0.9 s behind the client (never synced) and takes a signTimestamp up to 1 s ahead: ten list
    calls time out at 0.2 s, reach it 1.78 s later still inside their recvWindow, and are counted then. Ten more
    calls must not be granted into that second (found by review: they drew ten 429s)."""
    from polo_smartorders import RateLimitError
    from polo_smartorders.sandbox import create_app
    from polo_smartorders.sandbox._serve import serving

    from tests.support.faults import FaultProxy, Seen, fault_proxy

    held = threading.Semaphore(10)

    def choose(seen: Seen) -> str | None:
        return "hold" if seen.method == "GET" and seen.path == "/smartorders" and held.acquire(blocking=False) else None

    app = create_app({KEY: SECRET}, clock_skew_ms=-900, rate_limits=True)
    with serving(app) as upstream:
        proxy = FaultProxy(upstream, choose, delay_s=1.78)
        with fault_proxy(proxy) as url, Client(KEY, SECRET, url, recv_window=1000, timeout=0.2, max_retries=0) as c:
            outcomes: list[str] = []

            def call() -> None:
                try:
                    c.smartorders().get_all()
                    outcomes.append("ok")
                except RateLimitError:
                    outcomes.append("429")
                except TransportError:
                    outcomes.append("cut")

            for _ in range(2):  # the held batch, then the one that must wait for it
                threads = [threading.Thread(target=call) for _ in range(10)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(30)
            proxy.wait_idle()
    assert outcomes.count("cut") == 10 and outcomes.count("ok") == 10, outcomes
    assert [e.status for e in proxy.log if e.status == 429] == []
