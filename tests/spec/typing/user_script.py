"""A user's script: calls every method and uses the returned fields. mypy --strict must accept it."""

from __future__ import annotations

from decimal import Decimal

from polo_smartorders import AsyncClient, CancelResult, Client, RequestError, SmartOrder, Unset


def main(client: Client) -> None:
    so = client.smartorders()
    placed = so.create(
        "IOC",
        None,
        "1234Abc",
        "40000.00",
        symbol="BTC_USDT",
        side="BUY",
        type="STOP_LIMIT",
        price="40000.50",
        quantity=Decimal("100"),
    )
    order_id: str = placed.id
    client_order_id: str = placed.client_order_id
    replaced = so.cancel_replace(order_id, proceed_on_failure=True, price="18000", stop_price="17500")
    new_id: str = replaced.id
    orders: list[SmartOrder] = so.get_all(limit=10)
    for order in orders:
        stop: Decimal = order.stop_price
        exact: str = order.to_dict()["stopPrice"]  # the exchange's text, as sent
        if order.activation_price:  # Decimal | Unset: narrowed to Decimal
            print(order.activation_price.quantize(Decimal("0.01")), exact)
        created: int = order.create_time
        print(order.symbol, order.state, stop, created)
    one: SmartOrder = so.get_by_id(client_order_id=client_order_id)
    if not isinstance(one.triggered_order, Unset):
        print(one.triggered_order.avg_price)
    if one.triggered_order:  # the natural narrowing: Order | Unset to Order
        child_state: str = one.triggered_order.state
        filled: Decimal = one.triggered_order.filled_quantity * one.triggered_order.avg_price
        print(child_state, filled)
    so.create(symbol="BTC_USDT", side="SELL", stop_price="1", amount="5", extra_body={"newField": 3})
    result: CancelResult = so.cancel_by_id(new_id)
    ok: bool = result.ok
    results: list[CancelResult] = so.cancel_by_multiple_ids([order_id], [client_order_id])
    results += so.cancel(symbol="BTC_USDT", account_type="SPOT")
    history: list[SmartOrder] = so.get_history("SPOT", True, 0, 1, None, states=["FILLED"], limit=5, extra_query={})
    print(ok, len(results), len(history), client.sync_time())
    try:
        so.get_by_id("1")
    except RequestError as error:
        code: int | None = error.code
        print(code, error.message)


async def amain() -> None:
    async with AsyncClient("key", "secret") as client:
        placed = await client.smartorders().create(symbol="BTC_USDT", side="SELL", stop_price="1", quantity="1")
        order: SmartOrder = await client.smartorders().get_by_id(placed.id)
        print(order.id, await client.sync_time())
