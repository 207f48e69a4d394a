"""Test a bot against the sandbox exchange with the package's pytest fixture (no account, no network).

    pip install '.[sandbox]'        # from a clone; other ways in: the README's Install
    pytest examples/test_bot.py

``polo_sandbox`` (found through the package's pytest plugin) is a fresh sandbox for each test with a ready client;
``set_price`` moves a market so that stops trigger.
"""

from __future__ import annotations

from polo_smartorders import Client
from polo_smartorders.testing import SandboxExchange


def protect(client: Client, symbol: str, below: str) -> str:
    """The bot under test: a stop-loss under the market."""
    return client.smartorders().create(symbol=symbol, side="SELL", stop_price=below, quantity="0.001").id


def test_stop_loss_sells_when_the_market_falls(polo_sandbox: SandboxExchange) -> None:
    order_id = protect(polo_sandbox.client, "BTC_USDT", below="59000")
    polo_sandbox.set_price("BTC_USDT", "58900")  # the market falls through the stop
    [order] = polo_sandbox.orders()
    assert order.id == order_id and order.state == "TRIGGERED"
    assert order.triggered_order and order.triggered_order.state == "FILLED"


def test_no_trigger_while_the_market_holds(polo_sandbox: SandboxExchange) -> None:
    protect(polo_sandbox.client, "BTC_USDT", below="59000")
    polo_sandbox.set_price("BTC_USDT", "59500")
    assert [order.state for order in polo_sandbox.orders()] == ["PENDING_NEW"]
