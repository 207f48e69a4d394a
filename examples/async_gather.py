"""Place several stops at once with AsyncClient and asyncio.gather, then read them back concurrently.

    python examples/async_gather.py

The client's rate limiter keeps the burst under the exchange's limits (50 creates/s); every create carries its own
clientOrderId, so each is placed at most once whatever the network does.
"""

from __future__ import annotations

import asyncio

from polo_smartorders import AsyncClient, PoloError

STOPS = {"BTC_USDT": "58000", "ETH_USDT": "2900", "SOL_USDT": "130", "LTC_USDT": "80"}


async def main() -> None:
    async with AsyncClient() as client:  # credentials and URL from the environment, as Client
        so = client.smartorders()
        placed = await asyncio.gather(
            *(
                so.create(symbol=symbol, side="SELL", stop_price=stop, quantity="0.01", client_order_id=f"gather-{n}")
                for n, (symbol, stop) in enumerate(STOPS.items())
            ),
            return_exceptions=True,
        )
        ids = [order.id for order in placed if not isinstance(order, BaseException)]
        for symbol, outcome in zip(STOPS, placed, strict=True):
            if isinstance(outcome, PoloError):
                print(f"{symbol}: {type(outcome).__name__}: {outcome}")
        orders = await asyncio.gather(*(so.get_by_id(order_id) for order_id in ids))
        for order in orders:
            print(f"{order.symbol}: stop {order.stop_price}, {order.state}")


if __name__ == "__main__":
    asyncio.run(main())
