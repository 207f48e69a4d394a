"""What an attempt passes before it sends, and what it leaves behind: one object for both clients.

In order: the rate limiter's grant for the endpoint, then one of the client's MAX_IN_FLIGHT slots (the limiter first:
an attempt waiting for its endpoint's turn holds no slot from other endpoints). On leaving, the slot comes back and
the grant counts on for the limiter: for a second after an answer, and for ``unanswered_hold`` more when the request
may still be on its way (see ``Attempt.on_its_way``).
"""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING

from .._constants import MAX_IN_FLIGHT
from ._deadline import deadline_passed, lock_timeout, time_left
from ._sent import Attempt

if TYPE_CHECKING:
    from .._ratelimit import RateLimiter


class Gate:
    """A client's limiter grant, in-flight slots and hold accounting, with a sync and an async way in.

    ``unanswered_hold``: how long an attempt that ended without an answer still counts for the limiter: its
    recvWindow, and the most the exchange lets a signTimestamp be ahead of its clock (an unsynced local clock may be
    that far ahead); after that the exchange refuses it, and counts nothing.
    """

    def __init__(self, limiter: RateLimiter | None, unanswered_hold: float) -> None:
        self.limiter = limiter
        self.unanswered_hold = unanswered_hold
        self._thread_slots = threading.BoundedSemaphore(MAX_IN_FLIGHT)
        self._task_slots = asyncio.Semaphore(MAX_IN_FLIGHT)

    def enter(self, group: str) -> None:
        """Wait for a grant, then a slot, within the running call's deadline (else DeadlineExceededError, not sent)."""
        if self.limiter is not None:
            self.limiter.acquire(group)
        left = time_left()
        if not self._thread_slots.acquire(timeout=None if left is None else lock_timeout(left)):
            self._release(group, 0.0)
            raise deadline_passed(sent=False)

    async def enter_async(self, group: str) -> None:
        """Wait for a grant, then a slot; the caller bounds both waits by the deadline (``asyncio.timeout``)."""
        if self.limiter is not None:
            await self.limiter.acquire_async(group)
        try:
            await self._task_slots.acquire()
        except BaseException:  # cancelled (the deadline) while waiting: nothing was sent
            self._release(group, 0.0)
            raise

    def leave(self, group: str, attempt: Attempt) -> None:
        """Give back a slot taken by ``enter``, and the grant, held on while ``attempt`` may still arrive."""
        self._thread_slots.release()
        self._release(group, self.unanswered_hold if attempt.on_its_way() else 0.0)

    def leave_async(self, group: str, attempt: Attempt) -> None:
        """Give back a slot taken by ``enter_async``, and the grant, as ``leave``."""
        self._task_slots.release()
        self._release(group, self.unanswered_hold if attempt.on_its_way() else 0.0)

    def _release(self, group: str, hold: float) -> None:
        if self.limiter is not None:
            self.limiter.release(group, hold)
