"""The hand-written request rules: only those the spec's JSON Schema cannot say, plus argument conversions.

Every single-field constraint (enums, patterns, lengths, limits, list sizes, required fields) is checked from the
spec by ``_schema``; what stays here ties several arguments together. Each failure names the argument and the rule.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TypeAlias

from ._exceptions import ValidationError

#: What an amount argument may be: never a float.
Amount: TypeAlias = str | Decimal | int

_TRAILING = ("TRAILING_STOP", "TRAILING_STOP_LIMIT")
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


def smart_order_fields(
    order_type: object,
    *,
    price: object,
    stop_price: object,
    trailing_offset: object,
    limit_offset: object,
    operator: object,
) -> None:
    """The fields each smart order type needs and takes (type defaults to STOP_LIMIT with a price, else STOP)."""
    effective = order_type or ("STOP_LIMIT" if price is not None else "STOP")
    if effective == "STOP_LIMIT" and price is None:
        raise ValidationError("price", "is required for a STOP_LIMIT order")
    if effective != "STOP_LIMIT" and price is not None:
        raise ValidationError("price", f"is used only by STOP_LIMIT orders, not {effective}; use type='STOP_LIMIT'")
    if effective in ("STOP", "STOP_LIMIT") and stop_price is None:
        raise ValidationError("stop_price", f"is required for a {effective} order")
    if effective in _TRAILING and trailing_offset is None:
        raise ValidationError("trailing_offset", f"is required for a {effective} order")
    if effective == "TRAILING_STOP_LIMIT" and limit_offset is None:
        raise ValidationError("limit_offset", "is required for a TRAILING_STOP_LIMIT order")
    if effective not in _TRAILING:
        for name, value in (("trailing_offset", trailing_offset), ("operator", operator)):
            if value is not None:
                raise ValidationError(name, f"applies only to trailing types, not {effective}")
    if effective != "TRAILING_STOP_LIMIT" and limit_offset is not None:
        raise ValidationError("limit_offset", f"applies only to TRAILING_STOP_LIMIT, not {effective}")


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
