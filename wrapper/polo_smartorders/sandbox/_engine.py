"""The sandbox exchange engine: accounts, market prices and smart orders, every change made under one lock."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType

from ._book import JSON, ZERO, BookOrder, cancel_result
from ._errors import (
    CANCEL_FAILED,
    CANCEL_NOT_FOUND,
    DUPLICATE_CLIENT_ORDER_ID,
    INVALID_SYMBOL,
    MARKET_DATA_INVALID_SYMBOL,
    NOT_FOUND,
    SandboxError,
)
from ._filters import CancelAllFilter, CancelByIds, HistoryQuery
from ._lifecycle import Wallet, on_price
from ._markets import DEFAULT_MARKETS, Market, markets_of
from ._parsers import price as parse_price
from ._parsers import symbol
from ._snapshot import read_state, write_state
from ._validation import OrderRef, OrderSpec, ReplacePatch, replace_spec
from ._wire import fmt

DEFAULT_ACCOUNTS: Mapping[str, str] = MappingProxyType({"sandbox-key": "sandbox-secret"})
#: The markets a sandbox trades unless told otherwise (their rules: `DEFAULT_MARKETS`): orders and prices on any
#: other symbol are refused (25019).
DEFAULT_SYMBOLS: tuple[str, ...] = tuple(DEFAULT_MARKETS)
FIRST_ID = 10_000_001
_CANCELED_STATES = ("CANCELED", "PARTIALLY_CANCELED")


def wall_clock_ms() -> int:
    """Milliseconds since the epoch from the system clock."""
    return time.time_ns() // 1_000_000


class Sandbox:
    """An in-memory model of the exchange's smart-order behaviour, safe to call from any thread.

    Each account (API key) sees only its own orders. Market prices are set with `set_price`; orders of that market
    trigger, trail and fill as the price moves. Ids come from one counter shared by smart and triggered orders.
    Only the markets in `symbols` exist (symbols with their default rules, or `Market`s with rules of their own;
    default `DEFAULT_MARKETS`): an order or a price on another is refused, and an order must obey its market's rules.
    With `balances` (currency -> amount, e.g. `{"USDT": "1000"}`) each account holds those funds and no others, and a
    smart order that triggers without the funds for its order fails (see `_lifecycle`); without, funds are unlimited.
    """

    _orders: dict[str, dict[int, BookOrder]]
    _latest_by_client_id: dict[str, dict[str, int]]
    _prices: dict[str, Decimal]
    _price_times: dict[str, int]
    _markets: dict[str, Market]
    _wallets: dict[str, dict[str, Decimal]] | None
    _ids: Iterator[int]

    def __init__(
        self,
        accounts: Mapping[str, str] | None = None,
        *,
        clock_skew_ms: int = 0,
        clock: Callable[[], int] = wall_clock_ms,
        symbols: Iterable[str | Market] | None = None,
        order_clock_skew_ms: int = 0,
        balances: Mapping[str, str | Decimal] | None = None,
    ) -> None:
        self._lock = threading.RLock()
        self._start_markets = markets_of(symbols)
        self._start_balances = funds(balances)
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
        """Register another API key with its own, empty order book (and the starting balances, when they are on)."""
        with self._lock:
            self._accounts[key] = secret
            self._orders.setdefault(key, {})
            self._latest_by_client_id.setdefault(key, {})
            if self._wallets is not None and key not in self._wallets:
                self._wallets[key] = dict(self._start_balances or {})

    def reset(
        self,
        *,
        symbols: Iterable[str | Market] | None = None,
        balances: Mapping[str, str | Decimal] | None = None,
    ) -> None:
        """Forget every order and price, restart the ids and put the markets and balances back as the sandbox started
        (accounts stay), e.g. between test scenarios. `symbols` or `balances` start it over with those instead, until
        the next reset."""
        markets = self._start_markets if symbols is None else markets_of(symbols)
        start = self._start_balances if balances is None else funds(balances)
        with self._lock:
            self._orders = {key: {} for key in self._accounts}
            self._latest_by_client_id = {key: {} for key in self._accounts}
            self._prices = {}
            self._price_times = {}
            self._markets = dict(markets)
            self._wallets = None if start is None else {key: dict(start) for key in self._accounts}
            self._ids = itertools.count(FIRST_ID)

    @property
    def symbols(self) -> frozenset[str]:
        """The markets this sandbox trades."""
        with self._lock:
            return frozenset(self._markets)

    def market(self, symbol: str) -> Market:
        """The market `symbol` and its rules (KeyError naming it when the sandbox does not trade it)."""
        with self._lock:
            return self._markets[symbol]

    def markets(self) -> list[Market]:
        """Every market, by symbol."""
        with self._lock:
            return [self._markets[name] for name in sorted(self._markets)]

    def set_market(self, market: Market) -> None:
        """Trade `market` with its rules from now on (replacing the market of that symbol, if any): e.g.
        `set_market(sandbox.market("BTC_USDT").with_state("PAUSE"))`. Orders already placed are not checked again;
        the market's price is (ValueError, nothing changed, when it has more decimals than the new `priceScale`)."""
        if not isinstance(market, Market):
            raise TypeError(f"set_market takes a Market, got {type(market).__name__}")
        with self._lock:
            price = self._prices.get(market.symbol)
            try:
                if price is not None:
                    market.check_price("price", price)
            except SandboxError as error:
                raise ValueError(f"{error.message}: set a price it allows first") from None
            self._markets[market.symbol] = market

    def balances(self, account: str) -> dict[str, Decimal] | None:
        """The account's available funds by currency (a copy; held funds excluded), or None when they are unlimited."""
        with self._lock:
            return None if self._wallets is None else dict(self._wallets[account])

    def set_balance(self, account: str, currency: str, amount: str | Decimal) -> None:
        """Set one currency of the account's funds (turning balances on for every account, others at 0, if off)."""
        [(name, value)] = (funds({currency: amount}) or {}).items()
        with self._lock:
            if self._wallets is None:
                self._wallets = {key: {} for key in self._accounts}
            self._wallets[account][name] = value

    def last_trade(self, market: str) -> tuple[Decimal, int] | None:
        """The market's last price and when it was set (order clock, ms), or None before any."""
        with self._lock:
            if market not in self._prices:
                return None
            return self._prices[market], self._price_times[market]

    def state(self) -> dict[str, object]:
        """Every order, price, market, balance and the next id as JSON values (amounts as exact decimal text), for
        `restore`.

        Accounts and their secrets are not part of it, nor the clock settings: a sandbox restores into one built
        with the same accounts.
        """
        with self._lock:
            next_id = next(self._ids)
            self._ids = itertools.count(next_id)  # peeked, not spent
            return write_state(next_id, self._prices, self._price_times, self._markets, self._wallets, self._orders)

    def restore(self, state: Mapping[str, object]) -> None:
        """Replace every order, price, market, balance and the id counter with those of a `state()` (accounts stay).

        Raises ValueError, changing nothing, when `state` is not one (another version, a wrong type, an account
        this sandbox does not have, a price of a market it does not trade). A state of version 1 (before markets
        and balances were kept) restores with this sandbox's markets and balances.
        """
        saved = read_state(state, self._markets, self._wallets)
        for market, text in saved.prices.items():
            saved.prices[market] = _saved_price(market, text)
        unknown = sorted(set(saved.orders) - set(self._accounts))
        if unknown:
            raise ValueError(f"sandbox state: orders of an account this sandbox does not have: {unknown[0]!r}")
        if saved.wallets is not None and set(saved.wallets) - set(self._accounts):
            raise ValueError("sandbox state: balances of an account this sandbox does not have")
        for market, price in saved.prices.items():
            if market not in saved.markets:
                raise ValueError(f"sandbox state: a price of a market this sandbox does not trade: {market!r}")
            try:
                saved.markets[market].check_price("price", price)
            except SandboxError as error:
                raise ValueError(f"sandbox state: {error.message}") from None
        books = saved.orders
        ids = [order.id for book in books.values() for order in book.values()]
        ids += [order.child.id for book in books.values() for order in book.values() if order.child is not None]
        if ids and saved.next_id <= max(ids):
            raise ValueError("sandbox state: the next id is not above every order's id")
        with self._lock:
            self._orders = {key: dict(sorted(books.get(key, {}).items())) for key in self._accounts}
            self._latest_by_client_id = {
                key: {order.spec.client_order_id: order.id for order in book.values() if order.spec.client_order_id}
                for key, book in self._orders.items()
            }  # the latest order holding a clientOrderId is the one with the highest id
            self._prices = saved.prices
            self._price_times = {market: saved.price_times.get(market, 0) for market in saved.prices}
            self._markets = saved.markets
            self._wallets = (
                None
                if saved.wallets is None
                else {key: saved.wallets.get(key, dict(self._start_balances or {})) for key in self._accounts}
            )
            self._ids = itertools.count(saved.next_id)

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
        most as long as the spec lets an amount be (a Decimal is measured before it is written out or stored), or
        with more decimals than the market's `priceScale` (a price the exchange never trades at).
        """
        with self._lock:
            try:
                self.check_symbol("symbol", symbol("symbol", market))
                value = parse_price("price", price)
                self._markets[market].check_price("price", value)
            except SandboxError as error:
                raise ValueError(error.message) from None
            now = self.order_time_ms()
            self._prices[market] = value
            self._price_times[market] = now
            for account, orders in self._orders.items():
                wallet = self._wallet(account)
                for order in orders.values():
                    if order.spec.symbol == market:
                        on_price(order, value, now, self._next_id, wallet, self._markets[market].min_quantity)

    def check_symbol(self, name: str, market: str) -> None:
        """Refuse (400, 25019) a well-formed symbol that is not one of this sandbox's markets."""
        if market not in self._markets:
            raise SandboxError(400, INVALID_SYMBOL, f"Invalid parameter '{name}': unknown symbol '{market}'")

    # --- smart-order operations -------------------------------------------------------------------------------

    def create(self, account: str, spec: OrderSpec) -> JSON:
        """Place a smart order; it triggers at once if the market price is already past its stop."""
        self.check_symbol("symbol", spec.symbol)
        with self._lock:
            self._markets[spec.symbol].check(spec)
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
            self.check_symbol("symbol", spec.symbol)  # a market this sandbox stopped trading (restored, replaced)
            self._markets[spec.symbol].check(spec)
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

    # --- public market data (unsigned) --------------------------------------------------------------------------

    def list_markets(self) -> list[JSON]:
        """GET /markets: every market and its rules, by symbol."""
        return [market.to_json() for market in self.markets()]

    def get_market(self, symbol: str) -> list[JSON]:
        """GET /markets/{symbol}: an array of one market; 400 (24101) for a symbol that is not one."""
        return [self._listed(symbol).to_json()]

    def get_market_price(self, symbol: str) -> JSON:
        """GET /markets/{symbol}/price: the last price `set_price` gave it ("0", time 0, before any). The sandbox keeps
        no day of prices: dailyChange is "0"."""
        market = self._listed(symbol)
        last = self.last_trade(market.symbol)
        price, time_ms = last if last is not None else (ZERO, 0)
        return {"symbol": market.symbol, "price": fmt(price), "time": time_ms, "dailyChange": "0", "ts": self.now_ms()}

    def _listed(self, symbol: str) -> Market:
        with self._lock:
            market = self._markets.get(symbol)
        if market is None:
            shown = symbol if len(symbol) <= 40 else symbol[:37] + "..."
            raise SandboxError(400, MARKET_DATA_INVALID_SYMBOL, f"Invalid symbol: '{shown}' is not a market")
        return market

    # --- internals ----------------------------------------------------------------------------------------------

    def _next_id(self) -> int:
        return next(self._ids)

    def _wallet(self, account: str) -> Wallet | None:
        return None if self._wallets is None else self._wallets[account]

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
            on_price(order, market, now, self._next_id, self._wallet(account), self._markets[spec.symbol].min_quantity)
        return order

    def _cancel(self, order: BookOrder) -> JSON:
        if not order.is_open:
            return cancel_result(order, CANCEL_FAILED, f"Failed to cancel: smart order is {order.state}")
        order.state = "CANCELED"
        order.update_time = self.order_time_ms()
        return cancel_result(order, 200, "")


def funds(balances: Mapping[str, str | Decimal] | None) -> dict[str, Decimal] | None:
    """Starting balances, checked: a currency name (capital letters and digits) -> a decimal of at least 0."""
    if balances is None:
        return None
    if not isinstance(balances, Mapping):
        raise TypeError(f"balances: a mapping of currency to amount expected, got {type(balances).__name__}")
    checked: dict[str, Decimal] = {}
    for currency, amount in balances.items():
        if not isinstance(currency, str) or not currency.isascii() or not currency.isalnum() or not currency.isupper():
            raise ValueError(f"balances: {currency!r} is not a currency like USDT (capital letters and digits)")
        if isinstance(amount, bool) or not isinstance(amount, str | Decimal | int):
            raise ValueError(f"balances[{currency!r}]: a decimal string or Decimal expected, got {amount!r}")
        try:
            value = Decimal(amount)
        except ArithmeticError:
            raise ValueError(f"balances[{currency!r}]: {amount!r} is not a decimal") from None
        if not value.is_finite() or value < 0 or value.adjusted() >= 40:
            raise ValueError(f"balances[{currency!r}]: must be a decimal from 0 to under 10^40, got {amount!r}")
        checked[currency] = value
    return checked


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
