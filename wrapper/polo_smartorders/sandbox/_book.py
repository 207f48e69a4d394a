"""The sandbox's order book records and their JSON shapes (the spec's SmartOrder, Order and CancelResult)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from types import MappingProxyType

from .._rules import answer_fields
from ._spec import SMART_ORDER_FIELDS
from ._validation import OrderSpec
from ._wire import fmt

ZERO = Decimal(0)
# Enough digits that a percentage of a 40-character price stays exact (as in _lifecycle).
_CONTEXT = Context(prec=100)
JSON = dict[str, object]
#: The name a SmartOrder answer gives each create field (the spec's x-answer-fields; None: answers do not show it).
_SHOWN_AS = answer_fields("createSmartOrder")
#: The fields of the spec's answer schemas the sandbox never sends, as "Schema.field" -> why: the one list of them.
#: tests/sandbox/test_emitted.py walks every order lifecycle and fails naming any other declared field that no answer
#: carried (a field the spec gains is sent, or listed here with its reason).
NOT_EMITTED: Mapping[str, str] = MappingProxyType({})


def quantity_for(amount: Decimal, price: Decimal) -> Decimal:
    """The base quantity an amount (quote units) buys or sells at `price`, to 8 decimals."""
    return (amount / price).quantize(Decimal("1e-8")).normalize() if amount else ZERO


def _text(value: Decimal | None) -> str:
    return fmt(value) if value is not None else "0"


@dataclass
class BookChildOrder:
    """The regular MARKET or LIMIT order a smart order placed when it triggered."""

    id: int
    client_order_id: str
    symbol: str
    side: str
    type: str
    time_in_force: str
    account_type: str
    quantity: Decimal | None
    amount: Decimal | None
    price: Decimal | None
    state: str
    create_time: int
    update_time: int
    avg_price: Decimal | None = None
    filled_quantity: Decimal = ZERO
    filled_amount: Decimal = ZERO
    held: Decimal | None = None
    """With balances on: what the account holds for this order while it rests (None: nothing held)."""

    def fill(self, price: Decimal, now: int) -> None:
        """Fill the whole order at `price` (the sandbox has no partial fills)."""
        if self.quantity is not None:
            self.filled_quantity = self.quantity
            self.filled_amount = self.quantity * price
        else:
            amount = self.amount if self.amount is not None else ZERO
            self.filled_amount = amount
            self.filled_quantity = quantity_for(amount, price)
        self.avg_price = price
        self.state = "FILLED"
        self.update_time = now

    def to_json(self) -> JSON:
        """The spec's Order object."""
        return {
            "id": str(self.id),
            "clientOrderId": self.client_order_id,
            "symbol": self.symbol,
            "state": self.state,
            "accountType": self.account_type,
            "side": self.side,
            "type": self.type,
            "timeInForce": self.time_in_force,
            "quantity": _text(self.quantity),
            "price": _text(self.price),
            "avgPrice": _text(self.avg_price),
            "amount": _text(self.amount),
            "filledQuantity": fmt(self.filled_quantity),
            "filledAmount": fmt(self.filled_amount),
            "createTime": self.create_time,
            "updateTime": self.update_time,
        }


@dataclass
class BookOrder:
    """One smart order of one account, with its trailing state and, once triggered, its child order."""

    id: int
    account: str
    spec: OrderSpec
    state: str
    create_time: int
    update_time: int
    child: BookChildOrder | None = None
    activated: bool = False
    """Trailing orders: whether the activation price has been reached (without one: whether any price was seen)."""
    best_price: Decimal | None = None
    """Trailing orders: the highest (SELL) or lowest (BUY) price since activation."""

    @property
    def is_open(self) -> bool:
        """Untriggered and not cancelled: the only state that can be cancelled or replaced."""
        return self.state == "PENDING_NEW"

    def history_state(self) -> str:
        """The state history reports: a triggered order shows how its child order ended up."""
        if self.state == "TRIGGERED" and self.child is not None and self.child.state in ("FILLED", "CANCELED"):
            return self.child.state
        return self.state

    def to_json(self, *, with_child: bool = False, history: bool = False) -> JSON:
        """The spec's SmartOrder; `with_child` adds triggeredOrder, `history` the fill summary and history state."""
        spec = self.spec
        body: JSON = {
            "id": str(self.id),
            "clientOrderId": spec.client_order_id,
            "symbol": spec.symbol,
            "state": self.history_state() if history else self.state,
            "accountType": spec.account_type,
            "side": spec.side,
            "type": spec.type,
            "timeInForce": spec.time_in_force,
            "quantity": _text(spec.quantity),
            "price": _text(spec.price),
            "amount": _text(spec.amount),
            "stopPrice": _text(self.trigger_level),
            "createTime": self.create_time,
            "updateTime": self.update_time,
        }
        if spec.trailing_offset is not None:  # a trailing type (the only ones that take it)
            body["trailingOffset"] = spec.trailing_offset.text
            body["operator"] = self.operator
            if spec.stop_price is not None:
                body["activationPrice"] = fmt(spec.stop_price)
            if spec.limit_offset is not None:
                body["limitOffset"] = spec.limit_offset.text
        if with_child and self.state == "TRIGGERED" and self.child is not None:
            body["triggeredOrder"] = self.child.to_json()
        for name, value in spec.extra.items():  # a request field the spec also gives SmartOrder answers
            if _SHOWN_AS.get(name, name) in SMART_ORDER_FIELDS and name not in body:
                body[name] = value
        if any(_SHOWN_AS.get(name, name) != name for name in body):  # request names the answers spell otherwise
            body = {shown: value for name, value in body.items() if (shown := _SHOWN_AS.get(name, name)) is not None}
        if history:
            child = self.child
            body["avgPrice"] = _text(child.avg_price if child else None)
            body["filledQuantity"] = fmt(child.filled_quantity if child else ZERO)
            body["filledAmount"] = fmt(child.filled_amount if child else ZERO)
            body["orderSource"] = "API"
        return body

    @property
    def trigger_level(self) -> Decimal | None:
        """The price that triggers the order now: `stopPrice`, or for an activated trailing order its trailing stop
        (the best price since activation, less the offset for SELL, plus it for BUY), which moves as it trails. A SELL
        offset wider than the price leaves no level above 0: 0, which no price reaches (an answer's amounts are never
        negative)."""
        offset = self.spec.trailing_offset
        if offset is None or self.best_price is None:
            return self.spec.stop_price
        with localcontext(_CONTEXT):
            distance = offset.distance(self.best_price)
            return max(self.best_price - distance, ZERO) if self.spec.side == "SELL" else self.best_price + distance

    @property
    def operator(self) -> str:
        """Trailing activation operator: as given, else GTE for SELL (after a rise) and LTE for BUY (after a dip)."""
        return self.spec.operator or ("GTE" if self.spec.side == "SELL" else "LTE")


def cancel_result(order: BookOrder, code: int, message: str) -> JSON:
    """A CancelResult for an existing order; code 200 means it was cancelled."""
    return {
        "orderId": str(order.id),
        "clientOrderId": order.spec.client_order_id,
        "state": order.state,
        "code": code,
        "message": message,
    }
