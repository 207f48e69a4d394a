"""Derive the request rules of the spec into a Python module (``polo_smartorders_api/rules.py``), at generate time.

The wrapper's validators, its rate limits and retry kinds, and the sandbox's request checks all read that module,
so that a spec edit and ``make generate`` change them with no hand edit. ``python openapi/derive.py SPEC OUT``.
"""

from __future__ import annotations

import pprint
import sys
from pathlib import Path
from typing import Any

import yaml
from openapi_python_client.strings import PythonIdentifier

#: The JSON Schema keywords the validators interpret, and ``default`` / ``x-default`` (what the exchange assumes for a
#: parameter or field left out: the sandbox assumes it too, the history pager asks for it; ``x-default`` on an enum
#: schema, as a plain ``default`` there would be sent by the generated models); others (examples, formats) are left out.
KEYWORDS = (
    "type",
    "default",
    "x-default",
    "enum",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "items",
    "properties",
    "required",
    "additionalProperties",
    "description",
)
METHODS = ("get", "put", "post", "delete", "patch")


def resolve(spec: dict[str, Any], node: Any) -> Any:
    """``node`` with every ``$ref`` replaced by what it points to (the spec has no recursive schemas)."""
    if isinstance(node, list):
        return [resolve(spec, item) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return resolve(spec, target)
    return {key: resolve(spec, value) for key, value in node.items()}


def rules(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema reduced to the keywords the validators check; descriptions shortened to their first line."""
    out: dict[str, Any] = {}
    for key in KEYWORDS:
        if key not in schema:
            continue
        value = schema[key]
        if key == "items":
            value = rules(value)
        elif key == "properties":
            value = {name: rules(sub) for name, sub in value.items()}
        elif key == "additionalProperties" and isinstance(value, dict):
            value = rules(value)
        elif key == "description":
            value = " ".join(value.split())
        out[key] = value
    return out


def kind(method: str, operation: dict[str, Any]) -> str:
    """How safe the operation is to send twice: read (GET), place (x-places-orders) or cancel (any other)."""
    if operation.get("x-places-orders"):
        return "place"
    return "read" if method == "get" else "cancel"


def derive(spec: dict[str, Any]) -> dict[str, Any]:
    operations: dict[str, Any] = {}
    for path, item in spec["paths"].items():
        shared = item.get("parameters", [])
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            params: dict[str, Any] = {}
            for raw in [*shared, *operation.get("parameters", [])]:
                param = resolve(spec, raw)
                params[param["name"]] = {
                    "in": param["in"],
                    "required": bool(param.get("required", False)),
                    "python_name": str(PythonIdentifier(param["name"], prefix="field")),
                    "schema": rules(param["schema"]),
                }
            content = resolve(spec, operation.get("requestBody", {}))
            body = content.get("content", {}).get("application/json", {}).get("schema")
            operations[operation["operationId"]] = {
                "method": method.upper(),
                "path": path,
                "group": operation["x-rate-limit-group"],
                "rate_limit": operation.get("x-rate-limit"),
                "kind": kind(method, operation),
                # ``security: []`` on the operation: public, sent unsigned (no key, no signature)
                "signed": operation.get("security", spec.get("security")) != [],
                "body": None if body is None else rules(body),
                "body_required": bool(content.get("required", False)),
                # the most items a 200 answer's array may hold (None: no limit, or not an array)
                "answer_max_items": answer_max_items(spec, operation),
                "params": params,
            }
    schemas = {name: rules(resolve(spec, schema)) for name, schema in spec["components"]["schemas"].items()}
    schemes = spec["components"]["securitySchemes"]
    signing = {
        "max_ahead_ms": schemes["signTimestamp"]["x-max-ahead-ms"],
        "max_age_ms": schemes["signTimestamp"]["x-max-age-ms"],
        "recv_window_min_ms": schemes["recvWindow"]["x-minimum"],
        "recv_window_max_ms": schemes["recvWindow"]["x-maximum"],
    }
    return {"OPERATIONS": operations, "SCHEMAS": schemas, "TYPE_FIELDS": type_fields(spec), "SIGNING": signing}


def answer_max_items(spec: dict[str, Any], operation: dict[str, Any]) -> int | None:
    answer = resolve(spec, operation.get("responses", {}).get("200", {}))
    schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
    return schema.get("maxItems") if schema.get("type") == "array" else None


def refuse_numbers(node: Any, where: str = "#") -> None:
    """Money is text on this API: a ``type: number`` schema would reach users as a float, so it stops generation
    (write it as a decimal string, ``$ref: PositiveDecimal`` or a pattern)."""
    if isinstance(node, dict):
        if node.get("type") == "number":
            raise SystemExit(f"{where}: type: number would be parsed as a float; use a decimal string schema")
        for key, value in node.items():
            refuse_numbers(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            refuse_numbers(value, f"{where}/{index}")


def type_fields(spec: dict[str, Any]) -> dict[str, Any]:
    """SmartOrderType's ``x-type-fields``: the type-dependent ``fields``, and per order type (``types``) those it
    requires and those it takes (requires included). Every enum value must have its entry, naming only those fields."""
    schema = spec["components"]["schemas"]["SmartOrderType"]
    table = dict(schema.get("x-type-fields") or {})
    governed = table.pop("fields", [])
    if set(table) != set(schema["enum"]):
        raise SystemExit(
            f"SmartOrderType x-type-fields: entries {sorted(table)} do not match the enum {sorted(schema['enum'])}"
        )
    out: dict[str, Any] = {"fields": list(governed), "types": {}}
    for order_type in schema["enum"]:
        requires = list(table[order_type].get("requires", []))
        takes = requires + [name for name in table[order_type].get("takes", []) if name not in requires]
        unknown = sorted(set(takes) - set(governed))
        if unknown:
            raise SystemExit(f"SmartOrderType x-type-fields: {order_type} names {unknown}, not in its fields")
        out["types"][order_type] = {"requires": requires, "takes": takes}
    return out


def render(derived: dict[str, Any]) -> str:
    lines = [
        '"""Request rules derived from openapi/smartorders.yaml by openapi/derive.py (`make generate`). Do not edit."""',
        "",
        "from typing import Any, Final",
        "",
    ]
    for name, value in derived.items():
        text = pprint.pformat(value, width=120, sort_dicts=False)
        lines += [f"{name}: Final[dict[str, Any]] = {text}", ""]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    spec_path, out_path = argv
    spec = yaml.safe_load(Path(spec_path).read_text())
    refuse_numbers(spec)
    Path(out_path).write_text(render(derive(spec)))


if __name__ == "__main__":
    main(sys.argv[1:])
