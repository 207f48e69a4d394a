"""The public market endpoints as calls (pure, shared by the sync and async resources): unsigned, read-only, each in
its rate-limit group from the spec. A malformed symbol is refused before anything is sent."""

from __future__ import annotations

import functools
from typing import Any

from polo_smartorders_api.api.markets import get_market, get_market_price, list_markets
from polo_smartorders_api.types import Response

from .._exceptions import InvalidResponseError, ValidationError
from .._markets import SCALES
from .._models import Market, MarketPrice
from .._request import Call
from .._rules import operation
from .._schema import compile_check
from .smartorders import _expect, _list

_LIST = operation("listMarkets")
_GET = operation("getMarket")
_PRICE = operation("getMarketPrice")

#: The spec's check of a market's symbol (the path parameter's schema).
_SYMBOL = compile_check(_GET.params["symbol"].schema)
#: How many markets GET /markets/{symbol} answers (the spec's maxItems: one).
_GET_AT_MOST = _GET.answer_max_items


def _in_range(markets: list[Market], operation: str) -> list[Market]:
    """``markets`` whose scales are in the spec's range (minimum, maximum), which the generated models do not check:
    a negative or absurd scale would refuse every order, or pass any."""
    for index, market in enumerate(markets):
        limits = market.symbol_trade_limit.to_dict()
        for wire, check in SCALES.items():
            try:
                check(limits[wire], f"$[{index}].symbolTradeLimit.{wire}")
            except ValidationError as error:
                raise InvalidResponseError(None, f"{operation}: {error}", status_code=200) from None
    return markets


def _markets(response: Response[Any]) -> list[Market]:
    return _in_range(_list(response, "markets"), "markets")


def _one_market(symbol: str, response: Response[Any]) -> Market:
    found = _in_range(_list(response, "market"), "market")
    if not found or (_GET_AT_MOST is not None and len(found) > _GET_AT_MOST):
        raise InvalidResponseError(
            None, f"market: the answer lists {len(found)} markets, exactly one expected", status_code=200
        )
    market: Market = found[0]
    if market.symbol != symbol:  # another market's rules would pass (or refuse) orders by the wrong scales
        raise InvalidResponseError(
            None, f"market: $[0].symbol: expected {symbol!r} (the path's), got {market.symbol[:40]!r}", status_code=200
        )
    return market


def _price(response: Response[Any]) -> MarketPrice:
    return _expect(response, MarketPrice, "market price")


def symbol_of(symbol: object) -> str:
    """A market's symbol, checked by the spec's rule (``BASE_QUOTE``); ValidationError naming ``symbol`` otherwise."""
    checked: str = _SYMBOL(symbol, "symbol")
    return checked


def build_list_markets() -> Call[list[Market]]:
    return Call(_LIST.group, list_markets, {}, _markets, _LIST.kind, signed=_LIST.signed)


def build_get_market(symbol: str) -> Call[Market]:
    symbol = symbol_of(symbol)
    parse = functools.partial(_one_market, symbol)
    return Call(_GET.group, get_market, {"symbol": symbol}, parse, _GET.kind, signed=_GET.signed)


def build_get_market_price(symbol: str) -> Call[MarketPrice]:
    kwargs = {"symbol": symbol_of(symbol)}
    return Call(_PRICE.group, get_market_price, kwargs, _price, _PRICE.kind, signed=_PRICE.signed)
