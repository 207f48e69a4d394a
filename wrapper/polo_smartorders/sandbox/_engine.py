"""The sandbox exchange engine: accounts, market prices and smart orders, every change made under one lock."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType

from ._book import JSON, BookOrder, cancel_result
from ._errors import (
    CANCEL_FAILED,
    CANCEL_NOT_FOUND,
    DUPLICATE_CLIENT_ORDER_ID,
    INVALID_SYMBOL,
    NOT_FOUND,
    SandboxError,
)
from ._filters import CancelAllFilter, CancelByIds, HistoryQuery
from ._lifecycle import on_price
from ._parsers import price as parse_price
from ._parsers import symbol
from ._snapshot import VERSION as STATE_VERSION
from ._snapshot import integer, mapping, order_state, read_order
from ._validation import OrderRef, OrderSpec, ReplacePatch, replace_spec
from ._wire import fmt

DEFAULT_ACCOUNTS: Mapping[str, str] = MappingProxyType({"sandbox-key": "sandbox-secret"})
#: The markets a sandbox trades unless told otherwise: orders and prices on any other symbol are refused (25019).
DEFAULT_SYMBOLS: tuple[str, ...] = (
    "BTC_USDT", "ETH_USDT", "LTC_USDT", "SOL_USDT", "XRP_USDT", "DOT_USDT", "ADA_USDT", "DOGE_USDT", "TRX_USDT",
    "BNB_USDT", "ETH_BTC", "LTC_BTC",
)  # fmt: skip
FIRST_ID = 10_000_001
_CANCELED_STATES = ("CANCELED", "PARTIALLY_CANCELED")


def wall_clock_ms() -> int:
    """Milliseconds since the epoch from the system clock."""
    return time.time_ns() // 1_000_000


class Sandbox:
    """An in-memory model of the exchange's smart-order behaviour, safe to call from any thread.

    Each account (API key) sees only its own orders. Market prices are set with `set_price`; orders of that market
    trigger, trail and fill as the price moves. Ids come from one counter shared by smart and triggered orders.
    Only the markets in `symbols` (default `DEFAULT_SYMBOLS`) exist: an order or a price on another is refused.
    """

    _orders: dict[str, dict[int, BookOrder]]
    _latest_by_client_id: dict[str, dict[str, int]]
    _prices: dict[str, Decimal]
    _ids: Iterator[int]

    def __init__(
        self,
        accounts: Mapping[str, str] | None = None,
        *,
        clock_skew_ms: int = 0,
        clock: Callable[[], int] = wall_clock_ms,
        symbols: Iterable[str] | None = None,
        order_clock_skew_ms: int = 0,
    ) -> None:
        self._lock = threading.RLock()
        self.symbols: frozenset[str] = frozenset(DEFAULT_SYMBOLS if symbols is None else symbols)
        """The markets this sandbox trades."""
        self._accounts: dict[str, str] = dict(DEFAULT_ACCOUNTS if accounts is None else accounts)
        self.reset()
        self._clock = clock
        self.clock_skew_ms = clock_skew_ms
        """How far the sandbox's clock runs ahead of `clock` (negative: behind), to test clock-skew handling."""
        self.order_clock_skew_ms = order_clock_skew_ms
        """How far the clock that stamps orders (createTime, updateTime) runs ahead of the one answering GET /timestamp
        and judging signTimestamps (negative: behind): on the exchange they are different machines."""

    # --- accounts, clock and prices ---------------------------------------------------------------------------

    @property
    def accounts(self) -> Mapping[str, str]:
        """API key -> secret (a read-only view)."""
        return MappingProxyType(self._accounts)

    def add_account(self, key: str, secret: str) -> None:
        """Register another API key with its own, empty order book."""
        with self._lock:
            self._accounts[key] = secret
            self._orders.setdefault(key, {})
            self._latest_by_client_id.setdefault(key, {})

    def reset(self) -> None:
        """Forget every order and price and restart the ids (accounts stay), e.g. between test scenarios."""
        with self._lock:
            self._orders = {key: {} for key in self._accounts}
            self._latest_by_client_id = {key: {} for key in self._accounts}
            self._prices = {}
            self._ids = itertools.count(FIRST_ID)

    def state(self) -> dict[str, object]:
        """Every order, price and the next id as JSON values (amounts as exact decimal text), for `restore`.

        Accounts and their secrets are not part of it, nor the clock settings: a sandbox restores into one built
        with the same accounts.
        """
        with self._lock:
            next_id = next(self._ids)
            self._ids = itertools.count(next_id)  # peeked, not spent
            return {
                "version": STATE_VERSION,
                "nextId": next_id,
                "prices": {market: fmt(price) for market, price in self._prices.items()},
                "orders": {
                    account: [order_state(order) for order in orders.values()]
                    for account, orders in self._orders.items()
                },
            }

    def restore(self, state: Mapping[str, object]) -> None:
        """Replace every order, price and the id counter with those of a `state()` (accounts stay).

        Raises ValueError, changing nothing, when `state` is not one (another version, a wrong type, an account
        this sandbox does not have, a symbol it does not trade).
        """
        raw = mapping(dict(state), "state")
        if raw.get("version") != STATE_VERSION:
            raise ValueError(f"sandbox state: version {raw.get('version')!r}, expected {STATE_VERSION}")
        next_id = integer(raw, "nextId")
        prices = {
            str(market): _saved_price(market, text) for market, text in mapping(raw.get("prices"), "prices").items()
        }
        books: dict[str, dict[int, BookOrder]] = {}
        for account, items in mapping(raw.get("orders"), "orders").items():
            if account not in self._accounts:
                raise ValueError(f"sandbox state: orders of an account this sandbox does not have: {account!r}")
            if not isinstance(items, list):
                raise ValueError("sandbox state: an account's orders are not a list")
            books[account] = {order.id: order for order in (read_order(account, item) for item in items)}
        for market in prices:
            if market not in self.symbols:
                raise ValueError(f"sandbox state: a price of a market this sandbox does not trade: {market!r}")
        ids = [order.id for book in books.values() for order in book.values()]
        ids += [order.child.id for book in books.values() for order in book.values() if order.child is not None]
        if ids and next_id <= max(ids):
            raise ValueError("sandbox state: the next id is not above every order's id")
        with self._lock:
            self._orders = {key: dict(sorted(books.get(key, {}).items())) for key in self._accounts}
            self._latest_by_client_id = {
                key: {order.spec.client_order_id: order.id for order in book.values() if order.spec.client_order_id}
                for key, book in self._orders.items()
            }  # the latest order holding a clientOrderId is the one with the highest id
            self._prices = prices
            self._ids = itertools.count(next_id)

    def now_ms(self) -> int:
        """The sandbox's clock: the real clock plus `clock_skew_ms`."""
        return self._clock() + self.clock_skew_ms

    def order_time_ms(self) -> int:
        """The time an order is stamped with: `now_ms()` plus `order_clock_skew_ms`."""
        return self.now_ms() + self.order_clock_skew_ms

    def price(self, market: str) -> Decimal | None:
        """The last price set for `market`, if any."""
        with self._lock:
            return self._prices.get(market)

    def prices(self) -> dict[str, Decimal]:
        """Every market price set so far (a copy)."""
        with self._lock:
            return dict(self._prices)

    def set_price(self, market: str, price: str | Decimal) -> None:
        """Move `market` to `price` and let every order of that market react (trigger, trail, fill).

        Raises ValueError for a malformed or unknown symbol or a price that is not a plain decimal greater than 0, at
        most as long as the spec lets an amount be (a Decimal is measured before it is written out or stored).
        """
        try:
            self.check_symbol("symbol", symbol("symbol", market))
            value = parse_price("price", price)
        except SandboxError as error:
            raise ValueError(error.message) from None
        with self._lock:
            self._prices[market] = value
            now = self.order_time_ms()
            for orders in self._orders.values():
                for order in orders.values():
                    if order.spec.symbol == market:
                        on_price(order, value, now, self._next_id)

    def check_symbol(self, name: str, market: str) -> None:
        """Refuse (400, 25019) a well-formed symbol that is not one of this sandbox's markets."""
        if market not in self.symbols:
            raise SandboxError(400, INVALID_SYMBOL, f"Invalid parameter '{name}': unknown symbol '{market}'")

    # --- smart-order operations -------------------------------------------------------------------------------

    def create(self, account: str, spec: OrderSpec) -> JSON:
        """Place a smart order; it triggers at once if the market price is already past its stop."""
        self.check_symbol("symbol", spec.symbol)
        with self._lock:
            self._check_client_id_free(account, spec.client_order_id, replacing=None)
            order = self._place(account, spec)
            return {"id": str(order.id), "clientOrderId": order.spec.client_order_id}

    def get(self, account: str, ref: OrderRef) -> list[JSON]:
        """Zero or one order, with `triggeredOrder` once it triggered."""
        with self._lock:
            order = self._find(account, ref)
            return [] if order is None else [order.to_json(with_child=True)]

    def list_open(self, account: str, limit: int | None) -> list[JSON]:
        """Untriggered (PENDING_NEW) orders, newest first."""
        with self._lock:
            open_orders = [order for order in self._newest_first(account) if order.is_open]
            return [order.to_json() for order in open_orders[:limit]]

    def history(self, account: str, query: HistoryQuery) -> list[JSON]:
        """Orders that are no longer open, filtered, newest first, paged by id from `query.from_id`."""
        with self._lock:
            matches = [order for order in self._newest_first(account) if _in_history(order, query)]
            if query.from_id is None:
                page = matches[: query.limit]
            elif query.direction == "PRE":
                newer = [order for order in reversed(matches) if order.id > query.from_id]
                page = list(reversed(newer[: query.limit]))
            else:
                page = [order for order in matches if order.id < query.from_id][: query.limit]
            return [order.to_json(history=True) for order in page]

    def cancel(self, account: str, ref: OrderRef) -> JSON:
        """Cancel one order (404 if unknown); a 200 result carries code 25009 when it was no longer open."""
        with self._lock:
            order = self._find(account, ref)
            if order is None:
                raise SandboxError(404, NOT_FOUND, f"Smart order not found: {_describe(ref)}")
            return self._cancel(order)

    def cancel_by_ids(self, account: str, request: CancelByIds) -> list[JSON]:
        """One result per id given, order ids first; unknown ids get code 25014 and an empty state."""
        with self._lock:
            refs = [OrderRef("id", value) for value in request.order_ids]
            refs += [OrderRef("cid", value) for value in request.client_order_ids]
            results: list[JSON] = []
            for ref in refs:
                order = self._find(account, ref)
                if order is not None:
                    results.append(self._cancel(order))
                    continue
                results.append(
                    {
                        "orderId": ref.value if ref.kind == "id" else "",
                        "clientOrderId": ref.value if ref.kind == "cid" else "",
                        "state": "",
                        "code": CANCEL_NOT_FOUND,
                        "message": "Cancel failed: smart orders not found",
                    }
                )
            return results

    def cancel_all(self, account: str, selection: CancelAllFilter) -> list[JSON]:
        """Cancel every open order matching all the given filters, newest first."""
        with self._lock:
            chosen = [
                order
                for order in self._newest_first(account)
                if order.is_open
                and (selection.symbols is None or order.spec.symbol in selection.symbols)
                and (selection.account_types is None or order.spec.account_type in selection.account_types)
                and (selection.order_types is None or order.spec.type in selection.order_types)
            ]
            return [self._cancel(order) for order in chosen]

    def cancel_replace(self, account: str, ref: OrderRef, patch: ReplacePatch) -> JSON:
        """Cancel an untriggered order and place its replacement, all or nothing; answers the new order's id.

        The replacement is checked before anything changes. If the old order is no longer open, the request fails
        with 25009 unless `proceedOnFailure`, in which case the new order is placed and the answer carries 25009.
        """
        with self._lock:
            old = self._find(account, ref)
            if old is None:
                raise SandboxError(404, NOT_FOUND, f"Smart order not found: {_describe(ref)}")
            spec = replace_spec(old.spec, patch.fields)
            self._check_client_id_free(account, spec.client_order_id, replacing=old)
            failure = None if old.is_open else f"Failed to cancel smart order {old.id}: it is {old.state}"
            if failure is not None and not patch.proceed_on_failure:
                raise SandboxError(400, CANCEL_FAILED, f"{failure}; no new order was placed")
            if failure is None:
                self._cancel(old)
            new = self._place(account, spec)
            answer: JSON = {"id": str(new.id), "clientOrderId": new.spec.client_order_id}
            if failure is not None:
                answer.update(code=CANCEL_FAILED, message=failure)
            return answer

    def orders(self, account: str) -> list[JSON]:
        """Every order of `account` in any state, newest first, as GET /smartorders/{id} shows them (for tests)."""
        with self._lock:
            return [order.to_json(with_child=True) for order in self._newest_first(account)]

    # --- internals ----------------------------------------------------------------------------------------------

    def _next_id(self) -> int:
        return next(self._ids)

    def _newest_first(self, account: str) -> Iterator[BookOrder]:
        return reversed(self._orders[account].values())

    def _find(self, account: str, ref: OrderRef) -> BookOrder | None:
        orders = self._orders[account]
        if ref.kind == "id":
            return orders.get(int(ref.value))
        order_id = self._latest_by_client_id[account].get(ref.value)
        return None if order_id is None else orders[order_id]

    def _check_client_id_free(self, account: str, client_order_id: str, replacing: BookOrder | None) -> None:
        """clientOrderId must be unique among the account's open orders (the one being replaced excepted)."""
        if not client_order_id:
            return
        holder = self._find(account, OrderRef("cid", client_order_id))
        if holder is not None and holder.is_open and holder is not replacing:
            raise SandboxError(400, DUPLICATE_CLIENT_ORDER_ID, f"Client order id already exists: '{client_order_id}'")

    def _place(self, account: str, spec: OrderSpec) -> BookOrder:
        now = self.order_time_ms()
        order = BookOrder(
            id=self._next_id(), account=account, spec=spec, state="PENDING_NEW", create_time=now, update_time=now
        )
        self._orders[account][order.id] = order
        if spec.client_order_id:
            self._latest_by_client_id[account][spec.client_order_id] = order.id
        market = self._prices.get(spec.symbol)
        if market is not None:
            on_price(order, market, now, self._next_id)
        return order

    def _cancel(self, order: BookOrder) -> JSON:
        if not order.is_open:
            return cancel_result(order, CANCEL_FAILED, f"Failed to cancel: smart order is {order.state}")
        order.state = "CANCELED"
        order.update_time = self.order_time_ms()
        return cancel_result(order, 200, "")


def _saved_price(market: str, text: object) -> Decimal:
    """A saved market price, held to the rule POST /sandbox/prices and `set_price` apply (the spec's bounds)."""
    try:
        return parse_price(market, text)
    except SandboxError as error:
        raise ValueError(f"sandbox state: {error.message}") from None


def _in_history(order: BookOrder, query: HistoryQuery) -> bool:
    spec = order.spec
    state = order.history_state()
    return (
        not order.is_open
        and (query.account_type is None or spec.account_type == query.account_type)
        and (query.types is None or spec.type in query.types)
        and (query.side is None or spec.side == query.side)
        and (query.symbol is None or spec.symbol == query.symbol)
        and (query.states is None or state in query.states)
        and not (query.hide_cancel and state in _CANCELED_STATES)
        and (query.start_time is None or order.create_time >= query.start_time)
        and (query.end_time is None or order.create_time <= query.end_time)
    )


def _describe(ref: OrderRef) -> str:
    return ref.value if ref.kind == "id" else f"cid:{ref.value}"
