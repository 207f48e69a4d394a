"""Which found order is a place call's own: the test reconciliation applies after a lost answer, and what a client
remembers of the orders it placed.

A found order is ``OURS`` only if provably this call's (clientOrderId, every field sent, not an order known before,
created inside the call's window in exchange time); ``UNPROVEN`` if it passes all but the time window by less than
the exchange's clocks may disagree (never taken, never a reason to send again); else ``NOT_OURS``.
"""

from __future__ import annotations

import enum
import threading
from collections import OrderedDict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ._clock import Clock
from ._exceptions import InvalidResponseError
from ._models import SmartOrder
from ._rules import operation
from ._validation import default_type, trails

__all__ = ["Placement", "SeenOrders", "Verdict"]


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


#: What a created order is made of (the create body's fields, from the spec), the clientOrderId aside.
_ORDER_FIELDS = operation("createSmartOrder").body_fields - {"clientOrderId"}
#: The fields a cancel-replace may amend; the rest of a replacement is the old order's (symbol, side, ...).
_AMENDABLE = operation("cancelReplaceSmartOrder").body_fields & _ORDER_FIELDS
#: Fields a trailing order's answer may show moved as it trails: never compared.
_TRAILED = ("price", "stopPrice")


@dataclass(frozen=True, slots=True)
class _IfShown:
    """An expected value to compare only when the found order shows the field at all."""

    value: object


def _comparable(value: object) -> object:
    """A field's value for comparison: decimal strings by value (with a ``%`` flag for offsets), unset, "" and "0"
    alike; integers as themselves; a value of any other type (a float, a bool, a list, ...) equal to nothing."""
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return ("integer", value)  # an integer field's value: equal only to the same integer
    if not isinstance(value, str):
        return object()  # equal to nothing but itself
    percent = value.endswith("%")
    try:
        number = Decimal(value[:-1] if percent else value)
    except InvalidOperation:
        return value
    if not number.is_finite():
        return value
    return None if number == 0 and not percent else (number, percent)


class Verdict(enum.Enum):
    """What a found order is to a place call."""

    OURS = "ours"
    NOT_OURS = "not ours"
    #: Every field matches, but its createTime is a little outside the window: perhaps ours, perhaps another's.
    UNPROVEN = "unproven"


@dataclass
class Placement:
    """What a place call knows about the order it may have placed, and the test a found order must pass."""

    client_order_id: str
    #: The request body as sent (a generated model: ``to_dict()`` gives the wire names; read only to reconcile).
    body: Any
    #: The ``{id}`` of the order a cancel-replace replaces.
    replaces: str | None
    #: Order ids that are not this call's: the replaced order, orders this client placed under the id before.
    excluded: set[str]
    #: How far the clock stamping createTime may be from the one answering GET /timestamp (see ``skew_bound_ms``).
    skew_bound_ms: int = 0
    #: The clock's monotonic reading just before the first attempt.
    first_sent: float | None = None
    #: The order being replaced, once read.
    old: SmartOrder | None = None

    def expected(self) -> dict[str, Any]:
        """The fields the order this call placed must show."""
        fields = {name: value for name, value in self.body.to_dict().items() if name in _ORDER_FIELDS}
        old = self.old.to_dict() if self.old is not None else {}
        if self.replaces is None:  # a create: the exchange's default type, and no price unless one was sent
            expected = {"type": default_type(fields.get("price")), "price": None, **fields}
        elif "type" not in fields:  # the same type: every field the replace does not send is the old order's
            sized = "quantity" in fields or "amount" in fields  # quantity or amount: one replaces the pair
            trailing = trails(old.get("type"))
            copied = {
                name: old[name]
                for name in sorted(_ORDER_FIELDS - set(fields))
                if name in old
                and not (sized and name in ("quantity", "amount"))
                and not (trailing and name in _TRAILED)
            }
            expected = {**copied, **fields}
        else:  # a new type drops the old fields it does not take: only those no replace can change are known
            fixed = {name: _IfShown(old[name]) for name in sorted(_ORDER_FIELDS - _AMENDABLE) if name in old}
            expected = {**fixed, **fields}
        if trails(expected.get("type", old.get("type"))):
            expected = {name: value for name, value in expected.items() if name not in _TRAILED}
        return expected

    def check_answer(self, answer: object) -> None:
        """A direct answer must name one order by a non-empty id, under this call's clientOrderId; else it is
        unreadable (and the order is looked up)."""
        order_id, cid = getattr(answer, "id", None), getattr(answer, "client_order_id", None)
        if not isinstance(order_id, str) or not order_id or cid != self.client_order_id:
            raise InvalidResponseError(
                None,
                f"the answer names order {order_id!r} under clientOrderId {cid!r}, not this call's",
                status_code=200,
            )

    def judge(self, order: SmartOrder, clock: Clock) -> Verdict:
        """Whether a found order is provably this call's (``OURS``): same clientOrderId, not an order known before,
        every field as this call asked, and created after the first attempt in exchange time (less the clock's
        uncertainty). One that passes all but the time test, and misses it by less than ``skew_bound_ms``, may be
        ours stamped by a clock other than the one measured (``UNPROVEN``): never proof that no order was placed."""
        uncertainty = clock.uncertainty_ms
        if not isinstance(order.id, str) or order.client_order_id != self.client_order_id or order.id in self.excluded:
            return Verdict.NOT_OURS
        if self.first_sent is None or uncertainty is None or not isinstance(order.create_time, int):
            return Verdict.NOT_OURS
        if not self._fields_match(order):
            return Verdict.NOT_OURS
        earliest, latest = clock.at_ms(self.first_sent) - uncertainty, clock.now_ms() + uncertainty
        if earliest <= order.create_time <= latest:
            return Verdict.OURS
        if earliest - self.skew_bound_ms <= order.create_time <= latest + self.skew_bound_ms:
            return Verdict.UNPROVEN
        return Verdict.NOT_OURS

    def _fields_match(self, order: SmartOrder) -> bool:
        shown = order.to_dict()
        for name, value in self.expected().items():
            if name not in shown:
                continue
            if isinstance(value, _IfShown):  # the old order's field under a new type: compared if the new one has it
                if _comparable(shown[name]) is None:
                    continue
                value = value.value
            if _comparable(value) != _comparable(shown[name]):
                return False
        return True
