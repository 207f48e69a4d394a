"""The retry and idempotency rule, in one place.

- Reads and cancels are retried on transport errors, 429 and 5xx, with exponential backoff and full jitter, honouring
  Retry-After. Every attempt is signed afresh.
- Creates and cancel-replaces always carry a clientOrderId. They are retried blindly only when the request cannot
  have reached the exchange (connect error, 429). When the outcome is unknown (timeout after sending, dropped
  connection, 5xx, unreadable 200), the order is looked up by ``cid:``: found, it is the result; not found, the request
  is sent again; a duplicate-id answer to that re-send means the first one landed, so it is looked up again.
  If the client still cannot tell, it raises OutcomeUnknownError carrying the clientOrderId.
- A timestamp rejection (the local clock is off) resyncs the clock once and retries: the request was not processed.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import random
import time
from collections.abc import Awaitable, Callable, Generator
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Generic, Literal, TypeVar

from polo_smartorders_api.types import Response

from ._constants import BACKOFF_BASE_SECONDS, BACKOFF_CAP_SECONDS, CLOCK_TOLERANCE_MS, RETRY_AFTER_CAP_SECONDS
from ._exceptions import (
    DuplicateClientOrderIdError,
    InvalidResponseError,
    OutcomeUnknownError,
    RateLimitError,
    RequestError,
    ServerError,
    TimestampRejectedError,
    TransportError,
)
from ._models import SmartOrder

T = TypeVar("T")
logger = logging.getLogger("polo_smartorders")


class Kind(enum.Enum):
    """How safe a request is to send twice."""

    READ = "read"  # GET: no effect
    CANCEL = "cancel"  # DELETE: cancelling twice leaves the same state
    PLACE = "place"  # POST create, PUT cancel-replace: sending twice could place two orders


@dataclass(frozen=True, slots=True)
class Call(Generic[T]):
    """One API operation ready to send: the generated endpoint, its arguments, and how to read its answer."""

    operation: str
    endpoint: ModuleType
    kwargs: dict[str, Any]
    parse: Callable[[Response[Any]], T]
    kind: Kind
    #: For PLACE calls: the clientOrderId that makes the request idempotent.
    client_order_id: str | None = None
    #: For PLACE calls: turns the order found by clientOrderId into this call's result.
    from_found: Callable[[SmartOrder], T] | None = None
    #: For cancel-replace by numeric id: the order being replaced, which a lookup must never take for the new one.
    replaces: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    action: Literal["retry", "reconcile", "raise"]
    delay: float = 0.0


RAISE = Decision("raise")


def backoff(attempt: int) -> float:
    """Full-jitter exponential backoff for the attempt about to be made (1-based)."""
    return random.uniform(0, min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2**attempt))


def decide(call: Call[Any], error: RequestError, attempt: int, max_retries: int, *, resent: bool) -> Decision:
    """What to do after ``error`` on attempt number ``attempt`` (0-based) of ``call``."""
    if call.kind is Kind.PLACE and resent and isinstance(error, DuplicateClientOrderIdError):
        return Decision("reconcile")  # our re-send collided with our own first attempt: it had landed
    outcome_unknown = isinstance(error, ServerError | InvalidResponseError) or (
        isinstance(error, TransportError) and error.may_have_reached_exchange
    )
    if call.kind is Kind.PLACE and outcome_unknown:
        return Decision("reconcile")
    if attempt >= max_retries:
        return RAISE
    if isinstance(error, RateLimitError):
        if error.retry_after is not None:
            if error.retry_after > RETRY_AFTER_CAP_SECONDS:
                return RAISE
            return Decision("retry", error.retry_after + random.uniform(0, 0.05))
        return Decision("retry", backoff(attempt + 1))
    if isinstance(error, TransportError) or outcome_unknown:
        return Decision("retry", backoff(attempt + 1))
    return RAISE


@dataclass(frozen=True, slots=True)
class Send:
    """Send the call once."""


@dataclass(frozen=True, slots=True)
class Resync:
    """Measure the clock offset again."""


@dataclass(frozen=True, slots=True)
class Lookup:
    """Look an order up by clientOrderId."""

    client_order_id: str


@dataclass(frozen=True, slots=True)
class Sleep:
    seconds: float


Step = Send | Resync | Lookup | Sleep


def placed_by_us(call: Call[Any], found: list[SmartOrder], started_ms: int) -> SmartOrder | None:
    """The order this call placed among those a clientOrderId lookup returned, or None.

    The exchange keeps clientOrderIds unique among open orders only, so the lookup may return an older order that used
    the same id (cancelled, or the very order a cancel-replace is replacing): only an order created after this call's
    first attempt (within the clock tolerance) counts.
    """
    for order in found:
        if order.create_time >= started_ms - CLOCK_TOLERANCE_MS and order.id != call.replaces:
            return order
    return None


def plan(call: Call[T], max_retries: int, started_ms: int) -> Generator[Step, Any, T]:
    """The rule as a generator of steps; the sync and async drivers below only carry the steps out.

    ``started_ms`` is the exchange-clock time just before the first attempt.
    """
    attempt, resynced, resent = 0, False, False
    if call.client_order_id is not None:
        logger.debug("%s: clientOrderId %s", call.operation, call.client_order_id)
    while True:
        try:
            result: T = yield Send()
            return result
        except TimestampRejectedError:
            if resynced:
                raise
            resynced = True
            yield Resync()
            continue
        except RequestError as error:
            decision = decide(call, error, attempt, max_retries, resent=resent)
            if decision.action == "raise":
                raise
            if decision.action == "reconcile":
                assert call.client_order_id is not None and call.from_found is not None
                try:
                    found: list[SmartOrder] = yield Lookup(call.client_order_id)
                except RequestError as lookup_error:
                    raise OutcomeUnknownError(str(lookup_error), client_order_id=call.client_order_id) from error
                ours = placed_by_us(call, found, started_ms)
                if ours is not None:
                    logger.info("%s: found clientOrderId %s after %s", call.operation, call.client_order_id, error)
                    return call.from_found(ours)
                if attempt >= max_retries or isinstance(error, DuplicateClientOrderIdError):
                    raise OutcomeUnknownError(str(error), client_order_id=call.client_order_id) from error
                resent = True
                decision = Decision("retry", backoff(attempt + 1))
            logger.info("%s: retrying in %.2fs after %s", call.operation, decision.delay, error)
            attempt += 1
            yield Sleep(decision.delay)


def run(
    steps: Generator[Step, Any, T],
    send: Callable[[], Any],
    lookup: Callable[[str], list[SmartOrder]],
    resync: Callable[[], object],
) -> T:
    """Carry out a plan synchronously."""
    step = next(steps)
    while True:
        reply: Any = None
        failure: RequestError | None = None
        try:
            if isinstance(step, Send):
                reply = send()
            elif isinstance(step, Lookup):
                reply = lookup(step.client_order_id)
            elif isinstance(step, Resync):
                resync()
            else:
                time.sleep(step.seconds)
        except RequestError as error:
            failure = error
        try:
            step = steps.throw(failure) if failure is not None else steps.send(reply)
        except StopIteration as done:
            result: T = done.value
            return result


async def run_async(
    steps: Generator[Step, Any, T],
    send: Callable[[], Awaitable[Any]],
    lookup: Callable[[str], Awaitable[list[SmartOrder]]],
    resync: Callable[[], Awaitable[object]],
) -> T:
    """Carry out a plan on the running event loop."""
    step = next(steps)
    while True:
        reply: Any = None
        failure: RequestError | None = None
        try:
            if isinstance(step, Send):
                reply = await send()
            elif isinstance(step, Lookup):
                reply = await lookup(step.client_order_id)
            elif isinstance(step, Resync):
                await resync()
            else:
                await asyncio.sleep(step.seconds)
        except RequestError as error:
            failure = error
        try:
            step = steps.throw(failure) if failure is not None else steps.send(reply)
        except StopIteration as done:
            result: T = done.value
            return result
