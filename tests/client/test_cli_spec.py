"""The command line follows the spec beyond enums: each command's options are its method's named parameters (checked,
required and offered choices as the spec says), any other field of the request goes in with ``--field NAME=VALUE``
(typed as the spec types it, checked by the library like ``extra_body``), tables take their columns from the answer
schema, and an order the exchange does not have reads the same from every command."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from polo_smartorders import _cli
from polo_smartorders._rules import field
from polo_smartorders.resources.smartorders import NAMED
from polo_smartorders.sandbox._store import open_sandbox
from polo_smartorders.sandbox._validation import parse_create

from tests.client.test_cli_practice import SCRIPT

# ---------------------------------------------------------------- options from the spec


def _options(command: str) -> dict[str, argparse.Action]:
    parser = _cli.build_parser()
    [commands] = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    sub = commands.choices[command]
    sub.format_help()  # the spec's options are added when a command is first used
    return {action.dest: action for action in sub._actions if action.option_strings}


@pytest.mark.parametrize("command", sorted(_cli.SPEC_COMMANDS))
def test_each_command_has_an_option_for_each_named_parameter_as_the_spec_says(command: str) -> None:
    operation_id, skip = _cli.SPEC_COMMANDS[command]
    options = _options(command)
    for wire, param in NAMED[operation_id].items():
        if wire in skip:
            assert param not in options
            continue
        schema, required, _ = field(operation_id, wire)
        each = schema.get("items", schema)
        action = options[param]
        assert action.required is (required and each.get("type") != "boolean"), (command, wire)
        assert tuple(action.choices or ()) == tuple(each.get("enum", ())), (command, wire)
        assert (action.type is int) is (each.get("type") == "integer"), (command, wire)
    assert "fields" in options  # --field NAME=VALUE: every command that sends a body or a query


# ---------------------------------------------------------------- --field


@pytest.fixture
def practice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    state = tmp_path / "sandbox.sqlite3"
    monkeypatch.setenv("POLO_SANDBOX_STATE", str(state))
    return state


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        status = _cli.main(["--sandbox", *args])
    except SystemExit as refused:  # argparse's own refusals
        status = int(refused.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def orders(state: Path) -> list[dict[str, Any]]:
    with open_sandbox(state) as engine:
        found: list[dict[str, Any]] = engine.orders("sandbox-key")
        return found


TRAILING = ("create", "--symbol", "BTC_USDT", "--side", "SELL", "--type", "TRAILING_STOP", "--trailing-offset", "1%",
            "--quantity", "1")  # fmt: skip


def test_a_field_without_an_option_goes_in_with_field(
    capsys: pytest.CaptureFixture[str], practice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As after the spec gains a create field no method names yet (here: operator, made unnamed)."""
    unnamed = {wire: param for wire, param in NAMED["createSmartOrder"].items() if wire != "operator"}
    monkeypatch.setitem(NAMED, "createSmartOrder", unnamed)
    status, _, err = run(capsys, *TRAILING, "--field", "operator=LTE", "--json")
    assert status == 0, err
    [order] = orders(practice)
    assert order["operator"] == "LTE"
    status, _, err = run(capsys, *TRAILING, "--field", "operator=SIDEWAYS")
    assert status == 2 and err.startswith("polo-smartorders: invalid --field operator: must be one of GTE, LTE")
    assert len(orders(practice)) == 1  # refused before anything was sent


def test_a_field_is_typed_as_the_spec_types_it(
    capsys: pytest.CaptureFixture[str], practice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An integer query parameter given with --field goes out as one (history's limit, made unnamed)."""
    unnamed = {wire: param for wire, param in NAMED["listSmartOrderHistory"].items() if wire != "limit"}
    monkeypatch.setitem(NAMED, "listSmartOrderHistory", unnamed)
    for _ in range(3):
        assert run(capsys, *TRAILING)[0] == 0
    assert run(capsys, "cancel-all", "--symbol", "BTC_USDT", "--yes")[0] == 0
    status, out, err = run(capsys, "history", "--field", "limit=2", "--json")
    assert status == 0, err
    assert len(json.loads(out)) == 2
    status, _, err = run(capsys, "history", "--field", "limit=two")
    assert status == 2 and "--field limit: expected an integer, got 'two'" in err


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("stopPrice=1", "--field stopPrice: it has an option: --stop-price"),
        ("colour=red", "invalid --field colour: is not a field"),
        ("novalue", "expected NAME=VALUE"),
    ],
)
def test_a_field_that_is_not_one_is_refused_before_anything_is_sent(
    capsys: pytest.CaptureFixture[str], practice: Path, given: str, said: str
) -> None:
    status, _, err = run(capsys, *TRAILING, "--field", given)
    assert status == 2 and said in err, err
    assert not practice.exists() or orders(practice) == []


# ---------------------------------------------------------------- columns from the answer schema


def test_the_columns_are_the_answer_schemas_in_its_order_less_those_with_nothing_to_show() -> None:
    rows: list[dict[str, Any]] = [
        {
            "id": "1",
            "symbol": "BTC_USDT",
            "price": "0",
            "quantity": "2",
            "createTime": 0,
            "triggeredOrder": {"id": "9"},
        },
        {"id": "2", "symbol": "ETH_USDT", "price": "0.0", "quantity": "0", "orderSource": "API"},
    ]
    columns, amounts = _cli._columns("SmartOrder", rows)
    assert columns == ["id", "symbol", "quantity", "createTime", "orderSource"]  # price: 0 in every row
    assert {"quantity", "price", "stopPrice", "avgPrice"} <= amounts
    assert not {"id", "clientOrderId", "createTime", "trailingOffset"} & amounts
    assert _cli._columns("SmartOrder", [])[0][:3] == ["id", "clientOrderId", "symbol"]  # no row: the required ones
    assert _cli._columns("CancelResult", [])[0] == ["orderId", "clientOrderId", "state", "code", "message"]


# ---------------------------------------------------------------- not found, from every command


@pytest.fixture
def served(tmp_path: Path) -> dict[str, str]:
    """A user's environment whose practice sandbox holds one open order (cid:here); no POLO_* of the caller's."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(("POLO_", "XDG_"))}
    env.update(HOME=str(tmp_path / "home"), POLO_SANDBOX_STATE=str(tmp_path / "sandbox.sqlite3"), COLUMNS="200")
    body = {"symbol": "BTC_USDT", "side": "SELL", "stopPrice": "100", "quantity": "1", "clientOrderId": "here"}
    with open_sandbox(Path(env["POLO_SANDBOX_STATE"])) as engine:
        engine.create("sandbox-key", parse_create(body))
    return env


@pytest.mark.parametrize(
    ("args", "ref"),
    [
        (["get", "424242"], "424242"),
        (["get", "cid:nope"], "cid:nope"),
        (["cancel", "424242"], "424242"),
        (["cancel", "cid:nope"], "cid:nope"),
        (["replace", "424242", "--stop-price", "5"], "424242"),
        (["replace", "cid:nope", "--stop-price", "5"], "cid:nope"),
    ],
)
def test_an_order_the_exchange_does_not_have_reads_the_same_from_every_command(
    served: dict[str, str], args: list[str], ref: str
) -> None:
    """The installed console script: one plain line, exit 1, no table (``cancel`` printed a row of code 25014)."""
    for output in ([], ["--json"]):
        done = subprocess.run(  # noqa: S603
            [str(SCRIPT), "--sandbox", *args, *output], capture_output=True, text=True, env=served, timeout=60,
            check=False,
        )  # fmt: skip
        assert (done.returncode, done.stderr) == (1, f"polo-smartorders: no smart order with id {ref}\n"), done
        if not output:
            assert done.stdout == ""


def test_a_cancel_of_known_and_unknown_ids_shows_the_known_one_and_names_the_other(served: dict[str, str]) -> None:
    command = [str(SCRIPT), "--sandbox", "cancel", "cid:here", "424242"]
    done = subprocess.run(command, capture_output=True, text=True, env=served, timeout=60, check=False)  # noqa: S603
    assert done.returncode == 1 and done.stderr == "polo-smartorders: no smart order with id 424242\n"
    header, row = done.stdout.splitlines()
    assert header.split()[:2] == ["orderId", "clientOrderId"] and "here" in row and "200" in row
