"""The spec is valid, every operation is generated, and the generated models behave as the wrapper relies on."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from openapi_spec_validator import validate
from polo_smartorders_api import models
from polo_smartorders_api.api.smartorders import get_smart_order
from polo_smartorders_api.client import Client as GeneratedClient

SPEC_PATH = Path(__file__).resolve().parents[1] / "openapi" / "smartorders.yaml"
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
}


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def test_spec_is_valid_openapi() -> None:
    validate(SPEC)


def test_spec_has_exactly_the_nine_operations() -> None:
    found = {
        op["operationId"]: (method, path)
        for path, item in SPEC["paths"].items()
        for method, op in item.items()
        if method in ("get", "put", "post", "delete")
    }
    assert found == OPERATIONS


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_every_operation_is_generated(operation_id: str) -> None:
    tag = "public" if operation_id == "getServerTime" else "smartorders"
    module = importlib.import_module(f"polo_smartorders_api.api.{tag}.{snake(operation_id)}")
    for function in ("sync_detailed", "asyncio_detailed", "sync", "asyncio"):
        assert callable(getattr(module, function))
    method, path = OPERATIONS[operation_id]
    source = inspect.getsource(module._get_kwargs)
    assert f'"method": "{method}"' in source
    assert f'"url": "{path}"' in source


@pytest.mark.parametrize("operation_id", sorted(set(OPERATIONS) - {"getServerTime"}))
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
    with pytest.raises(ValueError):
        models.CreateSmartOrderRequest.from_dict({"symbol": "BTC_USDT", "side": "HOLD"})
    schema = SPEC["components"]["schemas"]
    for name in ("PositiveDecimal", "NonNegativeDecimal", "Offset"):
        assert schema[name]["type"] == "string"
        assert "pattern" in schema[name]
    for field in ("price", "stopPrice", "quantity", "amount"):
        assert schema["CreateSmartOrderRequest"]["properties"][field]["$ref"].endswith("Decimal")


def test_unset_fields_print_readably() -> None:
    """The custom types.py template: an unset optional field shows as UNSET, not an object address."""
    order = models.SmartOrder.from_dict(SPEC["components"]["examples"]["SmartOrderPending"]["value"])
    assert "triggered_order=UNSET" in repr(order)
    assert " object at 0x" not in repr(order)
