from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.smart_order_type import SmartOrderType, check_smart_order_type
from ..models.time_in_force import TimeInForce, check_time_in_force
from ..types import UNSET, Unset

T = TypeVar("T", bound="CancelReplaceSmartOrderRequest")


@_attrs_define
class CancelReplaceSmartOrderRequest:
    """
    Attributes:
        price (str | Unset): A plain decimal string greater than 0 (no sign, no exponent). Example: 40000.50.
        stop_price (str | Unset): A plain decimal string greater than 0 (no sign, no exponent). Example: 40000.50.
        quantity (str | Unset): A plain decimal string greater than 0 (no sign, no exponent). Example: 40000.50.
        amount (str | Unset): A plain decimal string greater than 0 (no sign, no exponent). Example: 40000.50.
        type_ (SmartOrderType | Unset): STOP triggers a MARKET order; STOP_LIMIT a LIMIT order at `price`; trailing
            types follow the price.
        time_in_force (TimeInForce | Unset):
        client_order_id (str | Unset): A client order id, 1 to 64 characters of letters, digits, `_` and `-`. It is
            unique among the account's
            open orders only: it is freed when its order leaves the open set (triggers, is cancelled, fails or
            expires), and can then be used again. `GET /smartorders/cid:<id>` answers the newest order that carries it.
             Example: 1234Abc.
        proceed_on_failure (bool | Unset): Place the new order even when cancelling the old one fails. Default: False.
    """

    price: str | Unset = UNSET
    stop_price: str | Unset = UNSET
    quantity: str | Unset = UNSET
    amount: str | Unset = UNSET
    type_: SmartOrderType | Unset = UNSET
    time_in_force: TimeInForce | Unset = UNSET
    client_order_id: str | Unset = UNSET
    proceed_on_failure: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        price = self.price

        stop_price = self.stop_price

        quantity = self.quantity

        amount = self.amount

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        time_in_force: str | Unset = UNSET
        if not isinstance(self.time_in_force, Unset):
            time_in_force = self.time_in_force

        client_order_id = self.client_order_id

        proceed_on_failure = self.proceed_on_failure

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if price is not UNSET:
            field_dict["price"] = price
        if stop_price is not UNSET:
            field_dict["stopPrice"] = stop_price
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if amount is not UNSET:
            field_dict["amount"] = amount
        if type_ is not UNSET:
            field_dict["type"] = type_
        if time_in_force is not UNSET:
            field_dict["timeInForce"] = time_in_force
        if client_order_id is not UNSET:
            field_dict["clientOrderId"] = client_order_id
        if proceed_on_failure is not UNSET:
            field_dict["proceedOnFailure"] = proceed_on_failure

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        price = d.pop("price", UNSET)
        if price is not UNSET and type(price) is not str:
            raise TypeError(
                f"field 'price' must be a string, got {type(price).__name__}"
            )

        stop_price = d.pop("stopPrice", UNSET)
        if stop_price is not UNSET and type(stop_price) is not str:
            raise TypeError(
                f"field 'stopPrice' must be a string, got {type(stop_price).__name__}"
            )

        quantity = d.pop("quantity", UNSET)
        if quantity is not UNSET and type(quantity) is not str:
            raise TypeError(
                f"field 'quantity' must be a string, got {type(quantity).__name__}"
            )

        amount = d.pop("amount", UNSET)
        if amount is not UNSET and type(amount) is not str:
            raise TypeError(
                f"field 'amount' must be a string, got {type(amount).__name__}"
            )

        _type_ = d.pop("type", UNSET)
        type_: SmartOrderType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_smart_order_type(_type_)

        _time_in_force = d.pop("timeInForce", UNSET)
        time_in_force: TimeInForce | Unset
        if isinstance(_time_in_force, Unset):
            time_in_force = UNSET
        else:
            time_in_force = check_time_in_force(_time_in_force)

        client_order_id = d.pop("clientOrderId", UNSET)
        if client_order_id is not UNSET and type(client_order_id) is not str:
            raise TypeError(
                f"field 'clientOrderId' must be a string, got {type(client_order_id).__name__}"
            )

        proceed_on_failure = d.pop("proceedOnFailure", UNSET)
        if proceed_on_failure is not UNSET and type(proceed_on_failure) is not bool:
            raise TypeError(
                f"field 'proceedOnFailure' must be true or false, got {type(proceed_on_failure).__name__}"
            )

        cancel_replace_smart_order_request = cls(
            price,
            stop_price,
            quantity,
            amount,
            type_,
            time_in_force,
            client_order_id,
            proceed_on_failure,
        )

        return cancel_replace_smart_order_request

    def __repr__(self) -> str:
        shown: list[str] = []
        if not isinstance(self.price, Unset):
            shown.append(f"price={self.price!r}")
        if not isinstance(self.stop_price, Unset):
            shown.append(f"stop_price={self.stop_price!r}")
        if not isinstance(self.quantity, Unset):
            shown.append(f"quantity={self.quantity!r}")
        if not isinstance(self.amount, Unset):
            shown.append(f"amount={self.amount!r}")
        if not isinstance(self.type_, Unset):
            shown.append(f"type_={self.type_!r}")
        if not isinstance(self.time_in_force, Unset):
            shown.append(f"time_in_force={self.time_in_force!r}")
        if not isinstance(self.client_order_id, Unset):
            shown.append(f"client_order_id={self.client_order_id!r}")
        if not isinstance(self.proceed_on_failure, Unset):
            shown.append(f"proceed_on_failure={self.proceed_on_failure!r}")
        return f"CancelReplaceSmartOrderRequest({', '.join(shown)})"
