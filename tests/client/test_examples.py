"""The scripts in examples/ run against a sandbox exchange as a user runs them (a process of their own, credentials
and URL from the environment), and every python block of the README is one of them, so ``mypy --strict`` on
examples/ (``make typecheck``) checks the README's code too."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from polo_smartorders.testing import SandboxExchange, sandbox

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture
def practice() -> Iterator[SandboxExchange]:
    with sandbox() as running:
        yield running


def run(practice: SandboxExchange, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "POLO_BASE_URL": practice.url,
        "POLO_API_KEY": practice.api_key,
        "POLO_API_SECRET": practice.api_secret,
    }
    return subprocess.run(  # noqa: S603 - this interpreter, a file of the repository
        [sys.executable, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False
    )


def test_the_stop_loss_places_one_order_and_a_second_run_finds_it(practice: SandboxExchange) -> None:
    first = run(practice, "examples/stop_loss.py")
    assert first.returncode == 0, first.stderr
    [order] = practice.orders()
    assert (order.symbol, order.side, order.type_, order.stop_price, order.quantity) == (
        "BTC_USDT", "SELL", "STOP", Decimal("58000"), Decimal("0.001")
    )  # fmt: skip
    again = run(practice, "examples/stop_loss.py")
    assert again.returncode == 0 and f"already protected by order {order.id}" in again.stdout
    assert len(practice.orders()) == 1


def test_the_trailing_stops_ratchet_up_and_never_down(practice: SandboxExchange) -> None:
    done = run(practice, "examples/trailing_stop.py")
    assert done.returncode == 0, done.stderr
    open_orders = {order.client_order_id: order for order in practice.open_orders()}
    assert open_orders["trail-exchange"].type_ == "TRAILING_STOP"
    assert open_orders["trail-self"].stop_price == Decimal("60662.00")  # 2 % under the feed's high, 61,900
    replaced = [o for o in practice.orders() if o.client_order_id == "trail-self" and o.state == "CANCELED"]
    assert [o.to_dict()["stopPrice"] for o in reversed(replaced)] == [
        "58800.00",
        "59241.00",
        "59976.00",
    ]  # 60,300 moved nothing


def test_the_async_example_places_every_stop_concurrently(practice: SandboxExchange) -> None:
    done = run(practice, "examples/async_gather.py")
    assert done.returncode == 0, done.stderr
    assert sorted(order.symbol for order in practice.open_orders()) == ["BTC_USDT", "ETH_USDT", "LTC_USDT", "SOL_USDT"]


def test_the_history_walk_sums_every_filled_order(practice: SandboxExchange) -> None:
    so = practice.client.smartorders()
    for stop in ("59000", "58000", "57000"):
        so.create(symbol="BTC_USDT", side="SELL", stop_price=stop, quantity="0.25")
    practice.set_price("BTC_USDT", "57500")  # the stops at 59,000 and 58,000 trigger and fill; 57,000 waits
    done = run(practice, "examples/history.py")
    assert done.returncode == 0, done.stderr
    assert "BTC_USDT: 0.50 filled in all" in done.stdout
    assert "GET /smartorders/history -> 200" in done.stderr  # the DEBUG log of each request


def test_the_example_test_of_a_bot_passes_with_the_plugin(tmp_path: Path) -> None:
    """Run as a user would: its own directory, no conftest, the fixture found through the package's plugin."""
    (tmp_path / "test_bot.py").write_text((EXAMPLES / "test_bot.py").read_text())
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_bot.py"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and "3 passed" in done.stdout, done.stdout + done.stderr


def _python_blocks(markdown: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown, flags=re.DOTALL)


@pytest.mark.parametrize("document", ["README.md", "docs/reliability.md", "CONTRIBUTING.md"])
def test_every_python_block_of_the_docs_is_an_example_that_runs(document: str) -> None:
    path = ROOT / document
    if not path.exists():
        pytest.fail(f"{document} is missing")
    sources = "\n".join(path.read_text() for path in sorted(EXAMPLES.glob("*.py")))
    for block in _python_blocks(path.read_text()):
        lines = [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("# see ")]
        missing = [line for line in lines if line.strip() not in sources]
        assert not missing, f"{document}: a python block that no example holds: {missing[:3]}"
