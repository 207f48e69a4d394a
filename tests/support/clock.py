"""The one fake time source of the suite: pass it to the code under test (``Client(..., _time=clock)``,
``AsyncClient(..., _time=clock)``, ``RateLimiter(_time=clock)``, ``Deadline(seconds, clock)``) instead of patching
``time``. Time moves only when the code sleeps or the test moves it, so no test waits for the wall clock or asserts
on it.

Three ways to let time pass:

- by default a sleep returns at once and moves the clock on by its length (``slept`` records each one): a retry
  rule's backoffs and fence waits, in no time;
- ``FakeClock(manual=True)``: an async sleep waits until the test moves the clock past its end (``advance``), so a
  test decides what happens while a task waits, and when the wait ends (``wait_for_sleepers`` first);
- ``clock.run(main())``: runs a coroutine on an event loop whose time is this clock. Whenever every task waits, the
  clock jumps to the next timer (``asyncio.sleep``, ``wait_for``, ``asyncio.timeout`` and the code's own sleeps), so
  a crowd of tasks plays out in virtual time: at once, in the same order every run. Only for code without real I/O
  (``httpx.MockTransport``): a socket's wait would be skipped over.
"""

from __future__ import annotations

import asyncio
import selectors
import threading
from collections.abc import Coroutine, Mapping
from typing import Any, TypeVar

T = TypeVar("T")

#: The fake wall clock's start (ms since the epoch): a fixed moment, so that answers built from it replay exactly.
EPOCH_MS = 1_750_000_000_000
#: The fake monotonic clock's start (seconds).
START = 1000.0


class FakeClock:
    """A ``TimeSource`` (polo_smartorders._clock) that moves only when slept on or told to: see the module's text."""

    def __init__(self, *, manual: bool = False, start_ms: int = EPOCH_MS) -> None:
        self.now = START
        self.slept: list[float] = []
        self._manual = manual
        self._start_ns = start_ms * 1_000_000
        self._step_ns = 0
        self._on_loop = False
        self._sleepers: list[tuple[float, asyncio.Future[None]]] = []
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ the TimeSource protocol

    def monotonic(self) -> float:
        return self.now

    def time_ns(self) -> int:
        """The local wall clock: the true time (``true_ms``) plus any ``step_wall``."""
        return self._start_ns + round((self.now - START) * 1e9) + self._step_ns

    def sleep(self, seconds: float) -> None:
        """Returns at once, the clock moved on by ``seconds`` (a blocking sleep: nothing else runs meanwhile)."""
        if self._manual:
            raise AssertionError("a thread sleeping on a manual FakeClock would block the test that must advance it")
        self.slept.append(seconds)
        self.advance(seconds)

    async def asleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        if self._on_loop:
            await asyncio.sleep(seconds)  # the loop's time is this clock: it jumps there when all else waits
        elif self._manual:
            woken: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            entry = (self.now + seconds, woken)
            self._sleepers.append(entry)
            try:
                await woken
            finally:
                self._sleepers.remove(entry)
        else:
            self.advance(seconds)
            await asyncio.sleep(0)  # still a suspension point, as a real sleep is

    # ------------------------------------------------------------------ the test's side

    def advance(self, seconds: float) -> None:
        """Move the clock on by ``seconds``, waking the manual sleeps that end by then (call it on their loop)."""
        with self._lock:
            self.now += seconds
        for end, woken in list(self._sleepers):
            if end <= self.now and not woken.done():
                woken.set_result(None)

    def step_wall(self, seconds: float) -> None:
        """Step the local wall clock (``time_ns``) by ``seconds`` (negative: back), as an NTP correction does; the
        monotonic clock and the true time do not move."""
        self._step_ns += round(seconds * 1e9)

    def true_ms(self) -> int:
        """The true time in ms since the epoch (the wall clock without any step): a fake exchange's clock."""
        return (self._start_ns + round((self.now - START) * 1e9)) // 1_000_000

    @property
    def sleepers(self) -> list[float]:
        """How long each manual sleep still has to go, soonest first."""
        return sorted(end - self.now for end, _ in self._sleepers)

    async def wait_for_sleepers(self, count: int) -> None:
        """Let the event loop run until ``count`` manual sleeps are waiting (bounded: fails after 2,000 turns)."""
        for _ in range(2000):
            if len(self._sleepers) >= count:
                return
            await asyncio.sleep(0.001)  # a real turn: the tasks may be waiting on a loopback server first
        raise AssertionError(f"{len(self._sleepers)} sleeps waiting, expected {count}")

    def run(self, main: Coroutine[Any, Any, T]) -> T:
        """Run ``main`` to its end on an event loop in this clock's virtual time (see the module's text)."""
        self._on_loop = True
        try:
            with asyncio.Runner(loop_factory=lambda: _VirtualTimeLoop(self)) as runner:
                return runner.run(main)
        finally:
            self._on_loop = False


class _IdleJumps(selectors.BaseSelector):
    """The loop's selector: where a real loop would wait ``timeout`` for I/O, the clock moves on by ``timeout``."""

    def __init__(self, clock: FakeClock) -> None:
        self._clock = clock
        self._real = selectors.DefaultSelector()

    def register(self, fileobj: Any, events: int, data: Any = None) -> selectors.SelectorKey:
        return self._real.register(fileobj, events, data)

    def unregister(self, fileobj: Any) -> selectors.SelectorKey:
        return self._real.unregister(fileobj)

    def modify(self, fileobj: Any, events: int, data: Any = None) -> selectors.SelectorKey:
        return self._real.modify(fileobj, events, data)

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        ready = self._real.select(0)
        if ready or timeout == 0:
            return ready
        if timeout is None:  # no timer at all: only another thread (call_soon_threadsafe) can wake the loop
            return self._real.select(None)
        self._clock.advance(timeout)
        return ready

    def close(self) -> None:
        self._real.close()

    def get_map(self) -> Mapping[Any, selectors.SelectorKey]:
        return self._real.get_map()


class _VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self, clock: FakeClock) -> None:
        super().__init__(_IdleJumps(clock))
        self._fake = clock

    def time(self) -> float:
        return self._fake.now
