"""The sandbox engine's state as plain JSON values and back (`Sandbox.state()` / `Sandbox.restore()`).

Every amount is its exact decimal text, never a float; ids, times and states are as the engine keeps them; markets
are the spec's Market objects. Reading a snapshot trusts nothing: a value of the wrong kind raises ValueError, so a
damaged file is refused, not half-loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ._book import BookChildOrder, BookOrder
from ._markets import Market
from ._validation import OrderSpec
from ._wire import Offset, fmt

#: Bumped when the layout changes. Version 1 (no markets, balances or price times) is still read; others are refused.
VERSION = 2

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
        "held": _amount(child.held),
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
        held=_optional_amount(raw, "held") if "held" in raw else None,
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


# ---------------------------------------------------------------- the whole state


def write_state(
    next_id: int,
    prices: Mapping[str, Decimal],
    price_times: Mapping[str, int],
    markets: Mapping[str, Market],
    wallets: Mapping[str, Mapping[str, Decimal]] | None,
    orders: Mapping[str, Mapping[int, BookOrder]],
) -> dict[str, JSONValue]:
    """An engine's whole state (`Sandbox.state()`) as JSON values."""
    return {
        "version": VERSION,
        "nextId": next_id,
        "prices": {market: fmt(price) for market, price in prices.items()},
        "priceTimes": dict(price_times),
        "markets": [market.to_json() for market in markets.values()],
        "balances": None
        if wallets is None
        else {
            account: {currency: fmt(value) for currency, value in wallet.items()} for account, wallet in wallets.items()
        },
        "orders": {account: [order_state(order) for order in book.values()] for account, book in orders.items()},
    }


@dataclass
class SavedState:
    """A state read back: every part checked, prices still as saved (the engine holds them to its price rule)."""

    next_id: int
    prices: dict[str, Any]
    price_times: dict[str, int]
    markets: dict[str, Market]
    wallets: dict[str, dict[str, Decimal]] | None
    orders: dict[str, dict[int, BookOrder]]


def read_state(
    state: Mapping[str, JSONValue], markets: Mapping[str, Market], wallets: Mapping[str, Mapping[str, Decimal]] | None
) -> SavedState:
    """A `write_state` document back; ValueError when it is not one. A version 1 document has no markets, balances
    or price times: it keeps `markets` and `wallets` (the restoring engine's) and times its prices 0."""
    raw = mapping(dict(state), "state")
    version = raw.get("version")
    if version not in (1, VERSION) or isinstance(version, bool):
        raise ValueError(f"sandbox state: version {version!r}, expected {VERSION}")
    orders: dict[str, dict[int, BookOrder]] = {}
    for account, items in mapping(raw.get("orders"), "orders").items():
        if not isinstance(items, list):
            raise ValueError("sandbox state: an account's orders are not a list")
        orders[account] = {order.id: order for order in (read_order(account, item) for item in items)}
    saved = SavedState(
        next_id=integer(raw, "nextId"),
        prices=dict(mapping(raw.get("prices"), "prices")),
        price_times={},
        markets=dict(markets),
        wallets=None if wallets is None else {account: dict(wallet) for account, wallet in wallets.items()},
        orders=orders,
    )
    if version == 1:
        return saved
    times = mapping(raw.get("priceTimes"), "priceTimes")
    saved.price_times = {market: integer(times, market) for market in times}
    items = raw.get("markets")
    if not isinstance(items, list):
        raise ValueError("sandbox state: 'markets' is not a list")
    try:
        saved.markets = {market.symbol: market for market in (Market.from_json(item) for item in items)}
    except ValueError as error:
        raise ValueError(f"sandbox state: {error}") from None
    balances = raw.get("balances")
    saved.wallets = None
    if balances is not None:
        saved.wallets = {
            account: {currency: decimal(text, currency) for currency, text in mapping(wallet, account).items()}
            for account, wallet in mapping(balances, "balances").items()
        }
    return saved
