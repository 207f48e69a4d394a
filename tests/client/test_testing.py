"""polo_smartorders.testing and its pytest plugin: what a bot author's own tests get."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from polo_smartorders import AsyncClient, Client, NotFoundError
from polo_smartorders.testing import AsyncSandboxExchange, SandboxExchange, async_sandbox, sandbox

ROOT = Path(__file__).resolve().parents[2]


def readme_example() -> str:
    """The README's example test of a bot: the python block of its "Testing your bot" section."""
    section = (ROOT / "README.md").read_text().split("## Testing your bot", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


ASYNC_EXAMPLE = """
import pytest

async def test_async_bot(polo_async_sandbox):
    so = polo_async_sandbox.client.smartorders()
    placed = await so.create(symbol="ETH_USDT", side="BUY", stop_price="2000", quantity="1")
    polo_async_sandbox.set_price("ETH_USDT", 2100)
    assert (await so.get_by_id(placed.id)).state == "TRIGGERED"

def test_each_test_gets_a_fresh_sandbox(polo_sandbox, polo_async_sandbox):
    assert polo_sandbox.orders() == [] and polo_async_sandbox.orders() == []
"""


def test_the_plugin_gives_users_the_fixtures(tmp_path: Path) -> None:
    # Run as a user would run it: its own directory, no conftest, the plugin found through its pytest11 entry point.
    (tmp_path / "test_bot.py").write_text(readme_example())
    (tmp_path / "test_async_bot.py").write_text(textwrap.dedent(ASYNC_EXAMPLE))
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "error"]
    command += ["-o", "asyncio_mode=auto", "-o", "asyncio_default_fixture_loop_scope=function"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout


def test_sync_sandbox_serves_on_loopback_and_stops() -> None:
    with sandbox(symbols=["ABC_USDT"], api_key="k1", api_secret="s1") as exchange:
        assert exchange.url.startswith("http://127.0.0.1:") and isinstance(exchange.client, Client)
        so = exchange.client.smartorders()
        placed = so.create(symbol="ABC_USDT", side="BUY", stop_price="10", quantity="3", client_order_id="a1")
        assert [o.client_order_id for o in exchange.open_orders()] == ["a1"]
        exchange.set_price("ABC_USDT", Decimal("10.5"))
        assert exchange.price("ABC_USDT") == Decimal("10.5") and exchange.open_orders() == []
        assert exchange.orders()[0].id == placed.id and exchange.orders()[0].state == "TRIGGERED"
        with Client("k1", "s1", exchange.url) as own:  # a client of your own, with the same credentials
            assert own.smartorders().get_by_id(client_order_id="a1").id == placed.id
        with pytest.raises(ValueError, match="BTC_USDT"):
            exchange.set_price("BTC_USDT", "1")  # not one of this sandbox's markets
        exchange.reset()
        assert exchange.orders() == [] and exchange.price("ABC_USDT") is None
        url = exchange.url
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/timestamp", timeout=2)


async def test_async_sandbox_runs_in_process() -> None:
    async with async_sandbox() as exchange:
        assert isinstance(exchange, AsyncSandboxExchange) and isinstance(exchange.client, AsyncClient)
        so = exchange.client.smartorders()
        placed = await so.create(symbol="BTC_USDT", side="SELL", type="TRAILING_STOP", trailing_offset="100",
                                 quantity="1")  # fmt: skip
        exchange.set_price("BTC_USDT", "60000")
        exchange.set_price("BTC_USDT", "60500")
        assert (await so.get_by_id(placed.id)).stop_price == "60400"  # the trailing stop, moved with the market
        async with AsyncClient(
            exchange.api_key, exchange.api_secret, exchange.url, transport=exchange.transport()
        ) as own:
            assert [o.id for o in await own.smartorders().get_all()] == [placed.id]
        with pytest.raises(NotFoundError):
            await so.get_by_id("1")
    assert exchange.client._api.get_async_httpx_client().is_closed


def test_repr_shows_where_not_the_secret() -> None:
    with sandbox(api_secret="very-secret-value") as exchange:
        assert "very-secret-value" not in repr(exchange) and exchange.url in repr(exchange)
        assert isinstance(exchange, SandboxExchange)


def test_documented_paths_name_no_private_module() -> None:
    import polo_smartorders.pytest_plugin
    import polo_smartorders.testing

    readme = (ROOT / "README.md").read_text()
    for text in (polo_smartorders.testing.__doc__ or "", polo_smartorders.pytest_plugin.__doc__ or "", readme):
        assert "_serve" not in text
