from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CancelSmartOrdersByIdsRequest")


@_attrs_define
class CancelSmartOrdersByIdsRequest:
    """
    Attributes:
        order_ids (list[str] | Unset):
        client_order_ids (list[str] | Unset): Client order ids without the `cid:` prefix.
    """

    order_ids: list[str] | Unset = UNSET
    client_order_ids: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        order_ids: list[str] | Unset = UNSET
        if not isinstance(self.order_ids, Unset):
            order_ids = self.order_ids

        client_order_ids: list[str] | Unset = UNSET
        if not isinstance(self.client_order_ids, Unset):
            client_order_ids = self.client_order_ids

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if order_ids is not UNSET:
            field_dict["orderIds"] = order_ids
        if client_order_ids is not UNSET:
            field_dict["clientOrderIds"] = client_order_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _order_ids = d.pop("orderIds", UNSET)
        order_ids: list[str] | Unset = UNSET
        if _order_ids is not UNSET:
            order_ids = []
            for order_ids_item_data in _order_ids:
                order_ids_item = order_ids_item_data
                if type(order_ids_item) is not str:
                    raise TypeError(
                        f"field 'orderIds_item' must be a string, got {type(order_ids_item).__name__}"
                    )

                order_ids.append(order_ids_item)

        _client_order_ids = d.pop("clientOrderIds", UNSET)
        client_order_ids: list[str] | Unset = UNSET
        if _client_order_ids is not UNSET:
            client_order_ids = []
            for client_order_ids_item_data in _client_order_ids:
                client_order_ids_item = client_order_ids_item_data
                if type(client_order_ids_item) is not str:
                    raise TypeError(
                        f"field 'clientOrderIds_item' must be a string, got {type(client_order_ids_item).__name__}"
                    )

                client_order_ids.append(client_order_ids_item)

        cancel_smart_orders_by_ids_request = cls(
            order_ids,
            client_order_ids,
        )

        return cancel_smart_orders_by_ids_request

    def __repr__(self) -> str:
        shown: list[str] = []
        if not isinstance(self.order_ids, Unset):
            shown.append(f"order_ids={self.order_ids!r}")
        if not isinstance(self.client_order_ids, Unset):
            shown.append(f"client_order_ids={self.client_order_ids!r}")
        return f"CancelSmartOrdersByIdsRequest({', '.join(shown)})"
