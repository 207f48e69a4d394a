from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Market")


@_attrs_define
class Market:
    """A spot market (symbol) and its trading rules. Public data: `GET /markets`, `GET /markets/{symbol}`.
    Sources: the exchange's v3 docs (reference data: symbol information), the official Java SDK's models, ccxt's
    poloniex module, gocryptotrader and a Julia client; they agree on the fields below.

        Attributes:
            symbol (str):  Example: BTC_USDT.
            base_currency_name (str): The base currency, the unit of `quantity`. Example: BTC.
            quote_currency_name (str): The quote currency, the unit of `amount` and of prices. Example: USDT.
            display_name (str):  Example: BTC/USDT.
            state (str): Known values: NORMAL (trading), PAUSE (not trading: orders are refused with 10041), POST_ONLY (only
                orders that rest on the book). An open string: the exchange may add states, and a client must not fail
                on one it does not know.
                 Example: NORMAL.
            visible_start_time (int): When the market became visible, in milliseconds since the epoch.
            tradable_start_time (int): When the market opened for trading, in milliseconds since the epoch.
            symbol_trade_limit (SymbolTradeLimit): The rules an order on the market must obey. A price (`price`, and
                `stopPrice`, which is a price too: the
                sources name no separate scale for it) has at most `priceScale` decimals (else 21335), a `quantity` at most
                `quantityScale` (21336) and an `amount` at most `amountScale` (21337); a quantity below `minQuantity` is
                refused (21330), and so is an amount below `minAmount` (21322). Trailing zeros are not decimals: the
                exchange's own docs send "40000.50000" to a market of 2 decimals (no source says more; decision). A scale
                is at most 38: an amount sent is at most 40 characters ("0." and 38 decimals; decision).
            cross_margin (CrossMargin | Unset): Whether the market trades on cross margin. Optional in a Market: a client
                reading the trading rules has no
                need of it, so a market answered without it still parses.
    """

    symbol: str
    base_currency_name: str
    quote_currency_name: str
    display_name: str
    state: str
    visible_start_time: int
    tradable_start_time: int
    symbol_trade_limit: SymbolTradeLimit
    cross_margin: CrossMargin | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        symbol = self.symbol

        base_currency_name = self.base_currency_name

        quote_currency_name = self.quote_currency_name

        display_name = self.display_name

        state = self.state

        visible_start_time = self.visible_start_time

        tradable_start_time = self.tradable_start_time

        symbol_trade_limit = self.symbol_trade_limit.to_dict()

        cross_margin: dict[str, Any] | Unset = UNSET
        if not isinstance(self.cross_margin, Unset):
            cross_margin = self.cross_margin.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "symbol": symbol,
                "baseCurrencyName": base_currency_name,
                "quoteCurrencyName": quote_currency_name,
                "displayName": display_name,
                "state": state,
                "visibleStartTime": visible_start_time,
                "tradableStartTime": tradable_start_time,
                "symbolTradeLimit": symbol_trade_limit,
            }
        )
        if cross_margin is not UNSET:
            field_dict["crossMargin"] = cross_margin

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        symbol = d.pop("symbol")
        if type(symbol) is not str:
            raise TypeError(
                f"field 'symbol' must be a string, got {type(symbol).__name__}"
            )

        base_currency_name = d.pop("baseCurrencyName")
        if type(base_currency_name) is not str:
            raise TypeError(
                f"field 'baseCurrencyName' must be a string, got {type(base_currency_name).__name__}"
            )

        quote_currency_name = d.pop("quoteCurrencyName")
        if type(quote_currency_name) is not str:
            raise TypeError(
                f"field 'quoteCurrencyName' must be a string, got {type(quote_currency_name).__name__}"
            )

        display_name = d.pop("displayName")
        if type(display_name) is not str:
            raise TypeError(
                f"field 'displayName' must be a string, got {type(display_name).__name__}"
            )

        state = d.pop("state")
        if type(state) is not str:
            raise TypeError(
                f"field 'state' must be a string, got {type(state).__name__}"
            )

        visible_start_time = d.pop("visibleStartTime")
        if type(visible_start_time) is not int:
            raise TypeError(
                f"field 'visibleStartTime' must be an integer, got {type(visible_start_time).__name__}"
            )

        tradable_start_time = d.pop("tradableStartTime")
        if type(tradable_start_time) is not int:
            raise TypeError(
                f"field 'tradableStartTime' must be an integer, got {type(tradable_start_time).__name__}"
            )

        symbol_trade_limit = SymbolTradeLimit.from_dict(d.pop("symbolTradeLimit"))

        _cross_margin = d.pop("crossMargin", UNSET)
        cross_margin: CrossMargin | Unset
        if isinstance(_cross_margin, Unset):
            cross_margin = UNSET
        else:
            cross_margin = CrossMargin.from_dict(_cross_margin)

        market = cls(
            symbol,
            base_currency_name,
            quote_currency_name,
            display_name,
            state,
            visible_start_time,
            tradable_start_time,
            symbol_trade_limit,
            cross_margin,
        )

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional = prop_dict

            additional_properties[prop_name] = additional

        market.additional_properties = additional_properties
        return market

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

    def __repr__(self) -> str:
        shown: list[str] = []
        shown.append(f"symbol={self.symbol!r}")
        shown.append(f"base_currency_name={self.base_currency_name!r}")
        shown.append(f"quote_currency_name={self.quote_currency_name!r}")
        shown.append(f"display_name={self.display_name!r}")
        shown.append(f"state={self.state!r}")
        shown.append(f"visible_start_time={self.visible_start_time!r}")
        shown.append(f"tradable_start_time={self.tradable_start_time!r}")
        shown.append(f"symbol_trade_limit={self.symbol_trade_limit!r}")
        if not isinstance(self.cross_margin, Unset):
            shown.append(f"cross_margin={self.cross_margin!r}")
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"Market({', '.join(shown)})"


from ..models.cross_margin import CrossMargin
from ..models.symbol_trade_limit import SymbolTradeLimit
