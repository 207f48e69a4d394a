"""Time, in two senses: where the client reads and waits out local time (``TimeSource``: the system's, or a test's
fake passed in), and the exchange's time as the client knows it (``Clock``: measured with GET /timestamp, counted on
with the monotonic clock, with how far off it may be). Signing stamps requests with the exchange's time;
reconciliation judges createTime and recvWindow fences by it."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Protocol

from ._constants import DRIFT_MS_PER_S

__all__ = ["SYSTEM_TIME", "Clock", "SystemTime", "TimeSource"]


class TimeSource(Protocol):
    """The local clocks and sleeps the client uses: every reading of time and every wait goes through one of these,
    given to a client (and its limiter, its deadlines, its retry rule) at construction, so a test passes a fake one
    instead of patching ``time``."""

    def monotonic(self) -> float:
        """Seconds on a clock that never steps (``time.monotonic``)."""
        ...

    def time_ns(self) -> int:
        """The local wall clock, ns since the epoch (``time.time_ns``)."""
        ...

    def sleep(self, seconds: float) -> None:
        """Block the thread for ``seconds`` (``time.sleep``)."""
        ...

    async def asleep(self, seconds: float) -> None:
        """Wait ``seconds`` on the running event loop (``asyncio.sleep``)."""
        ...


class SystemTime:
    """The system's clocks and sleeps: ``time`` and ``asyncio``, bound once (a reading costs what ``time.monotonic()``
    does)."""

    __slots__ = ()
    monotonic = staticmethod(time.monotonic)
    time_ns = staticmethod(time.time_ns)
    sleep = staticmethod(time.sleep)

    async def asleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


#: The default time source of every client and limiter.
SYSTEM_TIME: TimeSource = SystemTime()


class Clock:
    """Milliseconds since the epoch as the exchange sees them.

    Until measured: the local wall clock plus ``offset_ms``. Once measured with GET /timestamp, the exchange's time is
    counted on from that answer with the monotonic clock, so a step of the local wall clock changes nothing. It also
    knows how far off it may be (``uncertainty_ms``: half the measurement's round trip, both sides' millisecond
    truncation, and drift since), and the latest signTimestamp it issued, from which a lost request's recvWindow
    fence is counted.
    """

    def __init__(self, source: TimeSource = SYSTEM_TIME) -> None:
        """``source``: the local clocks it counts on (its ``monotonic`` and ``time_ns``); a test or a model in virtual
        time passes its own."""
        self.monotonic = source.monotonic
        self._wall_ns = source.time_ns
        self.offset_ms = 0
        #: (exchange ms, monotonic seconds) at the middle of the last measurement, and its half round trip in ms.
        self._anchor: tuple[int, float, int] | None = None
        self._latest_stamp_ms = 0
        self._lock = threading.Lock()

    def local_ms(self) -> int:
        return self._wall_ns() // 1_000_000

    def now_ms(self) -> int:
        return self.at_ms(self.monotonic())

    def at_ms(self, monotonic: float) -> int:
        """The exchange time at a ``monotonic`` reading (now or past)."""
        anchor = self._anchor
        if anchor is None:
            return self.local_ms() + self.offset_ms - int((self.monotonic() - monotonic) * 1000)
        server_ms, middle, _ = anchor
        return server_ms + int((monotonic - middle) * 1000)

    def measured(self, server_ms: int, sent: float, received: float) -> int:
        """Apply a GET /timestamp answer read between the ``monotonic`` readings ``sent`` and ``received``."""
        middle = (sent + received) / 2
        with self._lock:
            self._anchor = (server_ms, middle, int((received - sent) * 500) + 1)
            self.offset_ms = server_ms - (self.local_ms() - int((self.monotonic() - middle) * 1000))
        return self.offset_ms

    @property
    def uncertainty_ms(self) -> int | None:
        """How far ``now_ms()`` may be from the exchange's clock, or None while it was never measured."""
        anchor = self._anchor
        if anchor is None:
            return None
        _, middle, half_round_trip_ms = anchor
        drift = int((self.monotonic() - middle) * DRIFT_MS_PER_S) + 1
        return half_round_trip_ms + 2 + drift

    def stamp(self) -> int:
        """A signTimestamp: ``now_ms()``, remembered if it is the latest one issued."""
        stamp = self.now_ms()
        with self._lock:
            self._latest_stamp_ms = max(self._latest_stamp_ms, stamp)
        return stamp

    @property
    def latest_stamp_ms(self) -> int:
        """The latest signTimestamp issued: no request signed so far carries a later one."""
        return self._latest_stamp_ms
