"""`python -m polo_smartorders.demo` (`make demo`): the documented smart-order examples, end to end.

By default it starts the embedded sandbox exchange on a free loopback port, so no account and no network are needed.
With POLO_BASE_URL (and POLO_API_KEY / POLO_API_SECRET) it runs against that server instead; a non-loopback URL is
refused unless --allow-remote is given, because the examples place real orders.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from urllib.parse import urlsplit

import httpx

from . import CancelResult, Client, NotFoundError, SmartOrder, round_price, round_quantity
from ._constants import ENV_API_KEY, ENV_API_SECRET, ENV_BASE_URL

SANDBOX_KEY, SANDBOX_SECRET = "sandbox-key", "sandbox-secret"


def _show_order(label: str, order: SmartOrder) -> None:
    size = f"amount={order.amount}" if not order.quantity else f"qty={order.quantity}"  # Decimal: 0 is falsy
    print(
        f"  {label}: id={order.id} cid={order.client_order_id or '-'} {order.side} {order.type_} {order.symbol} "
        f"state={order.state} stop={order.stop_price} price={order.price} {size}"
    )
    if order.triggered_order:
        child = order.triggered_order
        print(
            f"    triggeredOrder: id={child.id} {child.type_} state={child.state} price={child.price} "
            f"avgPrice={child.avg_price} filled={child.filled_quantity}/{child.quantity}"
        )


def _show_cancels(label: str, results: list[CancelResult]) -> None:
    print(f"  {label}:")
    for result in results:
        print(f"    order {result.order_id} ({result.client_order_id or '-'}): {result.state} ok={result.ok}")


def _move_price(base_url: str, symbol: str, price: str) -> bool:
    """Set a sandbox market price (POST /sandbox/prices); False when the server is not a sandbox."""
    response = httpx.post(f"{base_url}/sandbox/prices", json={"symbol": symbol, "price": price}, timeout=5)
    if response.status_code != 200:
        return False
    print(f"  [sandbox] market price of {symbol} is now {price} (POST /sandbox/prices)")
    return True


STEPS = 8
#: How far under the market's last price the demo's protective stop goes (step 7).
STOP_UNDER_MARKET = Decimal("0.0123")


def _step(number: int, title: str) -> None:
    print(f"\n[step {number}/{STEPS}] {title}")


def run(client: Client, base_url: str) -> None:
    """The seed SDK's documented examples, in order."""
    so = client.smartorders()
    print(f"Smart orders against {base_url}  (clock offset {client.sync_time()} ms, from client.sync_time())")

    _step(1, "create the documented STOP_LIMIT order: so.create(...)")
    _move_price(base_url, "BTC_USDT", "39000")
    placed = so.create(
        time_in_force="IOC", client_order_id="1234Abc", stop_price="40000.00",
        symbol="BTC_USDT", side="BUY", type="STOP_LIMIT", price="40000.50", quantity="100",
    )  # fmt: skip
    print(f"  placed id={placed.id} clientOrderId={placed.client_order_id}")

    _step(2, "list the open smart orders: so.get_all(limit=10)")
    for order in so.get_all(limit=10):
        _show_order("open", order)

    _step(3, "get it by id, then by client order id: so.get_by_id(...)")
    _show_order(f"get_by_id({placed.id})", so.get_by_id(placed.id))
    _show_order("get_by_id(client_order_id='1234Abc')", so.get_by_id(client_order_id="1234Abc"))

    _step(4, "cancel-replace it with a new stop and limit: so.cancel_replace('cid:1234Abc', ...)")
    replaced = so.cancel_replace(
        "cid:1234Abc", client_order_id="1234Abc-2", price="40100", stop_price="40050", time_in_force="GTC"
    )
    print(f"  new order id={replaced.id} clientOrderId={replaced.client_order_id}")
    _show_order("old order", so.get_by_id(placed.id))

    _step(5, "move the market through the stop so it triggers")
    if _move_price(base_url, "BTC_USDT", "40060"):
        _show_order("new order", so.get_by_id(replaced.id))
    else:
        print("  (not a sandbox: the market cannot be moved, skipped)")

    _step(6, "cancel by id, by ids, and by symbol")
    one = so.create(symbol="ETH_USDT", side="SELL", stop_price="1500", quantity="2", client_order_id="eth-stop-1")
    two = so.create(symbol="ETH_USDT", side="SELL", type="TRAILING_STOP", trailing_offset="2%", quantity="1")
    three = so.create(symbol="BTC_USDT", side="SELL", stop_price="30000", amount="1000")
    four = so.create(symbol="BTC_USDT", side="BUY", stop_price="45000", quantity="0.5")
    print(f"  placed {one.id}, {two.id}, {three.id}, {four.id}")
    cancelled = so.cancel_by_id(one.id)
    print(f"  cancel_by_id({one.id}): {cancelled.state} ok={cancelled.ok}")
    by_ids = so.cancel_by_multiple_ids(order_ids=[two.id], client_order_ids=[three.client_order_id])
    _show_cancels(f"cancel_by_multiple_ids(order_ids=[{two.id}], client_order_ids=[{three.client_order_id}])", by_ids)
    _show_cancels("cancel(symbol='BTC_USDT', account_type='SPOT')", so.cancel(symbol="BTC_USDT", account_type="SPOT"))
    try:
        so.get_by_id(client_order_id="never-placed")
    except NotFoundError as error:
        print(f"  get_by_id(cid:never-placed) -> {type(error).__name__}: {error}")

    _step(7, f"a stop-loss {STOP_UNDER_MARKET:.2%} under the market's last price, rounded to its trading rules")
    market = client.markets().get("BTC_USDT")  # its state and symbolTradeLimit: scales (int), minimums (Decimal)
    last = client.markets().get_price("BTC_USDT").price
    stop = round_price(market, last * (1 - STOP_UNDER_MARKET))  # to the market's priceScale
    quantity = round_quantity(market, "0.0123456789")  # cut down to its quantityScale, never up
    limits = market.symbol_trade_limit
    print(
        f"  client.markets().get_price('BTC_USDT') -> {last}; {STOP_UNDER_MARKET:.2%} under it is "
        f"{last * (1 - STOP_UNDER_MARKET)}, round_price -> {stop} (priceScale {limits.price_scale}); "
        f"round_quantity('0.0123456789') -> {quantity} (quantityScale {limits.quantity_scale})"
    )
    protective = so.create(symbol="BTC_USDT", side="SELL", stop_price=stop, quantity=quantity, client_order_id="under")
    _show_order("protective stop", so.get_by_id(protective.id))
    so.cancel_by_id(protective.id)

    _step(8, "history, newest first, every page: so.iter_history()")
    for order in so.iter_history():
        _show_order("past", order)
    print(f"\nopen orders left: {len(so.get_all())}")


@contextmanager
def _embedded_sandbox() -> Iterator[str]:
    try:
        from .sandbox import create_app
        from .sandbox._serve import serving
    except ImportError as error:  # pragma: no cover - the sandbox extra is missing
        from ._extras import SANDBOX_HINT

        said = str(error) if SANDBOX_HINT in str(error) else f"{SANDBOX_HINT} ({error})"  # the hint once
        raise SystemExit(said) from error
    with serving(create_app({SANDBOX_KEY: SANDBOX_SECRET})) as url:
        print(f"(embedded sandbox exchange on {url}, key {SANDBOX_KEY})")
        yield url


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m polo_smartorders.demo", description=__doc__)
    parser.add_argument("--allow-remote", action="store_true", help="allow a non-loopback POLO_BASE_URL (real orders!)")
    args = parser.parse_args(argv)
    url = os.environ.get(ENV_BASE_URL)
    if url is None:
        with _embedded_sandbox() as sandbox_url, Client(SANDBOX_KEY, SANDBOX_SECRET, sandbox_url) as client:
            run(client, sandbox_url)
        return 0
    host = urlsplit(url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1") and not args.allow_remote:
        print(f"refusing to place demo orders on {url}: pass --allow-remote if you mean it", file=sys.stderr)
        return 2
    with Client(os.environ.get(ENV_API_KEY), os.environ.get(ENV_API_SECRET), url) as client:
        run(client, url.rstrip("/"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
