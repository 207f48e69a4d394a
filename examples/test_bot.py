"""Test a bot against the sandbox exchange with the package's pytest fixture (no account, no network).

    pip install '.[sandbox]'        # from a clone; other ways in: the README's Install
    pytest examples/test_bot.py

``polo_sandbox`` (found through the package's pytest plugin) is a fresh sandbox for each test with a ready client;
``set_price`` moves a market so that stops trigger. The sandbox enforces each market's trading rules (BTC_USDT:
prices to 2 decimals, quantities to 6), and ``client.markets().get_price`` reads back the price ``set_price`` set.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from polo_smartorders import Client, InvalidRequestError, round_price
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


def test_a_stop_two_percent_under_the_market_obeys_the_rules(polo_sandbox: SandboxExchange) -> None:
    polo_sandbox.set_price("BTC_USDT", "60123.45")
    so, markets = polo_sandbox.client.smartorders(), polo_sandbox.client.markets()
    last = markets.get_price("BTC_USDT").price  # 60123.45, what set_price set
    with pytest.raises(InvalidRequestError) as refused:  # 58920.981: 3 decimals, BTC_USDT takes 2
        so.create(symbol="BTC_USDT", side="SELL", stop_price=last * Decimal("0.98"), quantity="0.001")
    assert refused.value.code == 21335  # the exchange's "Invalid priceScale for this symbol"
    stop = round_price(markets.get("BTC_USDT"), last * Decimal("0.98"))
    so.create(symbol="BTC_USDT", side="SELL", stop_price=stop, quantity="0.001")
    polo_sandbox.set_price("BTC_USDT", stop)  # the market falls to the stop
    [order] = polo_sandbox.orders()
    assert (order.stop_price, order.state) == (Decimal("58920.98"), "TRIGGERED")
