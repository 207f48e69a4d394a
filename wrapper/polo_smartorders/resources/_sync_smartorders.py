# Derived from _async_smartorders.py by openapi/unasync.py at `make generate`: edit the source, then regenerate.
"""The smart-order resource of Client, derived from ``_async_smartorders.py``: do not edit.

The sync ``SmartOrders`` is derived from it by ``openapi/unasync.py`` at ``make generate``, and ``make
check-generated`` fails when the two differ. Each method validates its arguments and builds a ``Call``
(``smartorders.py``, pure and shared by both); the client runs it under the retry rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from polo_smartorders_api.models import (
    AccountType,
    Direction,
    HistoryState,
    Operator,
    Side,
    SmartOrderType,
    TimeInForce,
)

from .._docstrings import spec_documented
from .._models import CancelReplaceSmartOrderResponse, CancelResult, CreateSmartOrderResponse, SmartOrder
from .._validation import Amount
from ._pager import DEFAULT_PAGE_SIZE, HistoryPager
from .markets import symbol_of
from .smartorders import (
    NAMED,
    build_cancel,
    build_cancel_by_id,
    build_cancel_by_ids,
    build_cancel_replace,
    build_create,
    build_get_all,
    build_get_by_id,
    build_get_history,
    history_pager,
)

if TYPE_CHECKING:
    from .._client import Client


# Each spec parameter's Args entry ends with what the spec says of it (required, values, limits, default).
@spec_documented(
    NAMED,
    create="createSmartOrder",
    cancel_replace="cancelReplaceSmartOrder",
    get_all="listSmartOrders",
    cancel_by_multiple_ids="cancelSmartOrdersByIds",
    cancel="cancelAllSmartOrders",
    get_history="listSmartOrderHistory",
    iter_history="listSmartOrderHistory",
)
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
            symbol: the market, ``BASE_QUOTE`` (e.g. ``"BTC_USDT"``).
            side: BUY or SELL.
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
            ValidationError: an argument breaks a rule, or with ``check_market_rules=True`` the market's trading rules
                (nothing is sent).
            DuplicateClientOrderIdError: an open order already has ``client_order_id``.
            OutcomeUnknownError: the client could not tell whether the order was placed; look it up by
                ``.client_order_id``.
            RequestError: any other refusal (AuthenticationError, RateLimitError, InvalidRequestError, ...) or
                TransportError.
        """
        call = build_create(
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
        with self._client._one_deadline():  # the rules' fetch counts against the create's deadline
            self._client._check_market_rules(
                symbol, price=price, stop_price=stop_price, quantity=quantity, amount=amount
            )
            return self._client._execute(call)

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
        symbol: str | None = None,
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
            symbol: the order's market (``"BTC_USDT"``), never sent (a replace keeps its symbol): with
                ``check_market_rules=True`` the new fields are checked against its rules. Default: unknown, and the
                market rules are not checked (the exchange still enforces them).

        Returns:
            CancelReplaceSmartOrderResponse with the **new** order's ``id`` and ``client_order_id``.

        Raises:
            ValidationError: an argument breaks a rule, or with ``check_market_rules=True`` and ``symbol`` the
                market's trading rules (nothing is sent).
            NotFoundError: there is no such order.
            OrderNotOpenError: the old order is no longer open (``.state`` says what it is, e.g. TRIGGERED, when the
                exchange's answer names it) and nothing was placed; an InvalidRequestError.
            OldOrderNotCancelledError: with ``proceed_on_failure``, the new order was placed but the old one was not
                cancelled (``.replacement`` holds the new ids).
            OutcomeUnknownError, RequestError: as for ``create``.
        """
        call = build_cancel_replace(
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
        with self._client._one_deadline():
            if symbol is not None:
                self._client._check_market_rules(
                    symbol_of(symbol), price=price, stop_price=stop_price, quantity=quantity, amount=amount
                )
            return self._client._execute(call)

    def get_all(self, *, limit: int | None = None, extra_query: Mapping[str, object] | None = None) -> list[SmartOrder]:
        """The open (untriggered, PENDING_NEW) smart orders, newest first (GET /smartorders).

        Args:
            limit: at most this many orders. Default: the exchange's (all of them when the spec states no default).
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
            OrderNotOpenError: it is no longer open (``.state`` is its actual state, e.g. TRIGGERED); a
                CancelFailedError.
            CancelFailedError: the exchange answered that it could not cancel it for another reason.
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
            limit: at most this many orders. Default: the exchange's.
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
            page_size: orders per request (an int of 1 or more). Default: the spec's default history ``limit``.
            max_items: stop after this many orders (an int of 0 or more). Default: no limit.

        Returns:
            An iterator of SmartOrder, to read with ``for``.

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
            for order in pager.take(self._client._execute(call)):
                yield order
