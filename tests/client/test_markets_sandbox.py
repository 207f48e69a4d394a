"""client.markets() and check_market_rules against the sandbox exchange, sync and async: the client reads the rules
the sandbox enforces, refuses before sending exactly what the sandbox would refuse, and the example places a stop a
percentage under the market price, rounded to the market's scales."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from polo_smartorders import AsyncClient, Client, InvalidRequestError, ValidationError, round_price, round_quantity
from polo_smartorders.testing import SandboxExchange, async_sandbox, sandbox

ROOT = Path(__file__).resolve().parents[2]
STOP: dict[str, Any] = {"symbol": "BTC_USDT", "side": "SELL", "stop_price": "58000.12", "quantity": "0.5"}
#: One past each of BTC_USDT's rules (prices to 2 decimals, quantities to 6), and the exchange's code for it.
BREAKS = [
    ({"stop_price": "58000.123"}, "stop_price", 21335),
    ({"quantity": "0.1234567"}, "quantity", 21336),
    ({"quantity": None, "amount": "100.001"}, "amount", 21337),
    ({"quantity": None, "amount": "0.99"}, "amount", 21322),
]


@pytest.fixture
def practice() -> Iterator[SandboxExchange]:
    with sandbox() as running:
        yield running


def _checked(practice: SandboxExchange) -> Client:
    return Client(practice.api_key, practice.api_secret, practice.url, check_market_rules=True)


def test_the_client_reads_the_rules_and_price_the_sandbox_serves(practice: SandboxExchange) -> None:
    practice.set_price("BTC_USDT", "58000.5")
    markets = practice.client.markets()
    btc = markets.get("BTC_USDT")
    assert btc.symbol_trade_limit.price_scale == practice.market("BTC_USDT").price_scale == 2
    assert btc.symbol_trade_limit.quantity_scale == practice.market("BTC_USDT").quantity_scale
    assert "BTC_USDT" in {market.symbol for market in markets.get_all()}
    assert markets.get_price("BTC_USDT").price == Decimal("58000.5")


@pytest.mark.parametrize(("change", "field", "code"), BREAKS)
def test_what_the_sandbox_refuses_the_checking_client_refuses_unsent(
    practice: SandboxExchange, change: dict[str, Any], field: str, code: int
) -> None:
    order = {key: value for key, value in {**STOP, **change}.items() if value is not None}
    with pytest.raises(InvalidRequestError) as exchange_says:
        practice.client.smartorders().create(**order)
    assert exchange_says.value.code == code
    with _checked(practice) as client, pytest.raises(ValidationError) as client_says:
        client.smartorders().create(**order)
    assert client_says.value.field == field
    assert practice.orders() == []


def test_a_paused_market_is_refused_by_both(practice: SandboxExchange) -> None:
    practice.set_market_state("BTC_USDT", "PAUSE")
    with pytest.raises(InvalidRequestError) as exchange_says:
        practice.client.smartorders().create(**STOP)
    assert exchange_says.value.code == 10041
    with _checked(practice) as client, pytest.raises(ValidationError, match="PAUSE"):
        client.smartorders().create(**STOP)


def test_an_order_rounded_to_the_rules_passes_both(practice: SandboxExchange) -> None:
    practice.set_price("BTC_USDT", "58000")
    with _checked(practice) as client:
        btc = client.markets().get("BTC_USDT")
        last = client.markets().get_price("BTC_USDT").price
        stop = round_price(btc, last * Decimal("0.987654"))
        quantity = round_quantity(btc, "0.123456789012")
        client.smartorders().create(symbol="BTC_USDT", side="SELL", stop_price=stop, quantity=quantity)
    [order] = practice.orders()
    assert order.to_dict()["stopPrice"] == "57283.93" and order.to_dict()["quantity"] == "0.123456"


async def test_async_markets_and_checks_against_the_sandbox() -> None:
    async with async_sandbox() as practice:
        practice.set_price("BTC_USDT", "58000")
        client: AsyncClient = practice.new_client(check_market_rules=True)
        async with client:
            btc = await client.markets().get("BTC_USDT")
            price = await client.markets().get_price("BTC_USDT")
            assert btc.symbol_trade_limit.price_scale == 2 and price.price == 58000
            with pytest.raises(ValidationError) as refused:
                await client.smartorders().create(**{**STOP, "stop_price": "58000.123"})
            assert refused.value.field == "stop_price"
            await client.smartorders().create(**STOP)
        with pytest.raises(InvalidRequestError) as exchange_says:  # the unchecked client: the sandbox refuses
            await practice.client.smartorders().create(**{**STOP, "stop_price": "58000.123"})
        assert exchange_says.value.code == 21335
        assert len(practice.orders()) == 1


def test_the_example_places_a_stop_two_percent_under_the_market(practice: SandboxExchange) -> None:
    practice.set_price("BTC_USDT", "58000")
    env = {
        **os.environ,
        "POLO_BASE_URL": practice.url,
        "POLO_API_KEY": practice.api_key,
        "POLO_API_SECRET": practice.api_secret,
    }
    done = subprocess.run(
        [sys.executable, "examples/market_stop.py"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    [order] = practice.orders()
    assert (order.to_dict()["stopPrice"], order.to_dict()["quantity"]) == ("56840.00", "0.123456")
    assert "0.123456 BTC_USDT at 56840.00" in done.stdout
