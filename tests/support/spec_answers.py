"""Answers checked against the spec with every response object closed (``additionalProperties: false``).

The spec keeps response objects open so that clients parse fields the exchange adds; the sandbox and the spec's own
examples, though, must send exactly what the spec declares: an undeclared (or removed) field fails, named.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "smartorders.yaml"


def load(path: Path = SPEC_PATH) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(path.read_text())
    return spec


def resolve(spec: dict[str, Any], node: Any) -> Any:
    """``node`` with every ``$ref`` replaced by its target."""
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


def closed(schema: Any) -> Any:
    """The schema with every object that lists properties refusing any other."""
    if isinstance(schema, list):
        return [closed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: closed(value) for key, value in schema.items()}
    if "properties" in out:
        out["additionalProperties"] = False
    return out


def errors(schema: dict[str, Any], value: Any) -> list[str]:
    """Every violation of ``schema`` by ``value``, each naming where it is (``[0].orderSource: ...``)."""
    validator = jsonschema.Draft4Validator(schema)
    found = []
    for error in validator.iter_errors(value):
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        found.append(f"{where or '.'}: {error.message}")
    return sorted(found)


@cache
def _responses(spec_path: Path) -> dict[str, dict[str, Any]]:
    spec = load(spec_path)
    found: dict[str, dict[str, Any]] = {}
    for item in spec["paths"].values():
        for method, operation in item.items():
            if method == "parameters":
                continue
            found[operation["operationId"]] = {
                status: closed(resolve(spec, response))["content"]["application/json"]["schema"]
                for status, response in resolve(spec, operation["responses"]).items()
                if "content" in response
            }
    return found


def answer_errors(operation_id: str, status: int, body: bytes, spec_path: Path = SPEC_PATH) -> list[str]:
    """What is wrong with an answer of ``operation_id``: an undeclared status, or a body off its closed schema."""
    declared = _responses(spec_path).get(operation_id)
    if declared is None:
        return []  # not an operation of the spec (the sandbox-only price endpoint)
    schema = declared.get(str(status))
    if schema is None:
        return [f"{operation_id} answered {status}, which the spec does not declare"]
    return [f"{operation_id} {status} {problem}" for problem in errors(schema, json.loads(body))]
