"""The `polo-smartorders` command line, end to end: a subprocess against a loopback sandbox this test starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from polo_smartorders.testing import SandboxExchange, sandbox

# One sandbox per module: keep its tests on one xdist worker.
pytestmark = pytest.mark.xdist_group("cli")

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def sandbox_exchange() -> Iterator[SandboxExchange]:
    with sandbox() as running:
        yield running


@pytest.fixture(autouse=True)
def fresh(sandbox_exchange: SandboxExchange) -> None:
    sandbox_exchange.reset()


def cli(sandbox_exchange: SandboxExchange, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "POLO_API_KEY": sandbox_exchange.api_key,
        "POLO_API_SECRET": sandbox_exchange.api_secret,
        "POLO_BASE_URL": sandbox_exchange.url,
    }
    command = [sys.executable, "-m", "polo_smartorders", *args]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, env=env, timeout=60, check=False)  # noqa: S603


def ok_json(sandbox_exchange: SandboxExchange, *args: str) -> object:
    done = cli(sandbox_exchange, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_create_list_get_replace_cancel_round_trip(sandbox_exchange: SandboxExchange) -> None:
    placed = ok_json(sandbox_exchange, "create", "--symbol", "BTC_USDT", "--side", "BUY", "--type", "STOP_LIMIT",
                     "--stop-price", "40000", "--price", "40000.50", "--quantity", "0.5", "--client-order-id", "cli-1")  # fmt: skip
    assert isinstance(placed, dict) and placed["clientOrderId"] == "cli-1"
    [order] = sandbox_exchange.open_orders()
    assert (order.id, order.price, order.quantity) == (placed["id"], Decimal("40000.50"), Decimal("0.5"))

    table = cli(sandbox_exchange, "list")
    assert table.returncode == 0 and table.stdout.splitlines()[0].split()[:3] == ["id", "clientOrderId", "symbol"]
    assert placed["id"] in table.stdout and "cli-1" in table.stdout

    got = ok_json(sandbox_exchange, "get", "cid:cli-1")
    assert isinstance(got, dict) and got["stopPrice"] == "40000" and got["quantity"] == "0.5"  # amounts stay strings

    new = ok_json(sandbox_exchange, "replace", "cid:cli-1", "--stop-price", "41000", "--price", "41000.5")
    assert isinstance(new, dict) and new["clientOrderId"] == "cli-1" and new["id"] != placed["id"]
    assert [(o.id, o.stop_price) for o in sandbox_exchange.open_orders()] == [(new["id"], Decimal("41000"))]

    results = ok_json(sandbox_exchange, "cancel", str(new["id"]))
    assert isinstance(results, list) and [(r["orderId"], r["code"]) for r in results] == [(new["id"], 200)]
    assert sandbox_exchange.open_orders() == []


def test_a_failed_cancel_item_exits_non_zero(sandbox_exchange: SandboxExchange) -> None:
    sandbox_exchange.client.smartorders().create(symbol="BTC_USDT", side="SELL", stop_price="100", client_order_id="c1",
                                         quantity="1")  # fmt: skip
    done = cli(sandbox_exchange, "cancel", "cid:c1", "cid:never-placed")
    assert done.returncode == 1 and done.stderr == "polo-smartorders: no smart order with id cid:never-placed\n"
    assert "c1" in done.stdout and "never-placed" not in done.stdout  # the table: the order that was there
    assert sandbox_exchange.open_orders() == []  # the good item was still cancelled


def test_history_all_pages_through_everything(sandbox_exchange: SandboxExchange) -> None:
    ids = [sandbox_exchange.client.smartorders().create(symbol="ETH_USDT", side="SELL", stop_price="1500", quantity="1").id
           for _ in range(7)]  # fmt: skip
    sandbox_exchange.client.smartorders().cancel(symbol="ETH_USDT")
    one_page = ok_json(sandbox_exchange, "history", "--limit", "3")
    assert isinstance(one_page, list) and [o["id"] for o in one_page] == ids[::-1][:3]
    every = ok_json(sandbox_exchange, "history", "--all", "--limit", "3")
    assert isinstance(every, list) and [o["id"] for o in every] == ids[::-1]
    capped = ok_json(sandbox_exchange, "history", "--all", "--limit", "3", "--max-items", "5", "--symbol", "ETH_USDT")
    assert isinstance(capped, list) and len(capped) == 5


def test_cancel_all_asks_unless_yes(sandbox_exchange: SandboxExchange) -> None:
    for price in ("30000", "31000"):
        sandbox_exchange.client.smartorders().create(symbol="BTC_USDT", side="SELL", stop_price=price, quantity="1")
    refused = cli(sandbox_exchange, "cancel-all", "--symbol", "BTC_USDT", stdin="n\n")
    assert refused.returncode == 1 and "[y/N]" in refused.stderr and len(sandbox_exchange.open_orders()) == 2
    no_answer = cli(sandbox_exchange, "cancel-all", "--symbol", "BTC_USDT")  # stdin closed: not confirmed
    assert no_answer.returncode == 1 and len(sandbox_exchange.open_orders()) == 2
    confirmed = cli(sandbox_exchange, "cancel-all", "--symbol", "BTC_USDT", stdin="y\n")
    assert confirmed.returncode == 0 and sandbox_exchange.open_orders() == []
    sandbox_exchange.client.smartorders().create(symbol="BTC_USDT", side="SELL", stop_price="30000", quantity="1")
    assert cli(sandbox_exchange, "cancel-all", "--account-type", "SPOT", "--yes").returncode == 0
    assert sandbox_exchange.open_orders() == []


def test_cancel_all_without_a_filter_is_refused_before_asking(sandbox_exchange: SandboxExchange) -> None:
    done = cli(sandbox_exchange, "cancel-all", "--yes")
    assert done.returncode == 2 and "symbol" in done.stderr


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--stop-price", "4.0.0", "--quantity", "1"], "--stop-price"),
        (["--stop-price", "40000"], "quantity"),  # neither quantity nor amount
        (["--stop-price", "40000", "--quantity", "1", "--client-order-id", "bad id!"], "--client-order-id"),
        (["--type", "STOP", "--stop-price", "40000", "--quantity", "1", "--price", "1"], "price"),  # STOP + price
    ],
)
def test_bad_arguments_exit_2_and_send_nothing(sandbox_exchange: SandboxExchange, args: list[str], field: str) -> None:
    done = cli(sandbox_exchange, "create", "--symbol", "BTC_USDT", "--side", "BUY", *args)
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and field in done.stderr
    assert sandbox_exchange.orders() == []


def test_argparse_refusals_exit_2(sandbox_exchange: SandboxExchange) -> None:
    both = cli(sandbox_exchange, "create", "--symbol", "BTC_USDT", "--side", "BUY", "--quantity", "1", "--amount", "1")
    assert both.returncode == 2 and sandbox_exchange.orders() == []
    assert cli(sandbox_exchange, "create", "--symbol", "BTC_USDT", "--side", "SEL", "--quantity", "1").returncode == 2


def test_exchange_errors_print_one_line_with_the_code(sandbox_exchange: SandboxExchange) -> None:
    create = ["create", "--side", "BUY", "--stop-price", "40000", "--quantity", "1"]
    assert cli(sandbox_exchange, *create, "--symbol", "BTC_USDT", "--client-order-id", "dup").returncode == 0
    duplicate = cli(sandbox_exchange, *create, "--symbol", "BTC_USDT", "--client-order-id", "dup")
    assert duplicate.returncode == 1 and duplicate.stderr.count("\n") == 1
    assert "DuplicateClientOrderIdError: code 25004" in duplicate.stderr
    unknown = cli(sandbox_exchange, *create, "--symbol", "NOPE_USDT")
    assert unknown.returncode == 1 and "code 25019" in unknown.stderr
    missing = cli(sandbox_exchange, "get", "424242")
    assert missing.returncode == 1 and missing.stderr == "polo-smartorders: no smart order with id 424242\n"
    replaced = cli(sandbox_exchange, "replace", "cid:gone", "--stop-price", "5")
    assert replaced.returncode == 1 and replaced.stderr == "polo-smartorders: no smart order with id cid:gone\n"


@pytest.mark.parametrize(
    ("given", "unset"),
    [({"POLO_API_KEY": "k"}, "POLO_API_SECRET"), ({}, "POLO_API_KEY and POLO_API_SECRET")],
    ids=["no secret", "neither"],
)
def test_missing_credentials_name_the_variables_to_set(
    sandbox_exchange: SandboxExchange, given: dict[str, str], unset: str
) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("POLO_")}
    env |= {**given, "POLO_BASE_URL": sandbox_exchange.url}
    command = [str(BIN / "polo-smartorders"), "list"]  # the installed console script
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)  # noqa: S603
    assert done.returncode == 2
    assert done.stderr == (
        f"polo-smartorders: private commands need POLO_API_KEY and POLO_API_SECRET: {unset} not set "
        "(or practise with --sandbox)\n"
    )


def test_wrong_credentials_fail_with_the_exchange_code(sandbox_exchange: SandboxExchange) -> None:
    env = {**os.environ, "POLO_API_KEY": "nobody", "POLO_API_SECRET": "x", "POLO_BASE_URL": sandbox_exchange.url}
    command = [sys.executable, "-m", "polo_smartorders", "list"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)  # noqa: S603
    assert done.returncode == 1 and "AuthenticationError: code" in done.stderr
    assert "x" not in done.stderr.split("code", 1)[0].replace("AuthenticationError", "")  # no secret echoed


def test_console_script_and_embedded_sandbox(tmp_path: Path) -> None:
    script = BIN / "polo-smartorders"
    assert script.exists(), "pyproject [project.scripts] installs the console script"
    env = {key: value for key, value in os.environ.items() if not key.startswith("POLO_")}
    env["POLO_SANDBOX_STATE"] = str(tmp_path / "sandbox.sqlite3")  # never the user's own practice sandbox
    done = subprocess.run(  # noqa: S603
        [str(script), "--sandbox", "create", "--symbol", "BTC_USDT", "--side", "SELL", "--stop-price", "100",
         "--quantity", "1", "--json"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"].isdigit()
    command = [str(script), "time", "--sandbox", "--json"]  # the common options also go after the command
    timed = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)  # noqa: S603
    assert timed.returncode == 0 and isinstance(json.loads(timed.stdout)["serverTime"], int)


def test_importing_the_library_does_not_load_the_cli_or_the_sandbox() -> None:
    code = (
        "import sys, polo_smartorders; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('argparse', 'starlette', 'uvicorn', 'pytest') "
        "or m in ('polo_smartorders._cli', 'polo_smartorders.testing') or m.startswith('polo_smartorders.sandbox')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)  # noqa: S603
    assert done.stdout.strip() == "[]"


def test_an_answer_with_a_lone_surrogate_is_printed_escaped() -> None:
    """Valid JSON ("\\ud800") that no encoding can write: the table shows its escape instead of crashing."""
    from tests.support.exchange import SMART_ORDER
    from tests.support.wire_server import wire_server

    body = json.dumps([{**SMART_ORDER, "clientOrderId": "__cid__"}]).replace('"__cid__"', '"ab\\ud800"').encode()
    answer = httpx.Response(200, content=body, headers={"Content-Type": "application/json"})
    with wire_server(lambda request: answer) as server:
        env = {**os.environ, "POLO_API_KEY": "key-1234", "POLO_API_SECRET": "secret", "PYTHONIOENCODING": "utf-8"}
        command = [sys.executable, "-m", "polo_smartorders", "--url", server.url, "list"]
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr
    assert "ab\\ud800" in done.stdout
