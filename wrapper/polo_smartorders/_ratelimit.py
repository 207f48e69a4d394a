"""A client-side limiter with the exchange's per-endpoint limits, shared by every thread and task of one client."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque

from ._constants import RATE_LIMITS

#: Operation name -> endpoint group: 50/s for create, get by id and cancel by id; 10/s for the rest.
GROUPS = {
    "create": "fast",
    "get": "fast",
    "cancel": "fast",
    "list": "slow",
    "cancel_by_ids": "slow",
    "cancel_all": "slow",
    "history": "slow",
    "replace": "slow",
}
#: Slack added to the 1-second window, so that send jitter cannot squeeze limit+1 requests into a window.
_WINDOW = 1.05


class RateLimiter:
    """Reserves send times so that no 1-second window holds more than the limit of its endpoint group.

    Each call reserves the earliest slot at which the request `limit` places back is at least a window old; the
    caller then sleeps until its slot. Reservations are made under one lock, so threads and tasks share the budget.
    """

    def __init__(self, limits: dict[str, int] | None = None) -> None:
        self._limits = dict(RATE_LIMITS if limits is None else limits)
        self._slots: dict[str, deque[float]] = {g: deque(maxlen=n) for g, n in self._limits.items()}
        self._lock = threading.Lock()

    def _reserve(self, operation: str) -> float:
        """Reserve a slot and return how long to wait for it."""
        group = GROUPS.get(operation)
        slots = None if group is None else self._slots.get(group)
        if group is None or slots is None:
            return 0.0
        with self._lock:
            now = time.monotonic()
            at = now if len(slots) < self._limits[group] else max(now, slots[0] + _WINDOW)
            slots.append(at)
            return at - now

    def acquire(self, operation: str) -> None:
        wait = self._reserve(operation)
        if wait > 0:
            time.sleep(wait)

    async def acquire_async(self, operation: str) -> None:
        wait = self._reserve(operation)
        if wait > 0:
            await asyncio.sleep(wait)
