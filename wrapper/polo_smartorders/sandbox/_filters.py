"""Parses the order-selecting inputs: list and history queries, cancel-by-ids and cancel-all bodies."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ._errors import INVALID_ACCOUNT_TYPE, INVALID_SYMBOL, invalid, missing
from ._parsers import (
    NO_BODY,
    client_order_id,
    decimal,
    enum,
    json_object,
    optional,
    order_id,
    reject_unknown,
    symbol,
)
from ._wire import ACCOUNT_TYPES, DIRECTIONS, HISTORY_STATES, SIDES, SMART_TYPES, SYMBOL

INT32_MAX = 2_147_483_647
JSON_SAFE_MAX = 9_007_199_254_740_991
MAX_IDS = 100
_UNSIGNED = re.compile(r"[0-9]{1,20}")


@dataclass(frozen=True)
class HistoryQuery:
    """GET /smartorders/history filters; None means "no filter"."""

    account_type: str | None = None
    types: frozenset[str] | None = None
    side: str | None = None
    symbol: str | None = None
    from_id: int | None = None
    direction: str = "NEXT"
    states: frozenset[str] | None = None
    limit: int = 100
    hide_cancel: bool = False
    start_time: int | None = None
    end_time: int | None = None


@dataclass(frozen=True)
class CancelAllFilter:
    """DELETE /smartorders filters; None (or an empty list) matches everything, filters AND together."""

    symbols: frozenset[str] | None = None
    account_types: frozenset[str] | None = None
    order_types: frozenset[str] | None = None


@dataclass(frozen=True)
class CancelByIds:
    """DELETE /smartorders/cancelByIds: numeric ids, then client order ids, each answered in order."""

    order_ids: tuple[str, ...] = ()
    client_order_ids: tuple[str, ...] = ()


def query_params(pairs: Sequence[tuple[str, str]], allowed: frozenset[str]) -> dict[str, str]:
    """Query parameters by name; an unknown or repeated name is a 400."""
    params: dict[str, str] = {}
    for name, value in pairs:
        if name not in allowed:
            raise invalid(name, "unknown query parameter")
        if name in params:
            raise invalid(name, "given more than once")
        params[name] = value
    return params


def integer(name: str, text: str, low: int, high: int) -> int:
    """A base-10 integer from `low` to `high`, written with digits only."""
    if not _UNSIGNED.fullmatch(text) or not low <= int(text) <= high:
        raise invalid(name, f"'{text}' is not an integer from {low} to {high}")
    return int(text)


def _query_boolean(name: str, text: str) -> bool:
    if text not in ("true", "false"):
        raise invalid(name, f"'{text}' is not 'true' or 'false'")
    return text == "true"


def _comma_list(name: str, text: str, values: tuple[str, ...]) -> frozenset[str]:
    items = text.split(",")
    for item in items:
        if item not in values:
            raise invalid(name, f"'{item}' is not one of {', '.join(values)} (comma-separated)")
    return frozenset(items)


def parse_list_limit(pairs: Sequence[tuple[str, str]]) -> int | None:
    """GET /smartorders: the optional `limit` (1 and up)."""
    params = query_params(pairs, frozenset({"limit"}))
    return integer("limit", params["limit"], 1, INT32_MAX) if "limit" in params else None


_HISTORY_KEYS = frozenset(
    {
        "accountType",
        "type",
        "side",
        "symbol",
        "from",
        "direction",
        "states",
        "limit",
        "hideCancel",
        "startTime",
        "endTime",
    }
)


def parse_history(pairs: Sequence[tuple[str, str]]) -> HistoryQuery:
    """GET /smartorders/history: every filter checked; `direction` without `from` has nothing to page from."""
    params = query_params(pairs, _HISTORY_KEYS)
    symbol_text = params.get("symbol")
    if symbol_text is not None and not SYMBOL.fullmatch(symbol_text):
        raise invalid("symbol", f"'{symbol_text}' is not a symbol like BTC_USDT", INVALID_SYMBOL)
    from_text = params.get("from")
    return HistoryQuery(
        account_type=_opt_enum(params, "accountType", ACCOUNT_TYPES, INVALID_ACCOUNT_TYPE),
        types=_comma_list("type", params["type"], SMART_TYPES) if "type" in params else None,
        side=_opt_enum(params, "side", SIDES),
        symbol=symbol_text,
        from_id=int(order_id("from", from_text)) if from_text is not None else None,
        direction=_opt_enum(params, "direction", DIRECTIONS) or "NEXT",
        states=_comma_list("states", params["states"], HISTORY_STATES) if "states" in params else None,
        limit=integer("limit", params["limit"], 1, INT32_MAX) if "limit" in params else 100,
        hide_cancel=_query_boolean("hideCancel", params["hideCancel"]) if "hideCancel" in params else False,
        start_time=integer("startTime", params["startTime"], 0, JSON_SAFE_MAX) if "startTime" in params else None,
        end_time=integer("endTime", params["endTime"], 0, JSON_SAFE_MAX) if "endTime" in params else None,
    )


def _opt_enum(params: dict[str, str], name: str, values: tuple[str, ...], code: int | None = None) -> str | None:
    if name not in params:
        return None
    parse = enum(values) if code is None else enum(values, code)
    return parse(name, params[name])


def _string_list(name: str, raw: object, parse: Callable[[str, object], str], max_items: int | None) -> tuple[str, ...]:
    if not isinstance(raw, list):
        raise invalid(name, "a JSON array is expected")
    if max_items is not None and len(raw) > max_items:
        raise invalid(name, f"at most {max_items} items")
    return tuple(parse(f"{name}[{index}]", item) for index, item in enumerate(raw))


def parse_cancel_by_ids(raw: object) -> CancelByIds:
    """The cancelByIds body (required); client order ids come without the `cid:` prefix."""
    if raw is NO_BODY:
        raise missing("request body")
    body = json_object(raw)
    reject_unknown(body, frozenset({"orderIds", "clientOrderIds"}))
    order_ids = optional(body, "orderIds", lambda n, v: _string_list(n, v, order_id, MAX_IDS))
    client_ids = optional(body, "clientOrderIds", lambda n, v: _string_list(n, v, client_order_id, MAX_IDS))
    return CancelByIds(order_ids=order_ids or (), client_order_ids=client_ids or ())


def parse_cancel_all(raw: object) -> CancelAllFilter:
    """The optional cancel-all body; NO_BODY cancels every open smart order of the account."""
    if raw is NO_BODY:
        return CancelAllFilter()
    body = json_object(raw)
    reject_unknown(body, frozenset({"symbols", "accountTypes", "orderTypes"}))

    def as_filter(name: str, parse: Callable[[str, object], str]) -> frozenset[str] | None:
        items = optional(body, name, lambda n, v: _string_list(n, v, parse, None))
        if items is not None and not items:  # an empty filter must not widen to "cancel everything"
            raise invalid(name, "at least one item is expected")
        return frozenset(items) if items else None

    return CancelAllFilter(
        symbols=as_filter("symbols", symbol),
        account_types=as_filter("accountTypes", enum(ACCOUNT_TYPES, INVALID_ACCOUNT_TYPE)),
        order_types=as_filter("orderTypes", enum(SMART_TYPES)),
    )


def parse_price_update(raw: object) -> tuple[str, Decimal]:
    """The sandbox-only POST /sandbox/prices body `{"symbol": "BTC_USDT", "price": "60000"}`."""
    if raw is NO_BODY:
        raise missing("request body")
    body = json_object(raw)
    reject_unknown(body, frozenset({"symbol", "price"}))
    if "symbol" not in body:
        raise missing("symbol")
    if "price" not in body:
        raise missing("price")
    return symbol("symbol", body["symbol"]), decimal(positive=True)("price", body["price"])
