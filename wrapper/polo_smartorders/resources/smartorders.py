"""The smart-order endpoints with the official SDK's method signatures.

Each method validates its arguments and builds a ``Call`` (pure, shared by the sync and async classes); the client
then runs it under the retry rule. Nothing is sent when an argument is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
from polo_smartorders_api.api.smartorders import (
    cancel_all_smart_orders,
    cancel_replace_smart_order,
    cancel_smart_order,
    cancel_smart_orders_by_ids,
    create_smart_order,
    get_smart_order,
    list_smart_order_history,
    list_smart_orders,
)
from polo_smartorders_api.models import (
    AccountType,
    CancelAllSmartOrdersRequest,
    CancelReplaceSmartOrderRequest,
    CancelSmartOrdersByIdsRequest,
    CreateSmartOrderRequest,
    Direction,
    Side,
)
from polo_smartorders_api.models import CancelResult as GeneratedCancelResult
from polo_smartorders_api.types import UNSET, Response

from .. import _ids
from .. import _validation as v
from .._constants import (
    ACCOUNT_TYPES,
    DIRECTIONS,
    HISTORY_STATES,
    OPERATORS,
    SIDES,
    SMART_ORDER_TYPES,
    TIMES_IN_FORCE,
)
from .._exceptions import (
    CancelFailedError,
    InvalidResponseError,
    NotFoundError,
    OldOrderNotCancelledError,
    ValidationError,
)
from .._models import CancelReplaceSmartOrderResponse, CancelResult, CreateSmartOrderResponse, SmartOrder
from .._retry import Call, Kind
from .._validation import Amount

if TYPE_CHECKING:
    from .._client import AsyncClient, Client

T = TypeVar("T")
_TRAILING = ("TRAILING_STOP", "TRAILING_STOP_LIMIT")


# ---------------------------------------------------------------- answers


def _expect(response: Response[Any], kind: type[T], operation: str) -> T:
    if not isinstance(response.parsed, kind):
        raise InvalidResponseError(None, f"{operation}: unexpected body {response.content[:200]!r}", status_code=200)
    return response.parsed


def _list(response: Response[Any], operation: str) -> list[Any]:
    if not response.content.lstrip().startswith(b"["):  # the generated parser would read {} as an empty list
        raise InvalidResponseError(
            None, f"{operation}: expected a list, got {response.content[:200]!r}", status_code=200
        )
    return _expect(response, list, operation)


def _orders(response: Response[Any]) -> list[SmartOrder]:
    return _list(response, "smart orders")


def _cancel_results(response: Response[Any]) -> list[CancelResult]:
    return [CancelResult.of(result) for result in _list(response, "cancel")]


def _cancel_result(response: Response[Any]) -> CancelResult:
    result = CancelResult.of(_expect(response, GeneratedCancelResult, "cancel"))
    if not result.ok:
        raise CancelFailedError(result)
    return result


def _created(response: Response[Any]) -> CreateSmartOrderResponse:
    return _expect(response, CreateSmartOrderResponse, "create")


def _replaced(response: Response[Any]) -> CancelReplaceSmartOrderResponse:
    replacement = _expect(response, CancelReplaceSmartOrderResponse, "cancel_replace")
    if isinstance(replacement.code, int) and replacement.code not in (0, 200):
        message = replacement.message if isinstance(replacement.message, str) else ""
        raise OldOrderNotCancelledError(replacement.code, message, replacement)
    return replacement


def _created_from(order: SmartOrder) -> CreateSmartOrderResponse:
    return CreateSmartOrderResponse(id=order.id, client_order_id=order.client_order_id)


def _replaced_from(order: SmartOrder) -> CancelReplaceSmartOrderResponse:
    return CancelReplaceSmartOrderResponse(id=order.id, client_order_id=order.client_order_id)


# ---------------------------------------------------------------- requests


def _camel(name: str) -> str:
    head, *rest = name.rstrip("_").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _wire(field: str, value: object) -> object:
    """A value for a field the wrapper has no named parameter for (one the spec gained since)."""
    if isinstance(value, Decimal | float):
        return v.decimal_string(field, value, positive=False)
    if isinstance(value, list | tuple):
        return [_wire(field, item) for item in value]
    if isinstance(value, str | bool | int):
        return value
    raise ValidationError(field, f"must be a str, bool, int, Decimal or list of them, got {type(value).__name__}")


def _body(model: type[T], fields: dict[str, object], extra: Mapping[str, object], known: Sequence[str]) -> T:
    """Build the generated body model; ``extra`` may only name fields that model has and the method does not."""
    allowed = sorted(set(attrs.fields_dict(model)) - set(known) - {"additional_properties"}) if extra else []  # type: ignore[arg-type]
    for name, value in extra.items():
        if name not in allowed:
            valid = ", ".join(sorted({*known, *allowed}))
            raise TypeError(f"unexpected keyword argument {name!r}; valid ones are: {valid}")
        if value is not None:
            fields[_camel(name)] = _wire(name, value)
    return model.from_dict({k: val for k, val in fields.items() if val is not None})  # type: ignore[attr-defined,no-any-return]


_CREATE_PARAMS = (
    "time_in_force",
    "account_type",
    "client_order_id",
    "stop_price",
    "symbol",
    "side",
    "quantity",
    "type_",
    "price",
    "amount",
    "trailing_offset",
    "limit_offset",
    "operator",
)
_REPLACE_PARAMS = (
    "time_in_force",
    "proceed_on_failure",
    "client_order_id",
    "price",
    "stop_price",
    "quantity",
    "amount",
    "type_",
)


def _check_quantity_or_amount(quantity: object, amount: object, *, required: bool) -> None:
    if quantity is not None and amount is not None:
        raise ValidationError("quantity", "give quantity (base units) or amount (quote units), not both")
    if required and quantity is None and amount is None:
        raise ValidationError("quantity", "give one of quantity (base units) and amount (quote units)")


def build_create(
    *,
    time_in_force: str | None,
    account_type: str | None,
    client_order_id: str | None,
    stop_price: Amount | None,
    symbol: str,
    side: str,
    quantity: Amount | None,
    type: str | None,
    price: Amount | None,
    amount: Amount | None,
    trailing_offset: Amount | None,
    limit_offset: Amount | None,
    operator: str | None,
    extra: Mapping[str, object],
) -> Call[CreateSmartOrderResponse]:
    """Validate a create and build its call. Every create carries a clientOrderId (generated when not given)."""
    order_type = None if type is None else v.choice("type", type, SMART_ORDER_TYPES)
    effective = order_type or ("STOP_LIMIT" if price is not None else "STOP")
    _check_quantity_or_amount(quantity, amount, required=True)
    if effective == "STOP_LIMIT" and price is None:
        raise ValidationError("price", "is required for a STOP_LIMIT order")
    if effective != "STOP_LIMIT" and price is not None:
        raise ValidationError("price", f"is used only by STOP_LIMIT orders, not {effective}; use type='STOP_LIMIT'")
    if effective in ("STOP", "STOP_LIMIT") and stop_price is None:
        raise ValidationError("stop_price", f"is required for a {effective} order")
    if effective in _TRAILING and trailing_offset is None:
        raise ValidationError("trailing_offset", f"is required for a {effective} order")
    if effective == "TRAILING_STOP_LIMIT" and limit_offset is None:
        raise ValidationError("limit_offset", "is required for a TRAILING_STOP_LIMIT order")
    if effective not in _TRAILING:
        for name, value in (("trailing_offset", trailing_offset), ("operator", operator)):
            if value is not None:
                raise ValidationError(name, f"applies only to trailing types, not {effective}")
    if effective != "TRAILING_STOP_LIMIT" and limit_offset is not None:
        raise ValidationError("limit_offset", f"applies only to TRAILING_STOP_LIMIT, not {effective}")
    cid = _ids.new_client_order_id() if client_order_id is None else _ids.client_order_id(client_order_id)
    fields: dict[str, object] = {
        "symbol": v.symbol("symbol", symbol),
        "side": v.choice("side", side, SIDES),
        "type": order_type,
        "timeInForce": None if time_in_force is None else v.choice("time_in_force", time_in_force, TIMES_IN_FORCE),
        "accountType": None if account_type is None else v.choice("account_type", account_type, ACCOUNT_TYPES),
        "price": v.decimal_or_none("price", price, positive=True),
        "stopPrice": v.decimal_or_none("stop_price", stop_price, positive=True),
        "quantity": v.decimal_or_none("quantity", quantity, positive=False),
        "amount": v.decimal_or_none("amount", amount, positive=False),
        "clientOrderId": cid,
        "trailingOffset": None if trailing_offset is None else v.offset_string("trailing_offset", trailing_offset),
        "limitOffset": None if limit_offset is None else v.offset_string("limit_offset", limit_offset),
        "operator": None if operator is None else v.choice("operator", operator, OPERATORS),
    }
    body = _body(CreateSmartOrderRequest, fields, extra, _CREATE_PARAMS)
    return Call("create", create_smart_order, {"body": body}, _created, Kind.PLACE, cid, _created_from)


def build_cancel_replace(
    order_id: str | int,
    *,
    time_in_force: str | None,
    proceed_on_failure: bool | None,
    client_order_id: str | None,
    price: Amount | None,
    stop_price: Amount | None,
    quantity: Amount | None,
    amount: Amount | None,
    type: str | None,
    extra: Mapping[str, object],
) -> Call[CancelReplaceSmartOrderResponse]:
    """Validate a cancel-replace. The new order always carries a clientOrderId: the one given, else the old order's
    when it is addressed as ``cid:<id>``, else a generated one."""
    ref = _ids.order_ref(order_id)
    _check_quantity_or_amount(quantity, amount, required=False)
    if client_order_id is not None:
        cid = _ids.client_order_id(client_order_id)
    elif ref.startswith(_ids.CID_PREFIX):
        cid = ref[len(_ids.CID_PREFIX) :]  # addressed by your id: the new order keeps it
    else:
        cid = _ids.new_client_order_id()
    fields: dict[str, object] = {
        "price": v.decimal_or_none("price", price, positive=True),
        "stopPrice": v.decimal_or_none("stop_price", stop_price, positive=True),
        "quantity": v.decimal_or_none("quantity", quantity, positive=False),
        "amount": v.decimal_or_none("amount", amount, positive=False),
        "type": None if type is None else v.choice("type", type, SMART_ORDER_TYPES),
        "timeInForce": None if time_in_force is None else v.choice("time_in_force", time_in_force, TIMES_IN_FORCE),
        "clientOrderId": cid,
        "proceedOnFailure": None if proceed_on_failure is None else v.boolean("proceed_on_failure", proceed_on_failure),
    }
    body = _body(CancelReplaceSmartOrderRequest, fields, extra, _REPLACE_PARAMS)
    kwargs = {"id": ref, "body": body}
    return Call("replace", cancel_replace_smart_order, kwargs, _replaced, Kind.PLACE, cid, _replaced_from, ref)


def build_get_all(limit: int | None) -> Call[list[SmartOrder]]:
    kwargs = {} if limit is None else {"limit": v.positive_int("limit", limit)}
    return Call("list", list_smart_orders, kwargs, _orders, Kind.READ)


def lookup_call(ref: str) -> Call[list[SmartOrder]]:
    """GET /smartorders/<id or cid:id>: the raw zero-or-one list, as reconciliation needs it."""
    return Call("get", get_smart_order, {"id": ref}, _orders, Kind.READ)


def _single(ref: str) -> Call[SmartOrder]:
    def one(response: Response[Any]) -> SmartOrder:
        found = _orders(response)
        if not found:
            raise NotFoundError(None, f"no smart order {ref}", status_code=200)
        return found[0]

    return Call("get", get_smart_order, {"id": ref}, one, Kind.READ)


def build_get_by_id(order_id: str | int | None, client_order_id: str | None) -> Call[SmartOrder]:
    return _single(_ids.order_ref_of(order_id, client_order_id))


def build_cancel_by_id(order_id: str | int | None, client_order_id: str | None) -> Call[CancelResult]:
    ref = _ids.order_ref_of(order_id, client_order_id)
    return Call("cancel", cancel_smart_order, {"id": ref}, _cancel_result, Kind.CANCEL)


def build_cancel_by_ids(
    order_ids: Sequence[str | int] | None, client_order_ids: Sequence[str] | None
) -> Call[list[CancelResult]]:
    if order_ids is None and client_order_ids is None:
        raise ValidationError("order_ids", "give order_ids or client_order_ids (or both)")
    fields: dict[str, object] = {
        "orderIds": None if order_ids is None else v.id_list("order_ids", order_ids, _ids.order_id),
        "clientOrderIds": None
        if client_order_ids is None
        else v.id_list("client_order_ids", client_order_ids, _ids.client_order_id),
    }
    body = CancelSmartOrdersByIdsRequest.from_dict({k: val for k, val in fields.items() if val is not None})
    return Call("cancel_by_ids", cancel_smart_orders_by_ids, {"body": body}, _cancel_results, Kind.CANCEL)


def build_cancel(
    symbol: str | Sequence[str] | None,
    account_type: str | Sequence[str] | None,
    order_types: str | Sequence[str] | None,
) -> Call[list[CancelResult]]:
    if symbol is None and account_type is None:
        raise ValidationError(
            "symbol", "give symbol or account_type; to cancel every smart order say so: cancel(account_type='SPOT')"
        )
    fields: dict[str, object] = {
        "symbols": None if symbol is None else v.one_or_many("symbol", symbol, v.symbol),
        "accountTypes": None
        if account_type is None
        else v.one_or_many("account_type", account_type, lambda f, x: v.choice(f, x, ACCOUNT_TYPES)),
        "orderTypes": None
        if order_types is None
        else v.one_or_many("order_types", order_types, lambda f, x: v.choice(f, x, SMART_ORDER_TYPES)),
    }
    body = CancelAllSmartOrdersRequest.from_dict({k: val for k, val in fields.items() if val is not None})
    return Call("cancel_all", cancel_all_smart_orders, {"body": body}, _cancel_results, Kind.CANCEL)


def _comma_list(field: str, value: str | Sequence[str], allowed: Sequence[str]) -> str:
    """A list, or a comma-separated string as the exchange documents it, sent comma-separated."""
    items = value.split(",") if isinstance(value, str) else value
    return ",".join(v.one_or_many(field, items, lambda f, x: v.choice(f, x, allowed)))


def build_get_history(
    *,
    account_type: str | None,
    hide_cancel: bool | None,
    start_time: int | datetime | None,
    end_time: int | datetime | None,
    begins_from: str | int | None,
    type: str | Sequence[str] | None,
    side: str | None,
    symbol: str | None,
    direction: str | None,
    states: str | Sequence[str] | None,
    limit: int | None,
) -> Call[list[SmartOrder]]:
    start = None if start_time is None else v.millis("start_time", start_time)
    end = None if end_time is None else v.millis("end_time", end_time)
    if start is not None and end is not None and start > end:
        raise ValidationError("start_time", f"must not be after end_time ({start} > {end})")
    kwargs: dict[str, Any] = {
        "account_type": UNSET
        if account_type is None
        else AccountType(v.choice("account_type", account_type, ACCOUNT_TYPES)),
        "hide_cancel": UNSET if hide_cancel is None else v.boolean("hide_cancel", hide_cancel),
        "start_time": UNSET if start is None else start,
        "end_time": UNSET if end is None else end,
        "from_": UNSET if begins_from is None else _ids.order_id(begins_from, "begins_from"),
        "type_": UNSET if type is None else _comma_list("type", type, SMART_ORDER_TYPES),
        "side": UNSET if side is None else Side(v.choice("side", side, SIDES)),
        "symbol": UNSET if symbol is None else v.symbol("symbol", symbol),
        "direction": UNSET if direction is None else Direction(v.choice("direction", direction, DIRECTIONS)),
        "states": UNSET if states is None else _comma_list("states", states, HISTORY_STATES),
        "limit": UNSET if limit is None else v.positive_int("limit", limit),
    }
    return Call("history", list_smart_order_history, kwargs, _orders, Kind.READ)


# ---------------------------------------------------------------- resources


class SmartOrders:
    """``client.smartorders()``: create, cancel-replace, list, get, cancel and history of smart orders."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def create(
        self,
        time_in_force: str | None = None,
        account_type: str | None = None,
        client_order_id: str | None = None,
        stop_price: Amount | None = None,
        *,
        symbol: str,
        side: str,
        quantity: Amount | None = None,
        type: str | None = None,
        price: Amount | None = None,
        amount: Amount | None = None,
        trailing_offset: Amount | None = None,
        limit_offset: Amount | None = None,
        operator: str | None = None,
        **extra: object,
    ) -> CreateSmartOrderResponse:
        """Place a smart order. Returns its id and clientOrderId (generated when not given, so a retry is safe)."""
        return self._client._execute(
            build_create(
                time_in_force=time_in_force,
                account_type=account_type,
                client_order_id=client_order_id,
                stop_price=stop_price,
                symbol=symbol,
                side=side,
                quantity=quantity,
                type=type,
                price=price,
                amount=amount,
                trailing_offset=trailing_offset,
                limit_offset=limit_offset,
                operator=operator,
                extra=extra,
            )
        )

    def cancel_replace(
        self,
        order_id: str | int,
        time_in_force: str | None = None,
        proceed_on_failure: bool | None = None,
        client_order_id: str | None = None,
        *,
        price: Amount | None = None,
        stop_price: Amount | None = None,
        quantity: Amount | None = None,
        amount: Amount | None = None,
        type: str | None = None,
        **extra: object,
    ) -> CancelReplaceSmartOrderResponse:
        """Cancel an untriggered order (id or ``"cid:..."``) and place a new one; returns the **new** order's ids."""
        return self._client._execute(
            build_cancel_replace(
                order_id,
                time_in_force=time_in_force,
                proceed_on_failure=proceed_on_failure,
                client_order_id=client_order_id,
                price=price,
                stop_price=stop_price,
                quantity=quantity,
                amount=amount,
                type=type,
                extra=extra,
            )
        )

    def get_all(self, *, limit: int | None = None) -> list[SmartOrder]:
        """Open (untriggered) smart orders."""
        return self._client._execute(build_get_all(limit))

    def get_by_id(self, order_id: str | int | None = None, client_order_id: str | None = None) -> SmartOrder:
        """One smart order by id or client order id; raises NotFoundError when there is none."""
        return self._client._execute(build_get_by_id(order_id, client_order_id))

    def cancel_by_id(self, order_id: str | int | None = None, client_order_id: str | None = None) -> CancelResult:
        """Cancel one smart order; raises CancelFailedError when the exchange reports a failure."""
        return self._client._execute(build_cancel_by_id(order_id, client_order_id))

    def cancel_by_multiple_ids(
        self, order_ids: Sequence[str | int] | None = None, client_order_ids: Sequence[str] | None = None
    ) -> list[CancelResult]:
        """Cancel several smart orders; check ``ok`` on each result."""
        return self._client._execute(build_cancel_by_ids(order_ids, client_order_ids))

    def cancel(
        self,
        symbol: str | Sequence[str] | None = None,
        account_type: str | Sequence[str] | None = None,
        *,
        order_types: str | Sequence[str] | None = None,
    ) -> list[CancelResult]:
        """Cancel every open smart order matching the filters (at least one of symbol and account_type)."""
        return self._client._execute(build_cancel(symbol, account_type, order_types))

    def get_history(
        self,
        account_type: str | None = None,
        hide_cancel: bool | None = None,
        start_time: int | datetime | None = None,
        end_time: int | datetime | None = None,
        begins_from: str | int | None = None,
        *,
        type: str | Sequence[str] | None = None,
        side: str | None = None,
        symbol: str | None = None,
        direction: str | None = None,
        states: str | Sequence[str] | None = None,
        limit: int | None = None,
    ) -> list[SmartOrder]:
        """Past smart orders, newest first, paged with ``begins_from`` and ``direction``."""
        return self._client._execute(
            build_get_history(
                account_type=account_type,
                hide_cancel=hide_cancel,
                start_time=start_time,
                end_time=end_time,
                begins_from=begins_from,
                type=type,
                side=side,
                symbol=symbol,
                direction=direction,
                states=states,
                limit=limit,
            )
        )


class AsyncSmartOrders:
    """``AsyncClient.smartorders()``: the same methods as :class:`SmartOrders`, as coroutines."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def create(
        self,
        time_in_force: str | None = None,
        account_type: str | None = None,
        client_order_id: str | None = None,
        stop_price: Amount | None = None,
        *,
        symbol: str,
        side: str,
        quantity: Amount | None = None,
        type: str | None = None,
        price: Amount | None = None,
        amount: Amount | None = None,
        trailing_offset: Amount | None = None,
        limit_offset: Amount | None = None,
        operator: str | None = None,
        **extra: object,
    ) -> CreateSmartOrderResponse:
        """Place a smart order. Returns its id and clientOrderId (generated when not given, so a retry is safe)."""
        return await self._client._execute(
            build_create(
                time_in_force=time_in_force,
                account_type=account_type,
                client_order_id=client_order_id,
                stop_price=stop_price,
                symbol=symbol,
                side=side,
                quantity=quantity,
                type=type,
                price=price,
                amount=amount,
                trailing_offset=trailing_offset,
                limit_offset=limit_offset,
                operator=operator,
                extra=extra,
            )
        )

    async def cancel_replace(
        self,
        order_id: str | int,
        time_in_force: str | None = None,
        proceed_on_failure: bool | None = None,
        client_order_id: str | None = None,
        *,
        price: Amount | None = None,
        stop_price: Amount | None = None,
        quantity: Amount | None = None,
        amount: Amount | None = None,
        type: str | None = None,
        **extra: object,
    ) -> CancelReplaceSmartOrderResponse:
        """Cancel an untriggered order (id or ``"cid:..."``) and place a new one; returns the **new** order's ids."""
        return await self._client._execute(
            build_cancel_replace(
                order_id,
                time_in_force=time_in_force,
                proceed_on_failure=proceed_on_failure,
                client_order_id=client_order_id,
                price=price,
                stop_price=stop_price,
                quantity=quantity,
                amount=amount,
                type=type,
                extra=extra,
            )
        )

    async def get_all(self, *, limit: int | None = None) -> list[SmartOrder]:
        """Open (untriggered) smart orders."""
        return await self._client._execute(build_get_all(limit))

    async def get_by_id(self, order_id: str | int | None = None, client_order_id: str | None = None) -> SmartOrder:
        """One smart order by id or client order id; raises NotFoundError when there is none."""
        return await self._client._execute(build_get_by_id(order_id, client_order_id))

    async def cancel_by_id(self, order_id: str | int | None = None, client_order_id: str | None = None) -> CancelResult:
        """Cancel one smart order; raises CancelFailedError when the exchange reports a failure."""
        return await self._client._execute(build_cancel_by_id(order_id, client_order_id))

    async def cancel_by_multiple_ids(
        self, order_ids: Sequence[str | int] | None = None, client_order_ids: Sequence[str] | None = None
    ) -> list[CancelResult]:
        """Cancel several smart orders; check ``ok`` on each result."""
        return await self._client._execute(build_cancel_by_ids(order_ids, client_order_ids))

    async def cancel(
        self,
        symbol: str | Sequence[str] | None = None,
        account_type: str | Sequence[str] | None = None,
        *,
        order_types: str | Sequence[str] | None = None,
    ) -> list[CancelResult]:
        """Cancel every open smart order matching the filters (at least one of symbol and account_type)."""
        return await self._client._execute(build_cancel(symbol, account_type, order_types))

    async def get_history(
        self,
        account_type: str | None = None,
        hide_cancel: bool | None = None,
        start_time: int | datetime | None = None,
        end_time: int | datetime | None = None,
        begins_from: str | int | None = None,
        *,
        type: str | Sequence[str] | None = None,
        side: str | None = None,
        symbol: str | None = None,
        direction: str | None = None,
        states: str | Sequence[str] | None = None,
        limit: int | None = None,
    ) -> list[SmartOrder]:
        """Past smart orders, newest first, paged with ``begins_from`` and ``direction``."""
        return await self._client._execute(
            build_get_history(
                account_type=account_type,
                hide_cancel=hide_cancel,
                start_time=start_time,
                end_time=end_time,
                begins_from=begins_from,
                type=type,
                side=side,
                symbol=symbol,
                direction=direction,
                states=states,
                limit=limit,
            )
        )
