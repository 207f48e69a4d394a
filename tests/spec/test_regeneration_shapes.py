"""Richer API changes are one spec edit and `make generate` too (issue 19: points 1, 2, 4, 5, 6 and 10).

One copy of the repo gets every edit at once: a nested object with its own constraints (``iceberg``), a list of objects
(``legs``), an allOf-wrapped enum ``$ref`` (``triggerSide``), a new default for listSmartOrders' ``limit``, a body
field (``timeInForce``) and a query parameter (history's ``symbol``) made required, a deprecated body field (an
allOf-wrapped ``operator``) and a deprecated query parameter (``hideCancel``). It is regenerated once and
tests/support/regeneration_shapes_probe.py drives its client, sandbox, CLI help and method help. Then the copy's spec
is broken in the ways generation must refuse, one at a time (put back after each), and each refusal is read.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.spec.test_regeneration import copy_repo, drill, generate_edited

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("regeneration-shapes")]

PROBE = "tests/support/regeneration_shapes_probe.py"
CREATE = "#/components/schemas/CreateSmartOrderRequest/properties"


def _parameter(spec: dict[str, Any], path: str, name: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [p for p in spec["paths"][path]["get"]["parameters"] if p.get("name") == name]
    return found[0]


def change(spec: dict[str, Any]) -> None:
    """The richer shapes, as a maintainer would write them."""
    schemas = spec["components"]["schemas"]
    create = schemas["CreateSmartOrderRequest"]
    positive = {"$ref": "#/components/schemas/PositiveDecimal"}
    create["properties"]["iceberg"] = {
        "type": "object",
        "additionalProperties": False,
        "required": ["visibleQuantity"],
        "properties": {"visibleQuantity": positive, "refreshPct": {"type": "integer", "minimum": 1, "maximum": 100}},
    }
    create["properties"]["legs"] = {
        "type": "array",
        "maxItems": 3,
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["price"],
            "properties": {"price": positive, "side": {"$ref": "#/components/schemas/Side"}},
        },
    }
    create["properties"]["triggerSide"] = {
        "allOf": [{"$ref": "#/components/schemas/Side"}],
        "description": "The side whose price triggers the order.",
    }
    create["properties"]["operator"] = {"allOf": [{"$ref": "#/components/schemas/Operator"}], "deprecated": True}
    create["required"].append("timeInForce")
    # the new fields are how to place the order, not fields a found order shows
    post = spec["paths"]["/smartorders"]["post"]
    post["x-answer-fields"] = {**post.get("x-answer-fields", {}), "iceberg": False, "legs": False, "triggerSide": False}
    _parameter(spec, "/smartorders", "limit")["schema"]["default"] = 2
    _parameter(spec, "/smartorders/history", "hideCancel")["deprecated"] = True
    _parameter(spec, "/smartorders/history", "symbol")["required"] = True


@pytest.fixture(scope="session")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_repo(tmp_path_factory.mktemp("regeneration-shapes"))


@pytest.fixture(scope="session")
def shapes(copy: Path) -> dict[str, Any]:
    return drill(copy, change, PROBE)


def test_no_file_but_the_spec_and_generated_changed(shapes: dict[str, Any]) -> None:
    assert shapes["untouched"]


# ---------------------------------------------------------------- 1. nested objects and lists of objects

#: Each bad value's error: the full path of the field and the rule in words, the same in client and sandbox.
NESTED = {
    "nested_maximum": ("iceberg.refreshPct", "must be 100 or less, got 101"),
    "nested_missing": ("iceberg.visibleQuantity", "is required"),
    "nested_decimal": (
        "iceberg.visibleQuantity",
        "must be a plain decimal greater than 0 (no sign, no exponent), got '-1'",
    ),
    "nested_not_object": ("iceberg", "must be an object (a dict), got str '1'"),
    "item_missing": ("legs[1].price", "is required"),
    "item_enum": ("legs[0].side", "must be one of BUY, SELL, got 'SEL'"),
    "too_many_items": ("legs", "must be a list of at most 3 items, got 4"),
}


@pytest.mark.parametrize("case", sorted(NESTED))
def test_the_client_refuses_a_bad_nested_value_naming_its_path(shapes: dict[str, Any], case: str) -> None:
    assert shapes["client_refused"][case] == list(NESTED[case])
    assert shapes["sent_while_refusing"] == 0  # every refusal came before anything was sent


@pytest.mark.parametrize("case", sorted(NESTED))
def test_the_sandbox_refuses_a_bad_nested_value_naming_its_path(shapes: dict[str, Any], case: str) -> None:
    """A 400 with the exchange's invalid-parameter code (a missing nested key included: the parameter is there, and
    malformed), never a KeyError or a 200."""
    path, rule = NESTED[case]
    assert shapes["sandbox_refused"][case] == [400, 25001, f"Invalid parameter '{path}': {rule}"]


def test_unknown_nested_keys_are_refused_not_dropped(shapes: dict[str, Any]) -> None:
    assert shapes["client_refused"]["nested_unknown"] == [
        "iceberg.peak",
        "is not a field of iceberg (visibleQuantity, refreshPct)",
    ]
    assert shapes["client_refused"]["item_unknown"] == ["legs[0].size", "is not a field of legs[0] (price, side)"]
    assert shapes["sandbox_refused"]["nested_unknown"] == [400, 25001, "Invalid parameter 'iceberg.peak': unknown parameter"]  # fmt: skip
    assert shapes["sandbox_refused"]["item_unknown"] == [400, 25001, "Invalid parameter 'legs[0].size': unknown parameter"]  # fmt: skip


def test_nested_amounts_stay_exact_text(shapes: dict[str, Any]) -> None:
    """Decimals inside objects and lists go out as their exact text, a float is refused there too, and the sandbox
    keeps the text it was sent."""
    assert shapes["nested_sent"] == {
        "iceberg": {"visibleQuantity": "0.50", "refreshPct": 100},
        "legs": [{"price": "2.5", "side": "SELL"}, {"price": "3"}],
        "triggerSide": "SELL",
    }
    assert shapes["nested_status"] == 200
    assert shapes["client_float_refused"] == [
        "legs[1].price",
        "floats are refused: pass a str or Decimal, got float 1.5",
    ]
    assert shapes["sandbox_float_refused"][:2] == [400, 25001]  # a JSON number for a decimal string
    assert shapes["sandbox_kept"] == {"iceberg": {"visibleQuantity": "0.50", "refreshPct": 1}, "legs": [{"price": "2"}]}


# ---------------------------------------------------------------- 2. allOf


def test_an_allof_wrapped_enum_keeps_its_values(shapes: dict[str, Any]) -> None:
    assert shapes["client_refused"]["allof_enum"] == ["triggerSide", "must be one of BUY, SELL, got 'SEL'"]
    assert shapes["sandbox_refused"]["allof_enum"] == [
        400,
        25001,
        "Invalid parameter 'triggerSide': must be one of BUY, SELL, got 'SEL'",
    ]


# ---------------------------------------------------------------- 5. defaults and required-ness


def test_a_changed_list_default_is_what_the_sandbox_assumes(shapes: dict[str, Any]) -> None:
    """Three open orders and more, listed with no limit sent: the sandbox answers the spec's new default, 2."""
    assert shapes["list_query"] == ""  # the client sends no limit it was not given
    assert (shapes["listed_without_limit"], shapes["sandbox_list_limit"]) == (2, 2)
    assert shapes["sandbox_hide_cancel_default"] is False


def test_the_docstrings_follow_the_new_default(shapes: dict[str, Any]) -> None:
    assert "Spec: optional; 1 to 2147483647; default 2." in shapes["doc_list_limit"]


def test_a_field_made_required_is_refused_when_missing(shapes: dict[str, Any]) -> None:
    assert shapes["client_required_refused"] == ["time_in_force", "is required"]
    assert shapes["sandbox_required_refused"] == [400, 602, "Missing required parameter 'timeInForce'"]
    assert shapes["client_required_query_refused"] == ["symbol", "is required"]
    assert shapes["sandbox_required_query_refused"] == [400, 602, "Missing required parameter 'symbol'"]


def test_help_says_a_field_made_required_is_required(shapes: dict[str, Any]) -> None:
    assert "Spec: required; one of GTC, IOC, FOK." in shapes["doc_time_in_force"]
    assert "Spec: required; must be BASE_QUOTE" in shapes["doc_history_symbol"]
    assert "one of GTC, IOC, FOK (any case) [required]" in shapes["cli_create_help"]


def test_a_signature_still_defaulting_a_required_field_is_named_by_make_test(
    copy: Path, shapes: dict[str, Any]
) -> None:
    """The one hand edit a field made required costs: its parameter loses its ``= None``. The copy's own unit test
    names each parameter still defaulted (create's time_in_force, get_history's symbol)."""
    assert shapes["signature_time_in_force_default"] == "None"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(copy / p) for p in ("wrapper", "generated", "."))}
    test = "tests/unit/test_spec_docs.py::test_a_parameter_the_spec_requires_has_no_default"
    command = [sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider", "-q", test]
    done = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603
    assert done.returncode == 1, done.stdout + done.stderr
    assert "create(time_in_force)" in done.stdout and "get_history(symbol)" in done.stdout


# ---------------------------------------------------------------- 6. deprecation


def test_using_a_deprecated_field_or_parameter_warns_naming_it(shapes: dict[str, Any]) -> None:
    """One DeprecationWarning per use, naming the wire name, pointing at the caller's line; the request still goes
    (the exchange still takes it), and a call not using it does not warn."""
    message = "is deprecated by the exchange's API: it may be ignored or refused in a later version"
    assert shapes["deprecation_warnings"] == [
        ["DeprecationWarning", f"'operator' {message}", True],
        ["DeprecationWarning", f"'hideCancel' (argument hide_cancel) {message}", True],
    ]
    assert shapes["deprecated_statuses"] == [200, 200]


def test_help_marks_what_is_deprecated(shapes: dict[str, Any]) -> None:
    assert "Spec: optional; deprecated by the exchange; one of GTE, LTE." in shapes["doc_operator"]
    assert "Spec: optional; deprecated by the exchange." in shapes["doc_hide_cancel"]
    assert "one of GTE, LTE (any case) [deprecated by the exchange]" in shapes["cli_create_help"]
    assert "leave out cancelled orders [deprecated by the exchange]" in shapes["cli_history_help"]


# ---------------------------------------------------------------- 2, 4, 10: what generation refuses, in one line


def _first_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode != 0
    assert "left unchanged" in done.stderr
    return done.stderr.splitlines()[0]


@pytest.mark.parametrize("keyword", ["oneOf", "anyOf", "not", "if", "const", "patternProperties", "nullable"])
def test_a_keyword_the_derivation_does_not_understand_stops_generation(
    copy: Path, shapes: dict[str, Any], keyword: str
) -> None:
    values: dict[str, Any] = {"oneOf": [{"type": "string"}], "anyOf": [{"type": "string"}], "not": {"type": "integer"}}
    values |= {"if": {"type": "string"}, "const": "X", "patternProperties": {"^x": {}}, "nullable": True}

    def edit(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["CreateSmartOrderRequest"]["properties"]["note"] = {
            "type": "string",
            keyword: values[keyword],
        }

    line = _first_line(generate_edited(copy, edit))
    assert line.startswith(f"openapi/smartorders.yaml: {CREATE}/note: schema keyword {keyword} is not understood")


def test_a_conflicting_allof_stops_generation(copy: Path, shapes: dict[str, Any]) -> None:
    def edit(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["CreateSmartOrderRequest"]["properties"]["triggerSide"] = {
            "allOf": [{"$ref": "#/components/schemas/Side"}, {"enum": ["UP", "DOWN"]}]
        }

    line = _first_line(generate_edited(copy, edit))
    assert f"{CREATE}/triggerSide/allOf: its parts disagree on enum" in line


def test_keywords_beside_a_ref_stop_generation(copy: Path, shapes: dict[str, Any]) -> None:
    """OpenAPI 3.0 ignores them: ``deprecated`` beside a bare ``$ref`` would be silently lost."""

    def edit(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["CreateSmartOrderRequest"]["properties"]["side"] = {
            "$ref": "#/components/schemas/Side",
            "deprecated": True,
        }

    line = _first_line(generate_edited(copy, edit))
    assert f"{CREATE}/side: deprecated beside $ref is ignored by OpenAPI 3.0; write allOf" in line


@pytest.mark.parametrize("how", ["inline", "ref"])
def test_an_enum_in_an_answer_stops_generation_naming_the_field(copy: Path, shapes: dict[str, Any], how: str) -> None:
    """Point 4: a response enum would fail every answer carrying a value the exchange adds later."""

    def edit(spec: dict[str, Any]) -> None:
        fields = spec["components"]["schemas"]["SmartOrder"]["properties"]
        if how == "inline":
            fields["state"]["enum"] = ["PENDING_NEW", "TRIGGERED"]
        else:
            fields["side"] = {"$ref": "#/components/schemas/Side"}

    line = _first_line(generate_edited(copy, edit))
    field = "state" if how == "inline" else "side"
    assert line.startswith(
        f"openapi/smartorders.yaml: #/components/schemas/SmartOrder/properties/{field}: enum in an answer"
    )
    assert "make it a plain string and list the known values in its description" in line


def test_a_dangling_ref_names_the_property_holding_it(copy: Path, shapes: dict[str, Any]) -> None:
    def edit(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["CreateSmartOrderRequest"]["properties"]["side"] = {
            "$ref": "#/components/schemas/Sides"
        }

    line = _first_line(generate_edited(copy, edit))
    assert (
        line
        == f"openapi/smartorders.yaml: {CREATE}/side: $ref '#/components/schemas/Sides' points to nothing in the spec"
    )


def test_a_generator_refusal_is_one_short_line_too(copy: Path, shapes: dict[str, Any]) -> None:
    """What only openapi-python-client refuses (a path parameter its path does not have) is reported by what and
    where, never by the generator's command line."""

    def edit(spec: dict[str, Any]) -> None:
        spec["paths"]["/smartorders"]["get"]["parameters"].append(
            {"name": "zone", "in": "path", "required": True, "schema": {"type": "string"}}
        )

    done = generate_edited(copy, edit)
    line = _first_line(done)
    assert line.startswith(
        "openapi/smartorders.yaml: openapi-python-client: Incorrect path templating for /smartorders"
    )
    assert len(line) < 250 and "--output-path" not in done.stderr and "Traceback" not in done.stderr
