"""An answer, from its bytes to the generated model: the body read within bounds, then parsed under one error.

The body's decoded size is capped and the call's deadline is checked between reads. gzip and deflate are decoded
here, a bounded piece at a time, so that a small compressed answer cannot expand past the cap (httpx would inflate
each chunk whole); the response then reaches httpx already decoded.

Parsing runs the generated parser alone (it reads the JSON with ``json_of``): what it raises for an answer of the
wrong shape (KeyError, TypeError "field ...", ValueError, ...) becomes InvalidResponseError, whose message then names
the JSON path and the value that break the spec's schema of the answer (``_shape``). Nothing else runs inside that
step, so an error in this library's own code is never taken for a bad answer.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import AsyncIterator, Iterator
from typing import Any, cast

import httpx
from polo_smartorders_api.client import Client as GeneratedClient
from polo_smartorders_api.types import Response, json_of

from .._exceptions import DeadlineExceededError, InvalidResponseError
from .._rules import OPERATIONS
from ._deadline import DEADLINE
from ._shape import fault, shown_text

#: The encodings the client asks for and decodes itself; an answer in any other is refused.
ACCEPT_ENCODING = "gzip, deflate"


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
        if self._deadline is not None and self._deadline.left() < 0:
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


#: What the generated parser (and json_of) raise for an answer that is not the API's JSON.
_WRONG_SHAPE = (ValueError, TypeError, KeyError, AttributeError, RecursionError)


def parsed(api: GeneratedClient, endpoint: Any, operation: str, response: httpx.Response) -> Response[Any]:
    """``endpoint``'s generated reading of a 200 ``response``; an answer of the wrong shape is InvalidResponseError."""
    try:
        return endpoint._build_response(client=api, response=response)  # type: ignore[no-any-return]
    except _WRONG_SHAPE as exc:
        reason = _where(response, _ANSWERS.get(operation)) or _wrong_shape(exc)
    raise InvalidResponseError(None, f"{operation}: {reason}", status_code=200)  # outside the except: no chain


#: Each operation's 200 answer schema, by the client's name for the operation (its x-rate-limit-group, one each).
_ANSWERS = {op.group: op.answer for op in OPERATIONS.values() if op.answer is not None}


def _where(response: httpx.Response, schema: Any) -> str | None:
    """The JSON path and value at which a refused answer breaks ``schema``; None when it cannot tell."""
    try:
        value = json_of(response)
    except json.JSONDecodeError:
        return f"$: not JSON, got {shown_text(response.content)}"
    except RecursionError:
        return "$: nested too deeply"
    except ValueError as error:  # NaN, Infinity, a number out of range
        return f"$: {error}"
    return None if schema is None else fault(value, schema)


def _wrong_shape(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return "the answer is not JSON"
    if isinstance(exc, RecursionError):
        return "the answer is nested too deeply"
    if isinstance(exc, KeyError):
        return f"the answer lacks the field {exc.args[0]!r}" if exc.args else "the answer lacks a field"
    if isinstance(exc, TypeError | ValueError) and str(exc).startswith("field "):
        return f"the answer's {exc}"  # the generated models' type checks (and amounts' text: decimal_of)
    return "the answer does not have the API's shape"
