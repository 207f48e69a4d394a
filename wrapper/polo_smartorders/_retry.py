"""The retry and idempotency rule, in one place.

- Reads and cancels are retried on transport errors, 429 and 5xx, with exponential backoff and full jitter, honouring
  Retry-After. Every attempt is signed afresh.
- Creates and cancel-replaces ("place" calls) always carry a clientOrderId. They are sent again blindly only when the
  request cannot have been processed (connect error, 429, timestamp rejection). When the outcome is unknown (timeout
  after sending, dropped connection, 5xx, unreadable answer), the order is looked up by ``cid:``:
  - a found order is taken for this call's only if it is provably this call's (``Placement.ours``);
  - "not found" proves nothing until the exchange can no longer accept the lost request: the exchange clock must have
    passed its signTimestamp + recvWindow (+ the clock's uncertainty). The plan waits for that fence, looks again, and
    only then sends again, signed afresh;
  - a duplicate-id answer to a re-send means an open order holds the id: ours if it matches, else the error stands.
  If the client cannot tell, it raises OutcomeUnknownError carrying the clientOrderId. Any other error from a place
  call means that it placed no order.
- A timestamp rejection (the local clock is off) resyncs the clock once and retries: the request was not processed.
- The drivers hold the call to its deadline: no step starts after it and no sleep runs past it
  (DeadlineExceededError, which a place call that may have landed turns into OutcomeUnknownError).
"""

from __future__ import annotations

import asyncio
import enum
import logging
import random
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Generator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from types import ModuleType
from typing import Any, Generic, Literal, TypeVar, cast

from polo_smartorders_api.types import Response

from ._auth import Clock
from ._constants import BACKOFF_BASE_SECONDS, BACKOFF_CAP_SECONDS, MAX_CLOCK_UNCERTAINTY_MS, RETRY_AFTER_CAP_SECONDS
from ._exceptions import (
    DeadlineExceededError,
    DuplicateClientOrderIdError,
    InvalidResponseError,
    OldOrderNotCancelledError,
    OutcomeUnknownError,
    RateLimitError,
    RequestError,
    ServerError,
    TimestampRejectedError,
    TransportError,
)
from ._ids import CID_PREFIX
from ._models import CancelReplaceSmartOrderResponse, SmartOrder

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
    #: For cancel-replace: the ``{id}`` of the order being replaced (a numeric id or ``cid:<clientOrderId>``).
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
        return Decision("reconcile")  # an open order holds the id: ours, if an earlier attempt landed after all
    outcome_unknown = isinstance(error, ServerError | InvalidResponseError) or (
        isinstance(error, TransportError) and error.may_have_reached_exchange
    )
    if call.kind is Kind.PLACE and outcome_unknown:
        return Decision("reconcile")
    if attempt >= max_retries or isinstance(error, DeadlineExceededError):
        return RAISE
    retry_after = error.retry_after if isinstance(error, RateLimitError | ServerError) else None  # 429 and 503
    if retry_after is not None:
        if retry_after > RETRY_AFTER_CAP_SECONDS:
            return RAISE
        return Decision("retry", retry_after + random.uniform(0, 0.05))
    if isinstance(error, RateLimitError | TransportError) or outcome_unknown:
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
    """Read one order: ``ref`` is a numeric id or ``cid:<clientOrderId>``; the reply is the zero-or-one list."""

    ref: str


@dataclass(frozen=True, slots=True)
class Sleep:
    seconds: float


Step = Send | Resync | Lookup | Sleep


class SeenOrders:
    """The order ids a client placed under each clientOrderId (the latest few ids, for the latest 10,000
    clientOrderIds): an order already known under an id is never taken for a new one placed with that id."""

    def __init__(self, size: int = 10_000) -> None:
        self._ids: OrderedDict[str, tuple[str, ...]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def ids(self, client_order_id: str) -> frozenset[str]:
        with self._lock:
            return frozenset(self._ids.get(client_order_id, ()))

    def add(self, client_order_id: str, order_id: str) -> None:
        with self._lock:
            self._ids[client_order_id] = (*self._ids.pop(client_order_id, ())[-7:], order_id)
            while len(self._ids) > self._size:
                self._ids.popitem(last=False)


#: Sent fields that are not properties of the order placed.
_NOT_ORDER_FIELDS = frozenset({"clientOrderId", "proceedOnFailure"})
#: A replacement keeps these of the old order.
_KEPT = ("symbol", "side", "accountType")
#: ... and, when it keeps the type, these unless the replace sends them (the size as a pair: quantity or amount).
_COPIED = (
    "type",
    "timeInForce",
    "quantity",
    "amount",
    "price",
    "stopPrice",
    "trailingOffset",
    "limitOffset",
    "operator",
)
#: Fields a trailing order's answer may show moved as it trails: never compared as copied.
_TRAILED = ("price", "stopPrice")
_CANCELLED_STATES = frozenset({"CANCELED", "PENDING_CANCEL"})


def _comparable(value: object) -> object:
    """A field's value for comparison: decimals by value (with a ``%`` flag for offsets); unset, "" and "0" alike."""
    if value is None or value == "" or not isinstance(value, str | int | bool):
        return None
    if isinstance(value, str):
        percent = value.endswith("%")
        try:
            number = Decimal(value[:-1] if percent else value)
        except InvalidOperation:
            return value
        if not number.is_finite():
            return value
        return None if number == 0 and not percent else (number, percent)
    return value


@dataclass
class Placement:
    """What a place call knows about the order it may have placed, and the test a found order must pass."""

    client_order_id: str
    #: The request body as sent (wire names).
    sent: dict[str, Any]
    #: The ``{id}`` of the order a cancel-replace replaces.
    replaces: str | None
    #: Order ids that are not this call's: the replaced order, orders this client placed under the id before.
    excluded: set[str]
    #: Local time just before the first attempt.
    first_local_ms: int | None = None
    #: The order being replaced, once read.
    old: SmartOrder | None = None

    def expected(self) -> dict[str, Any]:
        """The fields the order this call placed must show."""
        fields = {name: value for name, value in self.sent.items() if name not in _NOT_ORDER_FIELDS}
        if self.replaces is None:  # a create: the exchange's default type, and no price unless one was sent
            return {"type": "STOP_LIMIT" if "price" in fields else "STOP", "price": None, **fields}
        if self.old is None:
            return fields
        old = self.old.to_dict()
        copied = {name: old[name] for name in _KEPT if name in old}
        if "type" not in fields:
            sized = "quantity" in fields or "amount" in fields
            trailing = str(old.get("type", "")).startswith("TRAILING")
            for name in _COPIED:
                if name in fields or name not in old:
                    continue
                if (sized and name in ("quantity", "amount")) or (trailing and name in _TRAILED):
                    continue
                copied[name] = old[name]
        return {**copied, **fields}

    def ours(self, order: SmartOrder, clock: Clock) -> bool:
        """Provably this call's order: same clientOrderId, not an order known before, created after the first
        attempt in exchange time (less the clock's uncertainty), and every field as this call asked."""
        uncertainty = clock.uncertainty_ms
        if order.client_order_id != self.client_order_id or order.id in self.excluded:
            return False
        if self.first_local_ms is None or uncertainty is None:
            return False
        if not isinstance(order.create_time, int) or (
            order.create_time < self.first_local_ms + clock.offset_ms - uncertainty
        ):
            return False
        shown = order.to_dict()
        return all(
            _comparable(value) == _comparable(shown[name]) for name, value in self.expected().items() if name in shown
        )


def _first(found: list[SmartOrder]) -> SmartOrder | None:
    return found[0] if found else None


def _prepare(call: Call[Any], seen: SeenOrders) -> Generator[Step, Any, Placement]:
    """A place call's placement; a replace that keeps the clientOrderId of the order it addresses by ``cid:`` reads
    that order first, as afterwards the id may name the replacement."""
    assert call.client_order_id is not None and call.from_found is not None
    body = call.kwargs["body"]
    placement = Placement(call.client_order_id, body.to_dict(), call.replaces, set(seen.ids(call.client_order_id)))
    if call.replaces is not None and not call.replaces.startswith(CID_PREFIX):
        placement.excluded.add(call.replaces)
    elif call.replaces == CID_PREFIX + call.client_order_id:
        placement.old = _first((yield Lookup(call.replaces)))
        if placement.old is not None:
            placement.excluded.add(placement.old.id)
    return placement


def _find(placement: Placement, clock: Clock) -> Generator[Step, Any, SmartOrder | None]:
    if placement.old is None and placement.replaces is not None:
        placement.old = _first((yield Lookup(placement.replaces)))
        if placement.old is not None:
            placement.excluded.add(placement.old.id)
    found: list[SmartOrder] = yield Lookup(CID_PREFIX + placement.client_order_id)
    return next((order for order in found if placement.ours(order, clock)), None)


def _reconcile(placement: Placement, clock: Clock, fence_ms: int | None) -> Generator[Step, Any, SmartOrder | None]:
    """This call's order, or None; with a ``fence_ms`` (the latest signTimestamp + recvWindow when the attempt
    failed), None only once the exchange can no longer accept the lost attempt."""
    uncertainty = clock.uncertainty_ms
    if uncertainty is None or uncertainty > MAX_CLOCK_UNCERTAINTY_MS:
        yield Resync()
    order = yield from _find(placement, clock)
    if order is not None or fence_ms is None:
        return order
    wait_ms = fence_ms + (clock.uncertainty_ms or MAX_CLOCK_UNCERTAINTY_MS) + 1 - clock.now_ms()
    if wait_ms <= 0:
        return None
    logger.info(
        "clientOrderId %s not found: waiting %d ms for the recvWindow fence", placement.client_order_id, wait_ms
    )
    yield Sleep(wait_ms / 1000)
    return (yield from _find(placement, clock))


def _confirm(call: Call[T], placement: Placement, order: SmartOrder) -> Generator[Step, Any, T]:
    """The result for a found order; for a replace, only once the old order is seen cancelled, as a direct answer
    would have said otherwise."""
    assert call.from_found is not None
    result = call.from_found(order)
    if placement.replaces is None:
        return result
    ref = placement.old.id if placement.old is not None else placement.replaces
    old = _first((yield Lookup(ref)))
    state = "gone" if old is None else old.state
    if state not in _CANCELLED_STATES:
        replacement = cast(CancelReplaceSmartOrderResponse, result)
        raise OldOrderNotCancelledError(
            None, f"the old order {ref} is {state}; its replacement was placed", replacement
        )
    return result


def plan(
    call: Call[T], max_retries: int, clock: Clock, recv_window_ms: int, seen: SeenOrders
) -> Generator[Step, Any, T]:
    """The rule as a generator of steps; the sync and async drivers below only carry the steps out."""
    placement = (yield from _prepare(call, seen)) if call.kind is Kind.PLACE else None
    attempt, resynced, resent = 0, False, False
    if call.client_order_id is not None:
        logger.debug("%s: clientOrderId %s", call.operation, call.client_order_id)
    while True:
        if placement is not None and placement.first_local_ms is None:
            placement.first_local_ms = clock.local_ms()
        try:
            result: T = yield Send()
        except TimestampRejectedError:
            if resynced:
                raise
            resynced = True
            yield Resync()
            continue
        except RequestError as error:
            fence_ms = clock.latest_stamp_ms + recv_window_ms
            decision = decide(call, error, attempt, max_retries, resent=resent)
            if decision.action == "raise":
                raise
            if decision.action == "reconcile":
                assert placement is not None
                duplicate = isinstance(error, DuplicateClientOrderIdError)
                try:
                    order = yield from _reconcile(placement, clock, None if duplicate else fence_ms)
                    if order is not None:
                        logger.info(
                            "%s: found clientOrderId %s after %s", call.operation, placement.client_order_id, error
                        )
                        seen.add(placement.client_order_id, order.id)
                        return (yield from _confirm(call, placement, order))
                except OldOrderNotCancelledError:
                    raise
                except RequestError as lookup_error:
                    raise OutcomeUnknownError(
                        f"{error.message}; then {lookup_error.message}", client_order_id=placement.client_order_id
                    ) from error
                if duplicate:
                    raise error  # an order that is not this call's holds the clientOrderId
                if attempt >= max_retries:
                    error.add_note(
                        f"clientOrderId {placement.client_order_id}: no order was placed (checked after "
                        "the lost request's recvWindow had passed)"
                    )
                    raise error
                resent = True
                decision = Decision("retry")  # no backoff: waiting for the fence took longer
            logger.info("%s: retrying in %.2fs after %s", call.operation, decision.delay, error)
            attempt += 1
            yield Sleep(decision.delay)
        else:
            if placement is not None:
                seen.add(placement.client_order_id, getattr(result, "id", ""))
            return result


def _late(step: Step, deadline: float | None) -> DeadlineExceededError | None:
    """The error for a step that would start, or a sleep that would end, after ``deadline`` (time.monotonic())."""
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left > 0 and not (isinstance(step, Sleep) and step.seconds >= left):
        return None
    what = {Send: "sending", Lookup: "a lookup", Resync: "a clock sync", Sleep: "waiting"}[type(step)]
    return DeadlineExceededError(f"the call's deadline passed before {what}", may_have_reached_exchange=False)


def run(
    steps: Generator[Step, Any, T],
    send: Callable[[], Any],
    lookup: Callable[[str], list[SmartOrder]],
    resync: Callable[[], object],
    deadline: float | None = None,
) -> T:
    """Carry out a plan synchronously, within ``deadline`` (a time.monotonic() value) when given."""
    step = next(steps)
    while True:
        reply: Any = None
        failure: RequestError | None = _late(step, deadline)
        try:
            if failure is not None:
                pass
            elif isinstance(step, Send):
                reply = send()
            elif isinstance(step, Lookup):
                reply = lookup(step.ref)
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
    deadline: float | None = None,
) -> T:
    """Carry out a plan on the running event loop, within ``deadline`` (a time.monotonic() value) when given."""
    step = next(steps)
    while True:
        reply: Any = None
        failure: RequestError | None = _late(step, deadline)
        try:
            if failure is not None:
                pass
            elif isinstance(step, Send):
                reply = await send()
            elif isinstance(step, Lookup):
                reply = await lookup(step.ref)
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
