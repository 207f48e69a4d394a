from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CrossMargin")


@_attrs_define
class CrossMargin:
    """Whether the market trades on cross margin. Optional in a Market: a client reading the trading rules has no
    need of it, so a market answered without it still parses.

        Attributes:
            support_cross_margin (bool):
            max_leverage (int):  Example: 3.
    """

    support_cross_margin: bool
    max_leverage: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        support_cross_margin = self.support_cross_margin

        max_leverage = self.max_leverage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "supportCrossMargin": support_cross_margin,
                "maxLeverage": max_leverage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        support_cross_margin = d.pop("supportCrossMargin")
        if type(support_cross_margin) is not bool:
            raise TypeError(
                f"field 'supportCrossMargin' must be true or false, got {type(support_cross_margin).__name__}"
            )

        max_leverage = d.pop("maxLeverage")
        if type(max_leverage) is not int:
            raise TypeError(
                f"field 'maxLeverage' must be an integer, got {type(max_leverage).__name__}"
            )

        cross_margin = cls(
            support_cross_margin,
            max_leverage,
        )

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional = prop_dict

            additional_properties[prop_name] = additional

        cross_margin.additional_properties = additional_properties
        return cross_margin

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
        shown.append(f"support_cross_margin={self.support_cross_margin!r}")
        shown.append(f"max_leverage={self.max_leverage!r}")
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"CrossMargin({', '.join(shown)})"
