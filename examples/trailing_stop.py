"""Two ways to trail a stop behind a rising market.

    python examples/trailing_stop.py

1. Let the exchange trail it: a TRAILING_STOP that sells once BTC_USDT falls 2 % below the best price since it was
   placed (``trailing_offset="2%"``).
2. Trail it yourself: a plain STOP whose stop price you raise with ``cancel_replace`` as the market rises (the new
   order keeps your clientOrderId when you address the old one as ``cid:<id>``). A stop is only ever moved up.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from polo_smartorders import Client, SmartOrders

SYMBOL = "BTC_USDT"
QUANTITY = "0.001"
#: Prices your bot saw from its market feed (this library covers orders, not market data).
FEED = ("60000", "60450", "60300", "61200", "61900")
TRAIL = Decimal("0.02")


def stop_under(price: str) -> Decimal:
    """2 % under ``price``, to whole cents (BTC_USDT prices have 2 decimals)."""
    return (Decimal(price) * (1 - TRAIL)).quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def exchange_trailed(so: SmartOrders) -> str:
    order = so.create(
        symbol=SYMBOL, side="SELL", type="TRAILING_STOP", trailing_offset="2%", quantity=QUANTITY,
        client_order_id="trail-exchange",
    )  # fmt: skip
    return order.id


def self_trailed(so: SmartOrders) -> Decimal:
    stop = stop_under(FEED[0])
    so.create(symbol=SYMBOL, side="SELL", stop_price=stop, quantity=QUANTITY, client_order_id="trail-self")
    for price in FEED[1:]:
        higher = stop_under(price)
        if higher > stop:  # ratchet: a stop only moves up
            so.cancel_replace("cid:trail-self", stop_price=higher)
            stop = higher
    return stop


def main() -> None:
    with Client() as client:
        so = client.smartorders()
        print(f"exchange-trailed stop: order {exchange_trailed(so)}")
        final = self_trailed(so)
        order = so.get_by_id(client_order_id="trail-self")
        print(f"self-trailed stop: order {order.id} now at {order.stop_price} (expected {final})")


if __name__ == "__main__":
    main()
