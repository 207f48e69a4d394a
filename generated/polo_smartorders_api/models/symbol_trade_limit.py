from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, decimal_of, decimal_text

T = TypeVar("T", bound="SymbolTradeLimit")


@_attrs_define
class SymbolTradeLimit:
    """The rules an order on the market must obey. A price (`price`, and `stopPrice`, which is a price too: the
    sources name no separate scale for it) has at most `priceScale` decimals (else 21335), a `quantity` at most
    `quantityScale` (21336) and an `amount` at most `amountScale` (21337); a quantity below `minQuantity` is
    refused (21330), and so is an amount below `minAmount` (21322). Trailing zeros are not decimals: the
    exchange's own docs send "40000.50000" to a market of 2 decimals (no source says more; decision). A scale
    is at most 38: an amount sent is at most 40 characters ("0." and 38 decimals; decision).

        Attributes:
            symbol (str):  Example: BTC_USDT.
            price_scale (int): The most decimals a price may have. Example: 2.
            quantity_scale (int): The most decimals a quantity (base units) may have. Example: 6.
            amount_scale (int): The most decimals an amount (quote units) may have. Example: 2.
            min_quantity (Decimal): The smallest quantity an order may have, in base units.
            min_amount (Decimal): The smallest amount an order may have, in quote units.
            highest_bid (Decimal | Unset): The highest price a buy order may have; "0" when there is no such bound (the
                usual answer). Optional
                here: the sources show it on every market, but a client reading the rules has no need of it.
            lowest_ask (Decimal | Unset): The lowest price a sell order may have; "0" when there is no such bound. Optional,
                as highestBid.
    """

    symbol: str
    price_scale: int
    quantity_scale: int
    amount_scale: int
    min_quantity: Decimal
    min_amount: Decimal
    highest_bid: Decimal | Unset = UNSET
    lowest_ask: Decimal | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        symbol = self.symbol

        price_scale = self.price_scale

        quantity_scale = self.quantity_scale

        amount_scale = self.amount_scale

        min_quantity = decimal_text(self.min_quantity)

        min_amount = decimal_text(self.min_amount)

        highest_bid: str | Unset = UNSET
        if not isinstance(self.highest_bid, Unset):
            highest_bid = decimal_text(self.highest_bid)

        lowest_ask: str | Unset = UNSET
        if not isinstance(self.lowest_ask, Unset):
            lowest_ask = decimal_text(self.lowest_ask)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "symbol": symbol,
                "priceScale": price_scale,
                "quantityScale": quantity_scale,
                "amountScale": amount_scale,
                "minQuantity": min_quantity,
                "minAmount": min_amount,
            }
        )
        if highest_bid is not UNSET:
            field_dict["highestBid"] = highest_bid
        if lowest_ask is not UNSET:
            field_dict["lowestAsk"] = lowest_ask

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        symbol = d.pop("symbol")
        if type(symbol) is not str:
            raise TypeError(
                f"field 'symbol' must be a string, got {type(symbol).__name__}"
            )

        price_scale = d.pop("priceScale")
        if type(price_scale) is not int:
            raise TypeError(
                f"field 'priceScale' must be an integer, got {type(price_scale).__name__}"
            )

        quantity_scale = d.pop("quantityScale")
        if type(quantity_scale) is not int:
            raise TypeError(
                f"field 'quantityScale' must be an integer, got {type(quantity_scale).__name__}"
            )

        amount_scale = d.pop("amountScale")
        if type(amount_scale) is not int:
            raise TypeError(
                f"field 'amountScale' must be an integer, got {type(amount_scale).__name__}"
            )

        min_quantity = decimal_of(d.pop("minQuantity"), "minQuantity", "Decimal")

        min_amount = decimal_of(d.pop("minAmount"), "minAmount", "Decimal")

        _highest_bid = d.pop("highestBid", UNSET)
        highest_bid = (
            UNSET
            if isinstance(_highest_bid, Unset)
            else decimal_of(_highest_bid, "highestBid", "Decimal")
        )

        _lowest_ask = d.pop("lowestAsk", UNSET)
        lowest_ask = (
            UNSET
            if isinstance(_lowest_ask, Unset)
            else decimal_of(_lowest_ask, "lowestAsk", "Decimal")
        )

        symbol_trade_limit = cls(
            symbol,
            price_scale,
            quantity_scale,
            amount_scale,
            min_quantity,
            min_amount,
            highest_bid,
            lowest_ask,
        )

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional = prop_dict

            additional_properties[prop_name] = additional

        symbol_trade_limit.additional_properties = additional_properties
        return symbol_trade_limit

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
        shown.append(f"price_scale={self.price_scale!r}")
        shown.append(f"quantity_scale={self.quantity_scale!r}")
        shown.append(f"amount_scale={self.amount_scale!r}")
        shown.append(f"min_quantity={self.min_quantity!r}")
        shown.append(f"min_amount={self.min_amount!r}")
        if not isinstance(self.highest_bid, Unset):
            shown.append(f"highest_bid={self.highest_bid!r}")
        if not isinstance(self.lowest_ask, Unset):
            shown.append(f"lowest_ask={self.lowest_ask!r}")
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"SymbolTradeLimit({', '.join(shown)})"
