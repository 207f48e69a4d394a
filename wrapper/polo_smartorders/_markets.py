"""A market's trading rules (the spec's SymbolTradeLimit and state): rounding to its scales, checking an order against
them, and the cache ``check_market_rules=True`` keeps of them.

The checks are the exchange's (its Error Codes page names each: 21335-21337 for the scales, 21330 and 21322 for the
minimums, 10041 for a market not trading), so that an order refused live is refused here first, before it is sent.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import decimal
import logging
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal
from typing import NamedTuple

from polo_smartorders_api.models import Market

from ._constants import MARKET_RULES_MAX_AGE, MARKET_RULES_RECHECK_AGE
from ._exceptions import ClientClosedError, RequestError, ValidationError
from ._rules import field as spec_field
from ._rules import schema
from ._schema import Check, compile_check
from ._validation import Amount

__all__ = ["MarketRules", "check_order", "round_amount", "round_price", "round_quantity"]

logger = logging.getLogger("polo_smartorders")

#: The market states in which the exchange refuses every order (the spec's Market.state; others, known or not, pass).
PAUSED_STATES = frozenset({"PAUSE"})
#: The rounding modes of the decimal module, which ``round_price(rounding=)`` takes.
_ROUNDINGS = frozenset(
    {
        decimal.ROUND_DOWN,
        decimal.ROUND_UP,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_HALF_UP,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_CEILING,
        decimal.ROUND_FLOOR,
        decimal.ROUND_05UP,
    }
)
#: The create's own rule for each amount argument (the spec's: greater than 0, no sign, at most maxLength characters).
_AMOUNTS: dict[str, Check] = {
    name: compile_check(spec_field("createSmartOrder", wire)[0], amounts=True)
    for name, wire in (("price", "price"), ("stop_price", "stopPrice"), ("quantity", "quantity"), ("amount", "amount"))
}
#: The spec's range of a market's scales (SymbolTradeLimit's priceScale, quantityScale, amountScale), by wire name.
SCALES: dict[str, Check] = {
    wire: compile_check(schema("SymbolTradeLimit", "properties", wire))
    for wire in ("priceScale", "quantityScale", "amountScale")
}
#: Digits before the point past which rounding is not attempted (the work grows with them): far past any maxLength.
_MOST_WHOLE_DIGITS = 1000


def _decimal(field: str, value: object) -> Decimal:
    """An amount argument (str, Decimal or int; never a float) as a finite Decimal, keeping its written decimals."""
    if isinstance(value, float):
        raise ValidationError(field, f"floats are refused: pass a str or Decimal, got float {value!r}")
    if isinstance(value, bool) or not isinstance(value, str | Decimal | int):
        raise ValidationError(field, f"must be a str, Decimal or int, got {type(value).__name__}")
    try:
        number = Decimal(value)
    except decimal.InvalidOperation:
        raise ValidationError(field, f"must be a decimal number, got {str(value)[:40]!r}") from None
    if not number.is_finite():
        raise ValidationError(field, f"must be a finite number, got {value}")
    return number


def decimals(number: Decimal) -> int:
    """How many decimals ``number`` has, trailing zeros not counted (``"40000.50"`` has 1, ``"100"`` 0): the
    exchange's own docs send ``"40000.50000"`` to a market of 2 decimals."""
    text = str(number)
    if "E" not in text:  # plain notation, the usual case: a quarter of the digit walk's cost
        return len(text.partition(".")[2].rstrip("0"))
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # finite
    significant = len(digits)
    while significant > 0 and digits[significant - 1] == 0:  # not normalize(): it rounds to the context's precision
        significant -= 1
    return max(0, -(exponent + len(digits) - significant)) if significant else 0


def _scaled(field: str, value: Amount, market: Market, wire: str, rounding: str) -> Decimal:
    """``value`` rounded to ``market``'s scale ``wire``, in a context wide enough for every digit (never a bare
    InvalidOperation); a negative value, or a result too long to send, is refused by the create's own rule."""
    if rounding not in _ROUNDINGS:
        raise ValidationError("rounding", f"must be one of the decimal module's rounding modes, got {rounding!r}")
    scale = _scale(market, wire)
    number = _decimal(field, value)
    whole = max(number.adjusted() + 1, 1)
    if number.is_signed() or whole > _MOST_WHOLE_DIGITS:
        _AMOUNTS[field](number, field)  # raises: a sign, or far too long
    exact = decimal.Context(prec=whole + scale + 1)
    rounded = number.quantize(Decimal(1).scaleb(-scale, exact), rounding=rounding, context=exact)
    if not rounded.is_zero():  # zero: below any minimum, which check_order says
        _AMOUNTS[field](rounded, field)
    return rounded


_SNAKE = {"priceScale": "price_scale", "quantityScale": "quantity_scale", "amountScale": "amount_scale"}


def _scale(market: Market, wire: str) -> int:
    """``market``'s scale ``wire``, refused outside the spec's range (a hand-made Market's too)."""
    name = _SNAKE[wire]
    scale: int = SCALES[wire](getattr(market.symbol_trade_limit, name), f"market.symbol_trade_limit.{name}")
    return scale


def round_price(market: Market, price: Amount, *, rounding: str = ROUND_HALF_EVEN) -> Decimal:
    """``price`` (str, Decimal or int) with exactly the market's ``priceScale`` decimals; for ``price`` and
    ``stop_price`` alike.

    The default is the nearest price the exchange takes (half a tick off at most, no bias either way): no direction is
    safe for every price, as a sell stop rounded down triggers later and one rounded up earlier, and a buy limit
    rounded up may pay more. Pass ``rounding=decimal.ROUND_DOWN`` (or ``ROUND_UP``) when your strategy has a safe side.
    """
    return _scaled("price", price, market, "priceScale", rounding)


def round_quantity(market: Market, quantity: Amount) -> Decimal:
    """``quantity`` (base units) cut down to the market's ``quantityScale`` decimals: never more than you meant to
    trade. The result may fall below ``minQuantity`` (to 0 even); ``check_order`` says so.

    All three refuse (ValidationError) a float, a negative value, a result longer than an order takes, and a market
    whose scale is outside the spec's range."""
    return _scaled("quantity", quantity, market, "quantityScale", ROUND_DOWN)


def round_amount(market: Market, amount: Amount) -> Decimal:
    """``amount`` (quote units) cut down to the market's ``amountScale`` decimals: never more than you meant to
    spend."""
    return _scaled("amount", amount, market, "amountScale", ROUND_DOWN)


def check_order(
    market: Market,
    *,
    price: Amount | None = None,
    stop_price: Amount | None = None,
    quantity: Amount | None = None,
    amount: Amount | None = None,
) -> None:
    """Refuse an order (the fields of a create or a cancel-replace; None: not sent) that ``market``'s rules forbid.

    The rules: each field is one the create takes (greater than 0, as the spec says); the market trades (state not
    PAUSE); ``price`` and ``stop_price`` have at most ``priceScale`` decimals,
    ``quantity`` at most ``quantityScale`` and ``amount`` at most ``amountScale`` (trailing zeros not counted);
    ``quantity`` is at least ``minQuantity`` and ``amount`` at least ``minAmount``. Fields not given are not checked
    (a cancel-replace keeps the old order's). A smart order's value (``quantity * price``) is not checked here: the
    exchange checks the order it places when it triggers.

    Raises:
        ValidationError: naming the field, the rule and the market's value (``.field``: the argument's name).
    """
    _check(market, {"price": price, "stop_price": stop_price, "quantity": quantity, "amount": amount}, checked=False)


def _check(market: Market, fields: Mapping[str, Amount | None], *, checked: bool) -> None:
    """``check_order`` of ``fields`` (by argument name; one left out or None is not checked); ``checked=True`` leaves
    out what is already known: the create's own checks of each field (the client checks after building the create's
    request) and the scales' range (a fetched market's answer passed it)."""
    price, stop_price = fields.get("price"), fields.get("stop_price")
    quantity, amount = fields.get("quantity"), fields.get("amount")
    limits = market.symbol_trade_limit
    if market.state in PAUSED_STATES:
        raise ValidationError(
            "symbol", f"{market.symbol} is not trading (state {market.state}): the exchange refuses orders"
        )
    if price is not None:
        _within(market, "price", price, "priceScale", "round_price", checked)
    if stop_price is not None:
        _within(market, "stop_price", stop_price, "priceScale", "round_price", checked)
    if quantity is not None:
        number = _within(market, "quantity", quantity, "quantityScale", "round_quantity", checked)
        if number < limits.min_quantity:
            raise ValidationError(
                "quantity",
                f"{quantity} is below {market.symbol}'s minimum quantity (minQuantity {limits.min_quantity})",
            )
    if amount is not None:
        number = _within(market, "amount", amount, "amountScale", "round_amount", checked)
        if number < limits.min_amount:
            raise ValidationError(
                "amount", f"{amount} is below {market.symbol}'s minimum amount (minAmount {limits.min_amount})"
            )


def _within(market: Market, field: str, value: Amount, rule: str, helper: str, checked: bool) -> Decimal:
    """``value`` as a Decimal, refused when the create would refuse it (unless ``checked``) or when it has more than
    the market's ``rule`` decimals."""
    if checked:
        number = value if isinstance(value, Decimal) else Decimal(value)
        scale: int = getattr(market.symbol_trade_limit, _SNAKE[rule])
    else:
        number = _decimal(field, value)
        _AMOUNTS[field](value, field)
        scale = _scale(market, rule)
    places = decimals(number)
    if places > scale:
        raise ValidationError(
            field,
            f"has {places} decimals; {market.symbol} takes at most {scale} ({rule} {scale}): round it with {helper}()",
        )
    return number


class _Entry(NamedTuple):
    market: Market
    fetched: float


class MarketRules:
    """The markets' rules as ``check_market_rules=True`` keeps them: each symbol fetched once, then again once it is
    older than ``max_age`` seconds, or older than ``recheck_age`` when it would refuse an order (a refusal is never
    made on stale rules: a PAUSE lifted, a scale widened); concurrent callers of one symbol share one fetch (threads:
    a future under a lock; tasks: one shared task). A caller waits ``wait`` seconds at most for it. A failed or late
    fetch stores nothing and is not a refusal: the order goes unchecked, with a WARNING logged, and the next order
    fetches again.

    Why not refuse: the rules are a convenience check ahead of the exchange, which enforces them anyway; a market-data
    outage must not stop a bot from placing (or moving) its stops."""

    def __init__(
        self,
        max_age: float = MARKET_RULES_MAX_AGE,
        clock: Callable[[], float] = time.monotonic,
        recheck_age: float = MARKET_RULES_RECHECK_AGE,
    ) -> None:
        self.max_age = max_age
        self.recheck_age = recheck_age
        #: Seconds, monotonic: replaceable in tests to age the cache without sleeping.
        self.clock = clock
        self._entries: dict[str, _Entry] = {}
        self._lock = threading.Lock()
        self._pending: dict[str, concurrent.futures.Future[_Entry]] = {}
        self._tasks: dict[str, asyncio.Task[_Entry]] = {}

    def _fresh(self, symbol: str, max_age: float | None) -> _Entry | None:
        entry = self._entries.get(symbol)
        if entry is not None and self.clock() - entry.fetched < (self.max_age if max_age is None else max_age):
            return entry
        return None

    def fresh(self, symbol: str) -> Market | None:
        """The cached rules of ``symbol``, or None when there are none younger than ``max_age``."""
        entry = self._fresh(symbol, None)
        return None if entry is None else entry.market

    def _store(self, symbol: str, market: Market) -> _Entry:
        entry = self._entries[symbol] = _Entry(market, self.clock())
        return entry

    def _get(
        self, symbol: str, fetch: Callable[[str], Market], wait: float | None, max_age: float | None = None
    ) -> _Entry:
        entry = self._fresh(symbol, max_age)
        if entry is not None:
            return entry
        with self._lock:
            entry = self._fresh(symbol, max_age)
            if entry is not None:
                return entry
            future = self._pending.get(symbol)
            owner = future is None
            if future is None:
                future = self._pending[symbol] = concurrent.futures.Future()
        if not owner:
            return future.result(wait)  # TimeoutError past it
        try:
            entry = self._store(symbol, fetch(symbol))
        except BaseException as exc:
            future.set_exception(exc)
            raise
        else:
            future.set_result(entry)
            return entry
        finally:
            with self._lock:
                del self._pending[symbol]

    def get(self, symbol: str, fetch: Callable[[str], Market], wait: float | None = None) -> Market:
        """``symbol``'s rules, fetched with ``fetch`` when not fresh; one fetch for every thread asking at once (the
        others wait for it, ``wait`` seconds at most, and share its result or its error)."""
        return self._get(symbol, fetch, wait).market

    async def _aget(
        self, symbol: str, fetch: Callable[[str], Awaitable[Market]], wait: float | None, max_age: float | None = None
    ) -> _Entry:
        entry = self._fresh(symbol, max_age)
        if entry is not None:
            return entry
        task = self._tasks.get(symbol)
        if task is None:
            task = self._tasks[symbol] = asyncio.ensure_future(self._afetch(symbol, fetch))
            task.add_done_callback(_retrieved)
        async with asyncio.timeout(wait):
            return await asyncio.shield(task)

    async def aget(self, symbol: str, fetch: Callable[[str], Awaitable[Market]], wait: float | None = None) -> Market:
        """``get`` for one event loop's tasks: the first one's fetch runs as a task all of them await (shielded: one
        caller's cancellation, or the end of its ``wait``, does not cancel it for the others)."""
        return (await self._aget(symbol, fetch, wait)).market

    async def _afetch(self, symbol: str, fetch: Callable[[str], Awaitable[Market]]) -> _Entry:
        try:
            return self._store(symbol, await fetch(symbol))
        finally:
            del self._tasks[symbol]

    def check(
        self, symbol: str, fetch: Callable[[str], Market], *, wait: float | None = None, **fields: Amount | None
    ) -> None:
        """``check_order`` against ``symbol``'s rules, fetched if need be (again first when cached ones older than
        ``recheck_age`` would refuse); a failed or late fetch logs a WARNING and passes."""
        try:
            entry = self._get(symbol, fetch, wait)
            if _passes(entry.market, fields):
                return
            if self.clock() - entry.fetched >= self.recheck_age:  # a refusal by rules read a while ago: read again
                entry = self._get(symbol, fetch, wait, self.recheck_age)
        except ClientClosedError:
            raise
        except (RequestError, TimeoutError) as error:
            _unchecked(symbol, error)
            return
        _check(entry.market, fields, checked=True)

    async def acheck(
        self,
        symbol: str,
        fetch: Callable[[str], Awaitable[Market]],
        *,
        wait: float | None = None,
        **fields: Amount | None,
    ) -> None:
        """``check`` for AsyncClient."""
        try:
            entry = await self._aget(symbol, fetch, wait)
            if _passes(entry.market, fields):
                return
            if self.clock() - entry.fetched >= self.recheck_age:  # a refusal by rules read a while ago: read again
                entry = await self._aget(symbol, fetch, wait, self.recheck_age)
        except ClientClosedError:
            raise
        except (RequestError, TimeoutError) as error:
            _unchecked(symbol, error)
            return
        _check(entry.market, fields, checked=True)


def _passes(market: Market, fields: dict[str, Amount | None]) -> bool:
    """Whether ``market``'s rules take the order (checked once on the usual path: a refusal is checked again, to
    raise it, after the rules are read again if they are old)."""
    try:
        _check(market, fields, checked=True)
    except ValidationError:
        return False
    return True


def _unchecked(symbol: str, error: RequestError | TimeoutError) -> None:
    reason = error if isinstance(error, RequestError) else "no answer in time"
    logger.warning("could not fetch the market rules of %s (%s): sending the order unchecked", symbol, reason)


def _retrieved(task: asyncio.Task[_Entry]) -> None:
    """Mark a fetch's failure as seen: every caller may have been cancelled before reading it."""
    if not task.cancelled():
        task.exception()
