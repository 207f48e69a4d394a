"""Create and cancel-replace requests: typed order specs, the exchange's cross-field rules, order references."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from .._rules import TYPE_FIELDS
from .._validation import default_type, takes
from ._errors import INVALID_ORDER_ID, MISSING_PARAMETER, SandboxError, invalid, missing
from ._parsers import NO_BODY, json_object
from ._spec import CLIENT_ORDER_ID, ORDER_ID, PATH_REF, assumed, check_body, valid
from ._tolerated import strict
from ._wire import Offset


@dataclass(frozen=True)
class OrderSpec:
    """A complete, checked smart order request: what the exchange would accept and store."""

    symbol: str
    side: str
    type: str
    time_in_force: str
    account_type: str
    client_order_id: str
    """Empty when none was given."""
    stop_price: Decimal | None
    price: Decimal | None
    quantity: Decimal | None
    amount: Decimal | None
    trailing_offset: Offset | None
    limit_offset: Offset | None
    operator: str | None
    extra: Mapping[str, object] = field(default_factory=dict)
    """Spec fields the engine has no rule for: stored, and echoed where a SmartOrder answer has a field of that name."""


@dataclass(frozen=True)
class OrderFields:
    """Create or cancel-replace body fields, each checked on its own; None means "not sent"."""

    symbol: str | None = None
    side: str | None = None
    type: str | None = None
    time_in_force: str | None = None
    account_type: str | None = None
    client_order_id: str | None = None
    stop_price: Decimal | None = None
    price: Decimal | None = None
    quantity: Decimal | None = None
    amount: Decimal | None = None
    trailing_offset: Offset | None = None
    limit_offset: Offset | None = None
    operator: str | None = None
    extra: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ReplacePatch:
    """A cancel-replace body: the fields to change and whether to place the new order if the cancel fails."""

    fields: OrderFields
    proceed_on_failure: bool


@dataclass(frozen=True)
class OrderRef:
    """A `{id}` path segment: a numeric smart order id or a client order id (`cid:` stripped)."""

    kind: Literal["id", "cid"]
    value: str


#: The body fields the engine has rules for; the spec may have more (kept in ``extra``).
_KNOWN = frozenset(
    {
        "symbol",
        "side",
        "type",
        "timeInForce",
        "accountType",
        "price",
        "stopPrice",
        "quantity",
        "amount",
        "clientOrderId",
        "trailingOffset",
        "limitOffset",
        "operator",
        "proceedOnFailure",
    }
)


def _decimal(body: Mapping[str, Any], name: str) -> Decimal | None:
    return Decimal(body[name]) if name in body else None


def _offset(body: Mapping[str, Any], name: str) -> Offset | None:
    return Offset.parse(body[name]) if name in body else None


def _fields(body: Mapping[str, Any]) -> OrderFields:
    """The fields of a body already checked against the spec."""
    return OrderFields(
        symbol=body.get("symbol"),
        side=body.get("side"),
        type=body.get("type"),
        time_in_force=body.get("timeInForce"),
        account_type=body.get("accountType"),
        client_order_id=body.get("clientOrderId"),
        stop_price=_decimal(body, "stopPrice"),
        price=_decimal(body, "price"),
        quantity=_decimal(body, "quantity"),
        amount=_decimal(body, "amount"),
        trailing_offset=_offset(body, "trailingOffset"),
        limit_offset=_offset(body, "limitOffset"),
        operator=body.get("operator"),
        extra={name: value for name, value in body.items() if name not in _KNOWN},
    )


def parse_create(raw: object) -> OrderSpec:
    """Check a create body: each field against the spec first, then the rules that tie the fields together."""
    return build_spec(_fields(check_body("createSmartOrder", strict("createSmartOrder", json_object(raw)))))


def parse_replace(raw: object) -> ReplacePatch:
    """Check a cancel-replace body (or NO_BODY: replace with everything copied)."""
    if raw is NO_BODY:
        return ReplacePatch(fields=OrderFields(), proceed_on_failure=False)
    body = check_body("cancelReplaceSmartOrder", strict("cancelReplaceSmartOrder", json_object(raw)))
    return ReplacePatch(fields=_fields(body), proceed_on_failure=bool(body.get("proceedOnFailure", False)))


def build_spec(fields: OrderFields) -> OrderSpec:
    """Apply the exchange's cross-field rules and defaults to fields that are each well-formed."""
    if fields.symbol is None:
        raise missing("symbol")
    if fields.side is None:
        raise missing("side")
    order_type = fields.type or default_type(fields.price)
    if fields.quantity is not None and fields.amount is not None:
        raise invalid("amount", "give exactly one of 'quantity' (base units) and 'amount' (quote units), not both")
    if fields.quantity is None and fields.amount is None:
        raise SandboxError(400, MISSING_PARAMETER, "Missing required parameter: one of 'quantity' and 'amount'")
    _type_fields(order_type, fields)
    return OrderSpec(
        symbol=fields.symbol,
        side=fields.side,
        type=order_type,
        time_in_force=fields.time_in_force or assumed("TimeInForce"),
        account_type=fields.account_type or assumed("AccountType"),
        client_order_id=fields.client_order_id or "",
        stop_price=fields.stop_price,
        price=fields.price,
        quantity=fields.quantity,
        amount=fields.amount,
        trailing_offset=fields.trailing_offset,
        limit_offset=fields.limit_offset,
        operator=fields.operator,
        extra=fields.extra,
    )


def _type_fields(order_type: str, fields: OrderFields) -> None:
    """The type-dependent fields ``order_type`` needs and takes: the spec's SmartOrderType x-type-fields."""
    values = {
        "price": fields.price,
        "stopPrice": fields.stop_price,
        "trailingOffset": fields.trailing_offset,
        "limitOffset": fields.limit_offset,
        "operator": fields.operator,
    }
    rule = TYPE_FIELDS.types[order_type]
    for name in TYPE_FIELDS.fields:
        if values[name] is None and name in rule.requires:
            raise missing(name)
        if values[name] is not None and name not in rule.takes:
            users = TYPE_FIELDS.takers(name)
            raise invalid(name, f"only {', '.join(users)} orders take {name}, not {order_type}")


def replace_spec(old: OrderSpec, patch: OrderFields) -> OrderSpec:
    """The replacement order: `patch` over the old order's fields, then the same rules as a create.

    Sending `quantity` or `amount` replaces the old pair, and a new `type` drops the old fields that type does not
    take (so STOP_LIMIT -> STOP needs no way to unset `price`). The old clientOrderId carries over unless a new one
    is given.
    """
    new_type = patch.type or old.type
    sized = patch.quantity is not None or patch.amount is not None
    merged = OrderFields(
        symbol=old.symbol,
        side=old.side,
        type=new_type,
        time_in_force=patch.time_in_force or old.time_in_force,
        account_type=old.account_type,
        client_order_id=patch.client_order_id or old.client_order_id or None,
        stop_price=patch.stop_price if patch.stop_price is not None else old.stop_price,
        price=patch.price if patch.price is not None else (old.price if takes(new_type, "price") else None),
        quantity=patch.quantity if sized else old.quantity,
        amount=patch.amount if sized else old.amount,
        trailing_offset=old.trailing_offset if takes(new_type, "trailingOffset") else None,
        limit_offset=old.limit_offset if takes(new_type, "limitOffset") else None,
        operator=old.operator if takes(new_type, "operator") else None,
        extra={**old.extra, **patch.extra},
    )
    return build_spec(merged)


def parse_order_ref(raw: str) -> OrderRef:
    """A numeric id or `cid:<clientOrderId>` (the path segment, percent-decoded), as the spec's path parameter."""
    if valid(PATH_REF, raw):
        if valid(ORDER_ID, raw):
            return OrderRef(kind="id", value=raw)
        if raw.startswith("cid:") and valid(CLIENT_ORDER_ID, raw[4:]):
            return OrderRef(kind="cid", value=raw[4:])
    shown = raw if len(raw) <= 80 else raw[:77] + "..."
    raise SandboxError(400, INVALID_ORDER_ID, f"Invalid order id '{shown}': digits or cid:<clientOrderId> expected")
