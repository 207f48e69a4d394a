"""Answers read within bounds: the decoded size is capped and the call's deadline is checked between reads.

gzip and deflate are decoded here, a bounded piece at a time, so that a small compressed answer cannot expand past
the cap (httpx would inflate each chunk whole); the response then reaches httpx already decoded.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import AsyncIterator, Iterator
from contextvars import ContextVar
from typing import cast

import httpx

from ._exceptions import DeadlineExceededError, InvalidResponseError

#: The encodings the client asks for and decodes itself; an answer in any other is refused.
ACCEPT_ENCODING = "gzip, deflate"
#: The running call's deadline (a time.monotonic() value), shared by its lookups; None outside a call.
DEADLINE: ContextVar[float | None] = ContextVar("polo_smartorders_deadline", default=None)


def lock_timeout(left: float | None) -> float:
    """A ``threading.Lock`` timeout for ``left`` seconds (None: -1, for ever), within what the platform takes."""
    return -1 if left is None else min(max(left, 0.0), threading.TIMEOUT_MAX)


def time_left() -> float | None:
    """Seconds until the running call's deadline (at most 0 once passed), or None outside a call."""
    deadline = DEADLINE.get()
    return None if deadline is None else deadline - time.monotonic()


class BoundedStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body, decoded, that fails past ``limit`` bytes or after the deadline."""

    def __init__(self, raw: httpx.SyncByteStream | httpx.AsyncByteStream, encoding: str, limit: int, status: int):
        if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise InvalidResponseError(None, f"unsupported Content-Encoding {encoding!r}", status_code=status)
        self._raw = raw
        self._limit = limit
        self._status = status
        self._total = 0
        self._deadline = DEADLINE.get()
        # wbits MAX_WBITS | 32: a zlib or gzip header, detected.
        self._inflater = None if encoding in ("", "identity") else zlib.decompressobj(zlib.MAX_WBITS | 32)

    def _counted(self, data: bytes) -> bytes:
        self._total += len(data)
        if self._total > self._limit:
            raise InvalidResponseError(
                None, f"the answer is larger than max_response_bytes ({self._limit} bytes)", status_code=self._status
            )
        return data

    def _decoded(self, chunk: bytes) -> Iterator[bytes]:
        if self._deadline is not None and time.monotonic() > self._deadline:
            raise DeadlineExceededError(
                "the call's deadline passed while reading the answer", may_have_reached_exchange=True
            )
        if self._inflater is None:
            yield self._counted(chunk)
            return
        try:
            while chunk:
                yield self._counted(self._inflater.decompress(chunk, self._limit - self._total + 1))
                chunk = self._inflater.unconsumed_tail
        except zlib.error:
            raise InvalidResponseError(
                None, "the answer's compressed body is corrupt", status_code=self._status
            ) from None

    def _end(self) -> Iterator[bytes]:
        if self._inflater is not None:
            yield self._counted(self._inflater.flush())

    def __iter__(self) -> Iterator[bytes]:
        for chunk in cast(httpx.SyncByteStream, self._raw):
            yield from self._decoded(chunk)
        yield from self._end()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in cast(httpx.AsyncByteStream, self._raw):
            for data in self._decoded(chunk):
                yield data
        for data in self._end():
            yield data

    def close(self) -> None:
        cast(httpx.SyncByteStream, self._raw).close()

    async def aclose(self) -> None:
        await cast(httpx.AsyncByteStream, self._raw).aclose()


def bound(response: httpx.Response, limit: int) -> None:
    """Make ``response`` read its body through a BoundedStream (decoded there: httpx then sees no encoding)."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    response.stream = BoundedStream(response.stream, encoding, limit, response.status_code)
    if "content-encoding" in response.headers:
        del response.headers["content-encoding"]


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
