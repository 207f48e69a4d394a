"""The smart-order endpoints with the official SDK's method signatures.

Each method checks its arguments against the spec's rules (``_spec``, derived at generate time) and the cross-field
rules (``_validation``), and builds a ``Call`` (pure, shared by the sync and async classes); the client then runs it
under the retry rule. Nothing is sent when an argument is wrong. Fields the spec has and a method does not name yet
go through ``extra_body=`` / ``extra_query=`` (wire names), checked by the same rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

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
    HistoryState,
    Operator,
    Side,
    SmartOrderType,
    TimeInForce,
)
from polo_smartorders_api.models import CancelResult as GeneratedCancelResult
from polo_smartorders_api.types import UNSET, Response

from .. import _ids
from .. import _validation as v
from .._exceptions import InvalidResponseError, NotFoundError, OldOrderNotCancelledError, cancel_failure
from .._models import CancelReplaceSmartOrderResponse, CancelResult, CreateSmartOrderResponse, SmartOrder
from .._request import Call
from .._spec import operation
from .._transport._shape import shown_text
from .._validation import Amount
from ._pager import HistoryPager, history_builder

if TYPE_CHECKING:
    pass

T = TypeVar("T")
Body = Mapping[str, object] | None


# ---------------------------------------------------------------- answers


#: What an answer's first character says it is.
_JSON_KINDS = {b"{": "an object", b'"': "a string", b"t": "true", b"f": "false", b"n": "null", b"": "an empty body"}


def _json_kind(content: bytes) -> str:
    first = content.lstrip()[:1]
    kind = _JSON_KINDS.get(first, "a number" if first in b"-0123456789" and first else "text that is not JSON")
    return kind if not first else f"{kind}, {shown_text(content)}"


def _expect(response: Response[Any], kind: type[T], operation: str) -> T:
    if not isinstance(response.parsed, kind):
        raise InvalidResponseError(
            None, f"{operation}: $: expected a JSON object, got {_json_kind(response.content)}", status_code=200
        )
    return response.parsed


def _list(response: Response[Any], operation: str) -> list[Any]:
    if not response.content.lstrip().startswith(b"["):  # the generated parser would read {} as an empty list
        raise InvalidResponseError(
            None, f"{operation}: $: expected a JSON array, got {_json_kind(response.content)}", status_code=200
        )
    return _expect(response, list, operation)


def _orders(response: Response[Any]) -> list[SmartOrder]:
    return _list(response, "smart orders")


def _cancel_results(response: Response[Any]) -> list[CancelResult]:
    return [CancelResult.of(result) for result in _list(response, "cancel")]


def _cancel_result(response: Response[Any]) -> CancelResult:
    result = CancelResult.of(_expect(response, GeneratedCancelResult, "cancel"))
    if not result.ok:
        raise cancel_failure(result)  # OrderNotOpenError when the order is no longer open
    return result


def _created(response: Response[Any]) -> CreateSmartOrderResponse:
    return _expect(response, CreateSmartOrderResponse, "create")


def _replaced(response: Response[Any]) -> CancelReplaceSmartOrderResponse:
    replacement = _expect(response, CancelReplaceSmartOrderResponse, "cancel_replace")
    code = replacement.code
    if code is not UNSET and code is not None and str(code) not in ("0", "200"):  # whatever its type: a failure
        message = replacement.message if isinstance(replacement.message, str) else ""
        raise OldOrderNotCancelledError(
            code if isinstance(code, int) else None, message or f"code {code!r}", replacement
        )
    return replacement


def _created_from(order: SmartOrder) -> CreateSmartOrderResponse:
    return CreateSmartOrderResponse(id=order.id, client_order_id=order.client_order_id)


def _replaced_from(order: SmartOrder) -> CancelReplaceSmartOrderResponse:
    return CancelReplaceSmartOrderResponse(id=order.id, client_order_id=order.client_order_id)


# ---------------------------------------------------------------- requests

_CREATE = operation("createSmartOrder")
_REPLACE = operation("cancelReplaceSmartOrder")
_LIST = operation("listSmartOrders")
_GET = operation("getSmartOrder")
_CANCEL = operation("cancelSmartOrder")
_CANCEL_BY_IDS = operation("cancelSmartOrdersByIds")
_CANCEL_ALL = operation("cancelAllSmartOrders")
_HISTORY = operation("listSmartOrderHistory")

#: For each operation, the spec's body fields and query parameters the methods name: wire name -> parameter name.
#: tests/spec/test_spec.py fails, naming the field, when the spec has one that is not listed here.
NAMED: Mapping[str, Mapping[str, str]] = {
    "createSmartOrder": {
        "symbol": "symbol",
        "side": "side",
        "type": "type",
        "timeInForce": "time_in_force",
        "accountType": "account_type",
        "price": "price",
        "stopPrice": "stop_price",
        "quantity": "quantity",
        "amount": "amount",
        "clientOrderId": "client_order_id",
        "trailingOffset": "trailing_offset",
        "limitOffset": "limit_offset",
        "operator": "operator",
    },
    "cancelReplaceSmartOrder": {
        "price": "price",
        "stopPrice": "stop_price",
        "quantity": "quantity",
        "amount": "amount",
        "type": "type",
        "timeInForce": "time_in_force",
        "clientOrderId": "client_order_id",
        "proceedOnFailure": "proceed_on_failure",
    },
    "listSmartOrders": {"limit": "limit"},
    "cancelSmartOrdersByIds": {"orderIds": "order_ids", "clientOrderIds": "client_order_ids"},
    "cancelAllSmartOrders": {"symbols": "symbol", "accountTypes": "account_type", "orderTypes": "order_types"},
    "listSmartOrderHistory": {
        "accountType": "account_type",
        "type": "type",
        "side": "side",
        "symbol": "symbol",
        "from": "begins_from",
        "direction": "direction",
        "states": "states",
        "limit": "limit",
        "hideCancel": "hide_cancel",
        "startTime": "start_time",
        "endTime": "end_time",
    },
}


def build_create(
    *,
    time_in_force: TimeInForce | None,
    account_type: AccountType | None,
    client_order_id: str | None,
    stop_price: Amount | None,
    symbol: str,
    side: Side,
    quantity: Amount | None,
    type: SmartOrderType | None,
    price: Amount | None,
    amount: Amount | None,
    trailing_offset: Amount | None,
    limit_offset: Amount | None,
    operator: Operator | None,
    extra_body: Body,
) -> Call[CreateSmartOrderResponse]:
    """Validate a create and build its call. Every create carries a clientOrderId (generated when not given)."""
    cid = _ids.new_client_order_id() if client_order_id is None else _ids.client_order_id(client_order_id)
    fields = {
        "symbol": symbol,
        "side": side,
        "type": type,
        "timeInForce": time_in_force,
        "accountType": account_type,
        "price": price,
        "stopPrice": stop_price,
        "quantity": quantity,
        "amount": amount,
        "clientOrderId": cid,
        "trailingOffset": trailing_offset,
        "limitOffset": limit_offset,
        "operator": operator,
    }
    wire = _CREATE.body_of(fields, NAMED["createSmartOrder"], extra_body)
    v.quantity_or_amount(quantity, amount, required=True)
    v.smart_order_fields(type or v.default_type(price), fields, NAMED["createSmartOrder"])
    body = CreateSmartOrderRequest.from_dict(wire)
    return Call(_CREATE.group, create_smart_order, {"body": body}, _created, _CREATE.kind, cid, _created_from)


def build_cancel_replace(
    order_id: str | int,
    *,
    time_in_force: TimeInForce | None,
    proceed_on_failure: bool | None,
    client_order_id: str | None,
    price: Amount | None,
    stop_price: Amount | None,
    quantity: Amount | None,
    amount: Amount | None,
    type: SmartOrderType | None,
    extra_body: Body,
) -> Call[CancelReplaceSmartOrderResponse]:
    """Validate a cancel-replace. The new order always carries a clientOrderId: the one given, else the old order's
    when it is addressed as ``cid:<id>``, else a generated one."""
    ref = _ids.order_ref(order_id)
    if client_order_id is not None:
        cid = _ids.client_order_id(client_order_id)
    elif (kept := _ids.client_order_id_in(ref)) is not None:
        cid = kept  # addressed by your id: the new order keeps it
    else:
        cid = _ids.new_client_order_id()
    fields = {
        "price": price,
        "stopPrice": stop_price,
        "quantity": quantity,
        "amount": amount,
        "type": type,
        "timeInForce": time_in_force,
        "clientOrderId": cid,
        "proceedOnFailure": proceed_on_failure,
    }
    wire = _REPLACE.body_of(fields, NAMED["cancelReplaceSmartOrder"], extra_body)
    v.quantity_or_amount(quantity, amount, required=False)
    if type is not None:  # a new type refuses what it does not take; what it needs may come from the old order
        v.smart_order_fields(type, fields, NAMED["cancelReplaceSmartOrder"], required=False)
    body = CancelReplaceSmartOrderRequest.from_dict(wire)
    kwargs = {"id": ref, "body": body}
    return Call(_REPLACE.group, cancel_replace_smart_order, kwargs, _replaced, _REPLACE.kind, cid, _replaced_from, ref)


def build_get_all(limit: int | None, extra_query: Body) -> Call[list[SmartOrder]]:
    kwargs = _LIST.query_of({"limit": limit}, NAMED["listSmartOrders"], extra_query)
    return Call(_LIST.group, list_smart_orders, kwargs, _orders, _LIST.kind)


#: The most orders GET /smartorders/{id} may answer (the spec's maxItems: one).
_GET_AT_MOST = operation("getSmartOrder").answer_max_items


def _zero_or_one(response: Response[Any]) -> list[SmartOrder]:
    found = _orders(response)
    if _GET_AT_MOST is not None and len(found) > _GET_AT_MOST:
        raise InvalidResponseError(
            None, f"get: the answer lists {len(found)} orders, at most {_GET_AT_MOST} expected", status_code=200
        )
    return found


def lookup_call(ref: str) -> Call[list[SmartOrder]]:
    """GET /smartorders/<id or cid:id>: the raw zero-or-one list, as reconciliation needs it."""
    return Call(_GET.group, get_smart_order, {"id": ref}, _zero_or_one, _GET.kind)


def _single(ref: str) -> Call[SmartOrder]:
    def one(response: Response[Any]) -> SmartOrder:
        found = _zero_or_one(response)
        if not found:
            raise NotFoundError(None, "the exchange answered no order", status_code=200, ref=ref)
        return found[0]

    return Call(_GET.group, get_smart_order, {"id": ref}, one, _GET.kind)


def build_get_by_id(order_id: str | int | None, client_order_id: str | None) -> Call[SmartOrder]:
    return _single(_ids.order_ref_of(order_id, client_order_id))


def build_cancel_by_id(order_id: str | int | None, client_order_id: str | None) -> Call[CancelResult]:
    ref = _ids.order_ref_of(order_id, client_order_id)
    return Call(_CANCEL.group, cancel_smart_order, {"id": ref}, _cancel_result, _CANCEL.kind)


def _id_text(value: object) -> object:
    """An id as the string the API uses: an int written out (the spec checks the rest)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _texts(ids: object) -> object:
    return [_id_text(item) for item in ids] if isinstance(ids, list | tuple) else ids


def _bare_ids(ids: object, field: str) -> object:
    """Client order ids, each bare: one with a ``cid:`` prefix is refused, naming its position."""
    if isinstance(ids, list | tuple):
        for index, item in enumerate(ids):
            if isinstance(item, str) and _ids.client_order_id_in(item) is not None:
                _ids.client_order_id(item, f"{field} item {index}")
    return ids


def build_cancel_by_ids(
    order_ids: Sequence[str | int] | None, client_order_ids: Sequence[str] | None, extra_body: Body
) -> Call[list[CancelResult]]:
    fields = {"orderIds": _texts(order_ids), "clientOrderIds": _bare_ids(client_order_ids, "client_order_ids")}
    wire = _CANCEL_BY_IDS.body_of(fields, NAMED["cancelSmartOrdersByIds"], extra_body)
    v.some_ids(order_ids, client_order_ids)
    body = CancelSmartOrdersByIdsRequest.from_dict(wire)
    return Call(_CANCEL_BY_IDS.group, cancel_smart_orders_by_ids, {"body": body}, _cancel_results, _CANCEL_BY_IDS.kind)


def build_cancel(
    symbol: str | Sequence[str] | None,
    account_type: AccountType | Sequence[AccountType] | None,
    order_types: SmartOrderType | Sequence[SmartOrderType] | None,
    extra_body: Body,
) -> Call[list[CancelResult]]:
    v.some_filter(symbol, account_type)
    fields = {
        "symbols": v.as_list(symbol),
        "accountTypes": v.as_list(account_type),
        "orderTypes": v.as_list(order_types),
    }
    wire = _CANCEL_ALL.body_of(fields, NAMED["cancelAllSmartOrders"], extra_body)
    body = CancelAllSmartOrdersRequest.from_dict(wire)
    return Call(_CANCEL_ALL.group, cancel_all_smart_orders, {"body": body}, _cancel_results, _CANCEL_ALL.kind)


def build_get_history(
    *,
    account_type: AccountType | None,
    hide_cancel: bool | None,
    start_time: int | datetime | None,
    end_time: int | datetime | None,
    begins_from: str | int | None,
    type: SmartOrderType | Sequence[SmartOrderType] | None,
    side: Side | None,
    symbol: str | None,
    direction: Direction | None,
    states: HistoryState | Sequence[HistoryState] | None,
    limit: int | None,
    extra_query: Body,
) -> Call[list[SmartOrder]]:
    start, end = v.millis("start_time", start_time), v.millis("end_time", end_time)
    fields = {
        "accountType": account_type,
        "hideCancel": hide_cancel,
        "startTime": start,
        "endTime": end,
        "from": _id_text(begins_from),
        "type": v.as_list(type),
        "side": side,
        "symbol": symbol,
        "direction": direction,
        "states": v.as_list(states),
        "limit": limit,
    }
    kwargs = _HISTORY.query_of(fields, NAMED["listSmartOrderHistory"], extra_query)
    v.time_range(start, end)
    return Call(_HISTORY.group, list_smart_order_history, kwargs, _orders, _HISTORY.kind)


def history_pager(
    *,
    account_type: AccountType | None,
    hide_cancel: bool | None,
    start_time: int | datetime | None,
    end_time: int | datetime | None,
    begins_from: str | int | None,
    type: SmartOrderType | Sequence[SmartOrderType] | None,
    side: Side | None,
    symbol: str | None,
    states: HistoryState | Sequence[HistoryState] | None,
    page_size: int,
    max_items: int | None,
) -> HistoryPager:
    """The cursor of an ``iter_history`` walk; its filters are checked here, before anything is sent."""
    filters: dict[str, Any] = {
        "account_type": account_type,
        "hide_cancel": hide_cancel,
        "start_time": start_time,
        "end_time": end_time,
        "type": type,
        "side": side,
        "symbol": symbol,
        "states": states,
        "extra_query": None,
    }
    return HistoryPager(history_builder(build_get_history, filters), begins_from, page_size, max_items)
