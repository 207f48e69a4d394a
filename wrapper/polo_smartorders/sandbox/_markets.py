"""The markets a sandbox trades and their trading rules: one table, served by GET /markets and enforced on orders.

A `Market` is the spec's Market (symbol, state, symbolTradeLimit, crossMargin) as a typed, checked record. The
sandbox refuses an order that breaks its market's rules with the exchange's codes (the spec's x-error-codes): a price
or stop price with more decimals than `priceScale` (21335), a quantity past `quantityScale` (21336) or below
`minQuantity` (21330), an amount past `amountScale` (21337) or below `minAmount` (21322), a market in `PAUSE` (10041).
Decimals are counted without trailing zeros (`"40000.50000"` has one, as the exchange's own docs send it for a
2-decimal market).

`DEFAULT_MARKETS` holds realistic rules. BTC_USDT, LTC_USDT, SOL_USDT, XRP_USDT, ADA_USDT and TRX_USDT are the
exchange's own, as its GET /markets answered them (kept in ccxt's static test data); the others are estimates in
the same pattern (a price's decimals fall as the price rises; USDT markets take at least 1 USDT).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .._markets import decimals
from .._rules import ERROR_CODES, schema
from ._errors import (
    AMOUNT_SCALE,
    BELOW_MIN_AMOUNT,
    BELOW_MIN_QUANTITY,
    MARKET_PAUSED,
    PRICE_SCALE,
    QUANTITY_SCALE,
    SandboxError,
)
from ._spec import SYMBOL, valid
from ._validation import OrderSpec
from ._wire import fmt

ZERO = Decimal(0)
#: When the exchange's spot markets were listed on its v3 API (their visibleStartTime): the default for a market's.
LISTED_MS = 1659018819512
#: The most decimals a scale may allow: the spec's maximum for SymbolTradeLimit's scales (the least of the three).
MAX_SCALE: int = min(
    schema("SymbolTradeLimit", "properties", wire)["maximum"] for wire in ("priceScale", "quantityScale", "amountScale")
)
#: A market's state when it trades normally; PAUSE refuses every order (10041). POST_ONLY is accepted and, like any
#: state the exchange may add, refuses nothing here: smart orders never rest on the book.
NORMAL = "NORMAL"
PAUSE = "PAUSE"
_AMOUNTS = ("min_quantity", "min_amount", "highest_bid", "lowest_ask")


@dataclass(frozen=True)
class Market:
    """One market and its trading rules, as GET /markets answers them (`to_json`, `from_json`).

    Amounts are Decimal (a str is taken too, exactly); the base and quote currencies come from the symbol.
    """

    symbol: str
    price_scale: int
    quantity_scale: int
    amount_scale: int
    min_quantity: Decimal
    min_amount: Decimal
    state: str = NORMAL
    highest_bid: Decimal = ZERO
    """The highest price a buy may have; 0: no bound (what the exchange answers). Served, not enforced."""
    lowest_ask: Decimal = ZERO
    """The lowest price a sell may have; 0: no bound. Served, not enforced."""
    cross_margin: bool = False
    max_leverage: int = 1
    visible_start_time: int = LISTED_MS
    tradable_start_time: int = LISTED_MS

    def __post_init__(self) -> None:
        if not isinstance(self.symbol, str) or not valid(SYMBOL, self.symbol):
            raise ValueError(f"market symbol {self.symbol!r}: must be BASE_QUOTE in capital letters and digits")
        for name in ("price_scale", "quantity_scale", "amount_scale"):
            scale = getattr(self, name)
            if isinstance(scale, bool) or not isinstance(scale, int) or not 0 <= scale <= MAX_SCALE:
                raise ValueError(f"market {self.symbol} {name}: must be an int from 0 to {MAX_SCALE}, got {scale!r}")
        for name in _AMOUNTS:
            object.__setattr__(self, name, _amount(f"market {self.symbol} {name}", getattr(self, name)))
        if not isinstance(self.state, str) or not self.state:
            raise ValueError(f"market {self.symbol} state: must be a non-empty string, got {self.state!r}")
        for name in ("max_leverage", "visible_start_time", "tradable_start_time"):
            number = getattr(self, name)
            if isinstance(number, bool) or not isinstance(number, int) or number < 0:
                raise ValueError(f"market {self.symbol} {name}: must be an int of at least 0, got {number!r}")

    @property
    def base(self) -> str:
        """The base currency (the unit of `quantity`)."""
        return self.symbol.split("_")[0]

    @property
    def quote(self) -> str:
        """The quote currency (the unit of `amount` and of prices)."""
        return self.symbol.split("_")[1]

    def with_state(self, state: str) -> Market:
        """The same market in another state (`"PAUSE"`, `"NORMAL"`, ...)."""
        return replace(self, state=state)

    def check(self, order: OrderSpec) -> None:
        """Refuse (400, the exchange's code) an order that breaks this market's rules; see the module's docstring."""
        if self.state == PAUSE:
            raise _refusal(MARKET_PAUSED, f"{self.symbol} is in state {PAUSE}")
        for name, value in (("price", order.price), ("stopPrice", order.stop_price)):
            self._scale(PRICE_SCALE, name, value, self.price_scale, "priceScale")
        self._scale(QUANTITY_SCALE, "quantity", order.quantity, self.quantity_scale, "quantityScale")
        self._minimum(BELOW_MIN_QUANTITY, "quantity", order.quantity, self.min_quantity, "minQuantity")
        self._scale(AMOUNT_SCALE, "amount", order.amount, self.amount_scale, "amountScale")
        self._minimum(BELOW_MIN_AMOUNT, "amount", order.amount, self.min_amount, "minAmount")

    def check_price(self, name: str, price: Decimal) -> None:
        """Refuse (400, 21335) a market price with more decimals than `priceScale`: the exchange never trades at one,
        so a sandbox moved there would fill orders at prices a live account cannot get."""
        self._scale(PRICE_SCALE, name, price, self.price_scale, "priceScale")

    def _scale(self, code: int, name: str, value: Decimal | None, scale: int, rule: str) -> None:
        if value is not None and decimals(value) > scale:
            raise _refusal(
                code, f"'{name}' {fmt(value)} has {decimals(value)} decimals, {self.symbol} allows {scale} ({rule})"
            )

    def _minimum(self, code: int, name: str, value: Decimal | None, least: Decimal, rule: str) -> None:
        if value is not None and value < least:
            raise _refusal(code, f"'{name}' {fmt(value)} is below {self.symbol}'s {rule} {fmt(least)}")

    def to_json(self) -> dict[str, object]:
        """The spec's Market object."""
        return {
            "symbol": self.symbol,
            "baseCurrencyName": self.base,
            "quoteCurrencyName": self.quote,
            "displayName": f"{self.base}/{self.quote}",
            "state": self.state,
            "visibleStartTime": self.visible_start_time,
            "tradableStartTime": self.tradable_start_time,
            "symbolTradeLimit": {
                "symbol": self.symbol,
                "priceScale": self.price_scale,
                "quantityScale": self.quantity_scale,
                "amountScale": self.amount_scale,
                "minQuantity": fmt(self.min_quantity),
                "minAmount": fmt(self.min_amount),
                "highestBid": fmt(self.highest_bid),
                "lowestAsk": fmt(self.lowest_ask),
            },
            "crossMargin": {"supportCrossMargin": self.cross_margin, "maxLeverage": self.max_leverage},
        }

    @classmethod
    def from_json(cls, raw: object) -> Market:
        """A market from the spec's Market object (as GET /markets answers it: a saved answer of the exchange works).

        `symbol` and `symbolTradeLimit`'s scales and minimums are required; `state` (default NORMAL), the bounds,
        `crossMargin` and the start times are optional; the currency names and displayName follow from the symbol.
        Raises ValueError naming the field when the object is not one.
        """
        market = _object(raw, "market")
        symbol = market.get("symbol")
        where = f"market {symbol}" if isinstance(symbol, str) else "market"
        limits = _object(market.get("symbolTradeLimit"), f"{where} symbolTradeLimit")
        margin = _object(market.get("crossMargin", {}), f"{where} crossMargin")
        optional: dict[str, Any] = {}
        for key, name in (("state", "state"), ("visibleStartTime", "visible_start_time")):
            if key in market:
                optional[name] = market[key]
        if "tradableStartTime" in market:
            optional["tradable_start_time"] = market["tradableStartTime"]
        for key, name in (("highestBid", "highest_bid"), ("lowestAsk", "lowest_ask")):
            if key in limits:
                optional[name] = limits[key]
        if "supportCrossMargin" in margin:
            optional["cross_margin"] = _boolean(margin["supportCrossMargin"], f"{where} supportCrossMargin")
        if "maxLeverage" in margin:
            optional["max_leverage"] = margin["maxLeverage"]
        required = {}
        for key, name in (
            ("priceScale", "price_scale"),
            ("quantityScale", "quantity_scale"),
            ("amountScale", "amount_scale"),
            ("minQuantity", "min_quantity"),
            ("minAmount", "min_amount"),
        ):
            if key not in limits:
                raise ValueError(f"{where} symbolTradeLimit: missing {key}")
            required[name] = limits[key]
        return cls(symbol=symbol, **required, **optional)  # type: ignore[arg-type]  # checked in __post_init__

    @classmethod
    def generic(cls, symbol: str) -> Market:
        """Rules for a market the default table does not know: 8 decimals everywhere and no minimum beyond 0."""
        return cls(symbol, price_scale=8, quantity_scale=8, amount_scale=8, min_quantity=ZERO, min_amount=ZERO)


def _amount(where: str, value: object) -> Decimal:
    """A Decimal (or the exact value of a str or int) that is finite and not negative; never a float."""
    if isinstance(value, bool) or not isinstance(value, Decimal | str | int):
        raise ValueError(f"{where}: must be a Decimal or a decimal string, got {type(value).__name__} {value!r}")
    try:
        number = Decimal(value.strip() if isinstance(value, str) else value)
    except InvalidOperation:
        raise ValueError(f"{where}: must be a decimal, got {value!r}") from None
    if not number.is_finite() or number < 0 or number.adjusted() >= 30 or decimals(number) > MAX_SCALE:
        raise ValueError(
            f"{where}: must be a plain decimal of at least 0 (under 10^30, at most {MAX_SCALE} decimals), got {value!r}"
        )
    return number


def _object(raw: object, what: str) -> Mapping[str, Any]:
    if not isinstance(raw, dict):
        raise ValueError(f"{what}: must be a JSON object, got {type(raw).__name__}")
    return raw


def _boolean(raw: object, what: str) -> bool:
    if not isinstance(raw, bool):
        raise ValueError(f"{what}: must be true or false, got {raw!r}")
    return raw


def _refusal(code: int, detail: str) -> SandboxError:
    """A 400 with the exchange's message for `code` (x-error-codes), then what broke which rule."""
    return SandboxError(400, code, f"{ERROR_CODES[code].message}: {detail}")


def _usdt(symbol: str, price_scale: int, quantity_scale: int, amount_scale: int, min_quantity: str) -> Market:
    return Market(symbol, price_scale, quantity_scale, amount_scale, Decimal(min_quantity), Decimal(1))


def _btc(symbol: str, price_scale: int, quantity_scale: int, min_quantity: str) -> Market:
    return Market(symbol, price_scale, quantity_scale, 8, Decimal(min_quantity), Decimal("0.00001"))


#: The markets a sandbox trades unless told otherwise, and their rules (see the module's docstring for the sources).
DEFAULT_MARKETS: Mapping[str, Market] = MappingProxyType(
    {
        market.symbol: market
        for market in (
            replace(_usdt("BTC_USDT", 2, 6, 2, "0.000001"), cross_margin=True, max_leverage=3),  # the exchange's
            _usdt("ETH_USDT", 2, 6, 2, "0.000001"),
            replace(_usdt("LTC_USDT", 3, 6, 2, "0.000001"), cross_margin=True, max_leverage=3),  # the exchange's
            replace(_usdt("SOL_USDT", 3, 6, 2, "0.000001"), cross_margin=True, max_leverage=3),  # the exchange's
            replace(_usdt("XRP_USDT", 4, 4, 4, "0.0001"), cross_margin=True, max_leverage=3),  # the exchange's
            _usdt("DOT_USDT", 3, 4, 4, "0.0001"),
            _usdt("ADA_USDT", 5, 4, 4, "0.0001"),  # the exchange's
            _usdt("DOGE_USDT", 5, 2, 5, "0.01"),
            replace(_usdt("TRX_USDT", 5, 3, 5, "0.001"), cross_margin=True, max_leverage=3),  # the exchange's
            _usdt("BNB_USDT", 2, 4, 2, "0.0001"),
            _btc("ETH_BTC", 6, 4, "0.0001"),
            _btc("LTC_BTC", 7, 4, "0.001"),
        )
    }
)


def markets_of(symbols: Iterable[str | Market] | None) -> dict[str, Market]:
    """The table a sandbox trades: `DEFAULT_MARKETS` for None; else each Market as given, and each symbol with its
    default rules (`Market.generic` for one the default table does not know). A symbol given twice: the last wins."""
    if symbols is None:
        return dict(DEFAULT_MARKETS)
    if isinstance(symbols, str | Market):
        raise TypeError("symbols: give a list of symbols or Markets, not one")
    table: dict[str, Market] = {}
    for item in symbols:
        if isinstance(item, Market):
            table[item.symbol] = item
        elif isinstance(item, str):
            table[item] = DEFAULT_MARKETS.get(item) or Market.generic(item)
        else:
            raise TypeError(f"symbols: a symbol (str) or a Market expected, got {type(item).__name__}")
    return table


def load_markets(path: str | Path) -> list[Market]:
    """Markets from a JSON file: an array of the spec's Market objects (a saved GET /markets answer), or one object.

    Raises ValueError saying what is wrong (and where) when the file is not that, OSError when it cannot be read."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        raw = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: not JSON ({error.msg} at position {error.pos})") from None
    items = raw if isinstance(raw, list) else [raw]
    if not items:
        raise ValueError(f"{path}: no markets in it")
    try:
        return [Market.from_json(item) for item in items]
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from None
