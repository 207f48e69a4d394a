"""The smart-order endpoints with the official SDK's method signatures.

Each method checks its arguments against the spec's rules (``_spec``, derived at generate time) and the cross-field
rules (``_validation``), and builds a ``Call`` (pure, shared by the sync and async classes); the client then runs it
under the retry rule. Nothing is sent when an argument is wrong. Fields the spec has and a method does not name yet
go through ``extra_body=`` / ``extra_query=`` (wire names), checked by the same rules.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
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
from polo_smartorders_api.rules import OPERATIONS
from polo_smartorders_api.types import UNSET, Response

from .. import _ids
from .. import _validation as v
from .._exceptions import CancelFailedError, InvalidResponseError, NotFoundError, OldOrderNotCancelledError
from .._models import CancelReplaceSmartOrderResponse, CancelResult, CreateSmartOrderResponse, SmartOrder
from .._retry import Call
from .._spec import operation
from .._validation import Amount
from ._pager import DEFAULT_PAGE_SIZE, HistoryPager, history_builder

if TYPE_CHECKING:
    from .._client import AsyncClient, Client

T = TypeVar("T")
Body = Mapping[str, object] | None


# ---------------------------------------------------------------- answers


#: What an answer's first character says it is.
_JSON_KINDS = {b"{": "an object", b'"': "a string", b"t": "true", b"f": "false", b"n": "null", b"": "an empty body"}


def _json_kind(content: bytes) -> str:
    first = content.lstrip()[:1]
    return _JSON_KINDS.get(first, "a number" if first in b"-0123456789" and first else "text that is not JSON")


def _expect(response: Response[Any], kind: type[T], operation: str) -> T:
    if not isinstance(response.parsed, kind):
        raise InvalidResponseError(
            None, f"{operation}: expected a JSON object, got {_json_kind(response.content)}", status_code=200
        )
    return response.parsed


def _list(response: Response[Any], operation: str) -> list[Any]:
    if not response.content.lstrip().startswith(b"["):  # the generated parser would read {} as an empty list
        raise InvalidResponseError(
            None, f"{operation}: expected a JSON array, got {_json_kind(response.content)}", status_code=200
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
#: tests/test_spec.py fails, naming the field, when the spec has one that is not listed here.
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
    elif ref.startswith(_ids.CID_PREFIX):
        cid = ref[len(_ids.CID_PREFIX) :]  # addressed by your id: the new order keeps it
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
_GET_AT_MOST = OPERATIONS["getSmartOrder"]["answer_max_items"]


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
            raise NotFoundError(None, f"no smart order {ref}", status_code=200)
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
            if isinstance(item, str) and item.startswith(_ids.CID_PREFIX):
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


# ---------------------------------------------------------------- resources


class SmartOrders:
    """``client.smartorders()``: create, cancel-replace, list, get, cancel and history of smart orders."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def create(
        self,
        time_in_force: TimeInForce | None = None,
        account_type: AccountType | None = None,
        client_order_id: str | None = None,
        stop_price: Amount | None = None,
        *,
        symbol: str,
        side: Side,
        quantity: Amount | None = None,
        type: SmartOrderType | None = None,
        price: Amount | None = None,
        amount: Amount | None = None,
        trailing_offset: Amount | None = None,
        limit_offset: Amount | None = None,
        operator: Operator | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> CreateSmartOrderResponse:
        """Place a smart order (POST /smartorders) and return its ids.

        Args:
            time_in_force: GTC (default: until cancelled), IOC (fill what you can at once, cancel the rest) or FOK
                (fill all at once or nothing); applies to the order placed when this one triggers.
            account_type: SPOT (the default and only value).
            client_order_id: your id for the order, 1-64 characters of ``A-Za-z0-9_-``, unique among your open
                orders. Default: one is generated (``pso-`` + 24 hex digits) so that a retry is safe.
            stop_price: trigger price, in quote units (str, Decimal or int). Required for STOP and STOP_LIMIT (BUY
                triggers when the market rises to it, SELL when it falls to it); for trailing types, the optional
                activation price. Greater than 0.
            symbol: the market, ``BASE_QUOTE`` (e.g. ``"BTC_USDT"``). Required.
            side: BUY or SELL. Required.
            quantity: size in base units (e.g. BTC). Give exactly one of quantity and amount.
            type: STOP (a MARKET order when triggered), STOP_LIMIT (a LIMIT order at ``price``), TRAILING_STOP or
                TRAILING_STOP_LIMIT. Default: STOP_LIMIT when ``price`` is given, else STOP.
            price: limit price in quote units; STOP_LIMIT only (refused for other types).
            amount: size in quote units (e.g. USDT). Give exactly one of quantity and amount.
            trailing_offset: trailing types only (required there): how far the stop trails the best price, a price
                distance (``"100"``) or a percentage (``"1.5%"``).
            limit_offset: TRAILING_STOP_LIMIT only (required there): how far beyond the stop the limit is placed,
                a distance or a percentage.
            operator: trailing types only: GTE (activate when the price rises to ``stop_price``) or LTE (falls to
                it). Default: the exchange's (GTE for SELL, LTE for BUY).
            extra_body: spec fields with no named parameter yet, by wire name (``{"maxSlippageBPS": 50}``);
                checked by the spec's rules. Default: none.

        Returns:
            CreateSmartOrderResponse with ``id`` and ``client_order_id`` (the generated one when you gave none).

        Raises:
            ValidationError: an argument breaks a rule (nothing is sent).
            DuplicateClientOrderIdError: an open order already has ``client_order_id``.
            OutcomeUnknownError: the client could not tell whether the order was placed; look it up by
                ``.client_order_id``.
            RequestError: any other refusal (AuthenticationError, RateLimitError, InvalidRequestError, ...) or
                TransportError.
        """
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
                extra_body=extra_body,
            )
        )

    def cancel_replace(
        self,
        order_id: str | int,
        time_in_force: TimeInForce | None = None,
        proceed_on_failure: bool | None = None,
        client_order_id: str | None = None,
        *,
        price: Amount | None = None,
        stop_price: Amount | None = None,
        quantity: Amount | None = None,
        amount: Amount | None = None,
        type: SmartOrderType | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> CancelReplaceSmartOrderResponse:
        """Cancel an untriggered smart order and place its replacement (PUT /smartorders/{id}).

        Fields not given are copied from the old order by the exchange; the symbol and side stay.

        Args:
            order_id: the order to replace: its id (str or int) or ``"cid:<clientOrderId>"``.
            time_in_force: GTC, IOC or FOK for the new order. Default: the old order's.
            proceed_on_failure: True to place the new order even when the old one cannot be cancelled (then
                OldOrderNotCancelledError is raised: both may be live). Default: False (nothing is placed).
            client_order_id: the new order's id (1-64 of ``A-Za-z0-9_-``). Default: the old one's when
                ``order_id`` is ``cid:...``, else a generated one (so that a retry is safe).
            price: new limit price (quote units, str/Decimal/int). Default: the old one.
            stop_price: new trigger (or activation) price in quote units. Default: the old one.
            quantity: new size in base units; give at most one of quantity and amount. Default: the old size.
            amount: new size in quote units. Default: the old size.
            type: new smart-order type (STOP, STOP_LIMIT, TRAILING_STOP, TRAILING_STOP_LIMIT). Default: the old one.
            extra_body: spec fields with no named parameter yet, by wire name. Default: none.

        Returns:
            CancelReplaceSmartOrderResponse with the **new** order's ``id`` and ``client_order_id``.

        Raises:
            ValidationError: an argument breaks a rule (nothing is sent).
            NotFoundError: there is no such order.
            InvalidRequestError: the old order is no longer open (code 25009) and nothing was placed.
            OldOrderNotCancelledError: with ``proceed_on_failure``, the new order was placed but the old one was not
                cancelled (``.replacement`` holds the new ids).
            OutcomeUnknownError, RequestError: as for ``create``.
        """
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
                extra_body=extra_body,
            )
        )

    def get_all(self, *, limit: int | None = None, extra_query: Mapping[str, object] | None = None) -> list[SmartOrder]:
        """The open (untriggered, PENDING_NEW) smart orders, newest first (GET /smartorders).

        Args:
            limit: at most this many orders (an int of 1 or more). Default: the exchange's (all of them).
            extra_query: spec query parameters with no named parameter yet, by wire name. Default: none.

        Returns:
            A list of SmartOrder (empty when nothing is open).

        Raises:
            ValidationError: a bad ``limit`` (nothing is sent).
            RequestError: the exchange refused, or TransportError.
        """
        return self._client._execute(build_get_all(limit, extra_query))

    def get_by_id(self, order_id: str | int | None = None, client_order_id: str | None = None) -> SmartOrder:
        """One smart order, in any state (GET /smartorders/{id} or /smartorders/cid:{id}).

        Give exactly one of the two arguments. A clientOrderId is freed when its order leaves the open set
        (triggers, is cancelled or fails), so several orders may have carried it: the newest one is returned.

        Args:
            order_id: the exchange's id (str or int), or ``"cid:<clientOrderId>"``. Default: None.
            client_order_id: your id (1-64 of ``A-Za-z0-9_-``), without the ``cid:`` prefix. Default: None.

        Returns:
            SmartOrder, with ``triggered_order`` set once it triggered.

        Raises:
            ValidationError: neither or both arguments, or a malformed id (nothing is sent).
            NotFoundError: there is no such order.
            RequestError: any other refusal, or TransportError.
        """
        return self._client._execute(build_get_by_id(order_id, client_order_id))

    def cancel_by_id(self, order_id: str | int | None = None, client_order_id: str | None = None) -> CancelResult:
        """Cancel one smart order (DELETE /smartorders/{id}).

        Args:
            order_id: the exchange's id (str or int), or ``"cid:<clientOrderId>"``. Give exactly one of the two.
                Default: None.
            client_order_id: your id, without the ``cid:`` prefix (the newest order carrying it). Default: None.

        Returns:
            CancelResult (``ok`` is True; ``state`` is PENDING_CANCEL or CANCELED).

        Raises:
            ValidationError: neither or both arguments, or a malformed id (nothing is sent).
            CancelFailedError: the exchange answered that it could not cancel it (``.result.state`` is the
                order's actual state, e.g. TRIGGERED).
            NotFoundError: there is no such order.
            RequestError: any other refusal, or TransportError.
        """
        return self._client._execute(build_cancel_by_id(order_id, client_order_id))

    def cancel_by_multiple_ids(
        self,
        order_ids: Sequence[str | int] | None = None,
        client_order_ids: Sequence[str] | None = None,
        *,
        extra_body: Mapping[str, object] | None = None,
    ) -> list[CancelResult]:
        """Cancel several smart orders by id (DELETE /smartorders/cancelByIds).

        Args:
            order_ids: exchange ids (str or int). Default: none.
            client_order_ids: your ids (a ``cid:`` prefix is removed). Default: none. At least one id in total.
            extra_body: spec fields with no named parameter yet, by wire name. Default: none.

        Returns:
            One CancelResult per id, order ids first. Check ``ok`` on each: a failed item has the exchange's
            ``code`` (25014 for an unknown id, with an empty ``state``; 25009 for an order no longer open, with its
            actual state). Failed items do not raise.

        Raises:
            ValidationError: no id at all, or a malformed one (nothing is sent).
            RequestError: the whole request was refused, or TransportError.
        """
        return self._client._execute(build_cancel_by_ids(order_ids, client_order_ids, extra_body))

    def cancel(
        self,
        symbol: str | Sequence[str] | None = None,
        account_type: AccountType | Sequence[AccountType] | None = None,
        *,
        order_types: SmartOrderType | Sequence[SmartOrderType] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> list[CancelResult]:
        """Cancel every open smart order matching the filters (DELETE /smartorders).

        At least one of ``symbol`` and ``account_type`` is required: cancelling everything is always explicit
        (``cancel(account_type="SPOT")``).

        Args:
            symbol: a market or a list of markets (``"BTC_USDT"``). Default: every market.
            account_type: SPOT, or a list of account types. Default: every account type.
            order_types: only these smart-order types (STOP, STOP_LIMIT, TRAILING_STOP, TRAILING_STOP_LIMIT; one
                or a list). Default: every type.
            extra_body: spec fields with no named parameter yet, by wire name. Default: none.

        Returns:
            One CancelResult per order cancelled (empty when none matched).

        Raises:
            ValidationError: no filter, or a malformed one (nothing is sent).
            RequestError: the exchange refused, or TransportError.
        """
        return self._client._execute(build_cancel(symbol, account_type, order_types, extra_body))

    def get_history(
        self,
        account_type: AccountType | None = None,
        hide_cancel: bool | None = None,
        start_time: int | datetime | None = None,
        end_time: int | datetime | None = None,
        begins_from: str | int | None = None,
        *,
        type: SmartOrderType | Sequence[SmartOrderType] | None = None,
        side: Side | None = None,
        symbol: str | None = None,
        direction: Direction | None = None,
        states: HistoryState | Sequence[HistoryState] | None = None,
        limit: int | None = None,
        extra_query: Mapping[str, object] | None = None,
    ) -> list[SmartOrder]:
        """One page of past (no longer open) smart orders, newest first (GET /smartorders/history).

        To walk every page, use ``iter_history``, which handles the cursor.

        Args:
            account_type: SPOT only. Default: every account type.
            hide_cancel: True to leave out CANCELED and PARTIALLY_CANCELED orders. Default: False.
            start_time: earliest createTime: ms since the epoch (int) or an aware datetime. Default: no bound.
            end_time: latest createTime, like ``start_time``; not before it. Default: no bound.
            begins_from: an order id to page from (exclusive). Default: start from the newest.
            type: smart-order types (one or a list of STOP, STOP_LIMIT, TRAILING_STOP, TRAILING_STOP_LIMIT).
                Default: every type.
            side: BUY or SELL. Default: both.
            symbol: one market (``"BTC_USDT"``). Default: every market.
            direction: with ``begins_from``: NEXT (the default) for older orders, PRE for newer ones.
            states: final states (one or a list of FAILED, FILLED, CANCELED, PARTIALLY_CANCELED). Default: all.
            limit: at most this many orders (an int of 1 or more). Default: the exchange's, 100.
            extra_query: spec query parameters with no named parameter yet, by wire name. Default: none.

        Returns:
            A list of SmartOrder with the fill summary (``avg_price``, ``filled_quantity``, ``filled_amount``).

        Raises:
            ValidationError: a bad filter (nothing is sent).
            RequestError: the exchange refused, or TransportError.
        """
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
                extra_query=extra_query,
            )
        )

    def iter_history(
        self,
        account_type: AccountType | None = None,
        hide_cancel: bool | None = None,
        start_time: int | datetime | None = None,
        end_time: int | datetime | None = None,
        begins_from: str | int | None = None,
        *,
        type: SmartOrderType | Sequence[SmartOrderType] | None = None,
        side: Side | None = None,
        symbol: str | None = None,
        states: HistoryState | Sequence[HistoryState] | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        max_items: int | None = None,
    ) -> Iterator[SmartOrder]:
        """Every past smart order matching the filters, newest first, fetched page by page.

        Pages are requested with ``from``/``direction=NEXT`` through the normal client call (rate limiter and
        retries apply), each from the oldest order seen so far: an order is never yielded twice, and orders placed
        while paging do not shift the pages (they are newer than where the walk began, and are not included). The
        walk ends at the first page with no order it has not yielded, or after ``max_items``.

        Args:
            account_type: SPOT only. Default: every account type.
            hide_cancel: True to leave out CANCELED and PARTIALLY_CANCELED orders. Default: False.
            start_time: earliest createTime: ms since the epoch (int) or an aware datetime. Default: no bound.
            end_time: latest createTime, like ``start_time``; not before it. Default: no bound.
            begins_from: start below this order id (exclusive). Default: from the newest order.
            type: smart-order types (one or a list of STOP, STOP_LIMIT, TRAILING_STOP, TRAILING_STOP_LIMIT).
                Default: every type.
            side: BUY or SELL. Default: both.
            symbol: one market (``"BTC_USDT"``). Default: every market.
            states: final states (one or a list of FAILED, FILLED, CANCELED, PARTIALLY_CANCELED). Default: all.
            page_size: orders per request (an int of 1 or more). Default: 100.
            max_items: stop after this many orders (an int of 0 or more). Default: no limit.

        Returns:
            An iterator of SmartOrder (``for order in ...``; with AsyncClient, ``async for``).

        Raises:
            ValidationError: a bad filter, ``page_size`` or ``max_items``, at the call, before anything is sent.
            RequestError: a page was refused (raised from the iteration), or TransportError.
        """
        return self._walk(
            history_pager(
                account_type=account_type,
                hide_cancel=hide_cancel,
                start_time=start_time,
                end_time=end_time,
                begins_from=begins_from,
                type=type,
                side=side,
                symbol=symbol,
                states=states,
                page_size=page_size,
                max_items=max_items,
            )
        )

    def _walk(self, pager: HistoryPager) -> Iterator[SmartOrder]:
        while (call := pager.next_call()) is not None:
            yield from pager.take(self._client._execute(call))


class AsyncSmartOrders:
    """``AsyncClient.smartorders()``: the same methods as :class:`SmartOrders`, as coroutines."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def create(
        self,
        time_in_force: TimeInForce | None = None,
        account_type: AccountType | None = None,
        client_order_id: str | None = None,
        stop_price: Amount | None = None,
        *,
        symbol: str,
        side: Side,
        quantity: Amount | None = None,
        type: SmartOrderType | None = None,
        price: Amount | None = None,
        amount: Amount | None = None,
        trailing_offset: Amount | None = None,
        limit_offset: Amount | None = None,
        operator: Operator | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> CreateSmartOrderResponse:
        """Place a smart order (POST /smartorders) and return its ids.

        Args:
            time_in_force: GTC (default: until cancelled), IOC (fill what you can at once, cancel the rest) or FOK
                (fill all at once or nothing); applies to the order placed when this one triggers.
            account_type: SPOT (the default and only value).
            client_order_id: your id for the order, 1-64 characters of ``A-Za-z0-9_-``, unique among your open
                orders. Default: one is generated (``pso-`` + 24 hex digits) so that a retry is safe.
            stop_price: trigger price, in quote units (str, Decimal or int). Required for STOP and STOP_LIMIT (BUY
                triggers when the market rises to it, SELL when it falls to it); for trailing types, the optional
                activation price. Greater than 0.
            symbol: the market, ``BASE_QUOTE`` (e.g. ``"BTC_USDT"``). Required.
            side: BUY or SELL. Required.
            quantity: size in base units (e.g. BTC). Give exactly one of quantity and amount.
            type: STOP (a MARKET order when triggered), STOP_LIMIT (a LIMIT order at ``price``), TRAILING_STOP or
                TRAILING_STOP_LIMIT. Default: STOP_LIMIT when ``price`` is given, else STOP.
            price: limit price in quote units; STOP_LIMIT only (refused for other types).
            amount: size in quote units (e.g. USDT). Give exactly one of quantity and amount.
            trailing_offset: trailing types only (required there): how far the stop trails the best price, a price
                distance (``"100"``) or a percentage (``"1.5%"``).
            limit_offset: TRAILING_STOP_LIMIT only (required there): how far beyond the stop the limit is placed,
                a distance or a percentage.
            operator: trailing types only: GTE (activate when the price rises to ``stop_price``) or LTE (falls to
                it). Default: the exchange's (GTE for SELL, LTE for BUY).
            extra_body: spec fields with no named parameter yet, by wire name (``{"maxSlippageBPS": 50}``);
                checked by the spec's rules. Default: none.

        Returns:
            CreateSmartOrderResponse with ``id`` and ``client_order_id`` (the generated one when you gave none).

        Raises:
            ValidationError: an argument breaks a rule (nothing is sent).
            DuplicateClientOrderIdError: an open order already has ``client_order_id``.
            OutcomeUnknownError: the client could not tell whether the order was placed; look it up by
                ``.client_order_id``.
            RequestError: any other refusal (AuthenticationError, RateLimitError, InvalidRequestError, ...) or
                TransportError.
        """
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
                extra_body=extra_body,
            )
        )

    async def cancel_replace(
        self,
        order_id: str | int,
        time_in_force: TimeInForce | None = None,
        proceed_on_failure: bool | None = None,
        client_order_id: str | None = None,
        *,
        price: Amount | None = None,
        stop_price: Amount | None = None,
        quantity: Amount | None = None,
        amount: Amount | None = None,
        type: SmartOrderType | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> CancelReplaceSmartOrderResponse:
        """Cancel an untriggered smart order and place its replacement (PUT /smartorders/{id}).

        Fields not given are copied from the old order by the exchange; the symbol and side stay.

        Args:
            order_id: the order to replace: its id (str or int) or ``"cid:<clientOrderId>"``.
            time_in_force: GTC, IOC or FOK for the new order. Default: the old order's.
            proceed_on_failure: True to place the new order even when the old one cannot be cancelled (then
                OldOrderNotCancelledError is raised: both may be live). Default: False (nothing is placed).
            client_order_id: the new order's id (1-64 of ``A-Za-z0-9_-``). Default: the old one's when
                ``order_id`` is ``cid:...``, else a generated one (so that a retry is safe).
            price: new limit price (quote units, str/Decimal/int). Default: the old one.
            stop_price: new trigger (or activation) price in quote units. Default: the old one.
            quantity: new size in base units; give at most one of quantity and amount. Default: the old size.
            amount: new size in quote units. Default: the old size.
            type: new smart-order type (STOP, STOP_LIMIT, TRAILING_STOP, TRAILING_STOP_LIMIT). Default: the old one.
            extra_body: spec fields with no named parameter yet, by wire name. Default: none.

        Returns:
            CancelReplaceSmartOrderResponse with the **new** order's ``id`` and ``client_order_id``.

        Raises:
            ValidationError: an argument breaks a rule (nothing is sent).
            NotFoundError: there is no such order.
            InvalidRequestError: the old order is no longer open (code 25009) and nothing was placed.
            OldOrderNotCancelledError: with ``proceed_on_failure``, the new order was placed but the old one was not
                cancelled (``.replacement`` holds the new ids).
            OutcomeUnknownError, RequestError: as for ``create``.
        """
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
                extra_body=extra_body,
            )
        )

    async def get_all(
        self, *, limit: int | None = None, extra_query: Mapping[str, object] | None = None
    ) -> list[SmartOrder]:
        """The open (untriggered, PENDING_NEW) smart orders, newest first (GET /smartorders).

        Args:
            limit: at most this many orders (an int of 1 or more). Default: the exchange's (all of them).
            extra_query: spec query parameters with no named parameter yet, by wire name. Default: none.

        Returns:
            A list of SmartOrder (empty when nothing is open).

        Raises:
            ValidationError: a bad ``limit`` (nothing is sent).
            RequestError: the exchange refused, or TransportError.
        """
        return await self._client._execute(build_get_all(limit, extra_query))

    async def get_by_id(self, order_id: str | int | None = None, client_order_id: str | None = None) -> SmartOrder:
        """One smart order, in any state (GET /smartorders/{id} or /smartorders/cid:{id}).

        Give exactly one of the two arguments. A clientOrderId is freed when its order leaves the open set
        (triggers, is cancelled or fails), so several orders may have carried it: the newest one is returned.

        Args:
            order_id: the exchange's id (str or int), or ``"cid:<clientOrderId>"``. Default: None.
            client_order_id: your id (1-64 of ``A-Za-z0-9_-``), without the ``cid:`` prefix. Default: None.

        Returns:
            SmartOrder, with ``triggered_order`` set once it triggered.

        Raises:
            ValidationError: neither or both arguments, or a malformed id (nothing is sent).
            NotFoundError: there is no such order.
            RequestError: any other refusal, or TransportError.
        """
        return await self._client._execute(build_get_by_id(order_id, client_order_id))

    async def cancel_by_id(self, order_id: str | int | None = None, client_order_id: str | None = None) -> CancelResult:
        """Cancel one smart order (DELETE /smartorders/{id}).

        Args:
            order_id: the exchange's id (str or int), or ``"cid:<clientOrderId>"``. Give exactly one of the two.
                Default: None.
            client_order_id: your id, without the ``cid:`` prefix (the newest order carrying it). Default: None.

        Returns:
            CancelResult (``ok`` is True; ``state`` is PENDING_CANCEL or CANCELED).

        Raises:
            ValidationError: neither or both arguments, or a malformed id (nothing is sent).
            CancelFailedError: the exchange answered that it could not cancel it (``.result.state`` is the
                order's actual state, e.g. TRIGGERED).
            NotFoundError: there is no such order.
            RequestError: any other refusal, or TransportError.
        """
        return await self._client._execute(build_cancel_by_id(order_id, client_order_id))

    async def cancel_by_multiple_ids(
        self,
        order_ids: Sequence[str | int] | None = None,
        client_order_ids: Sequence[str] | None = None,
        *,
        extra_body: Mapping[str, object] | None = None,
    ) -> list[CancelResult]:
        """Cancel several smart orders by id (DELETE /smartorders/cancelByIds).

        Args:
            order_ids: exchange ids (str or int). Default: none.
            client_order_ids: your ids (a ``cid:`` prefix is removed). Default: none. At least one id in total.
            extra_body: spec fields with no named parameter yet, by wire name. Default: none.

        Returns:
            One CancelResult per id, order ids first. Check ``ok`` on each: a failed item has the exchange's
            ``code`` (25014 for an unknown id, with an empty ``state``; 25009 for an order no longer open, with its
            actual state). Failed items do not raise.

        Raises:
            ValidationError: no id at all, or a malformed one (nothing is sent).
            RequestError: the whole request was refused, or TransportError.
        """
        return await self._client._execute(build_cancel_by_ids(order_ids, client_order_ids, extra_body))

    async def cancel(
        self,
        symbol: str | Sequence[str] | None = None,
        account_type: AccountType | Sequence[AccountType] | None = None,
        *,
        order_types: SmartOrderType | Sequence[SmartOrderType] | None = None,
        extra_body: Mapping[str, object] | None = None,
    ) -> list[CancelResult]:
        """Cancel every open smart order matching the filters (DELETE /smartorders).

        At least one of ``symbol`` and ``account_type`` is required: cancelling everything is always explicit
        (``cancel(account_type="SPOT")``).

        Args:
            symbol: a market or a list of markets (``"BTC_USDT"``). Default: every market.
            account_type: SPOT, or a list of account types. Default: every account type.
            order_types: only these smart-order types (STOP, STOP_LIMIT, TRAILING_STOP, TRAILING_STOP_LIMIT; one
                or a list). Default: every type.
            extra_body: spec fields with no named parameter yet, by wire name. Default: none.

        Returns:
            One CancelResult per order cancelled (empty when none matched).

        Raises:
            ValidationError: no filter, or a malformed one (nothing is sent).
            RequestError: the exchange refused, or TransportError.
        """
        return await self._client._execute(build_cancel(symbol, account_type, order_types, extra_body))

    async def get_history(
        self,
        account_type: AccountType | None = None,
        hide_cancel: bool | None = None,
        start_time: int | datetime | None = None,
        end_time: int | datetime | None = None,
        begins_from: str | int | None = None,
        *,
        type: SmartOrderType | Sequence[SmartOrderType] | None = None,
        side: Side | None = None,
        symbol: str | None = None,
        direction: Direction | None = None,
        states: HistoryState | Sequence[HistoryState] | None = None,
        limit: int | None = None,
        extra_query: Mapping[str, object] | None = None,
    ) -> list[SmartOrder]:
        """One page of past (no longer open) smart orders, newest first (GET /smartorders/history).

        To walk every page, use ``iter_history``, which handles the cursor.

        Args:
            account_type: SPOT only. Default: every account type.
            hide_cancel: True to leave out CANCELED and PARTIALLY_CANCELED orders. Default: False.
            start_time: earliest createTime: ms since the epoch (int) or an aware datetime. Default: no bound.
            end_time: latest createTime, like ``start_time``; not before it. Default: no bound.
            begins_from: an order id to page from (exclusive). Default: start from the newest.
            type: smart-order types (one or a list of STOP, STOP_LIMIT, TRAILING_STOP, TRAILING_STOP_LIMIT).
                Default: every type.
            side: BUY or SELL. Default: both.
            symbol: one market (``"BTC_USDT"``). Default: every market.
            direction: with ``begins_from``: NEXT (the default) for older orders, PRE for newer ones.
            states: final states (one or a list of FAILED, FILLED, CANCELED, PARTIALLY_CANCELED). Default: all.
            limit: at most this many orders (an int of 1 or more). Default: the exchange's, 100.
            extra_query: spec query parameters with no named parameter yet, by wire name. Default: none.

        Returns:
            A list of SmartOrder with the fill summary (``avg_price``, ``filled_quantity``, ``filled_amount``).

        Raises:
            ValidationError: a bad filter (nothing is sent).
            RequestError: the exchange refused, or TransportError.
        """
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
                extra_query=extra_query,
            )
        )

    def iter_history(
        self,
        account_type: AccountType | None = None,
        hide_cancel: bool | None = None,
        start_time: int | datetime | None = None,
        end_time: int | datetime | None = None,
        begins_from: str | int | None = None,
        *,
        type: SmartOrderType | Sequence[SmartOrderType] | None = None,
        side: Side | None = None,
        symbol: str | None = None,
        states: HistoryState | Sequence[HistoryState] | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        max_items: int | None = None,
    ) -> AsyncIterator[SmartOrder]:
        """Every past smart order matching the filters, newest first, fetched page by page.

        Pages are requested with ``from``/``direction=NEXT`` through the normal client call (rate limiter and
        retries apply), each from the oldest order seen so far: an order is never yielded twice, and orders placed
        while paging do not shift the pages (they are newer than where the walk began, and are not included). The
        walk ends at the first page with no order it has not yielded, or after ``max_items``.

        Args:
            account_type: SPOT only. Default: every account type.
            hide_cancel: True to leave out CANCELED and PARTIALLY_CANCELED orders. Default: False.
            start_time: earliest createTime: ms since the epoch (int) or an aware datetime. Default: no bound.
            end_time: latest createTime, like ``start_time``; not before it. Default: no bound.
            begins_from: start below this order id (exclusive). Default: from the newest order.
            type: smart-order types (one or a list of STOP, STOP_LIMIT, TRAILING_STOP, TRAILING_STOP_LIMIT).
                Default: every type.
            side: BUY or SELL. Default: both.
            symbol: one market (``"BTC_USDT"``). Default: every market.
            states: final states (one or a list of FAILED, FILLED, CANCELED, PARTIALLY_CANCELED). Default: all.
            page_size: orders per request (an int of 1 or more). Default: 100.
            max_items: stop after this many orders (an int of 0 or more). Default: no limit.

        Returns:
            An iterator of SmartOrder (``for order in ...``; with AsyncClient, ``async for``).

        Raises:
            ValidationError: a bad filter, ``page_size`` or ``max_items``, at the call, before anything is sent.
            RequestError: a page was refused (raised from the iteration), or TransportError.
        """
        return self._walk(
            history_pager(
                account_type=account_type,
                hide_cancel=hide_cancel,
                start_time=start_time,
                end_time=end_time,
                begins_from=begins_from,
                type=type,
                side=side,
                symbol=symbol,
                states=states,
                page_size=page_size,
                max_items=max_items,
            )
        )

    async def _walk(self, pager: HistoryPager) -> AsyncIterator[SmartOrder]:
        while (call := pager.next_call()) is not None:
            for order in pager.take(await self._client._execute(call)):
                yield order
