from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CancelReplaceSmartOrderResponse")


@_attrs_define
class CancelReplaceSmartOrderResponse:
    """
    Attributes:
        id (str): The **new** smart order's id. Example: 10000002.
        client_order_id (str): The new order's client order id; empty when none was set. Example: 1234Abc-2.
        code (int | Unset): Present when cancelling the old order failed but the new one was placed (proceedOnFailure).
            Example: 25009.
        message (str | Unset):  Example: Failed to cancel the old order.
    """

    id: str
    client_order_id: str
    code: int | Unset = UNSET
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        client_order_id = self.client_order_id

        code = self.code

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "clientOrderId": client_order_id,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")
        if type(id) is not str:
            raise TypeError(f"field 'id' must be a string, got {type(id).__name__}")

        client_order_id = d.pop("clientOrderId")
        if type(client_order_id) is not str:
            raise TypeError(
                f"field 'clientOrderId' must be a string, got {type(client_order_id).__name__}"
            )

        code = d.pop("code", UNSET)
        if code is not UNSET and type(code) is not int:
            raise TypeError(
                f"field 'code' must be an integer, got {type(code).__name__}"
            )

        message = d.pop("message", UNSET)
        if message is not UNSET and type(message) is not str:
            raise TypeError(
                f"field 'message' must be a string, got {type(message).__name__}"
            )

        cancel_replace_smart_order_response = cls(
            id,
            client_order_id,
            code,
            message,
        )

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional = prop_dict

            additional_properties[prop_name] = additional

        cancel_replace_smart_order_response.additional_properties = (
            additional_properties
        )
        return cancel_replace_smart_order_response

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
        shown.append(f"id={self.id!r}")
        shown.append(f"client_order_id={self.client_order_id!r}")
        if not isinstance(self.code, Unset):
            shown.append(f"code={self.code!r}")
        if not isinstance(self.message, Unset):
            shown.append(f"message={self.message!r}")
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"CancelReplaceSmartOrderResponse({', '.join(shown)})"
