"""A market price is held to its market's priceScale (review item 7): `set_price`, POST /sandbox/prices, the CLI's
`price`, a saved state and `set_market` refuse a price the exchange never trades at, so no order fills at one."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from polo_smartorders.sandbox import Market, Sandbox, create_app
from polo_smartorders.sandbox._store import open_sandbox
from polo_smartorders.sandbox._validation import parse_create

from tests.support.sandbox import sandbox_client

KEY = "sandbox-key"
SCRIPT = Path(sys.executable).parent / "polo-smartorders"


def test_set_price_refuses_decimals_past_the_scale_and_moves_nothing() -> None:
    engine = Sandbox()
    engine.set_price("BTC_USDT", "60000")
    placed = engine.create(KEY, parse_create({"symbol": "BTC_USDT", "side": "SELL", "stopPrice": "58901",
                                              "quantity": "0.01"}))  # fmt: skip
    with pytest.raises(ValueError, match=r"'price' 58900\.123 has 3 decimals, BTC_USDT allows 2 \(priceScale\)"):
        engine.set_price("BTC_USDT", "58900.123")  # would cross the stop
    assert engine.price("BTC_USDT") == Decimal(60000)
    [order] = engine.orders(KEY)
    assert (order["id"], order["state"]) == (placed["id"], "PENDING_NEW")
    with pytest.raises(ValueError, match="BTC_USDT allows 2"):
        engine.set_price("BTC_USDT", Decimal("58900.001"))  # a Decimal is held to it too


def test_each_market_s_own_scale_and_trailing_zeros_are_not_decimals() -> None:
    engine = Sandbox(symbols=["BTC_USDT", "XRP_USDT", Market("WHOLE_USDT", 0, 2, 2, Decimal(0), Decimal(1))])
    engine.set_price("BTC_USDT", "58900.1200")  # 2 decimals once the zeros go
    engine.set_price("XRP_USDT", "0.5123")
    engine.set_price("WHOLE_USDT", "7.000")
    assert engine.prices() == {"BTC_USDT": Decimal("58900.12"), "XRP_USDT": Decimal("0.5123"), "WHOLE_USDT": 7}
    with pytest.raises(ValueError, match="XRP_USDT allows 4"):
        engine.set_price("XRP_USDT", "0.51234")
    with pytest.raises(ValueError, match="WHOLE_USDT allows 0"):
        engine.set_price("WHOLE_USDT", "7.5")


async def test_the_price_endpoint_refuses_it_with_the_exchange_s_scale_code() -> None:
    app = create_app()
    async with sandbox_client(app) as http:
        error = await http.error(400, "POST", "/sandbox/prices", {"symbol": "BTC_USDT", "price": "58900.123"},
                                 signed=False)  # fmt: skip
        assert error["code"] == 21335 and "BTC_USDT allows 2 (priceScale)" in error["message"]
        assert app.state.sandbox.price("BTC_USDT") is None
        await http.ok("POST", "/sandbox/prices", {"symbol": "BTC_USDT", "price": "58900.12"}, signed=False)


def test_a_saved_price_past_its_market_s_scale_does_not_restore() -> None:
    engine = Sandbox()
    engine.set_price("BTC_USDT", "58900.12")
    state = json.loads(json.dumps(engine.state()))
    state["prices"]["BTC_USDT"] = "58900.123"
    restored = Sandbox()
    restored.set_price("ETH_USDT", "3000")
    with pytest.raises(ValueError, match=r"sandbox state: .*BTC_USDT allows 2 \(priceScale\)"):
        restored.restore(state)
    assert restored.prices() == {"ETH_USDT": Decimal(3000)}  # nothing changed
    # the rule is the saved market's: a state whose BTC_USDT takes 3 decimals keeps the price
    fine = Sandbox(symbols=[replace(engine.market("BTC_USDT"), price_scale=3)])
    fine.set_price("BTC_USDT", "58900.123")
    restored.restore(json.loads(json.dumps(fine.state())))
    assert restored.price("BTC_USDT") == Decimal("58900.123")


def test_set_market_refuses_a_scale_the_market_s_price_breaks() -> None:
    engine = Sandbox()
    engine.set_price("BTC_USDT", "58900.12")
    coarser = replace(engine.market("BTC_USDT"), price_scale=1)
    with pytest.raises(ValueError, match=r"BTC_USDT allows 1 .*set a price it allows first"):
        engine.set_market(coarser)
    assert engine.market("BTC_USDT").price_scale == 2
    engine.set_price("BTC_USDT", "58900.1")
    engine.set_market(coarser)
    assert engine.market("BTC_USDT").price_scale == 1


# --- the CLI's practice sandbox -------------------------------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith(("POLO_", "XDG_"))}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "xdg"), PYTHONIOENCODING="utf-8")
    env["POLO_SANDBOX_STATE"] = str(tmp_path / "state" / "sandbox.sqlite3")
    return env


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(SCRIPT), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)  # noqa: S603


def refused(env: dict[str, str], status: int, *args: str) -> str:
    done = cli(env, *args)
    assert done.returncode == status and "Traceback" not in done.stderr, (args, done.returncode, done.stderr)
    assert done.stderr.count("\n") == 1, done.stderr  # one line
    return done.stderr


def saved_price(env: dict[str, str]) -> Decimal | None:
    with open_sandbox(Path(env["POLO_SANDBOX_STATE"])) as engine:
        return engine.price("BTC_USDT")


def test_the_price_command_refuses_it_in_one_line(home: dict[str, str]) -> None:
    assert cli(home, "--sandbox", "price", "BTC_USDT", "58900.12").returncode == 0
    message = refused(home, 2, "--sandbox", "price", "BTC_USDT", "58900.123")  # a usage error, as a bad --field
    assert message.startswith("polo-smartorders: price: ")
    assert "58900.123 has 3 decimals, BTC_USDT allows 2 (priceScale)" in message
    assert saved_price(home) == Decimal("58900.12")


def test_sandbox_markets_that_the_saved_price_breaks_are_refused_and_the_state_still_loads(
    home: dict[str, str], tmp_path: Path
) -> None:
    assert cli(home, "--sandbox", "price", "BTC_USDT", "58900.12").returncode == 0
    markets = tmp_path / "markets.json"
    btc = Sandbox().market("BTC_USDT")
    markets.write_text(json.dumps([Market("ODD_USDT", 1, 0, 2, Decimal(2), Decimal(5)).to_json(),
                                   replace(btc, price_scale=1).to_json()]))  # fmt: skip
    message = refused(home, 2, "--sandbox-markets", str(markets), "--sandbox", "list")
    assert message.count("--sandbox-markets: ") == 1 and "BTC_USDT allows 1" in message
    with open_sandbox(Path(home["POLO_SANDBOX_STATE"])) as engine:  # nothing changed, ODD_USDT not added either
        assert engine.market("BTC_USDT").price_scale == 2 and "ODD_USDT" not in engine.symbols
    assert cli(home, "--sandbox", "list").returncode == 0


def test_a_saved_state_with_such_a_price_is_refused_in_one_line(home: dict[str, str]) -> None:
    assert cli(home, "--sandbox", "price", "BTC_USDT", "58900.12").returncode == 0
    path = Path(home["POLO_SANDBOX_STATE"])
    with sqlite3.connect(path) as connection:
        [(text,)] = connection.execute("SELECT state FROM sandbox WHERE id = 1").fetchall()
        state = json.loads(text)
        state["prices"]["BTC_USDT"] = "58900.123"
        connection.execute("UPDATE sandbox SET state = ? WHERE id = 1", (json.dumps(state),))
    connection.close()
    message = refused(home, 1, "--sandbox", "list")  # as any unusable state
    assert "not usable" in message and "BTC_USDT allows 2 (priceScale)" in message
