"""The CLI to practise with (issue 21.4) and a CLI that behaves like one (21.5), run as a user runs it: the installed
console script in a subprocess. Every run gets a temp HOME, XDG_DATA_HOME and POLO_SANDBOX_STATE, so no test reads or
writes the real user's directories; the only servers are loopback ones these tests start and stop.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest
from polo_smartorders.sandbox import Sandbox
from polo_smartorders.sandbox._validation import OrderRef, parse_create

SCRIPT = Path(sys.executable).parent / "polo-smartorders"
KEY = "sandbox-key"


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """The environment of one user with an empty home: no POLO_* of the caller, a state file under tmp_path."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(("POLO_", "XDG_"))}
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "xdg"),
        POLO_SANDBOX_STATE=str(tmp_path / "state" / "sandbox.sqlite3"),
        PYTHONIOENCODING="utf-8",
    )
    return env


def cli(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    command = [str(SCRIPT), *args]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, env=env, timeout=60, check=False)  # noqa: S603


def ok(env: dict[str, str], *args: str) -> str:
    done = cli(env, *args)
    assert done.returncode == 0, (args, done.stderr)
    assert "Traceback" not in done.stderr
    return done.stdout


def ok_json(env: dict[str, str], *args: str) -> object:
    return json.loads(ok(env, *args, "--json"))


def table(text: str) -> list[dict[str, str]]:
    """The rows of a CLI table, each cell cut at its column's start (cells are left-aligned under their header)."""
    header, *lines = text.splitlines()
    names = header.split()
    starts = [header.index(f"{name} " if i < len(names) - 1 else name) for i, name in enumerate(names)]
    bounds = [*starts[1:], None]
    return [
        {name: line[start:end].strip() for name, start, end in zip(names, starts, bounds, strict=True)}
        for line in lines
        if line != "(none)" and not line.startswith("triggeredOrder:")
    ]


STOP = ["create", "--sandbox", "--symbol", "BTC_USDT", "--side", "SELL", "--stop-price", "59000", "--quantity", "0.01"]


# ---------------------------------------------------------------- engine state: snapshot and restore


def _engine_with_history() -> Sandbox:
    engine = Sandbox(clock=lambda: 1_700_000_000_000)
    create = {"symbol": "BTC_USDT", "side": "SELL", "quantity": "0.5"}
    engine.create(KEY, parse_create({**create, "stopPrice": "59000.5", "clientOrderId": "sl-1"}))
    engine.create(KEY, parse_create({**create, "type": "TRAILING_STOP", "trailingOffset": "2%", "clientOrderId": "t"}))
    engine.create(KEY, parse_create({**create, "side": "BUY", "type": "STOP_LIMIT", "stopPrice": "3000",
                                     "price": "3000.25", "symbol": "ETH_USDT", "clientOrderId": "lim"}))  # fmt: skip
    engine.set_price("BTC_USDT", "60000.10")  # the trailing stop activates and trails from 60000.10
    engine.set_price("BTC_USDT", "59000")  # the stop triggers and fills; the trailing stop (58800.098) does not
    engine.set_price("ETH_USDT", "3001")  # the BUY STOP_LIMIT triggers; its limit 3000.25 is not marketable: NEW
    return engine


def test_state_restores_every_order_price_and_the_id_counter() -> None:
    engine = _engine_with_history()
    state = json.loads(json.dumps(engine.state()))  # what the file holds: JSON only, amounts as text
    assert state["prices"] == {"BTC_USDT": "59000", "ETH_USDT": "3001"}

    restored = Sandbox(clock=lambda: 1_700_000_000_000)
    restored.restore(state)

    assert restored.orders(KEY) == engine.orders(KEY)
    assert restored.prices() == {"BTC_USDT": Decimal("59000"), "ETH_USDT": Decimal("3001")}
    # The trailing stop kept its best price: a fall to its stop (58800.098) triggers it in the restored engine.
    restored.set_price("BTC_USDT", "58800")
    [trailing] = restored.get(KEY, _cid("t"))
    assert trailing["state"] == "TRIGGERED" and trailing["stopPrice"] == "58800.098"
    # The LIMIT child fills in the restored engine when the market comes back to it.
    restored.set_price("ETH_USDT", "3000")
    [limit] = restored.get(KEY, _cid("lim"))
    assert limit["triggeredOrder"]["state"] == "FILLED"  # type: ignore[index]
    # Ids continue after every id used (smart and triggered orders share the counter); ids are not spent by state().
    orders = json.loads(json.dumps(engine.orders(KEY)))
    used = {int(o["id"]) for o in orders} | {int(o["triggeredOrder"]["id"]) for o in orders if "triggeredOrder" in o}
    placed = restored.create(KEY, parse_create({"symbol": "LTC_USDT", "side": "BUY", "stopPrice": "90", "amount": "5"}))
    assert int(str(placed["id"])) == max(used) + 2  # +1 went to the trailing stop's triggered order above
    assert engine.create(KEY, parse_create({"symbol": "LTC_USDT", "side": "BUY", "stopPrice": "9", "amount": "5"}))[
        "id"
    ] == str(max(used) + 1)


def _cid(value: str) -> OrderRef:
    return OrderRef("cid", value)


@pytest.mark.parametrize(
    "damage",
    [
        lambda s: s.update(version=99),
        lambda s: s["prices"].update(BTC_USDT=59000.5),  # a float: refused, never rounded
        lambda s: s["prices"].update(BTC_USDT="-1"),
        lambda s: s["orders"].update(stranger=[]),
        lambda s: s["orders"][KEY][0]["spec"].update(quantity="NaN"),
        lambda s: s["orders"][KEY][0].update(id="10000001"),
        lambda s: s.update(nextId=1),
    ],
)
def test_restore_refuses_a_damaged_state_and_changes_nothing(damage: object) -> None:
    state = json.loads(json.dumps(_engine_with_history().state()))
    damage(state)  # type: ignore[operator]
    target = Sandbox()
    target.set_price("SOL_USDT", "150")
    with pytest.raises(ValueError, match="sandbox state"):
        target.restore(state)
    assert target.prices() == {"SOL_USDT": Decimal("150")} and target.orders(KEY) == []


# ---------------------------------------------------------------- --sandbox keeps its state between commands


def test_create_price_get_shows_a_stop_trigger_across_commands(home: dict[str, str]) -> None:
    placed = ok_json(home, *STOP, "--client-order-id", "sl-2")
    assert isinstance(placed, dict) and placed["clientOrderId"] == "sl-2"
    [listed] = table(ok(home, "--sandbox", "list"))
    assert (listed["id"], listed["clientOrderId"], listed["state"]) == (placed["id"], "sl-2", "PENDING_NEW")

    assert ok(home, "--sandbox", "price", "BTC_USDT", "58900.5").strip() == "BTC_USDT is now 58900.5"
    assert table(ok(home, "--sandbox", "price")) == [{"symbol": "BTC_USDT", "price": "58900.5"}]

    got = ok_json(home, "--sandbox", "get", "cid:sl-2")
    assert isinstance(got, dict) and got["state"] == "TRIGGERED"
    assert got["triggeredOrder"]["state"] == "FILLED" and got["triggeredOrder"]["avgPrice"] == "58900.5"
    shown = ok(home, "--sandbox", "get", "cid:sl-2")
    assert "triggeredOrder:" in shown and table(shown)[0]["state"] == "TRIGGERED"
    assert table(ok(home, "--sandbox", "list")) == []  # no longer open
    assert [o["state"] for o in table(ok(home, "--sandbox", "history"))] == ["FILLED"]
    assert Path(home["POLO_SANDBOX_STATE"]).is_file()
    assert not Path(home["HOME"]).exists()  # nothing written to the home directory


def test_without_an_override_the_state_lives_in_xdg_data_home(home: dict[str, str]) -> None:
    del home["POLO_SANDBOX_STATE"]
    ok(home, *STOP)
    ok(home, *STOP)
    assert len(table(ok(home, "--sandbox", "list"))) == 2
    path = Path(home["XDG_DATA_HOME"]) / "polo-smartorders" / "sandbox.sqlite3"
    with sqlite3.connect(path) as db:  # a real database, one JSON row, amounts as text
        [(text,)] = db.execute("SELECT state FROM sandbox").fetchall()
    assert '"stopPrice":"59000"' in text and '"quantity":"0.01"' in text


def test_sandbox_reset_starts_over(home: dict[str, str]) -> None:
    first = ok_json(home, *STOP)
    ok(home, "--sandbox", "price", "ETH_USDT", "2000")
    done = cli(home, "--sandbox-reset")
    assert done.returncode == 0 and "starts over" in done.stderr
    assert table(ok(home, "--sandbox", "list")) == [] and table(ok(home, "--sandbox", "price")) == []
    again = ok_json(home, "--sandbox-reset", *STOP)  # with a command: reset, then run it
    assert isinstance(first, dict) and isinstance(again, dict) and again["id"] == first["id"]  # ids restart


def test_a_damaged_state_file_is_refused_in_one_line_and_reset_recovers(home: dict[str, str]) -> None:
    path = Path(home["POLO_SANDBOX_STATE"])
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database at all, certainly not a pickle")
    done = cli(home, "--sandbox", "list")
    assert done.returncode == 1 and "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert str(path) in done.stderr
    ok(home, "--sandbox-reset")
    ok(home, *STOP)
    with sqlite3.connect(path) as db:  # a row written by someone else that is not a state
        db.execute("UPDATE sandbox SET state = ?", ('{"version": 1, "nextId": "x"}',))
    done = cli(home, "--sandbox", "list")
    assert done.returncode == 1 and "--sandbox-reset" in done.stderr and "Traceback" not in done.stderr
    assert ok(home, "--sandbox-reset", "--sandbox", "list").startswith("id ")


def test_commands_run_at_once_take_turns_and_lose_nothing(home: dict[str, str]) -> None:
    with ThreadPoolExecutor(max_workers=6) as pool:
        runs = list(pool.map(lambda i: cli(home, *STOP, "--client-order-id", f"c{i}", "--json"), range(6)))
    assert [run.returncode for run in runs] == [0] * 6, [run.stderr for run in runs]
    ids = {json.loads(run.stdout)["id"] for run in runs}
    listed = table(ok(home, "--sandbox", "list"))
    assert len(ids) == 6 and {row["id"] for row in listed} == ids
    assert sorted(row["clientOrderId"] for row in listed) == [f"c{i}" for i in range(6)]


# ---------------------------------------------------------------- sandbox serve


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_sandbox_serve_prints_the_environment_for_the_cli_and_a_bot(home: dict[str, str]) -> None:
    port = _free_port()
    command = [str(SCRIPT), "sandbox", "serve", "--port", str(port), "--log-level", "warning"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=home)  # noqa: S603
    try:
        assert process.stdout is not None
        exports: dict[str, str] = {}
        seen = b""
        deadline = time.monotonic() + 20
        while len(exports) < 3:
            ready, _, _ = select.select([process.stdout], [], [], max(0.0, deadline - time.monotonic()))
            assert ready, f"no environment printed: {seen!r}"
            chunk = os.read(process.stdout.fileno(), 4096)
            assert chunk, f"the server exited: {seen!r}"
            seen += chunk
            for line in seen.decode().splitlines():
                if line.strip().startswith("export ") and seen.endswith(b"\n"):
                    name, _, value = line.strip().removeprefix("export ").partition("=")
                    exports[name] = value
        assert exports == {
            "POLO_BASE_URL": f"http://127.0.0.1:{port}",
            "POLO_API_KEY": "sandbox-key",
            "POLO_API_SECRET": "sandbox-secret",
        }
        client_env = {**home, **exports}
        del client_env["POLO_SANDBOX_STATE"]  # not the practice sandbox: the server
        placed = _when_up(lambda: cli(client_env, *STOP[:1], *STOP[2:], "--client-order-id", "srv", "--json"))
        assert json.loads(placed.stdout)["clientOrderId"] == "srv"
        assert ok(client_env, "price", "BTC_USDT", "58000").strip() == "BTC_USDT is now 58000"
        got = ok_json(client_env, "get", "cid:srv")
        assert isinstance(got, dict) and got["state"] == "TRIGGERED"
        assert not Path(home["XDG_DATA_HOME"]).exists()  # the server keeps nothing on disk
    finally:
        process.terminate()
        process.wait(timeout=15)
        if process.stdout is not None:
            process.stdout.close()


def _when_up(run: object) -> subprocess.CompletedProcess[str]:
    deadline = time.monotonic() + 15
    while True:
        done: subprocess.CompletedProcess[str] = run()  # type: ignore[operator]
        if done.returncode == 0 or time.monotonic() > deadline:
            assert done.returncode == 0, done.stderr
            return done
        time.sleep(0.1)


def test_price_against_a_server_that_is_not_a_sandbox_says_what_to_do(home: dict[str, str]) -> None:
    port = _free_port()  # nothing listens there
    done = cli(home, "--url", f"http://127.0.0.1:{port}", "price", "BTC_USDT", "1")
    assert done.returncode == 2 and "--sandbox" in done.stderr and "sandbox serve" in done.stderr
    assert "Traceback" not in done.stderr


# ---------------------------------------------------------------- a CLI that behaves like one


def test_version() -> None:
    import polo_smartorders

    done = subprocess.run([str(SCRIPT), "--version"], capture_output=True, text=True, timeout=60, check=True)  # noqa: S603
    assert done.stdout == f"polo-smartorders {polo_smartorders.__version__}\n"


def test_a_closed_pipe_ends_quietly(home: dict[str, str]) -> None:
    for i in range(3):
        ok(home, *STOP, "--client-order-id", f"p{i}")
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written (`| head` that has exited)
    try:
        done = subprocess.run(  # noqa: S603
            [str(SCRIPT), "--sandbox", "list", "--json"], stdout=write_end, stderr=subprocess.PIPE, env=home,
            timeout=60, check=False,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert done.returncode == 141 and done.stderr == b""
    assert len(table(ok(home, "--sandbox", "list"))) == 3  # the state was saved all the same


def test_ctrl_c_at_the_cancel_all_prompt_cancels_nothing_and_prints_no_traceback(home: dict[str, str]) -> None:
    ok(home, *STOP)
    command = [str(SCRIPT), "--sandbox", "cancel-all", "--symbol", "BTC_USDT"]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE, stdout=subprocess.PIPE, env=home)  # noqa: S603
    try:
        assert process.stderr is not None
        seen = b""
        deadline = time.monotonic() + 30
        while b"[y/N]" not in seen:
            ready, _, _ = select.select([process.stderr], [], [], max(0.0, deadline - time.monotonic()))
            assert ready, seen
            chunk = os.read(process.stderr.fileno(), 4096)
            assert chunk, seen
            seen += chunk
        assert b"Cancel 1 open smart order of symbol BTC_USDT? [y/N]" in seen
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    assert process.returncode == 130
    assert b"Traceback" not in seen + rest and b"interrupted" in rest
    assert len(table(ok(home, "--sandbox", "list"))) == 1


def test_cancel_all_says_how_many_before_asking_and_one_type_flag(home: dict[str, str]) -> None:
    ok(home, *STOP)
    ok(home, *STOP)
    ok(home, "create", "--sandbox", "--symbol", "BTC_USDT", "--side", "SELL", "--type", "TRAILING_STOP",
       "--trailing-offset", "2%", "--quantity", "1")  # fmt: skip
    ok(home, "create", "--sandbox", "--symbol", "ETH_USDT", "--side", "SELL", "--stop-price", "1", "--quantity", "1")
    asked = cli(home, "--sandbox", "cancel-all", "--symbol", "BTC_USDT", "--type", "stop", stdin="n\n")
    assert asked.returncode == 1 and "Cancel 2 open smart orders of symbol BTC_USDT, type STOP? [y/N]" in asked.stderr
    asked = cli(home, "--sandbox", "cancel-all", "--symbol", "BTC_USDT", stdin="y\n")
    assert asked.returncode == 0 and "Cancel 3 open smart orders of symbol BTC_USDT? [y/N]" in asked.stderr
    assert [row["symbol"] for row in table(ok(home, "--sandbox", "list"))] == ["ETH_USDT"]
    nothing = cli(home, "--sandbox", "cancel-all", "--symbol", "BTC_USDT")  # nothing matches: nothing to ask
    assert nothing.returncode == 0 and "nothing to cancel" in nothing.stderr and "[y/N]" not in nothing.stderr
    old_name = cli(home, "--sandbox", "cancel-all", "--symbol", "ETH_USDT", "--order-type", "STOP", "--yes")
    assert old_name.returncode == 0 and table(ok(home, "--sandbox", "list")) == []
    assert "--order-type" not in ok(home, "cancel-all", "--help")  # one name shown: --type, as create and history


def test_enum_values_in_any_case(home: dict[str, str]) -> None:
    placed = ok_json(home, "create", "--sandbox", "--symbol", "BTC_USDT", "--side", "sell", "--type", "stop_limit",
                     "--stop-price", "100", "--price", "99", "--quantity", "1", "--time-in-force", "ioc")  # fmt: skip
    assert isinstance(placed, dict)
    got = ok_json(home, "--sandbox", "get", str(placed["id"]))
    assert isinstance(got, dict) and (got["side"], got["type"], got["timeInForce"]) == ("SELL", "STOP_LIMIT", "IOC")
    bad = cli(home, "create", "--sandbox", "--symbol", "BTC_USDT", "--side", "sel", "--quantity", "1")
    assert bad.returncode == 2 and "'SEL'" in bad.stderr and "'SELL'" in bad.stderr


def test_hints_are_in_cli_terms(home: dict[str, str]) -> None:
    ok(home, *STOP, "--client-order-id", "sl-2")
    wrong = cli(home, "--sandbox", "get", "sl-2")
    assert wrong.returncode == 2 and "did you mean cid:sl-2?" in wrong.stderr
    price = cli(home, *STOP, "--type", "stop", "--price", "1")  # STOP takes no price
    assert price.returncode == 2 and "--type STOP_LIMIT" in price.stderr and "--price" in price.stderr
    assert "type='" not in price.stderr and "Traceback" not in price.stderr
    assert "invalid --stop-price" in cli(home, *STOP[:-4], "--stop-price", "4.0.0", "--quantity", "1").stderr


def test_the_table_leaves_what_does_not_apply_blank_and_shows_offset_and_time(home: dict[str, str]) -> None:
    before_s = time.time()
    ok(home, *STOP)
    ok(home, "create", "--sandbox", "--symbol", "BTC_USDT", "--side", "BUY", "--type", "TRAILING_STOP",
       "--trailing-offset", "1.5%", "--amount", "100")  # fmt: skip
    trailing, stop = table(ok(home, "--sandbox", "list"))
    assert (stop["amount"], stop["trailingOffset"]) == ("", "")  # the exchange says "0", or nothing
    assert "price" not in stop  # "0" in every row: a column with nothing to show is left out
    assert (stop["stopPrice"], stop["quantity"]) == ("59000", "0.01")
    assert (trailing["trailingOffset"], trailing["amount"], trailing["quantity"], trailing["stopPrice"]) == (
        "1.5%", "100", "", "",
    )  # fmt: skip
    shown = time.strptime(stop["createTime"] + " UTC", "%Y-%m-%d %H:%M:%S %Z")
    assert abs(time.mktime(shown) - time.timezone - before_s) < 120  # UTC wall time of the order, to the second
    as_json = ok_json(home, "--sandbox", "list")
    assert isinstance(as_json, list) and as_json[1]["price"] == "0"  # --json stays the exchange's exact answer


# ---------------------------------------------------------------- startup


_PROBE = """
import importlib.util, io, sys, types, contextlib
# The package without its __init__: what polo_smartorders._cli itself imports for --help and --version.
spec = importlib.util.find_spec("polo_smartorders")
package = types.ModuleType("polo_smartorders")
package.__path__ = list(spec.submodule_search_locations)
package.__version__ = "probe"
sys.modules["polo_smartorders"] = package
from polo_smartorders._cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main([sys.argv[1]])
    except SystemExit:
        pass
print(sorted(m for m in sys.modules if m.split(".")[0] in ("httpx", "polo_smartorders_api", "starlette", "uvicorn")
             or m in ("polo_smartorders._client", "polo_smartorders._rules")))
"""


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_import_neither_httpx_nor_the_generated_client(flag: str) -> None:
    done = subprocess.run([sys.executable, "-c", _PROBE, flag], capture_output=True, text=True, timeout=60, check=True)  # noqa: S603
    assert done.stdout.strip() == "[]", done.stdout


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_the_console_script_imports_no_httpx_for_help_and_version(flag: str) -> None:
    """The same through the installed script; `import polo_smartorders` loads its names on first use."""
    eager = subprocess.run(
        [sys.executable, "-c", "import sys, polo_smartorders; print('httpx' in sys.modules)"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert eager.stdout.strip() == "False", "import polo_smartorders loaded httpx"
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    done = subprocess.run([str(SCRIPT), flag], capture_output=True, text=True, env=env, timeout=60, check=True)  # noqa: S603
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert not {m for m in imported if m.split(".")[0] in ("httpx", "polo_smartorders_api")}


def test_the_cli_names_the_same_environment_variables_as_the_library() -> None:
    from polo_smartorders import _cli, _constants
    from polo_smartorders.sandbox import _store

    assert (_cli.ENV_API_KEY, _cli.ENV_API_SECRET, _cli.ENV_BASE_URL) == (
        _constants.ENV_API_KEY, _constants.ENV_API_SECRET, _constants.ENV_BASE_URL,
    )  # fmt: skip
    assert _cli.ENV_SANDBOX_STATE == _store.ENV_STATE


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 300),  # a database header, then garbage
        lambda path: path.write_bytes(path.read_bytes()[:700]),  # a database cut short
    ],
    ids=["garbage-after-header", "truncated"],
)
def test_a_database_damaged_past_reading_is_named_and_reset_recovers(home: dict[str, str], damage: object) -> None:
    """Found by review: --sandbox-reset failed with the same error, and the hint was missing."""
    ok(home, *STOP)
    path = Path(home["POLO_SANDBOX_STATE"])
    damage(path)  # type: ignore[operator]
    done = cli(home, "--sandbox", "list")
    assert done.returncode == 1 and "Traceback" not in done.stderr and "--sandbox-reset" in done.stderr
    ok(home, "--sandbox-reset")
    assert table(ok(home, "--sandbox", "list")) == []


@pytest.mark.parametrize(
    "row",
    [
        '{"version": 1, "nextId": 10000001, "prices": {"BTC_USDT": "1E+999999999"}, "orders": []}',
        "[" * 100_000 + "]" * 100_000,
    ],
    ids=["huge-exponent-price", "nested-100000-deep"],
)
def test_a_hostile_state_row_is_refused_in_one_line(home: dict[str, str], row: str) -> None:
    """Found by review: a 1E+999999999 price loaded, then took 3 GB to save; deep nesting was a RecursionError."""
    ok(home, *STOP)
    with sqlite3.connect(Path(home["POLO_SANDBOX_STATE"])) as db:
        db.execute("UPDATE sandbox SET state = ?", (row,))
    done = cli(home, "--sandbox", "price")
    assert done.returncode == 1 and "Traceback" not in done.stderr and "--sandbox-reset" in done.stderr


def test_a_directory_as_the_state_path_is_named_not_a_traceback(home: dict[str, str]) -> None:
    Path(home["POLO_SANDBOX_STATE"]).mkdir(parents=True)
    done = cli(home, "--sandbox-reset")
    assert done.returncode == 1 and "Traceback" not in done.stderr and "directory" in done.stderr
