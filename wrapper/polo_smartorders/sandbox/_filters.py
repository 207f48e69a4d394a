"""Parses the order-selecting inputs: list and history queries, cancel-by-ids and cancel-all bodies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ._errors import invalid, missing
from ._parsers import NO_BODY, json_object, price, symbol
from ._spec import assumed, check_body, check_query, query_default


@dataclass(frozen=True)
class HistoryQuery:
    """GET /smartorders/history filters; None means "no filter"."""

    account_type: str | None = None
    types: frozenset[str] | None = None
    side: str | None = None
    symbol: str | None = None
    from_id: int | None = None
    direction: str = assumed("Direction")
    states: frozenset[str] | None = None
    limit: int = query_default("listSmartOrderHistory", "limit")
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


def parse_list_limit(pairs: Sequence[tuple[str, str]]) -> int | None:
    """GET /smartorders: the optional `limit`."""
    limit: int | None = check_query("listSmartOrders", pairs).get("limit")
    return limit


def _set(values: list[str] | None) -> frozenset[str] | None:
    return None if values is None else frozenset(values)


def parse_history(pairs: Sequence[tuple[str, str]]) -> HistoryQuery:
    """GET /smartorders/history: every filter checked against the spec; `direction` defaults to NEXT."""
    params = check_query("listSmartOrderHistory", pairs)
    return HistoryQuery(
        account_type=params.get("accountType"),
        types=_set(params.get("type")),
        side=params.get("side"),
        symbol=params.get("symbol"),
        from_id=int(params["from"]) if "from" in params else None,
        direction=params.get("direction", assumed("Direction")),
        states=_set(params.get("states")),
        limit=params.get("limit", query_default("listSmartOrderHistory", "limit")),
        hide_cancel=params.get("hideCancel", bool(query_default("listSmartOrderHistory", "hideCancel"))),
        start_time=params.get("startTime"),
        end_time=params.get("endTime"),
    )


def parse_cancel_by_ids(raw: object) -> CancelByIds:
    """The cancelByIds body (required); client order ids come without the `cid:` prefix."""
    if raw is NO_BODY:
        raise missing("request body")
    body = check_body("cancelSmartOrdersByIds", json_object(raw))
    return CancelByIds(
        order_ids=tuple(body.get("orderIds", ())), client_order_ids=tuple(body.get("clientOrderIds", ()))
    )


def parse_cancel_all(raw: object) -> CancelAllFilter:
    """The optional cancel-all body; NO_BODY cancels every open smart order of the account.

    The spec refuses an empty filter list, so that it can never widen into "cancel everything"."""
    if raw is NO_BODY:
        return CancelAllFilter()
    body = check_body("cancelAllSmartOrders", json_object(raw))
    return CancelAllFilter(
        symbols=_set(body.get("symbols")),
        account_types=_set(body.get("accountTypes")),
        order_types=_set(body.get("orderTypes")),
    )


def parse_price_update(raw: object) -> tuple[str, Decimal]:
    """The sandbox-only POST /sandbox/prices body `{"symbol": "BTC_USDT", "price": "60000"}` (or `"price": 60000`).

    A JSON number is taken at its written value (fractions are decoded as Decimal, never float), and bounded like a
    string price: at most as long as the spec lets an amount be, written out in plain digits."""
    if raw is NO_BODY:
        raise missing("request body")
    body = json_object(raw)
    for name in body:
        if name not in ("symbol", "price"):
            raise invalid(name, "unknown parameter")
    if "symbol" not in body:
        raise missing("symbol")
    if "price" not in body:
        raise missing("price")
    return symbol("symbol", body["symbol"]), price("price", body["price"])
