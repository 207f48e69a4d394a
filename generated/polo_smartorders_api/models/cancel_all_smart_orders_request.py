from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.account_type import AccountType, check_account_type
from ..models.smart_order_type import SmartOrderType, check_smart_order_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="CancelAllSmartOrdersRequest")


@_attrs_define
class CancelAllSmartOrdersRequest:
    """Filters AND together; a filter left out matches everything. An empty list is refused, so that a bug sending one can
    never widen a filtered cancel into "cancel everything".

        Attributes:
            symbols (list[str] | Unset):
            account_types (list[AccountType] | Unset):
            order_types (list[SmartOrderType] | Unset):
    """

    symbols: list[str] | Unset = UNSET
    account_types: list[AccountType] | Unset = UNSET
    order_types: list[SmartOrderType] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        symbols: list[str] | Unset = UNSET
        if not isinstance(self.symbols, Unset):
            symbols = self.symbols

        account_types: list[str] | Unset = UNSET
        if not isinstance(self.account_types, Unset):
            account_types = []
            for account_types_item_data in self.account_types:
                account_types_item: str = account_types_item_data
                account_types.append(account_types_item)

        order_types: list[str] | Unset = UNSET
        if not isinstance(self.order_types, Unset):
            order_types = []
            for order_types_item_data in self.order_types:
                order_types_item: str = order_types_item_data
                order_types.append(order_types_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if symbols is not UNSET:
            field_dict["symbols"] = symbols
        if account_types is not UNSET:
            field_dict["accountTypes"] = account_types
        if order_types is not UNSET:
            field_dict["orderTypes"] = order_types

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _symbols = d.pop("symbols", UNSET)
        symbols: list[str] | Unset = UNSET
        if _symbols is not UNSET:
            symbols = []
            for symbols_item_data in _symbols:
                symbols_item = symbols_item_data
                if type(symbols_item) is not str:
                    raise TypeError(
                        f"field 'symbols_item' must be a string, got {type(symbols_item).__name__}"
                    )

                symbols.append(symbols_item)

        _account_types = d.pop("accountTypes", UNSET)
        account_types: list[AccountType] | Unset = UNSET
        if _account_types is not UNSET:
            account_types = []
            for account_types_item_data in _account_types:
                account_types_item = check_account_type(account_types_item_data)

                account_types.append(account_types_item)

        _order_types = d.pop("orderTypes", UNSET)
        order_types: list[SmartOrderType] | Unset = UNSET
        if _order_types is not UNSET:
            order_types = []
            for order_types_item_data in _order_types:
                order_types_item = check_smart_order_type(order_types_item_data)

                order_types.append(order_types_item)

        cancel_all_smart_orders_request = cls(
            symbols,
            account_types,
            order_types,
        )

        return cancel_all_smart_orders_request

    def __repr__(self) -> str:
        shown: list[str] = []
        if not isinstance(self.symbols, Unset):
            shown.append(f"symbols={self.symbols!r}")
        if not isinstance(self.account_types, Unset):
            shown.append(f"account_types={self.account_types!r}")
        if not isinstance(self.order_types, Unset):
            shown.append(f"order_types={self.order_types!r}")
        return f"CancelAllSmartOrdersRequest({', '.join(shown)})"
