"""Walk every filled smart order of a market, newest first, and log what the client does on the way.

    python examples/history.py [SYMBOL]

``iter_history`` pages by order id (each page starts below the oldest order seen), so orders that arrive while it
walks never shift a page: nothing is repeated or skipped. Each page is a normal call: rate-limited and retried.
"""

from __future__ import annotations

import logging
import sys
from decimal import Decimal

from polo_smartorders import Client

logging.basicConfig(level=logging.WARNING)
logging.getLogger("polo_smartorders").setLevel(logging.DEBUG)  # method, path, status and time of each request


def main(symbol: str = "BTC_USDT") -> None:
    with Client() as client:
        filled = Decimal(0)
        for order in client.smartorders().iter_history(symbol=symbol, states=["FILLED"], max_items=500):
            print(order.id, order.type_, order.side, order.avg_price, order.filled_quantity)
            filled += order.filled_quantity or Decimal(0)  # amounts are Decimal (UNSET when not given)
        print(f"{symbol}: {filled} filled in all")


if __name__ == "__main__":
    main(*sys.argv[1:2])
