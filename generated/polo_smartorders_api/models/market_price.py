from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import decimal_of, decimal_text

T = TypeVar("T", bound="MarketPrice")


@_attrs_define
class MarketPrice:
    """The latest trade price of a market. Public data, `GET /markets/{symbol}/price`.

    Attributes:
        symbol (str):  Example: BTC_USDT.
        price (Decimal): The price of the latest trade, in quote units.
        time (int): When the price was last updated (the latest trade), in milliseconds since the epoch; `ts` is the
            answer's
            own time. The sources give both as JSON integers (not strings), as this spec does.
        daily_change (Decimal): The change over the last 24 hours as a fraction of the price 24 hours ago ("-0.0046" is
            -0.46 %).
        ts (int): When the exchange produced this answer, in milliseconds since the epoch.
    """

    symbol: str
    price: Decimal
    time: int
    daily_change: Decimal
    ts: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        symbol = self.symbol

        price = decimal_text(self.price)

        time = self.time

        daily_change = decimal_text(self.daily_change)

        ts = self.ts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "symbol": symbol,
                "price": price,
                "time": time,
                "dailyChange": daily_change,
                "ts": ts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        symbol = d.pop("symbol")
        if type(symbol) is not str:
            raise TypeError(
                f"field 'symbol' must be a string, got {type(symbol).__name__}"
            )

        price = decimal_of(d.pop("price"), "price", "Decimal")

        time = d.pop("time")
        if type(time) is not int:
            raise TypeError(
                f"field 'time' must be an integer, got {type(time).__name__}"
            )

        daily_change = decimal_of(d.pop("dailyChange"), "dailyChange", "SignedDecimal")

        ts = d.pop("ts")
        if type(ts) is not int:
            raise TypeError(f"field 'ts' must be an integer, got {type(ts).__name__}")

        market_price = cls(
            symbol,
            price,
            time,
            daily_change,
            ts,
        )

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional = prop_dict

            additional_properties[prop_name] = additional

        market_price.additional_properties = additional_properties
        return market_price

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
        shown.append(f"price={self.price!r}")
        shown.append(f"time={self.time!r}")
        shown.append(f"daily_change={self.daily_change!r}")
        shown.append(f"ts={self.ts!r}")
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"MarketPrice({', '.join(shown)})"
