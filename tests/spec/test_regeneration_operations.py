"""Renamed answer fields, new endpoints and new fields stay guarded after one spec edit and `make generate` (issue 19:
points 3, 7, 8 and 9), proved on one copy of the repo with every edit at once:

- SmartOrder's stopPrice renamed triggerPrice, the rename declared in the place operations' x-answer-fields: a lost
  create's found order with another trigger price is not taken as its own, one with the same is; the copy's sandbox
  shows the renamed field;
- GET /smartorders/{id}/fills (listSmartOrderFills) added with no method or handler: the copy's own operations test
  fails naming it, and its sandbox answers it 501 naming it (not as getSmartOrder);
- a create field no method names (slippageBps, shown in SmartOrder): the copy's CLI takes it with --field, typed and
  checked by the spec, and shows it as a column; a SmartOrder field the sandbox never sends (feeCurrency) is named by
  the lifecycle walk.

Then the copy's spec is broken the ways generation must refuse (a compared field removed, a rename not declared, an
operation placing orders with no clientOrderId), one at a time, and each refusal is read.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.spec.test_regeneration import copy_repo, drill, generate_edited

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("regeneration-operations")]

PROBE = "tests/support/regeneration_operations_probe.py"
PLACES = (("/smartorders", "post"), ("/smartorders/{id}", "put"))


def _renamed(properties: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    return {new if name == old else name: value for name, value in properties.items()}


def change(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    order = schemas["SmartOrder"]
    # the exchange renames stopPrice in its answers; the requests keep it
    order["properties"] = _renamed(order["properties"], "stopPrice", "triggerPrice")
    order["required"] = ["triggerPrice" if name == "stopPrice" else name for name in order["required"]]
    for example in spec["components"]["examples"].values():
        if "stopPrice" in example["value"]:
            example["value"] = _renamed(example["value"], "stopPrice", "triggerPrice")
    for path, method in PLACES:
        operation = spec["paths"][path][method]
        operation["x-answer-fields"] = {**operation.get("x-answer-fields", {}), "stopPrice": "triggerPrice"}
    # a create field no method names, which answers show; and an answer field the sandbox never sends
    schemas["CreateSmartOrderRequest"]["properties"]["slippageBps"] = {"type": "integer", "minimum": 0,
                                                                        "maximum": 10000}  # fmt: skip
    order["properties"]["slippageBps"] = {"type": "integer"}
    order["properties"]["feeCurrency"] = {"type": "string"}
    # a new endpoint
    get = spec["paths"]["/smartorders/{id}"]["get"]
    spec["paths"]["/smartorders/{id}/fills"] = {
        "parameters": [{"$ref": "#/components/parameters/SmartOrderRef"}],
        "get": {
            "operationId": "listSmartOrderFills",
            "x-rate-limit-group": "fills",
            "x-rate-limit": 10,
            "tags": ["smartorders"],
            "summary": "The fills of a triggered smart order's order",
            "responses": {
                **get["responses"],
                "200": {
                    "description": "Its fills.",
                    "content": {
                        "application/json": {
                            "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Order"}},
                        }
                    },
                },
            },
        },
    }


@pytest.fixture(scope="session")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_repo(tmp_path_factory.mktemp("regeneration-operations"))


@pytest.fixture(scope="session")
def drilled(copy: Path) -> dict[str, Any]:
    return drill(copy, change, PROBE)


def test_no_file_but_the_spec_and_generated_changed(drilled: dict[str, Any]) -> None:
    assert drilled["untouched"]


# ---------------------------------------------------------------- 3. a renamed answer field


def test_a_found_order_with_another_renamed_trigger_price_is_not_taken(drilled: dict[str, Any]) -> None:
    """Compared as stopPrice -> triggerPrice: 99 is not the 100 sent, so the create is sent again after the lost
    attempt's recvWindow (order 20000002), never answered with the other order."""
    assert drilled["reconcile_other_trigger"] == {"outcome": "20000002", "posts": 2}


def test_a_found_order_with_the_same_renamed_trigger_price_is_taken(drilled: dict[str, Any]) -> None:
    assert drilled["reconcile_same_trigger"] == {"outcome": "10000001", "posts": 1}


def test_the_sandbox_answers_with_the_renamed_field(drilled: dict[str, Any]) -> None:
    assert drilled["sandbox_trigger_price"] == "100"
    assert drilled["sandbox_get_errors"] == []  # nothing under the old name, nothing the spec lacks


def _first_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode != 0 and "left unchanged" in done.stderr, done.stdout + done.stderr
    return done.stderr.splitlines()[0]


def test_a_compared_field_the_answer_no_longer_has_stops_generation(copy: Path, drilled: dict[str, Any]) -> None:
    def remove(spec: dict[str, Any]) -> None:
        order = spec["components"]["schemas"]["SmartOrder"]
        del order["properties"]["quantity"]
        order["required"].remove("quantity")

    line = _first_line(generate_edited(copy, remove))
    assert "(createSmartOrder): request field 'quantity' is compared with a found order's 'quantity', which " in line
    assert "SmartOrder does not have" in line


def test_a_rename_not_declared_stops_generation(copy: Path, drilled: dict[str, Any]) -> None:
    """The issue's case: stopPrice renamed in SmartOrder, nothing declared: generation names stopPrice."""

    def forget(spec: dict[str, Any]) -> None:
        for path, method in PLACES:
            del spec["paths"][path][method]["x-answer-fields"]["stopPrice"]

    line = _first_line(generate_edited(copy, forget))
    assert "request field 'stopPrice' is compared with a found order's 'stopPrice'" in line


def test_a_declared_field_the_request_does_not_have_stops_generation(copy: Path, drilled: dict[str, Any]) -> None:
    def stray(spec: dict[str, Any]) -> None:
        spec["paths"]["/smartorders"]["post"]["x-answer-fields"]["stopPrise"] = "triggerPrice"

    assert "x-answer-fields names ['stopPrise'], which its request body does not have" in _first_line(
        generate_edited(copy, stray)
    )


# ---------------------------------------------------------------- 7. a new endpoint


def _copy_pytest(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(copy / p) for p in ("wrapper", "generated", "."))}
    command = [sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider", "-q", *args]
    return subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603


def test_the_copys_operations_test_names_the_new_operation(copy: Path, drilled: dict[str, Any]) -> None:
    done = _copy_pytest(copy, "tests/spec/test_operations.py")
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    failed = sorted(line.split("::", 1)[1].split(" - ")[0] for line in lines if line.startswith("FAILED "))
    assert failed == [  # the new operation's two checks, nothing else
        "test_every_operation_has_a_client_method_pair[listSmartOrderFills]",
        "test_every_operation_has_a_sandbox_handler[listSmartOrderFills]",
    ]
    assert "listSmartOrderFills (GET /smartorders/{id}/fills): no client method pair sends it" in done.stdout
    assert "listSmartOrderFills: the sandbox has no handler for it" in done.stdout


def test_the_sandbox_answers_the_new_operation_501_naming_it(drilled: dict[str, Any]) -> None:
    message = "listSmartOrderFills (GET /smartorders/{id}/fills) is not implemented by the sandbox"
    assert drilled["fills_answer"] == [501, {"code": 501, "message": message}]
    assert drilled["get_unsigned_status"] == 401  # /smartorders/{id} is still getSmartOrder's: it wants a signature


def test_an_operation_placing_orders_with_no_client_order_id_stops_generation(
    copy: Path, drilled: dict[str, Any]
) -> None:
    def placing(spec: dict[str, Any]) -> None:
        spec["paths"]["/smartorders/{id}/fills"]["get"]["x-places-orders"] = True

    line = _first_line(generate_edited(copy, placing))
    assert "(listSmartOrderFills): x-places-orders without a clientOrderId strategy" in line


# ---------------------------------------------------------------- 8. what the sandbox sends


def test_the_lifecycle_walk_names_the_answer_field_the_sandbox_never_sends(drilled: dict[str, Any]) -> None:
    """feeCurrency is never sent; slippageBps only echoes what a create sends (the walk sends none); the renamed
    triggerPrice is sent."""
    assert drilled["never_sent"] == {"SmartOrder": ["feeCurrency", "slippageBps"]}


# ---------------------------------------------------------------- 9. the CLI


def test_the_cli_sends_a_field_it_has_no_option_for_with_field(drilled: dict[str, Any]) -> None:
    status, _, err = drilled["cli_create"]
    assert status == 0, err
    [order] = json.loads(drilled["cli_list_json"][1])
    assert order["slippageBps"] == 25  # typed as the spec types it, echoed by the sandbox
    assert "--field NAME=VALUE" in drilled["cli_create_help"] and "--slippage-bps" not in drilled["cli_create_help"]


def test_the_cli_checks_a_field_by_the_spec(drilled: dict[str, Any]) -> None:
    assert drilled["cli_bad_integer"][0] == 2
    assert "--field slippageBps: expected an integer, got 'many'" in drilled["cli_bad_integer"][2]
    assert drilled["cli_too_big"][0] == 2
    assert "invalid --field slippageBps: must be 10000 or less, got 20000" in drilled["cli_too_big"][2]


def test_the_table_shows_the_new_and_the_renamed_answer_fields(drilled: dict[str, Any]) -> None:
    status, out, _ = drilled["cli_list"]
    header, row = out.splitlines()
    assert status == 0 and "triggerPrice" in header.split() and "slippageBps" in header.split()
    assert "stopPrice" not in header.split() and "50000" in row.split() and "25" in row.split()
