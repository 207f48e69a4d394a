from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, decimal_of, decimal_text

T = TypeVar("T", bound="SmartOrder")


@_attrs_define
class SmartOrder:
    """
    Attributes:
        id (str):  Example: 10000001.
        client_order_id (str): Empty when none was set.
        symbol (str):  Example: BTC_USDT.
        state (str): Known values: PENDING_NEW, PENDING_CANCEL, CANCELED, REJECTED, EXPIRED, TRIGGERED, FAILED, and in
            history
            also FILLED, PARTIALLY_CANCELED.
             Example: PENDING_NEW.
        account_type (str): Known values: SPOT.
        side (str): Known values: BUY, SELL.
        type_ (str): Known values: STOP, STOP_LIMIT, TRAILING_STOP, TRAILING_STOP_LIMIT.
        time_in_force (str): Known values: GTC, IOC, FOK.
        quantity (Decimal): Base units, a decimal string.
        price (Decimal): Limit price, a decimal string ("0" when none).
        amount (Decimal): Quote units, a decimal string.
        stop_price (Decimal): Trigger price, a decimal string. For trailing types, the current trigger level: the
            activation price
            (or "0" without one) until the order activates, then the trailing stop, which moves with the best price
            (`activationPrice` keeps the activation price sent).
        create_time (int):
        update_time (int): May be 0.
        triggered_order (Order | Unset): The regular order a smart order placed when it triggered.
        trailing_offset (str | Unset):
        limit_offset (str | Unset):
        operator (str | Unset): Known values: GTE, LTE.
        activation_price (Decimal | Unset): An amount or price in an answer, a plain decimal (no sign, no exponent); "0"
            or empty when it does not apply.
        avg_price (Decimal | Unset): An amount or price in an answer, a plain decimal (no sign, no exponent); "0" or
            empty when it does not apply.
        filled_quantity (Decimal | Unset): An amount or price in an answer, a plain decimal (no sign, no exponent); "0"
            or empty when it does not apply.
        filled_amount (Decimal | Unset): An amount or price in an answer, a plain decimal (no sign, no exponent); "0" or
            empty when it does not apply.
        order_source (str | Unset):
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
    amount: Decimal
    stop_price: Decimal
    create_time: int
    update_time: int
    triggered_order: Order | Unset = UNSET
    trailing_offset: str | Unset = UNSET
    limit_offset: str | Unset = UNSET
    operator: str | Unset = UNSET
    activation_price: Decimal | Unset = UNSET
    avg_price: Decimal | Unset = UNSET
    filled_quantity: Decimal | Unset = UNSET
    filled_amount: Decimal | Unset = UNSET
    order_source: str | Unset = UNSET
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

        amount = decimal_text(self.amount)

        stop_price = decimal_text(self.stop_price)

        create_time = self.create_time

        update_time = self.update_time

        triggered_order: dict[str, Any] | Unset = UNSET
        if not isinstance(self.triggered_order, Unset):
            triggered_order = self.triggered_order.to_dict()

        trailing_offset = self.trailing_offset

        limit_offset = self.limit_offset

        operator = self.operator

        activation_price: str | Unset = UNSET
        if not isinstance(self.activation_price, Unset):
            activation_price = decimal_text(self.activation_price)

        avg_price: str | Unset = UNSET
        if not isinstance(self.avg_price, Unset):
            avg_price = decimal_text(self.avg_price)

        filled_quantity: str | Unset = UNSET
        if not isinstance(self.filled_quantity, Unset):
            filled_quantity = decimal_text(self.filled_quantity)

        filled_amount: str | Unset = UNSET
        if not isinstance(self.filled_amount, Unset):
            filled_amount = decimal_text(self.filled_amount)

        order_source = self.order_source

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
                "amount": amount,
                "stopPrice": stop_price,
                "createTime": create_time,
                "updateTime": update_time,
            }
        )
        if triggered_order is not UNSET:
            field_dict["triggeredOrder"] = triggered_order
        if trailing_offset is not UNSET:
            field_dict["trailingOffset"] = trailing_offset
        if limit_offset is not UNSET:
            field_dict["limitOffset"] = limit_offset
        if operator is not UNSET:
            field_dict["operator"] = operator
        if activation_price is not UNSET:
            field_dict["activationPrice"] = activation_price
        if avg_price is not UNSET:
            field_dict["avgPrice"] = avg_price
        if filled_quantity is not UNSET:
            field_dict["filledQuantity"] = filled_quantity
        if filled_amount is not UNSET:
            field_dict["filledAmount"] = filled_amount
        if order_source is not UNSET:
            field_dict["orderSource"] = order_source

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

        amount = decimal_of(d.pop("amount"), "amount", "Decimal")

        stop_price = decimal_of(d.pop("stopPrice"), "stopPrice", "Decimal")

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

        _triggered_order = d.pop("triggeredOrder", UNSET)
        triggered_order: Order | Unset
        if isinstance(_triggered_order, Unset):
            triggered_order = UNSET
        else:
            triggered_order = Order.from_dict(_triggered_order)

        trailing_offset = d.pop("trailingOffset", UNSET)
        if trailing_offset is not UNSET and type(trailing_offset) is not str:
            raise TypeError(
                f"field 'trailingOffset' must be a string, got {type(trailing_offset).__name__}"
            )

        limit_offset = d.pop("limitOffset", UNSET)
        if limit_offset is not UNSET and type(limit_offset) is not str:
            raise TypeError(
                f"field 'limitOffset' must be a string, got {type(limit_offset).__name__}"
            )

        operator = d.pop("operator", UNSET)
        if operator is not UNSET and type(operator) is not str:
            raise TypeError(
                f"field 'operator' must be a string, got {type(operator).__name__}"
            )

        _activation_price = d.pop("activationPrice", UNSET)
        activation_price = (
            UNSET
            if isinstance(_activation_price, Unset)
            else decimal_of(_activation_price, "activationPrice", "Decimal")
        )

        _avg_price = d.pop("avgPrice", UNSET)
        avg_price = (
            UNSET
            if isinstance(_avg_price, Unset)
            else decimal_of(_avg_price, "avgPrice", "Decimal")
        )

        _filled_quantity = d.pop("filledQuantity", UNSET)
        filled_quantity = (
            UNSET
            if isinstance(_filled_quantity, Unset)
            else decimal_of(_filled_quantity, "filledQuantity", "Decimal")
        )

        _filled_amount = d.pop("filledAmount", UNSET)
        filled_amount = (
            UNSET
            if isinstance(_filled_amount, Unset)
            else decimal_of(_filled_amount, "filledAmount", "Decimal")
        )

        order_source = d.pop("orderSource", UNSET)
        if order_source is not UNSET and type(order_source) is not str:
            raise TypeError(
                f"field 'orderSource' must be a string, got {type(order_source).__name__}"
            )

        smart_order = cls(
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
            amount,
            stop_price,
            create_time,
            update_time,
            triggered_order,
            trailing_offset,
            limit_offset,
            operator,
            activation_price,
            avg_price,
            filled_quantity,
            filled_amount,
            order_source,
        )

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional = prop_dict

            additional_properties[prop_name] = additional

        smart_order.additional_properties = additional_properties
        return smart_order

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
        shown.append(f"amount={self.amount!r}")
        shown.append(f"stop_price={self.stop_price!r}")
        shown.append(f"create_time={self.create_time!r}")
        shown.append(f"update_time={self.update_time!r}")
        if not isinstance(self.triggered_order, Unset):
            shown.append(f"triggered_order={self.triggered_order!r}")
        if not isinstance(self.trailing_offset, Unset):
            shown.append(f"trailing_offset={self.trailing_offset!r}")
        if not isinstance(self.limit_offset, Unset):
            shown.append(f"limit_offset={self.limit_offset!r}")
        if not isinstance(self.operator, Unset):
            shown.append(f"operator={self.operator!r}")
        if not isinstance(self.activation_price, Unset):
            shown.append(f"activation_price={self.activation_price!r}")
        if not isinstance(self.avg_price, Unset):
            shown.append(f"avg_price={self.avg_price!r}")
        if not isinstance(self.filled_quantity, Unset):
            shown.append(f"filled_quantity={self.filled_quantity!r}")
        if not isinstance(self.filled_amount, Unset):
            shown.append(f"filled_amount={self.filled_amount!r}")
        if not isinstance(self.order_source, Unset):
            shown.append(f"order_source={self.order_source!r}")
        if self.additional_properties:
            shown.append(f"additional_properties={self.additional_properties!r}")
        return f"SmartOrder({', '.join(shown)})"


from ..models.order import Order
