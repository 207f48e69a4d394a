"""The spec's validator (polo_smartorders/_schema.py) on nested shapes, deprecation and required query parameters,
and the sandbox's use of it: objects and lists of objects checked all the way down, each error naming the full path
and the rule in words (issue 19.1, 19.5, 19.6)."""

from __future__ import annotations

import warnings
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import pytest
from polo_smartorders import ValidationError
from polo_smartorders._rules import Kind, operation
from polo_smartorders._schema import ObjectCheck, compile_check
from polo_smartorders._spec import Operation, Param
from polo_smartorders.sandbox._errors import MISSING_PARAMETER, SMART_INVALID_PARAMETER, SandboxError
from polo_smartorders.sandbox._spec import _refusal, check_body, check_query
from polo_smartorders_api.types import UNSET

AMOUNT = {"type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$", "x-message": "must be a plain decimal", "maxLength": 20}
ICEBERG = {
    "type": "object",
    "additionalProperties": False,
    "required": ["visibleQuantity"],
    "properties": {"visibleQuantity": AMOUNT, "refreshPct": {"type": "integer", "minimum": 1, "maximum": 100}},
}
BODY = {
    "type": "object",
    "additionalProperties": False,
    "required": ["symbol"],
    "properties": {
        "symbol": {"type": "string"},
        "iceberg": ICEBERG,
        "legs": {"type": "array", "maxItems": 2, "items": ICEBERG},
        "tags": {"type": "array", "items": {"type": "string", "enum": ["A", "B"]}},
        "old": {"type": "integer", "deprecated": True},
        "open": {"type": "object", "properties": {"a": {"type": "integer"}}},
        "counts": {"type": "object", "additionalProperties": {"type": "integer", "maximum": 9}},
    },
}


def refusal(schema: dict[str, Any], value: dict[str, Any], *, amounts: bool = True) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        ObjectCheck.of(schema, amounts=amounts).check({"symbol": "X", **value})
    return [caught.value.field, caught.value.rule]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            {"iceberg": {"visibleQuantity": "1", "refreshPct": 101}},
            ["iceberg.refreshPct", "must be 100 or less, got 101"],
        ),
        ({"iceberg": {"visibleQuantity": "1", "refreshPct": 0}}, ["iceberg.refreshPct", "must be 1 or more, got 0"]),
        ({"iceberg": {"refreshPct": 5}}, ["iceberg.visibleQuantity", "is required"]),
        (
            {"iceberg": {"visibleQuantity": "1", "x": 1}},
            ["iceberg.x", "is not a field of iceberg (visibleQuantity, refreshPct)"],
        ),
        ({"iceberg": {"visibleQuantity": "1e5"}}, ["iceberg.visibleQuantity", "must be a plain decimal, got '1e5'"]),
        ({"iceberg": ["visibleQuantity"]}, ["iceberg", "must be an object (a dict), got list ['visibleQuantity']"]),
        ({"legs": [{"visibleQuantity": "1"}, {}]}, ["legs[1].visibleQuantity", "is required"]),
        (
            {"legs": [{"visibleQuantity": "1", "refreshPct": True}]},
            ["legs[0].refreshPct", "must be an integer, got bool True"],
        ),
        ({"legs": [{"visibleQuantity": "1"}] * 3}, ["legs", "must be a list of at most 2 items, got 3"]),
        ({"legs": [7]}, ["legs", "item 0 must be an object (a dict), got int 7"]),
        ({"tags": ["A", "C"]}, ["tags", "item 1 must be one of A, B, got 'C'"]),  # a scalar item keeps its form
        ({"counts": {"a": 1, "b": 10}}, ["counts.b", "must be 9 or less, got 10"]),
        ({"open": {"a": "1"}}, ["open.a", "must be an integer, got str '1'"]),
    ],
)
def test_a_bad_nested_value_is_named_by_its_full_path(value: dict[str, Any], expected: list[str]) -> None:
    assert refusal(BODY, value) == expected
    assert refusal(BODY, value, amounts=False) == expected  # the sandbox's checks say the same


def test_nested_amounts_go_out_as_exact_text_and_floats_are_refused() -> None:
    body = {"symbol": "X", "iceberg": {"visibleQuantity": Decimal("1E-8")}, "legs": [{"visibleQuantity": 5}]}
    checked = ObjectCheck.of(BODY, amounts=True).check(body)
    assert checked["iceberg"] == {"visibleQuantity": "0.00000001"}
    assert checked["legs"] == [{"visibleQuantity": "5"}]
    assert refusal(BODY, {"legs": [{"visibleQuantity": 0.1}]}) == [
        "legs[0].visibleQuantity",
        "floats are refused: pass a str or Decimal, got float 0.1",
    ]
    # the sandbox takes no amount but text: a JSON number (read as Decimal) is refused, never turned into text
    assert (
        refusal(BODY, {"iceberg": {"visibleQuantity": Decimal("1.5")}}, amounts=False)[0] == "iceberg.visibleQuantity"
    )


def test_any_mapping_is_an_object_and_goes_out_as_a_dict() -> None:
    checked = ObjectCheck.of(BODY).check({"symbol": "X", "iceberg": MappingProxyType({"visibleQuantity": "2"})})
    assert checked["iceberg"] == {"visibleQuantity": "2"} and type(checked["iceberg"]) is dict


def test_an_object_that_allows_more_keeps_them() -> None:
    checked = ObjectCheck.of(BODY).check({"symbol": "X", "open": {"a": 1, "b": [1]}, "counts": {"z": 3}})
    assert checked["open"] == {"a": 1, "b": [1]} and checked["counts"] == {"z": 3}


def test_a_lone_object_schema_checks_too() -> None:
    check = compile_check(ICEBERG, amounts=True)
    assert check({"visibleQuantity": Decimal("3.10")}, "iceberg") == {"visibleQuantity": "3.10"}
    with pytest.raises(ValidationError, match=r"^iceberg\.visibleQuantity: is required$"):
        check({}, "iceberg")


# ---------------------------------------------------------------- deprecation


def test_using_a_deprecated_field_warns_at_the_callers_line() -> None:
    check = ObjectCheck.of(BODY, warn=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check.check({"symbol": "X", "old": 1}, {"old": "old_value"})
        check.check({"symbol": "X"})  # not used: no warning
    assert [(w.category, str(w.message)) for w in caught] == [
        (
            DeprecationWarning,
            "'old' (argument old_value) is deprecated by the exchange's API: it may be ignored or refused in a later version",
        )
    ]
    assert caught[0].filename == __file__  # the first line outside the package: this test's


def test_a_deprecated_nested_field_warns_with_its_path() -> None:
    schema = {
        "type": "object",
        "properties": {"iceberg": {"properties": {"peak": {"type": "integer", "deprecated": True}}}},
    }
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ObjectCheck.of(schema, warn=True).check({"iceberg": {"peak": 1}})
    assert [str(w.message).split(" is ")[0] for w in caught] == ["'iceberg.peak'"]


def test_the_sandbox_does_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ObjectCheck.of(BODY).check({"symbol": "X", "old": 1})


def _listing(required: bool, deprecated: bool) -> Operation:
    param = Param("limit", compile_check({"type": "integer", "minimum": 1}), required, deprecated)
    return Operation("listThings", "list", Kind.READ, None, {"limit": param}, {"limit": UNSET})


def test_a_required_query_parameter_left_out_is_refused_before_sending() -> None:
    with pytest.raises(ValidationError, match=r"^page_limit: is required$"):
        _listing(required=True, deprecated=False).query_of({"limit": None}, {"limit": "page_limit"}, None)
    assert _listing(required=True, deprecated=False).query_of({"limit": 3}, {}, None) == {"limit": 3}
    assert _listing(required=False, deprecated=False).query_of({}, {}, None) == {"limit": UNSET}


def test_a_deprecated_query_parameter_warns_naming_its_wire_name() -> None:
    with pytest.warns(DeprecationWarning, match=r"^'limit' \(argument page_limit\) is deprecated"):
        _listing(required=False, deprecated=True).query_of({"limit": 3}, {"limit": "page_limit"}, None)


# ---------------------------------------------------------------- the sandbox


def test_the_sandbox_answers_a_missing_nested_key_as_an_invalid_parameter() -> None:
    nested = _refusal(ValidationError("iceberg.visibleQuantity", "is required"), None)
    top = _refusal(ValidationError("symbol", "is required"), None)
    item = _refusal(ValidationError("legs[0].price", "is required"), None)
    assert (nested.code, item.code, top.code) == (SMART_INVALID_PARAMETER, SMART_INVALID_PARAMETER, MISSING_PARAMETER)
    assert nested.message == "Invalid parameter 'iceberg.visibleQuantity': is required"


def test_the_sandbox_assumes_every_default_the_spec_states() -> None:
    """Each query parameter's and body field's ``default``, whichever operation: not one hand-listed."""
    limit = operation("listSmartOrderHistory").params["limit"].schema["default"]
    assert check_query("listSmartOrderHistory", [])["limit"] == limit
    assert check_query("listSmartOrderHistory", [("limit", "7")])["limit"] == 7
    listed = operation("listSmartOrders").params["limit"].schema  # with no default, none is assumed
    assert check_query("listSmartOrders", []).get("limit") == listed.get("default")
    assert check_body("cancelReplaceSmartOrder", {})["proceedOnFailure"] is False
    assert check_body("cancelReplaceSmartOrder", {"proceedOnFailure": True})["proceedOnFailure"] is True


def test_the_sandbox_refuses_a_bad_nested_body_with_400() -> None:
    with pytest.raises(SandboxError) as caught:
        check_body("createSmartOrder", {"symbol": "BTC_USDT", "side": "BUY", "quantity": {"nested": "1"}})
    assert (caught.value.status, caught.value.code) == (400, SMART_INVALID_PARAMETER)
    assert "'quantity'" in caught.value.message
