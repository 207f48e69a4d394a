"""An API change is one spec edit and `make generate`: proved on a copy of the repo, with no other file edited.

The copy's spec gets every change of issue 11's table at once (new optional create fields: integer, enum, decimal
string; TimeInForce GTX; history state PARTIALLY_TRIGGERED; a new CancelResult field; orderSource removed; a new
AccountType value; a smaller maxItems), and the review's (history page default and maximum 50, clientOrderId at most
20 characters, a new order type TRAILING_TAKE_PROFIT with its x-type-fields), the generator runs there (openapi/generate.py, what `make generate` runs), and
tests/support/regeneration_probe.py drives the copy's client and sandbox. Generation is also shown to be safe: a stray file
is removed and reported, and a broken spec leaves generated/ as it was. A second copy drills the error codes: the
spec's x-error-codes gives smart-order not-found a new code, and the client and the sandbox both follow it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

# Generates a copy of the repo once per module: keep its tests on one xdist worker.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("regeneration")]

ROOT = Path(__file__).resolve().parents[2]
COPIED = ("openapi", "generated", "wrapper", "tests", "pyproject.toml", "Makefile")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".generate-*")
SPEC = Path("openapi") / "smartorders.yaml"
STRAY = Path("generated") / "polo_smartorders_api" / "models" / "stray_model.py"


def change(spec: dict[str, Any]) -> None:
    """The issue's table, applied to the spec as a maintainer would edit it."""
    schemas = spec["components"]["schemas"]
    create = schemas["CreateSmartOrderRequest"]["properties"]
    create["maxSlippageBPS"] = {"type": "integer", "minimum": 0, "maximum": 10000}
    create["triggerPriceType"] = {"type": "string", "enum": ["LAST", "MARK"]}
    create["slippageTolerance"] = {"$ref": "#/components/schemas/PositiveDecimal"}
    # answers do not show them (else SmartOrder gains them, and a lost create's order is compared on them too)
    new = ("maxSlippageBPS", "triggerPriceType", "slippageTolerance")
    spec["paths"]["/smartorders"]["post"]["x-answer-fields"] = dict.fromkeys(new, False)
    schemas["TimeInForce"]["enum"].append("GTX")
    schemas["HistoryState"]["enum"].append("PARTIALLY_TRIGGERED")
    schemas["AccountType"]["enum"].append("MARGIN")
    schemas["CancelResult"]["properties"]["cancelSource"] = {"type": "string"}
    del schemas["SmartOrder"]["properties"]["orderSource"]
    schemas["CancelSmartOrdersByIdsRequest"]["properties"]["orderIds"]["maxItems"] = 20
    # Found by review: restated by hand, these stayed at the old values (the CLI's choices, the pager's page size,
    # the sandbox's default page, the length of a generated clientOrderId).
    [limit] = [p for p in spec["paths"]["/smartorders/history"]["get"]["parameters"] if p["name"] == "limit"]
    limit["schema"]["default"] = limit["schema"]["maximum"] = 50
    schemas["ClientOrderId"]["maxLength"] = 20
    ref = spec["components"]["parameters"]["SmartOrderRef"]["schema"]
    ref["pattern"] = "^([0-9]{1,18}|cid:[A-Za-z0-9_-]{1,20})$"
    ref["x-message"] = "must be 1 to 18 digits, or cid: then 1 to 20 letters, digits, _ or -"
    spec["components"]["securitySchemes"]["recvWindow"]["x-maximum"] = 30_000
    # a new order type: a trailing one that needs an activation price, with its fields in x-type-fields
    schemas["SmartOrderType"]["enum"].append("TRAILING_TAKE_PROFIT")
    schemas["SmartOrderType"]["x-type-fields"]["TRAILING_TAKE_PROFIT"] = {
        "requires": ["trailingOffset", "stopPrice"],
        "takes": ["operator"],
    }
    schemas["ClientOrderId"]["pattern"] = "^[A-Za-z0-9_-]{1,20}$"
    schemas["ClientOrderId"]["x-message"] = "must be 1 to 20 characters, each a letter, digit, _ or -"


def digests(root: Path) -> dict[str, str]:
    """Every file outside the spec and generated/, by content."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and path.relative_to(root) != SPEC
        and path.relative_to(root).parts[0] != "generated"
    }


def generate(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "openapi/generate.py", *args]
    return subprocess.run(command, cwd=copy, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603


def copy_repo(root: Path) -> Path:
    """The parts of the repo generation and the probe use, copied into ``root``."""
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=IGNORED)
        else:
            shutil.copy2(source, root / name)
    return root


def probe(copy: Path, *args: str, script: str = "tests/support/regeneration_probe.py") -> dict[str, Any]:
    """What ``script`` (a probe in tests/support) saw, run on the copy's wrapper and generated code."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(copy / p) for p in ("wrapper", "generated", "."))}
    command = [sys.executable, script, *args]
    done = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def drill(copy: Path, edit: Callable[[dict[str, Any]], None], script: str) -> dict[str, Any]:
    """Apply ``edit`` to the copy's spec, regenerate, and return what ``script`` saw, with ``untouched``: whether any
    file but the spec and generated/ changed (it must not: a spec edit and make generate are the whole change)."""
    before = digests(copy)
    spec = yaml.safe_load((copy / SPEC).read_text())
    edit(spec)
    (copy / SPEC).write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True))
    done = generate(copy)
    assert done.returncode == 0, done.stderr
    result = probe(copy, script=script)
    result["untouched"] = digests(copy) == before
    return result


@pytest.fixture(scope="session")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield copy_repo(tmp_path_factory.mktemp("regeneration"))


@pytest.fixture(scope="session")
def regenerated(copy: Path) -> dict[str, Any]:
    before = digests(copy)
    spec = yaml.safe_load((copy / SPEC).read_text())
    change(spec)
    (copy / SPEC).write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True))
    (copy / STRAY).write_text("left over from an older spec\n")
    done = generate(copy)
    assert done.returncode == 0, done.stderr
    result = probe(copy)
    result["generate_output"] = done.stdout
    result["untouched"] = digests(copy) == before
    return result


def test_no_file_but_the_spec_and_generated_changed(regenerated: dict[str, Any]) -> None:
    assert regenerated["untouched"]


def test_new_create_fields_are_sent_and_accepted(regenerated: dict[str, Any]) -> None:
    sent = regenerated["create_sent"]
    assert (sent["maxSlippageBPS"], sent["triggerPriceType"], sent["slippageTolerance"]) == (50, "MARK", "0.25")
    assert regenerated["create_status"] == 200
    assert regenerated["int_decimal_sent"] == "3"  # a decimal-string field never goes out as a JSON number


def test_new_create_fields_are_validated_before_sending(regenerated: dict[str, Any]) -> None:
    refused = regenerated["refused"]
    assert refused["maxSlippageBPS"] == ["maxSlippageBPS", "must be 10000 or less, got 10001"]
    assert refused["triggerPriceType"][0] == "triggerPriceType" and "LAST, MARK" in refused["triggerPriceType"][1]
    assert refused["slippageTolerance"][0] == "slippageTolerance" and "plain decimal" in refused["slippageTolerance"][1]
    assert refused["slippageTolerance_bool"][0] == "slippageTolerance"
    assert refused["time_in_force"][0] == "time_in_force" and "GTX" in refused["time_in_force"][1]
    assert regenerated["refused_sent_nothing"]


def test_new_enum_values_are_sent_stored_and_typed(regenerated: dict[str, Any]) -> None:
    assert regenerated["stored"] == ["GTX", "MARGIN"]
    assert "GTX" in regenerated["time_in_force_literal"]


def test_new_history_state_is_sent_and_accepted(regenerated: dict[str, Any]) -> None:
    assert regenerated["history_query"] == "states=PARTIALLY_TRIGGERED"
    assert (regenerated["history_status"], regenerated["history_len"]) == (200, 0)


def test_new_max_items_is_enforced_by_client_and_sandbox(regenerated: dict[str, Any]) -> None:
    assert regenerated["max_items_client"] == ["order_ids", "must be a list of at most 20 items, got 21"]
    assert "'orderIds'" in regenerated["max_items_sandbox"] and "at most 20" in regenerated["max_items_sandbox"]


def test_new_cancel_result_field_is_reachable(regenerated: dict[str, Any]) -> None:
    assert (regenerated["cancel_source"], regenerated["cancel_ok"]) == ("API", True)


def test_removed_response_field_is_flagged_by_name(regenerated: dict[str, Any]) -> None:
    assert any("'orderSource'" in error for error in regenerated["history_answer_errors"])
    assert any("'orderSource'" in error for error in regenerated["example_errors"])


def test_unnamed_new_fields_are_reported(regenerated: dict[str, Any]) -> None:
    assert regenerated["unnamed_create_fields"] == ["maxSlippageBPS", "slippageTolerance", "triggerPriceType"]


def test_stray_files_are_removed_and_reported(copy: Path, regenerated: dict[str, Any]) -> None:
    assert not (copy / STRAY).exists()
    assert "removed stray file generated/polo_smartorders_api/models/stray_model.py" in regenerated["generate_output"]
    check = generate(copy, "--check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_failed_generation_leaves_generated_as_it_was(copy: Path, regenerated: dict[str, Any]) -> None:
    generated = copy / "generated"
    before = {str(p): p.read_bytes() for p in generated.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    spec = (copy / SPEC).read_text()
    (copy / SPEC).write_text(spec.replace("#/components/schemas/Side", "#/components/schemas/NoSuchSchema"))
    try:
        failed = generate(copy)
    finally:
        (copy / SPEC).write_text(spec)
    assert failed.returncode != 0 and "left unchanged" in failed.stderr
    after = {str(p): p.read_bytes() for p in generated.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert after == before


def test_the_cli_offers_the_new_enum_values(regenerated: dict[str, Any]) -> None:
    assert regenerated["cli_parsed"] == {"time_in_force": "GTX", "state": ["PARTIALLY_TRIGGERED"], "account": "MARGIN"}


def test_the_history_page_follows_the_new_default(regenerated: dict[str, Any]) -> None:
    assert regenerated["pager_first_limit"] == "50"  # iter_history() with no page_size: the spec's default
    assert regenerated["sandbox_default_limit"] == 50
    assert regenerated["cli_page_help"] is True


def test_a_generated_client_order_id_fits_the_new_length(regenerated: dict[str, Any]) -> None:
    assert regenerated["generated_cid_status"] == 200
    assert 1 <= regenerated["generated_cid_length"] <= 20


def test_a_new_order_type_follows_its_type_fields(regenerated: dict[str, Any]) -> None:
    """Client and sandbox take its trailing offset, require its stop price, and the sandbox trails it."""
    assert regenerated["new_type_status"] == 200
    assert regenerated["new_type_refused"] == ["stop_price", "is required for a TRAILING_TAKE_PROFIT order"]
    assert regenerated["new_type_trails"] == ["1%", "TRAILING_TAKE_PROFIT"]


def generate_edited(copy: Path, edit: Callable[[dict[str, Any]], None]) -> subprocess.CompletedProcess[str]:
    """Run the generator on the copy's spec with ``edit`` applied, then put the spec back."""
    spec_text = (copy / SPEC).read_text()
    spec = yaml.safe_load(spec_text)
    edit(spec)
    (copy / SPEC).write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True))
    try:
        return generate(copy)
    finally:
        (copy / SPEC).write_text(spec_text)


def test_an_enum_value_without_type_fields_stops_generation(copy: Path, regenerated: dict[str, Any]) -> None:
    failed = generate_edited(
        copy, lambda spec: spec["components"]["schemas"]["SmartOrderType"]["enum"].append("TAKE_PROFIT")
    )
    assert failed.returncode != 0
    assert "x-type-fields" in failed.stdout + failed.stderr and "TAKE_PROFIT" in failed.stdout + failed.stderr


def test_a_number_schema_stops_generation(copy: Path, regenerated: dict[str, Any]) -> None:
    """A `type: number` field would reach users as a float: generation refuses it and says where."""

    def add_number(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["SmartOrder"]["properties"]["feeRate"] = {"type": "number"}

    failed = generate_edited(copy, add_number)
    assert failed.returncode != 0
    assert "SmartOrder/properties/feeRate: type: number" in failed.stdout + failed.stderr


def test_the_order_path_parameter_follows_its_new_pattern(regenerated: dict[str, Any]) -> None:
    # the error states the new rule from the spec's x-message, not the pattern
    assert regenerated["ref_refused"] == [
        "order_id",
        f"must be 1 to 18 digits, or cid: then 1 to 20 letters, digits, _ or -, got {'1' * 19!r}",
    ]
    assert regenerated["sandbox_ref_refused"] == 25007  # the exchange's code for an invalid order id


def test_the_recv_window_follows_its_new_maximum(regenerated: dict[str, Any]) -> None:
    assert regenerated["recv_window_refused"] == [
        "recv_window",
        "must be an int of milliseconds, 1 to 30000, got 40000",
    ]
    assert "1 to 30000 ms" in regenerated["sandbox_recv_window_refused"]


def renumber_not_found(spec: dict[str, Any]) -> None:
    """The exchange answers a new code for a smart order it does not have: 25099, listed with meaning not-found in
    place of 25013."""
    codes = spec["x-error-codes"]
    codes[:] = [entry for entry in codes if entry["code"] != 25013]
    codes.append({"code": 25099, "scope": "smart-order", "meaning": "not-found", "message": "Smart order not found"})


@pytest.fixture(scope="session")
def error_drill(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    copy = copy_repo(tmp_path_factory.mktemp("error-drill"))
    before = digests(copy)
    spec = yaml.safe_load((copy / SPEC).read_text())
    renumber_not_found(spec)
    (copy / SPEC).write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True))
    done = generate(copy)
    assert done.returncode == 0, done.stderr
    result = probe(copy, "errors")
    result["untouched"] = digests(copy) == before
    return result


def test_a_new_not_found_code_is_one_spec_edit(error_drill: dict[str, Any]) -> None:
    """Only the spec and generated/ changed, and the client raises NotFoundError for the new code (25013, no longer
    listed, is just a refusal by its status), while 25014 keeps its meaning."""
    assert error_drill["untouched"]
    assert error_drill["client_classes"] == {
        "25099": "NotFoundError",
        "25013": "InvalidRequestError",
        "25014": "NotFoundError",
    }


def test_the_sandbox_answers_the_new_not_found_code(error_drill: dict[str, Any]) -> None:
    assert error_drill["sandbox_not_found_code"] == 25099
    assert error_drill["sandbox_cancel_missing"] == ["NotFoundError", 25099, 404]
    assert error_drill["sandbox_replace_missing"] == ["NotFoundError", 25099, 404]


def _drop_codes(meaning: str, scope: str | None = None) -> Callable[[dict[str, Any]], None]:
    def edit(spec: dict[str, Any]) -> None:
        spec["x-error-codes"] = [
            entry
            for entry in spec["x-error-codes"]
            if not (entry["meaning"] == meaning and scope in (None, entry["scope"]))
        ]

    return edit


def test_a_meaning_the_client_maps_without_a_code_stops_generation(copy: Path, regenerated: dict[str, Any]) -> None:
    failed = generate_edited(copy, _drop_codes("duplicate-client-order-id"))
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0 and "left unchanged" in output
    assert "no code means 'duplicate-client-order-id', which the client maps to an error class" in output


def test_a_code_the_sandbox_answers_with_missing_stops_generation(copy: Path, regenerated: dict[str, Any]) -> None:
    failed = generate_edited(copy, _drop_codes("invalid-parameter", "general"))
    assert failed.returncode != 0
    assert "no general code means 'invalid-parameter', which the sandbox answers with" in failed.stdout + failed.stderr


def test_two_codes_of_one_meaning_in_one_scope_stop_generation(copy: Path, regenerated: dict[str, Any]) -> None:
    def add_second(spec: dict[str, Any]) -> None:
        spec["x-error-codes"].append({"code": 25098, "scope": "smart-order", "meaning": "not-found", "message": "x"})

    failed = generate_edited(copy, add_second)
    assert failed.returncode != 0
    assert "codes 25013 and 25098 both mean 'not-found' in scope 'smart-order'" in failed.stdout + failed.stderr
