"""Moves smart orders along as the market price changes: activation, trailing, triggering and limit fills, and
the account's funds when balances are on.

Funds (opt-in, `Wallet`): nothing is held while a smart order waits, as on the exchange, which freezes funds only when
the order triggers. At the trigger the order it places needs its funds: the quote currency a BUY spends (its amount,
or quantity x price), the base currency a SELL sells (its quantity, or amount / price), at the market price for a
MARKET order and at its limit for a LIMIT one. Without them the triggered order is refused and the smart order moves
to FAILED (no order is placed). A LIMIT order that rests holds them (`BookChildOrder.held`); a fill (at once, or when a
resting LIMIT order's limit is reached) spends what it cost at its own price, releases whatever was actually held and
credits what was bought or sold; an IOC or FOK order that cannot fill is cancelled and takes nothing. No fees. An order
that rests without a hold (funds were turned on after it triggered) is charged at its fill, and stays resting while
the account cannot pay for it. An order whose base quantity (an amount / price, to 8 decimals) is 0 or below the
market's minQuantity is refused at the trigger, as the exchange refuses it: the smart order moves to FAILED.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from decimal import Context, Decimal, localcontext

from ._book import ZERO, BookChildOrder, BookOrder, quantity_for

# Enough digits that products of two 40-character decimals stay exact.
_CONTEXT = Context(prec=100)

#: One account's available funds, currency -> amount; None where an account's funds are unlimited.
Wallet = MutableMapping[str, Decimal]


def on_price(
    order: BookOrder,
    price: Decimal,
    now: int,
    next_id: Callable[[], int],
    wallet: Wallet | None = None,
    min_quantity: Decimal = ZERO,
) -> None:
    """Apply one market price to one order of that market (no-op for orders that cannot move any more); `wallet` is
    the account's funds (None: unlimited), `min_quantity` the market's minQuantity."""
    spec = order.spec
    with localcontext(_CONTEXT):
        if order.is_open and spec.trailing_offset is None:  # a stop: triggers at stopPrice
            if _crossed(spec.side, price, spec.stop_price):
                _trigger(order, price, spec.price, now, next_id, wallet, min_quantity)
        elif order.is_open:
            stop = _trailing_stop_crossed(order, price)
            if stop is not None:
                limit = _trailing_limit(order, stop)
                if limit is not None and limit <= 0:  # the order cannot be placed: the smart order fails
                    order.state, order.update_time = "FAILED", now
                else:
                    _trigger(order, price, limit, now, next_id, wallet, min_quantity)
        elif order.child is not None and order.child.state == "NEW":
            child = order.child
            assert child.price is not None
            if _marketable(child.side, price, child.price) and _fill(child, child.price, now, wallet):
                order.update_time = now


def _crossed(side: str, price: Decimal, stop: Decimal | None) -> bool:
    """BUY stops fire when the price rises to the stop, SELL stops when it falls to it."""
    if stop is None:
        return False
    return price >= stop if side == "BUY" else price <= stop


def _marketable(side: str, market: Decimal, limit: Decimal) -> bool:
    return market <= limit if side == "BUY" else market >= limit


def _trailing_stop_crossed(order: BookOrder, price: Decimal) -> Decimal | None:
    """Activate, then track the best price; return the trailing stop once `price` crosses it, else None.

    A trailing order starts following the price when it reaches the activation price (`stopPrice`, compared with
    `operator`), or at the first price without one. SELL follows the highest price, BUY the lowest.
    """
    spec = order.spec
    assert spec.trailing_offset is not None
    if not order.activated:
        activation = spec.stop_price
        if activation is not None and not (price >= activation if order.operator == "GTE" else price <= activation):
            return None
        order.activated = True
        order.best_price = price
    assert order.best_price is not None
    sell = spec.side == "SELL"
    order.best_price = max(order.best_price, price) if sell else min(order.best_price, price)
    stop = order.trigger_level
    assert stop is not None
    return stop if (price <= stop if sell else price >= stop) else None


def _trailing_limit(order: BookOrder, stop: Decimal) -> Decimal | None:
    """A trailing type with a `limitOffset` (TRAILING_STOP_LIMIT) places its limit that far beyond the stop (below for
    SELL, above for BUY); without one the triggered order is MARKET."""
    limit_offset = order.spec.limit_offset
    if limit_offset is None:
        return None
    distance = limit_offset.distance(stop)
    return stop - distance if order.spec.side == "SELL" else stop + distance


def _trigger(
    order: BookOrder,
    market: Decimal,
    limit: Decimal | None,
    now: int,
    next_id: Callable[[], int],
    wallet: Wallet | None,
    min_quantity: Decimal,
) -> None:
    """Place the child order: MARKET (filled at `market`) without a limit, else LIMIT at `limit`; without the funds
    for it, or with a base quantity of 0 or below `min_quantity`, the smart order fails instead."""
    spec = order.spec
    at = market if limit is None else limit
    currency, cost = _cost(spec.symbol, spec.side, spec.quantity, spec.amount, at)
    quantity = spec.quantity if spec.quantity is not None else quantity_for(spec.amount or ZERO, at)
    if quantity <= 0 or quantity < min_quantity:  # the exchange refuses an order below minQuantity
        order.state, order.update_time = "FAILED", now
        return
    if wallet is not None and wallet.get(currency, ZERO) < cost:  # the exchange refuses the order: 21709
        order.state, order.update_time = "FAILED", now
        return
    child = BookChildOrder(
        id=next_id(),
        client_order_id=spec.client_order_id,
        symbol=spec.symbol,
        side=spec.side,
        type="MARKET" if limit is None else "LIMIT",
        time_in_force=spec.time_in_force,
        account_type=spec.account_type,
        quantity=spec.quantity,
        amount=spec.amount,
        price=limit,
        state="NEW",
        create_time=now,
        update_time=now,
    )
    if limit is None or _marketable(spec.side, market, limit):
        _fill(child, market, now, wallet)  # the funds were checked at a price no better than the fill's
    elif spec.time_in_force in ("IOC", "FOK"):
        child.state = "CANCELED"
    elif wallet is not None:  # rests on the book: its funds are held until it fills
        wallet[currency] = wallet.get(currency, ZERO) - cost
        child.held = cost
    order.child = child
    order.state = "TRIGGERED"
    order.update_time = now


def _cost(
    symbol: str, side: str, quantity: Decimal | None, amount: Decimal | None, price: Decimal
) -> tuple[str, Decimal]:
    """What an order at `price` takes from the account: the quote a BUY spends, or the base a SELL sells."""
    base, quote = symbol.split("_")
    if side == "BUY":
        return quote, amount if amount is not None else (quantity or ZERO) * price
    return base, quantity if quantity is not None else quantity_for(amount or ZERO, price)


def _fill(child: BookChildOrder, price: Decimal, now: int, wallet: Wallet | None) -> bool:
    """Fill `child` at `price`: release what it held (`child.held`, nothing if none), charge what the fill costs and
    credit what it bought or sold. False (and no fill) when the account cannot pay for it."""
    currency, spent = _cost(child.symbol, child.side, child.quantity, child.amount, price)
    held = child.held or ZERO
    if wallet is not None and wallet.get(currency, ZERO) + held < spent:  # rested without a hold, and no funds
        return False
    child.fill(price, now)
    child.held = None
    if wallet is None:
        return True
    base, quote = child.symbol.split("_")
    buy = child.side == "BUY"
    wallet[currency] = wallet.get(currency, ZERO) + held - spent
    bought, proceeds = (base, child.filled_quantity) if buy else (quote, child.filled_amount)
    wallet[bought] = wallet.get(bought, ZERO) + proceeds
    return True
