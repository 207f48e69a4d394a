from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CancelResult")


@_attrs_define
class CancelResult:
    """
    Attributes:
        order_id (str):  Example: 10000001.
        client_order_id (str): Empty when none was set. Example: 1234Abc.
        state (str): Known values: CANCELED, PENDING_CANCEL. When the cancel failed (code other than 0/200), the order's
            actual current state, e.g. TRIGGERED, never a state it does not have; empty for an id that matches no
            order (code 25014).
             Example: PENDING_CANCEL.
        code (int): 0 or 200 when the cancel succeeded; an error code otherwise. Example: 200.
        message (str):
    """

    order_id: str
    client_order_id: str
    state: str
    code: int
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_id = self.order_id

        client_order_id = self.client_order_id

        state = self.state

        code = self.code

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "orderId": order_id,
                "clientOrderId": client_order_id,
                "state": state,
                "code": code,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        order_id = d.pop("orderId")
        if type(order_id) is not str:
            raise TypeError(
                f"field 'orderId' must be a string, got {type(order_id).__name__}"
            )

        client_order_id = d.pop("clientOrderId")
        if type(client_order_id) is not str:
            raise TypeError(
                f"field 'clientOrderId' must be a string, got {type(client_order_id).__name__}"
            )

        state = d.pop("state")
        if type(state) is not str:
            raise TypeError(
                f"field 'state' must be a string, got {type(state).__name__}"
            )

        code = d.pop("code")
        if type(code) is not int:
            raise TypeError(
                f"field 'code' must be an integer, got {type(code).__name__}"
            )

        message = d.pop("message")
        if type(message) is not str:
            raise TypeError(
                f"field 'message' must be a string, got {type(message).__name__}"
            )

        cancel_result = cls(
            order_id,
            client_order_id,
            state,
            code,
            message,
        )

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional = prop_dict

            additional_properties[prop_name] = additional

        cancel_result.additional_properties = additional_properties
        return cancel_result

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
        shown.append(f"order_id={self.order_id!r}")
        shown.append(f"client_order_id={self.client_order_id!r}")
        shown.append(f"state={self.state!r}")
        shown.append(f"code={self.code!r}")
        shown.append(f"message={self.message!r}")
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"CancelResult({', '.join(shown)})"
