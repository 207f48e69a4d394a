"""Which found order is a place call's own: the test reconciliation applies after a lost answer, and what a client
remembers of the orders it placed.

A found order is ``OURS`` only if provably this call's (clientOrderId, every field sent, not an order known before,
created inside the call's window in exchange time); ``UNPROVEN`` if nothing contradicts it but something cannot be
proved: a field sent that it does not show, or a createTime outside the window by less than the exchange's clocks may
disagree (never taken, never a reason to send again); else ``NOT_OURS``. Fields are compared by the spec's map of each
request field to the found order's field (x-answer-fields, and per order type x-type-fields ``answers``: a trailing
order's stopPrice is its activationPrice), checked against SmartOrder at ``make generate``.
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
from ._rules import TYPE_FIELDS, answer_fields, enum_values, field
from ._validation import default_type, takes

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


#: Per order type (None: any), each request field (create's and cancel-replace's) a found order of that type shows, by
#: wire name -> its name in SmartOrder.
_SHOWN_AS: dict[str | None, dict[str, str]] = {
    order_type: {
        name: shown
        for operation_id in ("createSmartOrder", "cancelReplaceSmartOrder")
        for name, shown in answer_fields(operation_id, order_type).items()
        if shown is not None
    }
    for order_type in (None, *enum_values("SmartOrderType"))
}
#: What a created order is made of (the create body's fields), the clientOrderId aside.
_ORDER_FIELDS = frozenset(answer_fields("createSmartOrder")) - {"clientOrderId"}
#: The fields a cancel-replace sends, the clientOrderId aside (those answers do not show are never compared).
_REPLACE_FIELDS = frozenset(answer_fields("cancelReplaceSmartOrder")) - {"clientOrderId"}
#: A field left out that says nothing without another: a trailing order's operator only says when its activation
#: price (the create's stopPrice) activates it, so without one the operator the exchange chose changes nothing.
_ONLY_BESIDE = {"operator": "stopPrice"}
#: What the exchange assumes for a create field left out, where the spec says (``x-default`` or ``default``): a found
#: order must show it (a twin with timeInForce IOC is not a create that left timeInForce out).
_CREATE_DEFAULTS = {
    wire: default
    for wire, (schema, _, _) in ((wire, field("createSmartOrder", wire)) for wire in sorted(_ORDER_FIELDS))
    if (default := schema.get("x-default", schema.get("default"))) is not None
}


def _shown_as(order_type: object) -> dict[str, str]:
    """The request fields a found order of ``order_type`` shows, each by its name there."""
    return _SHOWN_AS.get(order_type if isinstance(order_type, str) else None, _SHOWN_AS[None])


def _kept(order_type: object, name: str) -> bool:
    """Whether a replacement of ``order_type`` keeps the old order's ``name``: any field but a type-dependent one the
    type does not take (a type the spec does not know keeps them all: compared, not proven absent)."""
    return name not in TYPE_FIELDS.fields or order_type not in TYPE_FIELDS.types or takes(order_type, name)


def _comparable(value: object) -> object:
    """A field's value for comparison: decimal strings by value (with a ``%`` flag for offsets), unset, "" and "0"
    alike; integers as themselves; objects and arrays by their items, compared alike; a value of any other type (a
    float, a bool, ...) equal to nothing."""
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return ("integer", value)  # an integer field's value: equal only to the same integer
    if isinstance(value, dict):  # an object field: its keys that say something, each compared alike
        items = ((key, _comparable(item)) for key, item in value.items())
        return ("object", frozenset((key, item) for key, item in items if item is not None))
    if isinstance(value, list):
        return ("array", tuple(_comparable(item) for item in value))
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
    #: Nothing contradicts it, but it does not show a field sent, or its createTime is a little outside the window:
    #: perhaps ours, perhaps another's.
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
        """The fields the order this call placed must show, by their names in SmartOrder."""
        sent = _ORDER_FIELDS if self.replaces is None else _REPLACE_FIELDS
        fields = {name: value for name, value in self.body.to_dict().items() if name in sent}
        shown = self.old.to_dict() if self.old is not None else {}
        old = {name: shown[answer] for name, answer in _shown_as(shown.get("type")).items() if answer in shown}
        if self.replaces is None:  # a create: the exchange's defaults, and no price or stop price unless sent
            expected = {
                "type": default_type(fields.get("price")),
                "price": None,
                "stopPrice": None,
                **_CREATE_DEFAULTS,
                **fields,
            }
        else:  # every field the replace does not send is the old order's, but those its (new) type does not take
            order_type = fields.get("type", old.get("type"))
            sized = "quantity" in fields or "amount" in fields  # quantity or amount: one replaces the pair
            copied = {
                name: old[name]
                for name in sorted(_ORDER_FIELDS - set(fields))
                if name in old and not (sized and name in ("quantity", "amount")) and _kept(order_type, name)
            }
            expected = {**copied, **fields}
        shown_as = _shown_as(expected.get("type"))
        return {shown_as[name]: value for name, value in expected.items() if name in shown_as}

    def check_answer(self, answer: object) -> None:
        """A direct answer must name one order by a non-empty id, under this call's clientOrderId; else it is
        unreadable (and the order is looked up)."""
        order_id, cid = getattr(answer, "id", None), getattr(answer, "client_order_id", None)
        if not isinstance(order_id, str) or not order_id:
            raise InvalidResponseError(None, f"$.id: expected an order id, got {order_id!r}", status_code=200)
        if cid != self.client_order_id:
            raise InvalidResponseError(
                None, f"$.clientOrderId: {cid!r} is not this call's {self.client_order_id!r}", status_code=200
            )

    def judge(self, order: SmartOrder, clock: Clock) -> Verdict:
        """Whether a found order is provably this call's (``OURS``): same clientOrderId, not an order known before,
        every field as this call asked, and created after the first attempt in exchange time (less the clock's
        uncertainty). One that nothing contradicts but that does not show a field this call sent (``unshown``), or
        that misses the time test by less than ``skew_bound_ms`` (it may be ours stamped by a clock other than the one
        measured), is ``UNPROVEN``: never taken, never proof that no order was placed."""
        uncertainty = clock.uncertainty_ms
        if not isinstance(order.id, str) or order.client_order_id != self.client_order_id or order.id in self.excluded:
            return Verdict.NOT_OURS
        if self.first_sent is None or uncertainty is None or not isinstance(order.create_time, int):
            return Verdict.NOT_OURS
        if not self._fields_match(order):
            return Verdict.NOT_OURS
        earliest, latest = clock.at_ms(self.first_sent) - uncertainty, clock.now_ms() + uncertainty
        if earliest <= order.create_time <= latest:
            return Verdict.UNPROVEN if self.unshown(order) or self.unpredicted(order) else Verdict.OURS
        if earliest - self.skew_bound_ms <= order.create_time <= latest + self.skew_bound_ms:
            return Verdict.UNPROVEN
        return Verdict.NOT_OURS

    def unshown(self, order: SmartOrder) -> list[str]:
        """The found order's fields (its wire names) that this call sent a value for and the order does not show:
        nothing proves the order has them."""
        shown = order.to_dict()
        return sorted(
            answer
            for answer, value in self.expected().items()
            if answer not in shown and _comparable(value) is not None
        )

    def unpredicted(self, order: SmartOrder) -> list[str]:
        """The found order's fields (wire names) that a create left out, that its type takes and that the spec gives
        no default for, which the order shows a value for: the exchange chose it (a trailing order's ``operator``), so
        nothing proves the order is this call's rather than a twin's that sent it."""
        if self.replaces is not None:
            return []  # a replace's fields left out are the old order's, compared in expected()
        sent = self.body.to_dict()
        order_type = sent.get("type", default_type(sent.get("price")))
        shown = order.to_dict()
        shown_as = _shown_as(order_type)
        return sorted(
            shown_as[name]
            for name in TYPE_FIELDS.fields
            if name not in sent
            and name not in ("price", "stopPrice")  # expected absent when not sent (see expected())
            and name not in _CREATE_DEFAULTS
            and name in shown_as
            and takes(order_type, name)
            and _comparable(shown.get(shown_as[name])) is not None
            and (name not in _ONLY_BESIDE or _ONLY_BESIDE[name] in sent)
        )

    def _fields_match(self, order: SmartOrder) -> bool:
        """No field the order shows differs from what this call asked (one it does not show: see ``unshown``)."""
        shown = order.to_dict()
        return all(
            _comparable(value) == _comparable(shown[answer])
            for answer, value in self.expected().items()
            if answer in shown
        )
