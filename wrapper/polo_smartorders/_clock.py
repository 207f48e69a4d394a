"""The exchange's time as the client knows it: measured with GET /timestamp, counted on with the monotonic clock, with
how far off it may be. Signing stamps requests with it; reconciliation judges createTime and recvWindow fences by it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from ._constants import DRIFT_MS_PER_S

__all__ = ["Clock"]


class Clock:
    """Milliseconds since the epoch as the exchange sees them.

    Until measured: the local wall clock plus ``offset_ms``. Once measured with GET /timestamp, the exchange's time is
    counted on from that answer with the monotonic clock, so a step of the local wall clock changes nothing. It also
    knows how far off it may be (``uncertainty_ms``: half the measurement's round trip, both sides' millisecond
    truncation, and drift since), and the latest signTimestamp it issued, from which a lost request's recvWindow
    fence is counted.
    """

    def __init__(self, monotonic: Callable[[], float] | None = None, wall_ns: Callable[[], int] | None = None) -> None:
        """``monotonic`` and ``wall_ns`` are the time sources (seconds; ns since the epoch), by default
        ``time.monotonic`` and ``time.time_ns`` looked up at each reading; a model in virtual time passes its own."""
        self.monotonic: Callable[[], float] = monotonic or (lambda: time.monotonic())
        self._wall_ns: Callable[[], int] = wall_ns or (lambda: time.time_ns())
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
