from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """The body of every non-200 answer. Key on `code`, not only on the HTTP status.

    Attributes:
        code (int): The exchange's error code. The ones with a name (not found, client order id exists, service busy,
            ...)
            are listed with their meaning in this spec's x-error-codes; the exchange may answer others.
             Example: 25004.
        message (str):  Example: Client order id already exists.
    """

    code: int
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
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

        error = cls(
            code,
            message,
        )

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional = prop_dict

            additional_properties[prop_name] = additional

        error.additional_properties = additional_properties
        return error

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
        shown.append(f"code={self.code!r}")
        shown.append(f"message={self.message!r}")
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"Error({', '.join(shown)})"
