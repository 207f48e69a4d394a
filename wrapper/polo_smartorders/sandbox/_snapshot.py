"""The sandbox engine's state as plain JSON values and back (`Sandbox.state()` / `Sandbox.restore()`).

Every amount is its exact decimal text, never a float; ids, times and states are as the engine keeps them. Reading a
snapshot trusts nothing: a value of the wrong kind raises ValueError, so a damaged file is refused, not half-loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from ._book import BookChildOrder, BookOrder
from ._validation import OrderSpec
from ._wire import Offset, fmt

#: Bumped when the layout changes; a snapshot of another version is refused.
VERSION = 1

JSONValue = Any


# ---------------------------------------------------------------- writing


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else fmt(value)


def _tagged(value: object) -> JSONValue:
    """A request body's JSON value (Decimal for numbers with a fraction) as an unambiguous tagged tree."""
    if isinstance(value, Decimal):
        return {"decimal": fmt(value)}
    if isinstance(value, Mapping):
        return {"object": {str(key): _tagged(item) for key, item in value.items()}}
    if isinstance(value, list | tuple):
        return {"array": [_tagged(item) for item in value]}
    if value is None or isinstance(value, bool | int | str):
        return {"value": value}
    raise TypeError(f"a {type(value).__name__} in an order's extra fields cannot be saved")


def _spec(spec: OrderSpec) -> dict[str, JSONValue]:
    return {
        "symbol": spec.symbol,
        "side": spec.side,
        "type": spec.type,
        "timeInForce": spec.time_in_force,
        "accountType": spec.account_type,
        "clientOrderId": spec.client_order_id,
        "stopPrice": _amount(spec.stop_price),
        "price": _amount(spec.price),
        "quantity": _amount(spec.quantity),
        "amount": _amount(spec.amount),
        "trailingOffset": None if spec.trailing_offset is None else spec.trailing_offset.text,
        "limitOffset": None if spec.limit_offset is None else spec.limit_offset.text,
        "operator": spec.operator,
        "extra": _tagged(dict(spec.extra)),
    }


def _child(child: BookChildOrder) -> dict[str, JSONValue]:
    return {
        "id": child.id,
        "clientOrderId": child.client_order_id,
        "symbol": child.symbol,
        "side": child.side,
        "type": child.type,
        "timeInForce": child.time_in_force,
        "accountType": child.account_type,
        "quantity": _amount(child.quantity),
        "amount": _amount(child.amount),
        "price": _amount(child.price),
        "state": child.state,
        "createTime": child.create_time,
        "updateTime": child.update_time,
        "avgPrice": _amount(child.avg_price),
        "filledQuantity": fmt(child.filled_quantity),
        "filledAmount": fmt(child.filled_amount),
    }


def order_state(order: BookOrder) -> dict[str, JSONValue]:
    """One book order (its request, progress and child order) as JSON values."""
    return {
        "id": order.id,
        "spec": _spec(order.spec),
        "state": order.state,
        "createTime": order.create_time,
        "updateTime": order.update_time,
        "child": None if order.child is None else _child(order.child),
        "activated": order.activated,
        "bestPrice": _amount(order.best_price),
    }


# ---------------------------------------------------------------- reading


def _field(raw: Mapping[str, JSONValue], name: str, kind: type | tuple[type, ...]) -> Any:
    if name not in raw:
        raise ValueError(f"sandbox state: missing {name!r}")
    value = raw[name]
    if (isinstance(value, bool) and kind is int) or not isinstance(value, kind):
        raise ValueError(f"sandbox state: {name!r} is a {type(value).__name__}")
    return value


def _text(raw: Mapping[str, JSONValue], name: str) -> str:
    value: str = _field(raw, name, str)
    return value


def _int(raw: Mapping[str, JSONValue], name: str) -> int:
    value: int = _field(raw, name, int)
    return value


def _optional_text(raw: Mapping[str, JSONValue], name: str) -> str | None:
    value: str | None = _field(raw, name, (str, type(None)))
    return value


#: The longest decimal text a saved state may hold: the engine only ever stores amounts the spec bounds far below.
_MAX_DECIMAL_TEXT = 100


def decimal(text: object, name: str) -> Decimal:
    """A finite decimal from its text (never a float)."""
    if not isinstance(text, str):
        raise ValueError(f"sandbox state: {name!r} is not a decimal string")
    if len(text) > _MAX_DECIMAL_TEXT or "e" in text.lower():  # as written by state(): plain and short
        raise ValueError(f"sandbox state: {name!r} is not a plain decimal of at most {_MAX_DECIMAL_TEXT} characters")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"sandbox state: {name!r} is not a decimal: {text[:40]!r}") from None
    if not value.is_finite():
        raise ValueError(f"sandbox state: {name!r} is not a finite decimal")
    return value


def _optional_amount(raw: Mapping[str, JSONValue], name: str) -> Decimal | None:
    text = _optional_text(raw, name)
    return None if text is None else decimal(text, name)


def _offset(raw: Mapping[str, JSONValue], name: str) -> Offset | None:
    text = _optional_text(raw, name)
    if text is None:
        return None
    offset = Offset.parse(text)
    if offset is None:
        raise ValueError(f"sandbox state: {name!r} is not an offset: {text[:40]!r}")
    return offset


def _untagged(raw: JSONValue) -> object:
    if not isinstance(raw, dict) or len(raw) != 1:
        raise ValueError("sandbox state: a malformed extra field")
    [(tag, value)] = raw.items()
    if tag == "decimal":
        return decimal(value, "extra")
    if tag == "object" and isinstance(value, dict):
        return {key: _untagged(item) for key, item in value.items()}
    if tag == "array" and isinstance(value, list):
        return [_untagged(item) for item in value]
    if tag == "value" and (value is None or isinstance(value, bool | int | str)):
        return value
    raise ValueError("sandbox state: a malformed extra field")


def _read_spec(raw: Mapping[str, JSONValue]) -> OrderSpec:
    extra = _untagged(_field(raw, "extra", dict))
    if not isinstance(extra, dict):
        raise ValueError("sandbox state: 'extra' is not an object")
    return OrderSpec(
        symbol=_text(raw, "symbol"),
        side=_text(raw, "side"),
        type=_text(raw, "type"),
        time_in_force=_text(raw, "timeInForce"),
        account_type=_text(raw, "accountType"),
        client_order_id=_text(raw, "clientOrderId"),
        stop_price=_optional_amount(raw, "stopPrice"),
        price=_optional_amount(raw, "price"),
        quantity=_optional_amount(raw, "quantity"),
        amount=_optional_amount(raw, "amount"),
        trailing_offset=_offset(raw, "trailingOffset"),
        limit_offset=_offset(raw, "limitOffset"),
        operator=_optional_text(raw, "operator"),
        extra=extra,
    )


def _read_child(raw: Mapping[str, JSONValue]) -> BookChildOrder:
    return BookChildOrder(
        id=_int(raw, "id"),
        client_order_id=_text(raw, "clientOrderId"),
        symbol=_text(raw, "symbol"),
        side=_text(raw, "side"),
        type=_text(raw, "type"),
        time_in_force=_text(raw, "timeInForce"),
        account_type=_text(raw, "accountType"),
        quantity=_optional_amount(raw, "quantity"),
        amount=_optional_amount(raw, "amount"),
        price=_optional_amount(raw, "price"),
        state=_text(raw, "state"),
        create_time=_int(raw, "createTime"),
        update_time=_int(raw, "updateTime"),
        avg_price=_optional_amount(raw, "avgPrice"),
        filled_quantity=decimal(_text(raw, "filledQuantity"), "filledQuantity"),
        filled_amount=decimal(_text(raw, "filledAmount"), "filledAmount"),
    )


def read_order(account: str, raw: JSONValue) -> BookOrder:
    """One book order of `account` from `order_state`'s JSON values; ValueError if they are not that."""
    if not isinstance(raw, dict):
        raise ValueError("sandbox state: an order is not an object")
    child = _field(raw, "child", (dict, type(None)))
    activated = _field(raw, "activated", bool)
    return BookOrder(
        id=_int(raw, "id"),
        account=account,
        spec=_read_spec(_field(raw, "spec", dict)),
        state=_text(raw, "state"),
        create_time=_int(raw, "createTime"),
        update_time=_int(raw, "updateTime"),
        child=None if child is None else _read_child(child),
        activated=bool(activated),
        best_price=_optional_amount(raw, "bestPrice"),
    )


def mapping(raw: JSONValue, name: str) -> dict[str, JSONValue]:
    """`raw` if it is a JSON object, else ValueError naming `name`."""
    if not isinstance(raw, dict):
        raise ValueError(f"sandbox state: {name!r} is not an object")
    return raw


def integer(raw: Mapping[str, JSONValue], name: str) -> int:
    """An int field (not a bool) of a JSON object, else ValueError."""
    return _int(raw, name)
