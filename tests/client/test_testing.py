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


#: A user's suite of many tests on one shared sandbox server: each test must see an empty book (orders and prices of
#: the tests before it gone) and a client of its own, the one before it closed; the server starts once.
SHARED_SUITE = """
import pytest
from polo_smartorders import ClientClosedError

CLIENTS = []


@pytest.mark.parametrize("n", range(50))
def test_each_sees_an_empty_book(polo_sandbox_shared, n):
    assert polo_sandbox_shared.orders() == [] and polo_sandbox_shared.price("BTC_USDT") is None
    so = polo_sandbox_shared.client.smartorders()
    assert so.get_all() == []
    so.create(symbol="BTC_USDT", side="SELL", stop_price="59000", quantity="1", client_order_id=f"t{n}")
    polo_sandbox_shared.set_price("BTC_USDT", "60000")
    assert [o.client_order_id for o in so.get_all()] == [f"t{n}"]
    if CLIENTS:
        assert CLIENTS[-1] is not polo_sandbox_shared.client
        with pytest.raises(ClientClosedError):
            CLIENTS[-1].smartorders().get_all()
    CLIENTS.append(polo_sandbox_shared.client)
    with open("servers.txt", "a") as seen:
        print(polo_sandbox_shared.url, id(polo_sandbox_shared.engine), file=seen)
"""

#: The async fixture closes its client after the test: a later test finds the earlier one closed.
ASYNC_CLOSED_SUITE = """
import pytest
from polo_smartorders import ClientClosedError

CLIENTS = []


async def test_first(polo_async_sandbox):
    assert await polo_async_sandbox.client.smartorders().get_all() == []
    CLIENTS.append(polo_async_sandbox.client)


def test_a_sync_test_closes_it_too(polo_async_sandbox):
    CLIENTS.append(polo_async_sandbox.client)


async def test_then(polo_async_sandbox):
    for client in CLIENTS:
        with pytest.raises(ClientClosedError):
            await client.smartorders().get_all()
    async with polo_async_sandbox.new_client() as own:
        assert await own.smartorders().get_all() == []
"""


def run_user_suite(directory: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """pytest as a user runs it: in ``directory``, no conftest, the plugin found through its pytest11 entry point."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "-W", "error"]
    command += ["-o", "asyncio_mode=auto", "-o", "asyncio_default_fixture_loop_scope=function", *extra]
    return subprocess.run(command, cwd=directory, capture_output=True, text=True, timeout=180, check=False)  # noqa: S603


def test_a_shared_sandbox_serves_a_whole_suite_reset_between_tests(tmp_path: Path) -> None:
    (tmp_path / "test_many.py").write_text(SHARED_SUITE)
    done = run_user_suite(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "50 passed" in done.stdout
    seen = (tmp_path / "servers.txt").read_text().splitlines()
    assert len(seen) == 50 and len(set(seen)) == 1  # one server (one URL, one engine) for the session


def test_the_async_fixture_closes_its_client(tmp_path: Path) -> None:
    (tmp_path / "test_closed.py").write_text(ASYNC_CLOSED_SUITE)
    done = run_user_suite(tmp_path)
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
        assert (await so.get_by_id(placed.id)).stop_price == Decimal("60400")  # the trailing stop
        async with exchange.new_client(max_retries=0) as own:  # a client of your own, with its options
            assert own.max_retries == 0 and own is not exchange.client
            assert [o.id for o in await own.smartorders().get_all()] == [placed.id]
        assert not hasattr(exchange, "url")  # in-process: no URL a client of your own could reach alone
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


def test_reset_puts_the_clocks_back_as_the_sandbox_started() -> None:
    """Found by review: the shared fixture's reset left a test's clock skew to the next test."""
    with sandbox(clock_skew_ms=250) as exchange:
        exchange.engine.clock_skew_ms, exchange.engine.order_clock_skew_ms = 120_000, -5_000
        exchange.reset()
        assert (exchange.engine.clock_skew_ms, exchange.engine.order_clock_skew_ms) == (250, 0)
