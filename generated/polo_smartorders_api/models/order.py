from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import decimal_of, decimal_text

T = TypeVar("T", bound="Order")


@_attrs_define
class Order:
    """The regular order a smart order placed when it triggered.

    Attributes:
        id (str):
        client_order_id (str):
        symbol (str):
        state (str): Known values: PENDING_NEW, NEW, PARTIALLY_FILLED, FILLED, PENDING_CANCEL, PARTIALLY_CANCELED,
            CANCELED,
            REJECTED, EXPIRED, FAILED.
        account_type (str):
        side (str):
        type_ (str): Known values: MARKET, LIMIT, LIMIT_MAKER.
        time_in_force (str):
        quantity (Decimal): An amount or price in an answer, a plain decimal (no sign, no exponent); "0" or empty when
            it does not apply.
        price (Decimal): An amount or price in an answer, a plain decimal (no sign, no exponent); "0" or empty when it
            does not apply.
        avg_price (Decimal): An amount or price in an answer, a plain decimal (no sign, no exponent); "0" or empty when
            it does not apply.
        amount (Decimal): An amount or price in an answer, a plain decimal (no sign, no exponent); "0" or empty when it
            does not apply.
        filled_quantity (Decimal): An amount or price in an answer, a plain decimal (no sign, no exponent); "0" or empty
            when it does not apply.
        filled_amount (Decimal): An amount or price in an answer, a plain decimal (no sign, no exponent); "0" or empty
            when it does not apply.
        create_time (int):
        update_time (int):
    """

    id: str
    client_order_id: str
    symbol: str
    state: str
    account_type: str
    side: str
    type_: str
    time_in_force: str
    quantity: Decimal
    price: Decimal
    avg_price: Decimal
    amount: Decimal
    filled_quantity: Decimal
    filled_amount: Decimal
    create_time: int
    update_time: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        client_order_id = self.client_order_id

        symbol = self.symbol

        state = self.state

        account_type = self.account_type

        side = self.side

        type_ = self.type_

        time_in_force = self.time_in_force

        quantity = decimal_text(self.quantity)

        price = decimal_text(self.price)

        avg_price = decimal_text(self.avg_price)

        amount = decimal_text(self.amount)

        filled_quantity = decimal_text(self.filled_quantity)

        filled_amount = decimal_text(self.filled_amount)

        create_time = self.create_time

        update_time = self.update_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "clientOrderId": client_order_id,
                "symbol": symbol,
                "state": state,
                "accountType": account_type,
                "side": side,
                "type": type_,
                "timeInForce": time_in_force,
                "quantity": quantity,
                "price": price,
                "avgPrice": avg_price,
                "amount": amount,
                "filledQuantity": filled_quantity,
                "filledAmount": filled_amount,
                "createTime": create_time,
                "updateTime": update_time,
            }
        )

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

        symbol = d.pop("symbol")
        if type(symbol) is not str:
            raise TypeError(
                f"field 'symbol' must be a string, got {type(symbol).__name__}"
            )

        state = d.pop("state")
        if type(state) is not str:
            raise TypeError(
                f"field 'state' must be a string, got {type(state).__name__}"
            )

        account_type = d.pop("accountType")
        if type(account_type) is not str:
            raise TypeError(
                f"field 'accountType' must be a string, got {type(account_type).__name__}"
            )

        side = d.pop("side")
        if type(side) is not str:
            raise TypeError(f"field 'side' must be a string, got {type(side).__name__}")

        type_ = d.pop("type")
        if type(type_) is not str:
            raise TypeError(
                f"field 'type' must be a string, got {type(type_).__name__}"
            )

        time_in_force = d.pop("timeInForce")
        if type(time_in_force) is not str:
            raise TypeError(
                f"field 'timeInForce' must be a string, got {type(time_in_force).__name__}"
            )

        quantity = decimal_of(d.pop("quantity"), "quantity", "Decimal")

        price = decimal_of(d.pop("price"), "price", "Decimal")

        avg_price = decimal_of(d.pop("avgPrice"), "avgPrice", "Decimal")

        amount = decimal_of(d.pop("amount"), "amount", "Decimal")

        filled_quantity = decimal_of(
            d.pop("filledQuantity"), "filledQuantity", "Decimal"
        )

        filled_amount = decimal_of(d.pop("filledAmount"), "filledAmount", "Decimal")

        create_time = d.pop("createTime")
        if type(create_time) is not int:
            raise TypeError(
                f"field 'createTime' must be an integer, got {type(create_time).__name__}"
            )

        update_time = d.pop("updateTime")
        if type(update_time) is not int:
            raise TypeError(
                f"field 'updateTime' must be an integer, got {type(update_time).__name__}"
            )

        order = cls(
            id,
            client_order_id,
            symbol,
            state,
            account_type,
            side,
            type_,
            time_in_force,
            quantity,
            price,
            avg_price,
            amount,
            filled_quantity,
            filled_amount,
            create_time,
            update_time,
        )

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional = prop_dict

            additional_properties[prop_name] = additional

        order.additional_properties = additional_properties
        return order

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
        shown.append(f"symbol={self.symbol!r}")
        shown.append(f"state={self.state!r}")
        shown.append(f"account_type={self.account_type!r}")
        shown.append(f"side={self.side!r}")
        shown.append(f"type_={self.type_!r}")
        shown.append(f"time_in_force={self.time_in_force!r}")
        shown.append(f"quantity={self.quantity!r}")
        shown.append(f"price={self.price!r}")
        shown.append(f"avg_price={self.avg_price!r}")
        shown.append(f"amount={self.amount!r}")
        shown.append(f"filled_quantity={self.filled_quantity!r}")
        shown.append(f"filled_amount={self.filled_amount!r}")
        shown.append(f"create_time={self.create_time!r}")
        shown.append(f"update_time={self.update_time!r}")
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"Order({', '.join(shown)})"
