"""The retry and idempotency rule, in one place.

- Reads and cancels are retried on transport errors, 429 and 5xx, with exponential backoff and full jitter, honouring
  Retry-After. Every attempt is signed afresh.
- Creates and cancel-replaces ("place" calls) always carry a clientOrderId. They are sent again blindly only when the
  request cannot have been processed (connect error, 429, timestamp rejection). When the outcome is unknown (timeout
  after sending, dropped connection, 5xx, unreadable answer), the order is looked up by ``cid:``:
  - a found order is taken for this call's only if it is provably this call's (``_reconcile``), and one that may be
    (every field, a createTime a little off) ends the call in OutcomeUnknownError: never sent again;
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

import logging
import random
from collections.abc import Awaitable, Callable, Generator
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, cast

from ._clock import Clock
from ._constants import (
    BACKOFF_BASE_SECONDS,
    BACKOFF_CAP_SECONDS,
    MAX_AHEAD_MS,
    MAX_RECV_WINDOW_MS,
    RETRY_AFTER_CAP_SECONDS,
)
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
from ._ids import cid_ref, client_order_id_in
from ._models import CancelReplaceSmartOrderResponse, SmartOrder
from ._reconcile import Placement, SeenOrders, Verdict
from ._request import Call, Kind
from ._transport._deadline import Deadline

T = TypeVar("T")
logger = logging.getLogger("polo_smartorders")


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


_OPEN = "PENDING_NEW"
_CANCELLED_STATES = frozenset({"CANCELED", "PENDING_CANCEL"})


def _first(found: list[SmartOrder]) -> SmartOrder | None:
    return found[0] if found else None


def _prepare(call: Call[Any], seen: SeenOrders, skew_bound_ms: int) -> Generator[Step, Any, Placement]:
    """A place call's placement. A replace reads the order it replaces first: afterwards its ``cid:`` may name the
    replacement, and its state before the call tells a direct failure from a lost success."""
    assert call.client_order_id is not None and call.from_found is not None
    body = call.kwargs["body"]
    placement = Placement(call.client_order_id, body, call.replaces, set(seen.ids(call.client_order_id)), skew_bound_ms)
    if call.replaces is not None:
        if client_order_id_in(call.replaces) is None:
            placement.excluded.add(call.replaces)
        placement.old = _first((yield Lookup(call.replaces)))
        if placement.old is not None:
            placement.excluded.add(placement.old.id)
    return placement


def _find(placement: Placement, clock: Clock) -> Generator[Step, Any, tuple[SmartOrder | None, int]]:
    """This call's order among those the lookup returns, and the exchange time just before the lookup was sent.

    Raises OutcomeUnknownError for an order that is perhaps this call's (``Verdict.UNPROVEN``): neither taken nor
    ground for sending again."""
    sent_ms = clock.now_ms()
    found: list[SmartOrder] = yield Lookup(cid_ref(placement.client_order_id))
    verdicts = [(order, placement.judge(order, clock)) for order in found]
    ours = next((order for order, verdict in verdicts if verdict is Verdict.OURS), None)
    unproven = next((order for order, verdict in verdicts if verdict is Verdict.UNPROVEN), None)
    if ours is None and unproven is not None:
        unshown, unpredicted = placement.unshown(unproven), placement.unpredicted(unproven)
        raise OutcomeUnknownError(
            f"order {unproven.id} carries this clientOrderId, but it does not show {', '.join(unshown)}, which this "
            "call sent, so nothing proves it is this call's"
            if unshown
            else f"order {unproven.id} carries this clientOrderId and every field sent, but it shows "
            f"{', '.join(unpredicted)}, which this call left to the exchange, so nothing proves it is this call's"
            if unpredicted
            else f"order {unproven.id} carries this clientOrderId and every field sent, but its createTime "
            f"{unproven.create_time} is outside this call's window by less than the exchange's clocks may disagree",
            client_order_id=placement.client_order_id,
            order_id=unproven.id,
        )
    return ours, sent_ms


def _reconcile(placement: Placement, clock: Clock, fence_ms: int | None) -> Generator[Step, Any, SmartOrder | None]:
    """This call's order, or None; with a ``fence_ms`` (the latest signTimestamp + recvWindow when the attempt
    failed), None only from a lookup sent once the exchange could no longer accept the lost attempt.

    The clock is measured first: the fence and the createTime test are in exchange time."""
    yield Resync()

    def fence_end() -> int:
        """The exchange time from which the lost attempt can no longer be accepted, the clock's uncertainty added (it
        was just measured; were it not, a full recvWindow of margin)."""
        assert fence_ms is not None
        return fence_ms + (clock.uncertainty_ms or MAX_RECV_WINDOW_MS) + 1

    order, sent_ms = yield from _find(placement, clock)
    for _ in range(3):
        if order is not None or fence_ms is None or sent_ms >= fence_end():
            return order  # found; or a duplicate refusal (no fence); or looked after the fence: proof
        # Wait past the fence, and longer by the drift the uncertainty gains meanwhile (DRIFT_MS_PER_S).
        wait_ms = int((fence_end() - clock.now_ms()) * 1.001) + 2
        if wait_ms > 0:
            logger.info(
                "clientOrderId %s not found: waiting %d ms for its recvWindow", placement.client_order_id, wait_ms
            )
            yield Sleep(wait_ms / 1000)
        order, sent_ms = yield from _find(placement, clock)
    raise OutcomeUnknownError(
        "the clock did not pass the lost request's recvWindow", client_order_id=placement.client_order_id
    )


def _confirm(call: Call[T], placement: Placement, order: SmartOrder) -> Generator[Step, Any, T]:
    """The result for a found order; for a replace, only if the old order was open before the call and is cancelled
    now, as a direct answer would have said otherwise."""
    assert call.from_found is not None
    result = call.from_found(order)
    if placement.replaces is None:
        return result
    before = placement.old
    ref = before.id if before is not None else placement.replaces
    now = _first((yield Lookup(ref)))
    state = "gone" if now is None else now.state
    if before is not None and before.state != _OPEN:
        state = f"{before.state} before the replace"
    elif state in _CANCELLED_STATES:
        return result
    replacement = cast(CancelReplaceSmartOrderResponse, result)
    raise OldOrderNotCancelledError(None, f"the old order {ref} is {state}; its replacement was placed", replacement)


def plan(
    call: Call[T], max_retries: int, clock: Clock, recv_window_ms: int, seen: SeenOrders
) -> Generator[Step, Any, T]:
    """The rule as a generator of steps; the sync and async drivers below only carry the steps out."""
    skew_bound_ms = recv_window_ms + MAX_AHEAD_MS
    placement = (yield from _prepare(call, seen, skew_bound_ms)) if call.kind is Kind.PLACE else None
    attempt, resynced, sends = 0, False, 0
    if call.client_order_id is not None:
        logger.debug("%s: clientOrderId %s", call.rate_group, call.client_order_id)
    while True:
        if placement is not None and placement.first_sent is None:
            placement.first_sent = clock.monotonic()
        # Any attempt after the first is a re-send, whatever the reason (429, connect error, timestamp, lost answer):
        # a duplicate-id answer to it may be about an earlier attempt that landed after all.
        resent, sends = sends > 0, sends + 1
        try:
            result: T = yield Send()
            if placement is not None:
                placement.check_answer(result)
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
                            "%s: found clientOrderId %s after %s", call.rate_group, placement.client_order_id, error
                        )
                        seen.add(placement.client_order_id, order.id)
                        return (yield from _confirm(call, placement, order))
                except (OldOrderNotCancelledError, OutcomeUnknownError):
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
                decision = Decision("retry")  # no backoff: waiting for the fence took longer
            logger.info("%s: retrying in %.2fs after %s", call.rate_group, decision.delay, error)
            attempt += 1
            yield Sleep(decision.delay)
        else:
            if placement is not None:
                seen.add(placement.client_order_id, getattr(result, "id", ""))
            return result


def _late(step: Step, deadline: Deadline) -> DeadlineExceededError | None:
    """The error for a step that would start, or a sleep that would end, after ``deadline``."""
    left = deadline.left()
    if left > 0 and not (isinstance(step, Sleep) and step.seconds >= left):
        return None
    what = {Send: "sending", Lookup: "a lookup", Resync: "a clock sync", Sleep: "waiting"}[type(step)]
    return DeadlineExceededError(f"the call's deadline passed before {what}", may_have_reached_exchange=False)


def run(
    steps: Generator[Step, Any, T],
    send: Callable[[], Any],
    lookup: Callable[[str], list[SmartOrder]],
    resync: Callable[[], object],
    deadline: Deadline,
) -> T:
    """Carry out a plan synchronously, within ``deadline`` (its time source sleeps the plan's waits)."""
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
                deadline.source.sleep(step.seconds)
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
    deadline: Deadline,
) -> T:
    """Carry out a plan on the running event loop, within ``deadline`` (its time source sleeps the plan's waits)."""
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
                await deadline.source.asleep(step.seconds)
        except RequestError as error:
            failure = error
        try:
            step = steps.throw(failure) if failure is not None else steps.send(reply)
        except StopIteration as done:
            result: T = done.value
            return result
