"""The pytest fixtures take custom markets and balances through the `polo_sandbox` marker, run as a user runs them:
a directory of their own, no conftest, the plugin found through its entry point."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

USER_SUITE = """
from decimal import Decimal

import pytest
from polo_smartorders import InvalidRequestError, round_price
from polo_smartorders.sandbox import Market

TINY = Market("TINY_USDT", 1, 0, 2, min_quantity=Decimal(10), min_amount=Decimal(1))


@pytest.mark.polo_sandbox(symbols=[TINY], balances={"USDT": "50"})
def test_marked(polo_sandbox):
    assert [m.symbol for m in polo_sandbox.client.markets().get_all()] == ["TINY_USDT"]
    so = polo_sandbox.client.smartorders()
    with pytest.raises(InvalidRequestError) as refused:
        so.create(symbol="TINY_USDT", side="BUY", stop_price="2", quantity="9")
    assert refused.value.code == 21330
    order = so.create(symbol="TINY_USDT", side="BUY", stop_price="6", quantity="10")  # 60 USDT at the trigger
    polo_sandbox.set_price("TINY_USDT", "6")
    assert so.get_by_id(order.id).state == "FAILED" and polo_sandbox.balances() == {"USDT": Decimal(50)}


def test_unmarked_gets_the_defaults(polo_sandbox):
    assert polo_sandbox.balances() is None and polo_sandbox.market("BTC_USDT").price_scale == 2


@pytest.mark.polo_sandbox(balances={"BTC": "0.01"})
def test_marked_shared_first(polo_sandbox_shared):
    assert polo_sandbox_shared.balances() == {"BTC": Decimal("0.01")}
    polo_sandbox_shared.set_market_state("BTC_USDT", "PAUSE")


def test_unmarked_shared_after_is_back_to_the_defaults(polo_sandbox_shared):
    assert polo_sandbox_shared.balances() is None and polo_sandbox_shared.market("BTC_USDT").state == "NORMAL"


@pytest.mark.polo_sandbox(symbols=["SOL_USDT"])
async def test_marked_async(polo_async_sandbox):
    markets = polo_async_sandbox.client.markets()
    polo_async_sandbox.set_price("SOL_USDT", "150.123")
    price = (await markets.get_price("SOL_USDT")).price
    assert round_price(await markets.get("SOL_USDT"), "150.1234") == price == Decimal("150.123")  # SOL_USDT: 3


@pytest.mark.polo_sandbox(markets=["BTC_USDT"])
def test_a_misspelt_option_is_a_usage_error(polo_sandbox):
    pass
"""


def test_the_marker_gives_each_fixture_its_markets_and_funds(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text(textwrap.dedent(USER_SUITE))
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", "-W", "error"]
    command += ["-o", "asyncio_mode=auto", "-o", "asyncio_default_fixture_loop_scope=function", "-p", "no:xdist"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=180, check=False)  # noqa: S603
    output = done.stdout + done.stderr
    assert "5 passed, 1 error" in output, output
    assert "takes only the keywords symbols, balances, not ['markets']" in output, output
