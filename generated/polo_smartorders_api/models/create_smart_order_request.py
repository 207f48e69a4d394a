from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.account_type import AccountType, check_account_type
from ..models.operator import Operator, check_operator
from ..models.side import Side, check_side
from ..models.smart_order_type import SmartOrderType, check_smart_order_type
from ..models.time_in_force import TimeInForce, check_time_in_force
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateSmartOrderRequest")


@_attrs_define
class CreateSmartOrderRequest:
    """
    Attributes:
        symbol (str): `<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol that is not a market of the exchange is refused with
            code 25019. Example: BTC_USDT.
        side (Side):
        type_ (SmartOrderType | Unset): STOP triggers a MARKET order; STOP_LIMIT a LIMIT order at `price`; trailing
            types follow the price.
        time_in_force (TimeInForce | Unset):
        account_type (AccountType | Unset):
        price (str | Unset): A plain decimal string greater than 0 (no sign, no exponent). Example: 40000.50.
        stop_price (str | Unset): A plain decimal string greater than 0 (no sign, no exponent). Example: 40000.50.
        quantity (str | Unset): A plain decimal string greater than 0 (no sign, no exponent). Example: 40000.50.
        amount (str | Unset): A plain decimal string greater than 0 (no sign, no exponent). Example: 40000.50.
        client_order_id (str | Unset): A client order id, 1 to 64 characters of letters, digits, `_` and `-`. It is
            unique among the account's
            open orders only: it is freed when its order leaves the open set (triggers, is cancelled, fails or
            expires), and can then be used again. `GET /smartorders/cid:<id>` answers the newest order that carries it.
             Example: 1234Abc.
        trailing_offset (str | Unset): A plain decimal, or a decimal followed by `%` for a percentage of the price.
            Example: 1.5%.
        limit_offset (str | Unset): A plain decimal, or a decimal followed by `%` for a percentage of the price.
            Example: 1.5%.
        operator (Operator | Unset): Activation operator of a trailing order.
    """

    symbol: str
    side: Side
    type_: SmartOrderType | Unset = UNSET
    time_in_force: TimeInForce | Unset = UNSET
    account_type: AccountType | Unset = UNSET
    price: str | Unset = UNSET
    stop_price: str | Unset = UNSET
    quantity: str | Unset = UNSET
    amount: str | Unset = UNSET
    client_order_id: str | Unset = UNSET
    trailing_offset: str | Unset = UNSET
    limit_offset: str | Unset = UNSET
    operator: Operator | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        symbol = self.symbol

        side: str = self.side

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        time_in_force: str | Unset = UNSET
        if not isinstance(self.time_in_force, Unset):
            time_in_force = self.time_in_force

        account_type: str | Unset = UNSET
        if not isinstance(self.account_type, Unset):
            account_type = self.account_type

        price = self.price

        stop_price = self.stop_price

        quantity = self.quantity

        amount = self.amount

        client_order_id = self.client_order_id

        trailing_offset = self.trailing_offset

        limit_offset = self.limit_offset

        operator: str | Unset = UNSET
        if not isinstance(self.operator, Unset):
            operator = self.operator

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "symbol": symbol,
                "side": side,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if time_in_force is not UNSET:
            field_dict["timeInForce"] = time_in_force
        if account_type is not UNSET:
            field_dict["accountType"] = account_type
        if price is not UNSET:
            field_dict["price"] = price
        if stop_price is not UNSET:
            field_dict["stopPrice"] = stop_price
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if amount is not UNSET:
            field_dict["amount"] = amount
        if client_order_id is not UNSET:
            field_dict["clientOrderId"] = client_order_id
        if trailing_offset is not UNSET:
            field_dict["trailingOffset"] = trailing_offset
        if limit_offset is not UNSET:
            field_dict["limitOffset"] = limit_offset
        if operator is not UNSET:
            field_dict["operator"] = operator

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        symbol = d.pop("symbol")
        if type(symbol) is not str:
            raise TypeError(
                f"field 'symbol' must be a string, got {type(symbol).__name__}"
            )

        side = check_side(d.pop("side"))

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

        _account_type = d.pop("accountType", UNSET)
        account_type: AccountType | Unset
        if isinstance(_account_type, Unset):
            account_type = UNSET
        else:
            account_type = check_account_type(_account_type)

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

        client_order_id = d.pop("clientOrderId", UNSET)
        if client_order_id is not UNSET and type(client_order_id) is not str:
            raise TypeError(
                f"field 'clientOrderId' must be a string, got {type(client_order_id).__name__}"
            )

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

        _operator = d.pop("operator", UNSET)
        operator: Operator | Unset
        if isinstance(_operator, Unset):
            operator = UNSET
        else:
            operator = check_operator(_operator)

        create_smart_order_request = cls(
            symbol,
            side,
            type_,
            time_in_force,
            account_type,
            price,
            stop_price,
            quantity,
            amount,
            client_order_id,
            trailing_offset,
            limit_offset,
            operator,
        )

        return create_smart_order_request

    def __repr__(self) -> str:
        shown: list[str] = []
        shown.append(f"symbol={self.symbol!r}")
        shown.append(f"side={self.side!r}")
        if not isinstance(self.type_, Unset):
            shown.append(f"type_={self.type_!r}")
        if not isinstance(self.time_in_force, Unset):
            shown.append(f"time_in_force={self.time_in_force!r}")
        if not isinstance(self.account_type, Unset):
            shown.append(f"account_type={self.account_type!r}")
        if not isinstance(self.price, Unset):
            shown.append(f"price={self.price!r}")
        if not isinstance(self.stop_price, Unset):
            shown.append(f"stop_price={self.stop_price!r}")
        if not isinstance(self.quantity, Unset):
            shown.append(f"quantity={self.quantity!r}")
        if not isinstance(self.amount, Unset):
            shown.append(f"amount={self.amount!r}")
        if not isinstance(self.client_order_id, Unset):
            shown.append(f"client_order_id={self.client_order_id!r}")
        if not isinstance(self.trailing_offset, Unset):
            shown.append(f"trailing_offset={self.trailing_offset!r}")
        if not isinstance(self.limit_offset, Unset):
            shown.append(f"limit_offset={self.limit_offset!r}")
        if not isinstance(self.operator, Unset):
            shown.append(f"operator={self.operator!r}")
        return f"CreateSmartOrderRequest({', '.join(shown)})"
