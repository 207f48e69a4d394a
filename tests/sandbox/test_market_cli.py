"""Custom market rules and balances from the command line (issue 20.4, 20.6): `sandbox serve` / `python -m
polo_smartorders.sandbox` take --markets FILE and --balance CUR=AMOUNT, the practice sandbox (--sandbox) takes
--sandbox-markets and --sandbox-balance and keeps them between commands. Each run gets a temp HOME and state file."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from polo_smartorders.sandbox import DEFAULT_MARKETS, Market
from polo_smartorders.sandbox.__main__ import parse_args, symbols_of

from tests.support.signing import auth_headers, now_ms

SCRIPT = Path(sys.executable).parent / "polo-smartorders"
#: ODD_USDT: 1 price decimal, quantities of at least 2; and BTC_USDT as the exchange has it.
ODD = Market("ODD_USDT", 1, 0, 2, min_quantity=Decimal(2), min_amount=Decimal(5))


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith(("POLO_", "XDG_"))}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "xdg"), PYTHONIOENCODING="utf-8")
    env["POLO_SANDBOX_STATE"] = str(tmp_path / "state" / "sandbox.sqlite3")
    return env


@pytest.fixture
def markets_file(tmp_path: Path) -> Path:
    path = tmp_path / "markets.json"
    path.write_text(json.dumps([ODD.to_json(), DEFAULT_MARKETS["BTC_USDT"].to_json()]))
    return path


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(SCRIPT), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)  # noqa: S603


def ok_json(env: dict[str, str], *args: str) -> dict[str, object]:
    done = cli(env, *args, "--json")
    assert done.returncode == 0 and "Traceback" not in done.stderr, (args, done.stderr)
    answer = json.loads(done.stdout)
    assert isinstance(answer, dict)
    return answer


def refused(env: dict[str, str], status: int, *args: str) -> str:
    done = cli(env, *args)
    assert done.returncode == status and "Traceback" not in done.stderr, (args, done.returncode, done.stderr)
    assert done.stderr.count("\n") == 1, done.stderr  # one line
    return done.stderr


def test_the_server_options(markets_file: Path) -> None:
    args = parse_args(["--markets", str(markets_file), "--balance", "USDT=10", "--balance", " BTC = 0.5 "])
    assert args.balance == [("USDT", "10"), ("BTC", "0.5")]
    assert symbols_of(None, str(markets_file)) == [ODD, DEFAULT_MARKETS["BTC_USDT"]]
    assert symbols_of(["ETH_USDT"], str(markets_file)) == ["ETH_USDT", ODD, DEFAULT_MARKETS["BTC_USDT"]]
    assert symbols_of(None, None) is None
    for bad in (["--balance", "USDT"], ["--balance", "=5"], ["--balance", "USDT="]):
        with pytest.raises(SystemExit):
            parse_args(bad)


def test_a_served_sandbox_trades_the_file_s_markets_with_the_funds_given(markets_file: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    command = [sys.executable, "-m", "polo_smartorders.sandbox", "--port", str(port), "--log-level", "warning"]
    command += ["--markets", str(markets_file), "--balance", "USDT=100"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        assert process.stdout is not None
        banner = "".join(process.stdout.readline() for _ in range(4))
        assert "markets: BTC_USDT, ODD_USDT" in banner and "funds of each account: USDT 100" in banner
        deadline = time.monotonic() + 15
        while True:
            try:
                listed = httpx.get(f"{base}/markets", timeout=1).json()
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.05)
        assert listed == [DEFAULT_MARKETS["BTC_USDT"].to_json(), ODD.to_json()]

        def create(body: dict[str, str]) -> httpx.Response:
            content = json.dumps(body).encode()
            headers = auth_headers("sandbox-secret", "sandbox-key", "POST", b"/smartorders", "", content, str(now_ms()))
            return httpx.post(f"{base}/smartorders", content=content, headers={**headers, "content-type":
                              "application/json"}, timeout=5)  # fmt: skip

        too_fine = create({"symbol": "ODD_USDT", "side": "BUY", "stopPrice": "3.25", "quantity": "2"})
        assert too_fine.status_code == 400 and too_fine.json()["code"] == 21335
        placed = create({"symbol": "ODD_USDT", "side": "BUY", "stopPrice": "60", "quantity": "2"})  # 120 > 100 USDT
        assert placed.status_code == 200
        httpx.post(f"{base}/sandbox/prices", json={"symbol": "ODD_USDT", "price": "60"}, timeout=5).raise_for_status()
        path = f"/smartorders/{placed.json()['id']}".encode()
        headers = auth_headers("sandbox-secret", "sandbox-key", "GET", path, "", b"", str(now_ms()))
        [order] = httpx.get(f"{base}{path.decode()}", headers=headers, timeout=5).json()
        assert order["state"] == "FAILED"
    finally:
        process.terminate()
        process.wait(timeout=15)
        if process.stdout is not None:
            process.stdout.close()


def test_a_bad_markets_file_or_balance_stops_the_server_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('[{"symbol": "A_B"}]')
    for option in (["--markets", str(tmp_path / "bad.json")], ["--markets", str(tmp_path / "missing.json")],
                   ["--balance", "usdt=1"]):  # fmt: skip
        command = [sys.executable, "-m", "polo_smartorders.sandbox", "--port", "1", *option]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)  # noqa: S603
        assert done.returncode == 2 and done.stderr.startswith("sandbox: ") and "Traceback" not in done.stderr


def test_the_practice_sandbox_keeps_custom_markets(home: dict[str, str], markets_file: Path) -> None:
    done = cli(home, "--sandbox-markets", str(markets_file))  # alone: just that
    assert done.returncode == 0 and "ODD_USDT" in done.stderr
    create = ["--sandbox", "create", "--symbol", "ODD_USDT", "--side", "SELL", "--quantity", "2"]
    assert "code 21335" in refused(home, 1, *create, "--stop-price", "3.25")
    assert "code 21330" in refused(home, 1, *create[:-1], "1", "--stop-price", "3.2")
    placed = ok_json(home, *create, "--stop-price", "3.2")
    assert ok_json(home, "--sandbox", "get", str(placed["id"]))["stopPrice"] == "3.2"
    assert cli(home, "--sandbox-reset", "--sandbox", "list").returncode == 0
    assert "code 25019" in refused(home, 1, *create, "--stop-price", "3.2")  # back to the default markets


def test_the_practice_sandbox_keeps_balances_until_reset(home: dict[str, str]) -> None:
    buy = ["--sandbox", "create", "--symbol", "BTC_USDT", "--side", "BUY", "--stop-price", "60000", "--quantity", "1"]
    placed = ok_json(home, "--sandbox-balance", "USDT=1000", *buy)  # 60,000 USDT needed at the trigger
    ok_json(home, "--sandbox", "price", "BTC_USDT", "60000")
    assert ok_json(home, "--sandbox", "get", str(placed["id"]))["state"] == "FAILED"
    assert cli(home, "--sandbox-reset", "--sandbox", "list").returncode == 0  # unlimited funds again
    again = ok_json(home, *buy)
    ok_json(home, "--sandbox", "price", "BTC_USDT", "60000")
    assert ok_json(home, "--sandbox", "get", str(again["id"]))["state"] == "TRIGGERED"


def test_bad_practice_options_are_one_line(home: dict[str, str], tmp_path: Path) -> None:
    assert "--sandbox-balance" in refused(home, 2, "--sandbox-balance", "usdt=1", "--sandbox", "list")
    assert "--sandbox-balance" in refused(home, 2, "--sandbox-balance", "USDT=-1")
    assert "--sandbox-markets" in refused(
        home, 2, "--sandbox-markets", str(tmp_path / "none.json"), "--sandbox", "list"
    )


def test_the_price_command_is_what_the_price_endpoint_answers(home: dict[str, str]) -> None:
    """`price SYMBOL PRICE` on the practice sandbox is kept, and GET /markets/{symbol}/price answers it."""
    from polo_smartorders.sandbox._store import open_sandbox

    assert cli(home, "--sandbox", "price", "BTC_USDT", "58000.5").returncode == 0
    with open_sandbox(Path(home["POLO_SANDBOX_STATE"])) as engine:
        answer = engine.get_market_price("BTC_USDT")
    assert answer["price"] == "58000.5" and isinstance(answer["time"], int) and answer["time"] > 0
