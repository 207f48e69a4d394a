"""openapi/derive.py's understanding of schemas, and openapi/generate.py's errors, on small specs (fast; the drills on a
regenerated copy are in test_regeneration_shapes.py): allOf merged, keywords it does not interpret refused, answer
enums refused, dangling $refs named by the property holding them, and each failure one line saying what and where."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"openapi_{name}", ROOT / "openapi" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


derive = _load("derive")
generate = _load("generate")


def refused(call: Any, *args: Any) -> str:
    with pytest.raises(SystemExit) as caught:
        call(*args)
    return str(caught.value.code)


def _spec(schemas: dict[str, Any], answer: dict[str, Any] | None = None) -> dict[str, Any]:
    responses = {
        "200": {"description": "ok", "content": {"application/json": {"schema": answer or {"type": "string"}}}}
    }
    return {"paths": {"/x": {"get": {"responses": responses}}}, "components": {"schemas": schemas}}


SIDE = {"type": "string", "enum": ["BUY", "SELL"]}


def test_allof_around_a_ref_keeps_its_rules_and_adds_the_wrappers() -> None:
    spec = _spec({"Side": SIDE, "Body": {"properties": {"side": {"allOf": [{"$ref": "#/components/schemas/Side"}], "deprecated": True, "description": "d"}}}})  # fmt: skip
    merged = derive.resolve(spec, spec["components"]["schemas"]["Body"])["properties"]["side"]
    assert merged == {**SIDE, "deprecated": True, "description": "d"}
    assert derive.rules(merged) == {**SIDE, "description": "d", "deprecated": True}


def test_allof_parts_add_up_properties_and_required() -> None:
    parts = [
        {"type": "object", "required": ["a"], "properties": {"a": {"type": "integer"}}},
        {"required": ["b", "a"], "properties": {"b": {"type": "string"}}},
    ]
    merged = derive.resolve({}, {"allOf": parts})
    assert merged == {"type": "object", "required": ["a", "b"], "properties": {"a": {"type": "integer"}, "b": {"type": "string"}}}  # fmt: skip


def test_allof_parts_that_disagree_stop_generation() -> None:
    spec = _spec({"Side": SIDE})
    node = {"allOf": [{"$ref": "#/components/schemas/Side"}, {"maximum": 3, "enum": ["UP"]}]}
    assert refused(derive.resolve, spec, node, "#/here") == (
        "#/here/allOf: its parts disagree on enum (['BUY', 'SELL'] and ['UP'])"
    )
    clash = {"allOf": [{"properties": {"a": {"type": "integer"}}}, {"properties": {"a": {"type": "string"}}}]}
    assert refused(derive.resolve, spec, clash, "#/c") == "#/c/allOf: its parts define property 'a' differently"


@pytest.mark.parametrize(
    "keyword",
    ["oneOf", "anyOf", "not", "if", "then", "else", "const", "patternProperties", "nullable", "discriminator"],
)
def test_a_keyword_not_interpreted_stops_generation_naming_schema_and_keyword(keyword: str) -> None:
    spec = _spec({"Body": {"type": "object", "properties": {"a": {"type": "string", keyword: {}}}}})
    assert refused(derive.check_schemas, spec, spec) == (
        f"#/components/schemas/Body/properties/a: schema keyword {keyword} is not understood by openapi/derive.py "
        "(the client and the sandbox would not check it): say it with the keywords in its KEYWORDS, or allOf"
    )


def test_keywords_inside_lists_and_parameters_are_checked_and_examples_are_not() -> None:
    spec = _spec({"A": {"type": "array", "items": {"type": "object", "additionalProperties": {"anyOf": []}}}})
    assert refused(derive.check_schemas, spec, spec).startswith("#/components/schemas/A/items/additionalProperties:")
    param = {"name": "q", "in": "query", "schema": {"type": "string", "const": "x"}, "example": {"oneOf": 1}}
    spec = {"paths": {"/x": {"get": {"parameters": [param]}}}, "components": {"schemas": {}}}
    assert refused(derive.check_schemas, spec, spec).startswith(
        "#/paths//x/get/parameters/0/schema: schema keyword const"
    )
    spec["paths"]["/x"]["get"]["parameters"][0]["schema"] = {"type": "string", "example": {"oneOf": []}}
    derive.check_schemas(spec, spec)  # an example is data


def test_the_real_spec_passes_every_check() -> None:
    spec = yaml.safe_load((ROOT / "openapi" / "smartorders.yaml").read_text())
    derive.check_schemas(spec, spec)
    derive.refuse_answer_enums(spec)


def test_a_dangling_ref_is_named_by_the_property_holding_it() -> None:
    spec = _spec({"Body": {"properties": {"side": {"$ref": "#/components/schemas/Sides"}}}})
    assert refused(derive.check_schemas, spec, spec) == (
        "#/components/schemas/Body/properties/side: $ref '#/components/schemas/Sides' points to nothing in the spec"
    )
    assert refused(derive.resolve, spec, {"$ref": "#/nowhere/at/all"}, "#/p") == "#/p: $ref '#/nowhere/at/all' points to nothing in the spec"  # fmt: skip


def test_keywords_beside_a_ref_stop_generation() -> None:
    spec = _spec({"Side": SIDE, "Body": {"properties": {"side": {"$ref": "#/components/schemas/Side", "deprecated": True}}}})  # fmt: skip
    assert refused(derive.check_schemas, spec, spec).startswith(
        "#/components/schemas/Body/properties/side: deprecated beside $ref is ignored by OpenAPI 3.0"
    )


def test_a_number_or_unknown_type_stops_generation() -> None:
    spec = _spec({"A": {"type": "number"}})
    assert "#/components/schemas/A: type: number would be parsed as a float" in refused(
        derive.check_schemas, spec, spec
    )
    spec = _spec({"A": {"type": "decimal"}})
    assert refused(derive.check_schemas, spec, spec).startswith("#/components/schemas/A: type 'decimal' is not one of")


def test_an_enum_in_an_answer_stops_generation_naming_the_field() -> None:
    schemas = {"Side": SIDE, "Order": {"type": "object", "properties": {"side": {"$ref": "#/components/schemas/Side"}}}}
    spec = _spec(schemas, {"type": "array", "items": {"$ref": "#/components/schemas/Order"}})
    assert refused(derive.refuse_answer_enums, spec).startswith(
        "#/components/schemas/Order/properties/side: enum in an answer (from #/components/schemas/Side): "
    )
    inline = _spec({}, {"type": "object", "properties": {"state": {"type": "string", "enum": ["A"]}}})
    assert refused(derive.refuse_answer_enums, inline).startswith(
        "#/paths/~1x/get/responses/200/content/application~1json/schema/properties/state: enum in an answer: "
    )
    request_only = _spec({"Side": SIDE})  # an enum only requests use is fine
    derive.refuse_answer_enums(request_only)


def test_an_operation_without_an_id_or_with_a_taken_one_is_named() -> None:
    spec = yaml.safe_load((ROOT / "openapi" / "smartorders.yaml").read_text())
    spec["paths"]["/smartorders"]["get"]["operationId"] = "createSmartOrder"
    assert refused(derive.derive, spec) == "#/paths/~1smartorders/post: operationId 'createSmartOrder' is already GET /smartorders's"  # fmt: skip
    del spec["paths"]["/smartorders"]["get"]["operationId"]
    assert refused(derive.derive, spec) == "#/paths/~1smartorders/get: the operation has no operationId"


def test_a_failed_step_says_what_is_wrong_first_never_its_command_line() -> None:
    with pytest.raises(generate.Failed) as caught:
        generate.run([sys.executable, "-c", "raise SystemExit('#/a/b: bad thing')"], "")
    assert str(caught.value) == "#/a/b: bad thing"
    with pytest.raises(generate.Failed) as caught:
        generate.run([sys.executable, "-c", "import json; json.loads('{')"], "derive")
    first, *rest = str(caught.value).splitlines()
    assert first.startswith("derive: json.decoder.JSONDecodeError: Expecting property name") and "(a crash" in first
    assert rest[0] == "Traceback (most recent call last):"
    noisy = "print('Error(s) encountered while generating'); print('WARNING parsing GET /x'); print('Bad path'); raise SystemExit(1)"  # fmt: skip
    with pytest.raises(generate.Failed) as caught:
        generate.run([sys.executable, "-c", noisy], "openapi-python-client")
    assert str(caught.value) == "openapi-python-client: Bad path (WARNING parsing GET /x)"
    assert sys.executable not in str(caught.value)
