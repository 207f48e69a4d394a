"""Protect a position with a stop-loss: sell 0.001 BTC at market if BTC_USDT falls to 58,000 USDT.

    export POLO_API_KEY=... POLO_API_SECRET=...      # or POLO_BASE_URL=<a sandbox> to practise
    python examples/stop_loss.py [SYMBOL STOP_PRICE QUANTITY]

The order carries a clientOrderId of your choosing, so a lost answer never costs you a duplicate: the client finds the
order it placed, and if it cannot tell, it says so (OutcomeUnknownError) instead of guessing.
"""

from __future__ import annotations

import sys

from polo_smartorders import Client, DuplicateClientOrderIdError, OutcomeUnknownError, ValidationError


def main(symbol: str = "BTC_USDT", stop_price: str = "58000", quantity: str = "0.001") -> int:
    with Client() as client:  # POLO_API_KEY, POLO_API_SECRET, POLO_BASE_URL from the environment
        so = client.smartorders()
        try:
            order = so.create(
                symbol=symbol, side="SELL", type="STOP", stop_price=stop_price, quantity=quantity,
                client_order_id=f"sl-{symbol.lower()}",
            )  # fmt: skip
        except ValidationError as error:  # nothing was sent
            print(f"refused before sending: {error}", file=sys.stderr)
            return 2
        except DuplicateClientOrderIdError:  # an open order already holds this id: it is our stop
            existing = so.get_by_id(client_order_id=f"sl-{symbol.lower()}")
            print(f"already protected by order {existing.id} at {existing.stop_price}")
            return 0
        except OutcomeUnknownError as error:  # the order may exist: look it up later, never just send again
            print(f"placed or not, the client cannot tell yet: look up {error.client_order_id}", file=sys.stderr)
            return 1
        print(f"stop-loss {order.id} ({order.client_order_id}): sell {quantity} {symbol} at {stop_price} or below")
        shown = so.get_by_id(order.id)
        print(f"state {shown.state}, stop price {shown.stop_price}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
