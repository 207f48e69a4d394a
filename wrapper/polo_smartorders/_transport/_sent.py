"""Whether one attempt's request may have left the client, and whether an answer came: what the limiter's hold and
a deadline's error depend on.

The sync client and any transport it cannot see into count a request as possibly sent from just before it is
handed to httpx. AsyncClient's own pools (the sharded httpcore pool, aiohttp's) tell exactly: they mark the running
attempt just before the first byte could leave (``about_to_write``), found through the ``SENDING`` ContextVar.
"""

from __future__ import annotations

from contextvars import ContextVar

from .._exceptions import RequestError, TransportError


class Attempt:
    """One attempt's state. ``tracked``: a transport marks ``left`` itself; ``error``: how it failed, as classified."""

    __slots__ = ("answered", "error", "left", "tracked")

    def __init__(self, tracked: bool = False) -> None:
        self.tracked = tracked
        self.left = False
        self.answered = False
        self.error: RequestError | None = None

    def sending(self) -> None:
        """The request is handed to the transport: from here on it may have been sent, unless a transport tells."""
        if not self.tracked:
            self.left = True

    def failed(self, error: RequestError | None) -> RequestError | None:
        """Record ``error`` (None: a failure this library does not know, such as a bug, re-raised as it is)."""
        self.error = error
        return error

    def on_its_way(self) -> bool:
        """Whether the request may still reach the exchange after the attempt ended: it may have left, no answer came,
        and no error says it cannot (a cancellation or a bug says nothing: it may)."""
        if not self.left or self.answered:
            return False
        error = self.error
        return error is None or (isinstance(error, TransportError) and error.may_have_reached_exchange)


#: The running async attempt (None outside one, and in the sync client, whose sockets raise their own errors).
SENDING: ContextVar[Attempt | None] = ContextVar("polo_smartorders_sending", default=None)


def about_to_write() -> None:
    """Mark the running attempt's request as possibly sent: called before the first byte could leave."""
    attempt = SENDING.get()
    if attempt is not None:
        attempt.left = True
