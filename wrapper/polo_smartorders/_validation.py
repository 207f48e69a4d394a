"""The hand-written request rules: only those the spec's JSON Schema cannot say, plus argument conversions.

Every single-field constraint (enums, patterns, lengths, limits, list sizes, required fields) is checked from the
spec by ``_schema``; what stays here ties several arguments together. Each failure names the argument and the rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TypeAlias

from ._exceptions import ValidationError
from ._rules import TYPE_FIELDS

#: What an amount argument may be: never a float.
Amount: TypeAlias = str | Decimal | int

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def millis(field: str, value: object) -> object:
    """An aware datetime as whole milliseconds since the epoch, rounded down (the spec checks the number: a moment
    before 1970, even by a microsecond, is negative)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValidationError(field, "a datetime must carry a timezone (naive datetimes are ambiguous)")
        return (value - _EPOCH) // timedelta(milliseconds=1)  # exact: no float rounding
    return value


def quantity_or_amount(quantity: object, amount: object, *, required: bool) -> None:
    """At most one of quantity and amount; exactly one when ``required`` (a create)."""
    if quantity is not None and amount is not None:
        raise ValidationError("quantity", "give quantity (base units) or amount (quote units), not both")
    if required and quantity is None and amount is None:
        raise ValidationError("quantity", "give one of quantity (base units) and amount (quote units)")


def default_type(price: object) -> str:
    """The type the exchange gives an order sent without one: STOP_LIMIT with a price, else STOP."""
    return "STOP_LIMIT" if price is not None else "STOP"


def takes(order_type: object, wire_name: str) -> bool:
    """Whether ``order_type`` accepts the type-dependent field (the spec's SmartOrderType x-type-fields); a type the
    spec does not know takes none."""
    rule = TYPE_FIELDS.types.get(order_type) if isinstance(order_type, str) else None
    return rule is not None and wire_name in rule.takes


def trails(order_type: object) -> bool:
    """Whether ``order_type`` follows the price: it takes a trailingOffset."""
    return takes(order_type, "trailingOffset")


def smart_order_fields(
    order_type: str, fields: Mapping[str, object], names: Mapping[str, str], *, required: bool = True
) -> None:
    """The type-dependent fields (wire name -> value, None = not sent) that ``order_type`` needs and takes, from the
    spec; ``names`` gives each wire name's argument name for the error. With ``required=False`` (a cancel-replace,
    whose other fields come from the old order) only what the type refuses is checked."""
    rule = TYPE_FIELDS.types[order_type]
    for wire_name in TYPE_FIELDS.fields:
        value = fields.get(wire_name)
        argument = names.get(wire_name, wire_name)
        if required and value is None and wire_name in rule.requires:
            raise ValidationError(argument, f"is required for a {order_type} order")
        if value is not None and wire_name not in rule.takes:
            users = TYPE_FIELDS.takers(wire_name)
            hint = f"; use type={users[0]!r}" if len(users) == 1 else ""
            raise ValidationError(argument, f"is used only by {', '.join(users)} orders, not {order_type}{hint}")


def exactly_one_ref(order_id: object, client_order_id: object) -> None:
    """One order is addressed by its id or by its client order id, never both."""
    if (order_id is None) == (client_order_id is None):
        raise ValidationError("order_id", "give exactly one of order_id and client_order_id")


def some_ids(order_ids: object, client_order_ids: object) -> None:
    """A cancel by ids names at least one order."""
    if not order_ids and not client_order_ids:
        raise ValidationError("order_ids", "give at least one id in order_ids or client_order_ids")


def some_filter(symbol: object, account_type: object) -> None:
    """Cancelling everything is always explicit."""
    if symbol is None and account_type is None:
        raise ValidationError(
            "symbol", "give symbol or account_type; to cancel every smart order say so: cancel(account_type='SPOT')"
        )


def time_range(start: object, end: object) -> None:
    if isinstance(start, int) and isinstance(end, int) and start > end:
        raise ValidationError("start_time", f"must not be after end_time ({start} > {end})")


def as_list(value: object) -> object:
    """A single value as a one-item list; a comma-separated string (the exchange's query form) as its items."""
    if isinstance(value, str):
        return value.split(",")
    return value
