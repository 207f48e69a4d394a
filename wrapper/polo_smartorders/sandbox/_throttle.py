"""Per-account, per-endpoint request limits over a sliding one-second window."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

from .._rules import OPERATIONS

WINDOW_S = 1.0
#: The exchange's limits per account and second, by operationId (the spec's x-rate-limit).
LIMITS = {operation_id: op.rate_limit for operation_id, op in OPERATIONS.items() if op.rate_limit}


class Throttle:
    """The exchange's side of the rate limits: counts requests per (account, operationId) over the last second and
    refuses those over the limit."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._hits: dict[tuple[str, str], deque[float]] = {}

    def acquire(self, account: str, operation_id: str) -> int | None:
        """Record one request and return None, or refuse it and return the seconds to wait (Retry-After)."""
        limit = LIMITS.get(operation_id)
        if limit is None:
            return None
        with self._lock:
            now = self._clock()
            hits = self._hits.setdefault((account, operation_id), deque())
            while hits and hits[0] <= now - WINDOW_S:
                hits.popleft()
            if len(hits) >= limit:
                return max(1, math.ceil(hits[0] + WINDOW_S - now))
            hits.append(now)
            return None
