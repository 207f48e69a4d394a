"""Per-account, per-endpoint request limits over a sliding one-second window."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

from polo_smartorders_api.rules import OPERATIONS

WINDOW_S = 1.0
#: The exchange's limits per account and second, by operationId (the spec's x-rate-limit).
LIMITS = {operation_id: op["rate_limit"] for operation_id, op in OPERATIONS.items() if op["rate_limit"]}


class RateLimiter:
    """Counts requests per (account, operation) over the last second and refuses those over the limit."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._hits: dict[tuple[str, str], deque[float]] = {}

    def acquire(self, account: str, operation: str) -> int | None:
        """Record one request and return None, or refuse it and return the seconds to wait (Retry-After)."""
        limit = LIMITS.get(operation)
        if limit is None:
            return None
        with self._lock:
            now = self._clock()
            hits = self._hits.setdefault((account, operation), deque())
            while hits and hits[0] <= now - WINDOW_S:
                hits.popleft()
            if len(hits) >= limit:
                return max(1, math.ceil(hits[0] + WINDOW_S - now))
            hits.append(now)
            return None
