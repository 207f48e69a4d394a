"""A stop-loss a set percentage under the market's last price, rounded to the market's trading rules.

    export POLO_API_KEY=... POLO_API_SECRET=...      # or POLO_BASE_URL=<a sandbox> to practise
    python examples/market_stop.py [SYMBOL PERCENT QUANTITY]

A price computed from another price has more decimals than the market takes (58,000 x 0.98 is 56840.0000); the
exchange refuses it. round_price and round_quantity bring both to the market's scales, and check_market_rules=True
refuses anything still off before it is sent, naming the field, the rule and the market's value.
"""

from __future__ import annotations

import sys
from decimal import Decimal

from polo_smartorders import Client, ValidationError, round_price, round_quantity


def main(symbol: str = "BTC_USDT", percent: str = "2", size: str = "0.123456789") -> int:
    with Client(check_market_rules=True) as client:  # POLO_API_KEY, POLO_API_SECRET, POLO_BASE_URL from the environment
        market = client.markets().get(symbol)  # state, symbol_trade_limit: scales (int), minimums (Decimal)
        last = client.markets().get_price(symbol).price
        stop = round_price(market, last * (1 - Decimal(percent) / 100))  # to the market's priceScale
        quantity = round_quantity(market, size)  # cut down to the quantityScale, never up
        try:
            order = client.smartorders().create(symbol=symbol, side="SELL", stop_price=stop, quantity=quantity)
        except ValidationError as error:  # nothing was sent: e.g. below minQuantity, or a market in PAUSE
            print(f"refused before sending: {error}", file=sys.stderr)
            return 2
        print(f"stop-loss {order.id}: sell {quantity} {symbol} at {stop} or below ({percent} % under {last})")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
