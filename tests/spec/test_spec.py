"""The spec is valid, every operation is generated, and the generated models behave as the wrapper relies on."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import yaml
from openapi_spec_validator import validate
from polo_smartorders import (
    AsyncSmartOrders,
    DuplicateClientOrderIdError,
    InvalidRequestError,
    NotFoundError,
    ServerError,
    SmartOrders,
    TimestampRejectedError,
    _rules,
)
from polo_smartorders._constants import RATE_LIMITS
from polo_smartorders._exceptions import MEANING_ERRORS, error_from_response
from polo_smartorders.resources.smartorders import NAMED
from polo_smartorders_api import models
from polo_smartorders_api import rules as derived_rules
from polo_smartorders_api.api.smartorders import get_smart_order
from polo_smartorders_api.client import Client as GeneratedClient
from polo_smartorders_api.rules import OPERATIONS as OPERATIONS_RULES

from tests.support.spec_answers import answer_errors, closed, errors, resolve

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi" / "smartorders.yaml"
SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
OPERATIONS = {
    "createSmartOrder": ("post", "/smartorders"),
    "cancelReplaceSmartOrder": ("put", "/smartorders/{id}"),
    "listSmartOrders": ("get", "/smartorders"),
    "getSmartOrder": ("get", "/smartorders/{id}"),
    "cancelSmartOrder": ("delete", "/smartorders/{id}"),
    "cancelSmartOrdersByIds": ("delete", "/smartorders/cancelByIds"),
    "cancelAllSmartOrders": ("delete", "/smartorders"),
    "listSmartOrderHistory": ("get", "/smartorders/history"),
    "getServerTime": ("get", "/timestamp"),
    "listMarkets": ("get", "/markets"),
    "getMarket": ("get", "/markets/{symbol}"),
    "getMarketPrice": ("get", "/markets/{symbol}/price"),
}
#: The public (unsigned) operations, and the generated package each one's tag puts it in.
PUBLIC = {"getServerTime": "public", "listMarkets": "markets", "getMarket": "markets", "getMarketPrice": "markets"}

#: The method of SmartOrders that sends each operation.
METHODS = {
    "createSmartOrder": "create",
    "cancelReplaceSmartOrder": "cancel_replace",
    "listSmartOrders": "get_all",
    "cancelSmartOrdersByIds": "cancel_by_multiple_ids",
    "cancelAllSmartOrders": "cancel",
    "listSmartOrderHistory": "get_history",
}


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def test_spec_is_valid_openapi() -> None:
    validate(SPEC)


def test_spec_has_exactly_the_twelve_operations() -> None:
    found = {
        op["operationId"]: (method, path)
        for path, item in SPEC["paths"].items()
        for method, op in item.items()
        if method in ("get", "put", "post", "delete")
    }
    assert found == OPERATIONS


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_every_operation_is_generated(operation_id: str) -> None:
    tag = PUBLIC.get(operation_id, "smartorders")
    module = importlib.import_module(f"polo_smartorders_api.api.{tag}.{snake(operation_id)}")
    for function in ("sync_detailed", "asyncio_detailed", "sync", "asyncio"):
        assert callable(getattr(module, function))
    method, path = OPERATIONS[operation_id]
    source = inspect.getsource(module._get_kwargs)
    assert f'"method": "{method}"' in source
    assert f'"url": "{path}"' in source


@pytest.mark.parametrize("operation_id", sorted(set(OPERATIONS) - set(PUBLIC)))
def test_private_operations_require_all_three_signing_headers(operation_id: str) -> None:
    method, path = OPERATIONS[operation_id]
    operation = SPEC["paths"][path][method]
    requirements = operation.get("security", SPEC["security"])
    assert requirements, "a private operation must carry a security requirement"
    for requirement in requirements:
        assert {"apiKey", "signTimestamp", "signature"} <= set(requirement)
    statuses = set(operation["responses"])
    assert {"200", "400", "401", "408", "429", "500", "503"} <= statuses
    assert "Retry-After" in SPEC["components"]["responses"]["TooManyRequests"]["headers"]


def _examples() -> list[tuple[str, str, Any]]:
    """Every response example of the spec, paired with the generated model of its schema."""
    found: list[tuple[str, str, Any]] = []
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            content = operation["responses"]["200"]["content"]["application/json"]
            schema = content["schema"]
            ref = schema.get("items", schema).get("$ref", "")
            found.append((f"{method.upper()} {path}", ref.rsplit("/", 1)[-1], content["example"]))
    return found


@pytest.mark.parametrize(("where", "model_name", "example"), _examples(), ids=[e[0] for e in _examples()])
def test_generated_models_round_trip_the_spec_examples(where: str, model_name: str, example: Any) -> None:
    model = getattr(models, model_name)
    items = example if isinstance(example, list) else [example]
    assert items, where
    for item in items:
        assert model.from_dict(item).to_dict() == item


@pytest.mark.parametrize(
    ("model_name", "example"),
    [
        ("CreateSmartOrderRequest", SPEC["paths"]["/smartorders"]["post"]["requestBody"]["content"]),
        ("CancelReplaceSmartOrderRequest", SPEC["paths"]["/smartorders/{id}"]["put"]["requestBody"]["content"]),
        (
            "CancelSmartOrdersByIdsRequest",
            SPEC["paths"]["/smartorders/cancelByIds"]["delete"]["requestBody"]["content"],
        ),
        ("CancelAllSmartOrdersRequest", SPEC["paths"]["/smartorders"]["delete"]["requestBody"]["content"]),
    ],
)
def test_request_models_round_trip_the_spec_examples(model_name: str, example: dict[str, Any]) -> None:
    body = example["application/json"]["example"]
    assert getattr(models, model_name).from_dict(body).to_dict() == body


def test_an_unknown_enum_value_in_a_response_parses() -> None:
    triggered = SPEC["components"]["examples"]["SmartOrderTriggered"]["value"]
    future = {
        **triggered,
        "state": "SOME_NEW_STATE",
        "type": "ICEBERG_STOP",
        "side": "SHORT",
        "timeInForce": "GTD",
        "accountType": "MARGIN",
        "operator": "EQ",
        "newField": {"nested": True},
        "triggeredOrder": {**triggered["triggeredOrder"], "state": "NEW_ORDER_STATE", "type": "TWAP"},
    }
    order = models.SmartOrder.from_dict(future)
    assert order.state == "SOME_NEW_STATE"
    assert order.type_ == "ICEBERG_STOP"
    assert isinstance(order.triggered_order, models.Order)
    assert order.triggered_order.type_ == "TWAP"
    assert order.additional_properties == {"newField": {"nested": True}}
    assert order.to_dict() == future
    cancel = models.CancelResult.from_dict({**SPEC["components"]["examples"]["CancelResultOk"]["value"], "state": "X"})
    assert cancel.state == "X"


def test_cid_path_keeps_its_colon_on_the_wire() -> None:
    assert get_smart_order._get_kwargs(id="cid:my-Id_1")["url"] == "/smartorders/cid:my-Id_1"
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[])

    api = GeneratedClient(base_url="http://exchange.test")
    api.set_httpx_client(httpx.Client(base_url="http://exchange.test", transport=httpx.MockTransport(handler)))
    get_smart_order.sync_detailed(id="cid:my-Id_1", client=api)
    assert seen[0].url.raw_path == b"/smartorders/cid:my-Id_1"


def test_request_enums_are_closed_and_amounts_are_strings() -> None:
    """Requests keep strict enums (validated before sending); amounts are strings in every request model."""
    with pytest.raises(TypeError, match="HOLD"):  # literal_enums: the generated check_side refuses it
        models.CreateSmartOrderRequest.from_dict({"symbol": "BTC_USDT", "side": "HOLD"})
    schema = SPEC["components"]["schemas"]
    for name in ("PositiveDecimal", "Offset"):
        assert schema[name]["type"] == "string"
        assert "pattern" in schema[name]
    for field in ("price", "stopPrice", "quantity", "amount"):
        assert schema["CreateSmartOrderRequest"]["properties"][field]["$ref"].endswith("Decimal")


def test_unset_fields_print_readably() -> None:
    """The custom templates: a model's repr leaves unset optional fields out (model.py), and UNSET itself prints as
    UNSET, not an object address (types.py)."""
    order = models.SmartOrder.from_dict(SPEC["components"]["examples"]["SmartOrderPending"]["value"])
    assert "triggered_order" not in repr(order) and "UNSET" not in repr(order)
    assert " object at 0x" not in repr(order) and repr(order.triggered_order) == "UNSET"


def _all_examples() -> list[tuple[str, Any, Any]]:
    """Every `example` of the spec (schemas, parameters, bodies, answers) with the schema it illustrates."""
    found: list[tuple[str, Any, Any]] = []
    for name, schema in SPEC["components"]["schemas"].items():
        if "example" in schema:
            found.append((f"schemas.{name}", schema, schema["example"]))
        for prop, sub in schema.get("properties", {}).items():
            if "example" in sub:
                found.append((f"schemas.{name}.{prop}", sub, sub["example"]))
    for item in SPEC["paths"].values():
        for method, operation in item.items():
            if method == "parameters":
                continue
            where = operation["operationId"]
            for param in [*item.get("parameters", []), *operation.get("parameters", [])]:
                param = resolve(SPEC, param)
                if "example" in param:
                    found.append((f"{where}.{param['name']}", param["schema"], param["example"]))
                for key, named in param.get("examples", {}).items():
                    found.append((f"{where}.{param['name']}.{key}", param["schema"], named["value"]))
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            if "example" in body:
                found.append((f"{where} request", body["schema"], body["example"]))
            for status, response in operation["responses"].items():
                content = resolve(SPEC, response).get("content", {}).get("application/json", {})
                if "example" in content:
                    found.append((f"{where} {status}", content["schema"], content["example"]))
    return found


@pytest.mark.parametrize(("where", "schema", "example"), _all_examples(), ids=[e[0] for e in _all_examples()])
def test_every_example_validates_against_its_closed_schema(where: str, schema: Any, example: Any) -> None:
    assert errors(closed(resolve(SPEC, schema)), example) == [], where


def test_closed_schemas_name_an_undeclared_or_removed_field() -> None:
    """The check behind the sandbox answers and the examples is not vacuous."""
    order = {**SPEC["components"]["examples"]["SmartOrderFilled"]["value"], "colour": "red"}
    found = answer_errors("listSmartOrderHistory", 200, json.dumps([order]).encode())
    assert len(found) == 1 and "[0]" in found[0] and "'colour'" in found[0]
    assert answer_errors("getSmartOrder", 418, b"{}") == ["getSmartOrder answered 418, which the spec does not declare"]


@pytest.mark.parametrize("operation_id", sorted(NAMED))
def test_every_request_field_and_query_parameter_has_a_named_parameter(operation_id: str) -> None:
    """After a regeneration, this names each field the spec gained that a method must take as a parameter."""
    operation = OPERATIONS_RULES[operation_id]
    fields = set(operation["body"]["properties"]) if operation["body"] else set()
    fields |= {name for name, param in operation["params"].items() if param["in"] == "query"}
    named = NAMED[operation_id]
    missing = sorted(fields - set(named))
    assert not missing, f"{operation_id}: the spec has {missing}, which no method parameter names (add them)"
    assert not set(named) - fields, f"{operation_id}: named fields the spec no longer has"
    method = METHODS[operation_id]
    for cls in (SmartOrders, AsyncSmartOrders):
        parameters = inspect.signature(getattr(cls, method)).parameters
        assert set(named.values()) <= set(parameters), (cls.__name__, method)
        assert ("extra_query" if operation["body"] is None else "extra_body") in parameters


def test_operation_facts_come_from_the_spec() -> None:
    """x-rate-limit-group / x-rate-limit / x-places-orders are on every operation and reach the client."""
    for item in SPEC["paths"].values():
        for method, operation in item.items():
            if method == "parameters":
                continue
            assert isinstance(operation["x-rate-limit-group"], str), operation["operationId"]
            rule = OPERATIONS_RULES[operation["operationId"]]
            assert rule["kind"] == (
                "place" if operation.get("x-places-orders") else "read" if method == "get" else "cancel"
            )
    assert RATE_LIMITS == {"create": 50, "get": 50, "cancel": 50, "list": 10, "cancel_by_ids": 10, "cancel_all": 10,
                           "history": 10, "replace": 10, "markets": 10, "market": 200, "market_price": 200}  # fmt: skip


def test_list_query_parameters_are_comma_separated() -> None:
    """The custom endpoint template joins list parameters with commas: the spec must say so (form, no explode)."""
    for item in SPEC["paths"].values():
        for method, operation in item.items():
            for param in operation.get("parameters", []) if method != "parameters" else []:
                if resolve(SPEC, param.get("schema", {})).get("type") == "array":
                    assert (param.get("style"), param.get("explode")) == ("form", False), param["name"]


#: The one hand-written reader of the derived module; tests/ and openapi/ (which writes it) may read it as well.
THE_READER = "wrapper/polo_smartorders/_rules.py"


def _imports_derived_rules(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import) and any(alias.name == "polo_smartorders_api.rules" for alias in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and node.level == 0:
            if node.module == "polo_smartorders_api.rules":
                return True
            if node.module == "polo_smartorders_api" and any(alias.name == "rules" for alias in node.names):
                return True
    return False


def test_only_the_reader_imports_the_derived_rules() -> None:
    """polo_smartorders/_rules.py is the one hand-written module that reads polo_smartorders_api.rules: every other
    one takes the spec's facts from it, typed."""
    skipped = {"tests", "openapi", "generated"}
    sources = [
        path
        for path in ROOT.rglob("*.py")
        if not ({".venv", "__pycache__"} & set(path.parts))
        and not any(part.startswith(".") for part in path.relative_to(ROOT).parts)
        and path.relative_to(ROOT).parts[0] not in skipped
    ]
    assert ROOT / THE_READER in sources
    readers = {str(path.relative_to(ROOT)) for path in sources if _imports_derived_rules(path)}
    offenders = sorted(readers - {THE_READER})
    assert not offenders, f"{offenders} import polo_smartorders_api.rules: read it through polo_smartorders._rules"
    assert THE_READER in readers


def test_the_reader_finds_a_derived_rules_import_in_each_form(tmp_path: Path) -> None:
    forms = [
        "from polo_smartorders_api.rules import OPERATIONS",
        "import polo_smartorders_api.rules",
        "from polo_smartorders_api import models, rules as r",
    ]
    for index, line in enumerate(forms):
        (tmp_path / f"m{index}.py").write_text(f"{line}\n")
        assert _imports_derived_rules(tmp_path / f"m{index}.py"), line
    (tmp_path / "clean.py").write_text("from polo_smartorders_api import models\nfrom . import rules\n")
    assert not _imports_derived_rules(tmp_path / "clean.py")


def test_the_reader_gives_what_the_derived_module_holds() -> None:
    for operation_id, raw in OPERATIONS_RULES.items():
        facts = _rules.operation(operation_id)
        assert (facts.method, facts.path, facts.group, facts.rate_limit, facts.signed, facts.kind.value) == (
            raw["method"], raw["path"], raw["group"], raw["rate_limit"], raw["signed"], raw["kind"]
        )  # fmt: skip
        assert (facts.body is None) == (raw["body"] is None)
        assert facts.body_fields == frozenset((raw["body"] or {}).get("properties", {}))
        assert facts.answer_max_items == raw["answer_max_items"]
        assert {name: p.python_name for name, p in facts.query.items()} == {
            name: p["python_name"] for name, p in raw["params"].items() if p["in"] == "query"
        }
    assert _rules.SIGNING.max_ahead_ms == derived_rules.SIGNING["max_ahead_ms"]
    assert _rules.TYPE_FIELDS.fields == tuple(derived_rules.TYPE_FIELDS["fields"])
    assert {code: (e.scope, e.meaning, e.message) for code, e in _rules.ERROR_CODES.items()} == {
        code: (e["scope"], e["meaning"], e["message"]) for code, e in derived_rules.ERROR_CODES.items()
    }
    with pytest.raises(TypeError):
        _rules.schema("OrderId")["pattern"] = "x"  # type: ignore[index]  # read-only: shared by client and sandbox


def _derive_module() -> ModuleType:
    found = importlib.util.spec_from_file_location("derive_under_test", ROOT / "openapi" / "derive.py")
    assert found is not None and found.loader is not None
    module = importlib.util.module_from_spec(found)
    found.loader.exec_module(module)
    return module


def test_the_error_codes_come_from_the_spec() -> None:
    """x-error-codes is derived as written, one code per (scope, meaning)."""
    table = {entry["code"]: entry for entry in SPEC["x-error-codes"]}
    assert {code: (e.scope, e.meaning, e.message) for code, e in _rules.ERROR_CODES.items()} == {
        code: (entry["scope"], entry["meaning"], entry["message"]) for code, entry in table.items()
    }
    assert _rules.error_code("smart-order", "not-found") == 25013
    assert _rules.codes_meaning("duplicate-client-order-id") == {21312, 25004}


def test_generation_requires_a_rule_in_words_for_every_pattern() -> None:
    """A pattern with no x-message (or one that is not a rule, "must ...") stops generation: errors state it."""
    derive = _derive_module()
    for schema in ({"type": "string", "pattern": "^a$"}, {"type": "string", "pattern": "^a$", "x-message": "An a."}):
        with pytest.raises(SystemExit, match="x-message"):
            derive.rules(schema)
    ruled = {"type": "string", "pattern": "^a$", "x-message": "must be a"}
    assert derive.rules({"type": "array", "items": ruled})["items"]["x-message"] == "must be a"


def test_generation_requires_the_meanings_the_client_and_the_sandbox_use() -> None:
    """openapi/derive.py's lists of required meanings are exactly what the client maps and the sandbox answers."""
    derive = _derive_module()
    assert set(derive.CLIENT_MEANINGS) == set(MEANING_ERRORS)
    source = ROOT / "wrapper" / "polo_smartorders" / "sandbox" / "_errors.py"
    asked = {
        tuple(ast.literal_eval(arg) for arg in call.args)
        for call in ast.walk(ast.parse(source.read_text()))
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "error_code"
    }
    assert asked == set(derive.SANDBOX_CODES)


def _mapped(status: int, code: int, message: str = "refused") -> type:
    return type(error_from_response(httpx.Response(status, json={"code": code, "message": message})))


def test_each_named_code_maps_to_the_class_of_its_meaning() -> None:
    """The client's error table: a code's meaning picks its class; a code of any other meaning goes by status."""
    for code, entry in _rules.ERROR_CODES.items():
        assert _mapped(400, code) is MEANING_ERRORS.get(entry.meaning, InvalidRequestError), (code, entry.meaning)
    by_class: dict[type, set[int]] = {}
    for code in _rules.ERROR_CODES:
        by_class.setdefault(_mapped(400, code), set()).add(code)
    # the mapping the client had before the table was the spec's (issue 18.5)
    assert by_class[NotFoundError] == {21301, 25013, 25014}
    assert by_class[DuplicateClientOrderIdError] == {21312, 25004}
    assert by_class[ServerError] == {500, 603, 21340, 24201}
    assert _mapped(400, 29999) is InvalidRequestError  # not named: by its status
    assert _mapped(503, 29999) is ServerError


def test_the_status_and_the_code_rank_as_before() -> None:
    """A 404 is not found whatever its code; a not-found or duplicate code beats a timestamp refusal, which beats a
    server code; a 5xx is a server error whatever an ordinary code says."""
    assert _mapped(404, 25004) is NotFoundError
    assert _mapped(408, 25013) is NotFoundError
    assert _mapped(400, 25004, "timestamp too far ahead") is DuplicateClientOrderIdError
    assert _mapped(408, 500) is TimestampRejectedError
    assert _mapped(400, 24201, "signTimestamp is ahead") is TimestampRejectedError
    assert _mapped(500, 25001) is ServerError
    assert _mapped(422, 21340) is ServerError
