"""The running call's deadline: one ContextVar that every attempt, lookup, clock sync and socket wait of a call reads.

A call sets it once (``Client._execute``); everything below asks ``time_left()``. Outside a call it is None and
nothing is bounded beyond httpx's own timeouts. A deadline is read on the client's time source (``TimeSource``), so
a test's fake clock moves it as it moves the client's sleeps.
"""

from __future__ import annotations

import threading
from contextvars import ContextVar

import httpx

from .._clock import TimeSource
from .._exceptions import DeadlineExceededError


class Deadline:
    """A moment ``seconds`` from now on ``source``'s monotonic clock, and that clock (whose sleeps run toward it)."""

    __slots__ = ("at", "source")

    def __init__(self, seconds: float, source: TimeSource) -> None:
        self.source = source
        self.at = source.monotonic() + seconds

    def left(self) -> float:
        """Seconds until the deadline (at most 0 once passed)."""
        return self.at - self.source.monotonic()


#: The running call's deadline, shared by its lookups and clock syncs; None outside a call.
DEADLINE: ContextVar[Deadline | None] = ContextVar("polo_smartorders_deadline", default=None)


def time_left() -> float | None:
    """Seconds until the running call's deadline (at most 0 once passed), or None outside a call."""
    deadline = DEADLINE.get()
    return None if deadline is None else deadline.left()


def lock_timeout(left: float | None) -> float:
    """A ``threading.Lock`` timeout for ``left`` seconds (None: -1, for ever), within what the platform takes."""
    return -1 if left is None else min(max(left, 0.0), threading.TIMEOUT_MAX)


def deadline_passed(*, sent: bool) -> DeadlineExceededError:
    """The error for an attempt the call's deadline ended; ``sent``: whether its request may have reached the exchange."""
    what = "during the request" if sent else "before sending"
    return DeadlineExceededError(f"the call's deadline passed {what}", may_have_reached_exchange=sent)


def cap_timeouts(request: httpx.Request) -> None:
    """Cap each of the request's timeouts at the time left to the call (refused once none is left)."""
    left = time_left()
    if left is None:
        return
    if left <= 0:
        raise deadline_passed(sent=False)
    timeouts = request.extensions.get("timeout", {})
    request.extensions["timeout"] = {
        name: left if value is None else min(value, left) for name, value in timeouts.items()
    }
