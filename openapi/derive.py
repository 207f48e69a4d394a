"""Derive the request rules of the spec into a Python module (``polo_smartorders_api/rules.py``), at generate time.

The wrapper's validators, its rate limits and retry kinds, its error classes, and the sandbox's request checks and
error codes all read that module (through ``polo_smartorders/_rules.py``, its one reader), so that a spec edit and
``make generate`` change them with no hand edit. ``python openapi/derive.py SPEC OUT``.
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
#: schema, as a plain ``default`` there would be sent by the generated models), and ``x-message`` (the rule a
#: ``pattern`` states, as a person reads it: errors say it instead of the pattern; every pattern must have one); others
#: (examples, formats) are left out.
KEYWORDS = (
    "type",
    "default",
    "x-default",
    "enum",
    "pattern",
    "x-message",
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

#: The x-error-codes meanings the client maps to an error class (``MEANING_ERRORS`` in polo_smartorders/_exceptions.py)
#: and the (scope, meaning) codes the sandbox answers with (polo_smartorders/sandbox/_errors.py): the spec must give a
#: code for each, or generation stops. tests/spec/test_spec.py checks that these lists and those modules agree.
CLIENT_MEANINGS = (
    "not-found",
    "cancel-not-found",
    "duplicate-client-order-id",
    "internal-error",
    "internal-timeout",
    "maintenance",
    "service-busy",
    "cancel-failed",
)
SANDBOX_CODES = (
    ("general", "internal-error"),
    ("general", "invalid-parameter"),
    ("general", "missing-parameter"),
    ("order", "invalid-time-in-force"),
    ("order", "stop-price-not-positive"),
    ("smart-order", "invalid-parameter"),
    ("smart-order", "duplicate-client-order-id"),
    ("smart-order", "invalid-order-id"),
    ("smart-order", "cancel-failed"),
    ("smart-order", "not-found"),
    ("smart-order", "cancel-not-found"),
    ("smart-order", "invalid-account-type"),
    ("smart-order", "invalid-symbol"),
)
ERROR_CODE_KEYS = ("code", "scope", "meaning", "message")


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
    if "pattern" in out and not str(out.get("x-message", "")).startswith("must "):
        raise SystemExit(
            f"pattern {out['pattern']!r}: give it an x-message stating the rule as a person reads it, "
            "starting with 'must ' (errors say it instead of the pattern)"
        )
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
    return {
        "OPERATIONS": operations,
        "SCHEMAS": schemas,
        "TYPE_FIELDS": type_fields(spec),
        "SIGNING": signing,
        "ERROR_CODES": error_codes(spec),
    }


def error_codes(spec: dict[str, Any]) -> dict[int, dict[str, str]]:
    """The root's ``x-error-codes``, by code: each code's scope, meaning and message. A code or a (scope, meaning)
    given twice, or a meaning the client or the sandbox relies on with no code, stops generation."""
    where = "x-error-codes"
    entries = spec.get(where)
    if not isinstance(entries, list) or not entries:
        raise SystemExit(f"{where}: missing or not a list of {{code, scope, meaning, message}} entries")
    out: dict[int, dict[str, str]] = {}
    by_key: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or sorted(entry) != sorted(ERROR_CODE_KEYS):
            raise SystemExit(f"{where}/{index}: an entry has exactly the keys {', '.join(ERROR_CODE_KEYS)}: {entry!r}")
        code = entry["code"]
        if isinstance(code, bool) or not isinstance(code, int):
            raise SystemExit(f"{where}/{index}: code must be an integer, got {code!r}")
        text = {key: entry[key] for key in ERROR_CODE_KEYS[1:]}
        if not all(isinstance(value, str) and value for value in text.values()):
            raise SystemExit(f"{where}/{index}: scope, meaning and message must be non-empty strings: {entry!r}")
        if code in out:
            raise SystemExit(f"{where}: code {code} is listed twice")
        key = (text["scope"], text["meaning"])
        if key in by_key:
            raise SystemExit(
                f"{where}: codes {by_key[key]} and {code} both mean {key[1]!r} in scope {key[0]!r}; "
                "a scope has one code per meaning (the sandbox answers with it)"
            )
        by_key[key] = code
        out[code] = text
    meanings = {text["meaning"] for text in out.values()}
    for meaning in CLIENT_MEANINGS:
        if meaning not in meanings:
            raise SystemExit(
                f"{where}: no code means {meaning!r}, which the client maps to an error class "
                "(polo_smartorders/_exceptions.py): add the exchange's code for it"
            )
    for scope, meaning in SANDBOX_CODES:
        if (scope, meaning) not in by_key:
            raise SystemExit(
                f"{where}: no {scope} code means {meaning!r}, which the sandbox answers with "
                "(polo_smartorders/sandbox/_errors.py): add the exchange's code for it"
            )
    return out


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


#: The type of each derived table whose keys are not strings.
ANNOTATIONS = {"ERROR_CODES": "dict[int, dict[str, str]]"}


def render(derived: dict[str, Any]) -> str:
    lines = [
        '"""Rules derived from openapi/smartorders.yaml by openapi/derive.py (`make generate`). Do not edit.',
        "",
        "Hand-written code reads them through polo_smartorders/_rules.py, typed; no other module imports this one.",
        '"""',
        "",
        "from typing import Any, Final",
        "",
    ]
    for name, value in derived.items():
        text = pprint.pformat(value, width=120, sort_dicts=False)
        lines += [f"{name}: Final[{ANNOTATIONS.get(name, 'dict[str, Any]')}] = {text}", ""]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    spec_path, out_path = argv
    spec = yaml.safe_load(Path(spec_path).read_text())
    refuse_numbers(spec)
    Path(out_path).write_text(render(derive(spec)))


if __name__ == "__main__":
    main(sys.argv[1:])
