"""A client-side limiter with the exchange's per-endpoint limits, shared by every thread and task of one client.

Operations without a limit (GET /timestamp) pass straight through.
"""

from __future__ import annotations

import asyncio
import bisect
import threading
import weakref

from ._clock import SYSTEM_TIME, TimeSource
from ._constants import RATE_LIMITS
from ._exceptions import ValidationError
from ._transport._deadline import deadline_passed, lock_timeout, time_left

#: The exchange's window: it refuses a request when `limit` requests of its endpoint reached it in the last second.
_WINDOW = 1.0


class RateLimiter:
    """Grants a request only when fewer than `limit` requests of its endpoint are in flight or were answered less
    than a second ago.

    The exchange counts a request somewhere between its grant and its answer, so counting each one until a second
    after its answer keeps any second at the exchange within the limit, however late a granted request leaves or
    however long its answer takes: no scheduling or network jitter can make the exchange see `limit + 1`. A request
    whose attempt ended without an answer counts until a second after its recvWindow (``release(hold=)``): past it,
    the exchange refuses it before counting it. At saturation an endpoint runs at `limit` requests per (1 s + round
    trip). Each grant is returned with ``release(group)`` when its attempt ends (answered, failed or cancelled);
    the clients do this themselves.

    One lock keeps the count, so every thread and task of a client (and of every client given the same limiter)
    shares one budget.
    """

    def __init__(self, limits: dict[str, int] | None = None, *, _time: TimeSource = SYSTEM_TIME) -> None:
        """``limits`` maps rate-limit groups (create, get, cancel, list, cancel_by_ids, cancel_all, history, replace,
        and the public markets, market, market_price) to requests per second; the default is the exchange's; a group left out is not limited. (``_time``: the
        clock it counts on and sleeps by; a test's fake one.)"""
        chosen = RATE_LIMITS if limits is None else limits
        for group, limit in chosen.items():
            if group not in RATE_LIMITS:
                raise ValidationError("limits", f"unknown rate-limit group {group!r}; known: {', '.join(RATE_LIMITS)}")
            if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
                raise ValidationError("limits", f"{group}: must be an int of 1 or more per second, got {limit!r}")
        self._limits = dict(chosen)
        self._time = _time
        self._in_flight = dict.fromkeys(chosen, 0)
        #: until when each ended request still counts, less the window: its answer's time, or for a request that may
        #: still be on its way, the end of its recvWindow (kept sorted)
        self._answered: dict[str, list[float]] = {op: [] for op in chosen}
        self._lock = threading.Lock()
        self._thread_queues: dict[str, threading.Lock] = {}
        self._task_queues: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Lock]] = (
            weakref.WeakKeyDictionary()
        )

    def _try(self, group: str) -> float:
        """Grant now and return 0, or return how long at least to wait before asking again."""
        limit = self._limits.get(group)
        if limit is None:
            return 0.0
        with self._lock:
            now = self._time.monotonic()
            answered = self._answered[group]
            gone = bisect.bisect_right(answered, now - _WINDOW)
            if gone:
                del answered[:gone]
            over = self._in_flight[group] + len(answered) - limit  # this many must leave the count first
            if over < 0:
                self._in_flight[group] += 1
                return 0.0
            if over < len(answered):  # answered ones leave first: the (over+1)-th oldest a second after its answer
                return answered[over] + _WINDOW - now
            return _WINDOW  # one in flight must leave: not before a second after it is answered, at the earliest

    def release(self, group: str, hold: float = 0.0) -> None:
        """End a granted request's attempt: it counts on for one more second after ``hold`` seconds. An attempt
        that ended without an answer (a timeout, a cut, a cancellation) may still reach the exchange: the clients
        hold it for its recvWindow, after which the exchange refuses it uncounted. Raises nothing."""
        if group not in self._limits:
            return
        with self._lock:
            self._in_flight[group] -= 1
            bisect.insort(self._answered[group], self._time.monotonic() + hold)

    def acquire(self, group: str) -> None:
        """Wait for a grant (return it with ``release``). Waiters queue on one lock per endpoint: only the first in
        line polls the clock, so a crowd of waiters never wakes at once.

        Within a client call, a grant that would come after the call's deadline is not waited for:
        DeadlineExceededError, and no grant is used up.
        """
        queue = self._thread_queue(group)
        left = time_left()
        if not queue.acquire(timeout=lock_timeout(left)):
            raise deadline_passed(sent=False)
        try:
            while (wait := self._try(group)) > 0:
                left = time_left()
                if left is not None and wait >= left:
                    raise deadline_passed(sent=False)
                self._time.sleep(wait)
        finally:
            queue.release()

    async def acquire_async(self, group: str) -> None:
        """Wait for a grant (return it with ``release``), in line behind the event loop's other waiters for this
        endpoint. As for ``acquire``, a grant that would come after the call's deadline is not waited for."""
        async with self._task_queue(group):
            while (wait := self._try(group)) > 0:
                left = time_left()
                if left is not None and wait >= left:
                    raise deadline_passed(sent=False)
                await self._time.asleep(wait)

    def _thread_queue(self, group: str) -> threading.Lock:
        with self._lock:
            return self._thread_queues.setdefault(group, threading.Lock())

    def _task_queue(self, group: str) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        with self._lock:
            queues = self._task_queues.setdefault(loop, {})
            return queues.setdefault(group, asyncio.Lock())
