"""A client-side limiter with the exchange's per-endpoint limits, shared by every thread and task of one client.

Operations without a limit (GET /timestamp) pass straight through.
"""

from __future__ import annotations

import asyncio
import threading
import time
import weakref
from collections import deque

from ._body import deadline_passed, time_left
from ._constants import RATE_LIMITS
from ._exceptions import ValidationError

#: Slack added to the 1-second window, so that scheduling and network jitter (up to ~100 ms between two requests)
#: cannot squeeze limit+1 requests into one second at the exchange. It costs 10% of the limit at saturation.
_WINDOW = 1.1
#: Grants on one endpoint are at least half the average interval apart: a burst is paced instead of arriving as one
#: clump that the exchange's queue could release into a later window.
_SPACING = 0.5


class RateLimiter:
    """Grants a request only when the request `limit` grants back on its endpoint is a full window old, and the last
    grant is at least half an average interval (0.5 / limit seconds) old.

    Grants are recorded at the moment they are given (after any wait), under one lock, so every thread and task of a
    client shares one budget and a late wake-up can never bunch requests together.
    """

    def __init__(self, limits: dict[str, int] | None = None) -> None:
        """``limits`` maps operation names (create, get, cancel, list, cancel_by_ids, cancel_all, history, replace)
        to requests per second; the default is the exchange's; an operation left out is not limited."""
        chosen = RATE_LIMITS if limits is None else limits
        for operation, limit in chosen.items():
            if operation not in RATE_LIMITS:
                raise ValidationError("limits", f"unknown operation {operation!r}; known: {', '.join(RATE_LIMITS)}")
            if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
                raise ValidationError("limits", f"{operation}: must be an int of 1 or more per second, got {limit!r}")
        self._grants: dict[str, deque[float]] = {op: deque(maxlen=n) for op, n in chosen.items()}
        self._spacing = {op: _SPACING / n for op, n in chosen.items()}
        self._lock = threading.Lock()
        self._thread_queues: dict[str, threading.Lock] = {}
        self._task_queues: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Lock]] = (
            weakref.WeakKeyDictionary()
        )

    def _try(self, operation: str) -> float:
        """Grant now and return 0, or return how long to wait before asking again."""
        grants = self._grants.get(operation)
        if grants is None:
            return 0.0
        with self._lock:
            now = time.monotonic()
            ready = now if len(grants) < (grants.maxlen or 0) else grants[0] + _WINDOW
            if grants:
                ready = max(ready, grants[-1] + self._spacing[operation])
            if ready <= now:
                grants.append(now)
                return 0.0
            return ready - now

    def acquire(self, operation: str) -> None:
        """Wait for a grant. Waiters queue on one lock per endpoint: only the first in line polls the clock, so a
        crowd of waiters never wakes at once (which could delay a granted request on its way out).

        Within a client call, a grant that would come after the call's deadline is not waited for:
        DeadlineExceededError, and no grant is used up.
        """
        queue = self._thread_queue(operation)
        left = time_left()
        if not queue.acquire(timeout=-1 if left is None else max(left, 0.0)):
            raise deadline_passed(sent=False)
        try:
            while (wait := self._try(operation)) > 0:
                left = time_left()
                if left is not None and wait >= left:
                    raise deadline_passed(sent=False)
                time.sleep(wait)
        finally:
            queue.release()

    async def acquire_async(self, operation: str) -> None:
        """Wait for a grant, in line behind the event loop's other waiters for this endpoint. (AsyncClient holds the
        whole wait to the call's deadline; no grant is used up by a wait the deadline ends.)"""
        async with self._task_queue(operation):
            while (wait := self._try(operation)) > 0:
                await asyncio.sleep(wait)

    def _thread_queue(self, operation: str) -> threading.Lock:
        with self._lock:
            return self._thread_queues.setdefault(operation, threading.Lock())

    def _task_queue(self, operation: str) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        with self._lock:
            queues = self._task_queues.setdefault(loop, {})
            return queues.setdefault(operation, asyncio.Lock())
