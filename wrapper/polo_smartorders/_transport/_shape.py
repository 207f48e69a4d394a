"""Where an answer breaks the spec: the JSON path of the first value that does not fit the operation's 200 schema,
and that value, for InvalidResponseError (``$[3].state: expected a string, got 12.5``).

It runs only once the generated parser has refused an answer (an answer that parses costs nothing here), on the
schema the spec gives the answer (derived at ``make generate``). It checks what the generated models check: JSON
types, required fields, objects and arrays all the way down, and the patterns and enums the spec states. Values are
shown short (at most 40 characters); an answer holds no secret of the client's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any

__all__ = ["fault", "shown", "shown_text"]

#: The longest value a message shows, in characters.
SHOWN_MAX = 40

_TYPES: dict[str, str] = {
    "string": "a string",
    "integer": "an integer",
    "boolean": "true or false",
    "object": "an object",
    "array": "an array",
}


def _clip(text: str) -> str:
    return text if len(text) <= SHOWN_MAX else text[: SHOWN_MAX - 1] + "…"


def shown(value: object) -> str:
    """A JSON value as a message shows it: a string quoted, a number as written (``12.5``), true/false/null, an
    object or array as compact JSON; at most 40 characters."""
    if isinstance(value, str):
        return repr(_clip(value))
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int | Decimal):
        return _clip(str(value))
    return _clip(json.dumps(value, default=str, separators=(",", ":")))


def shown_text(content: bytes) -> str:
    """The start of an answer's body, as text (for an answer that is not JSON, or not the JSON expected)."""
    return repr(_clip(content[: SHOWN_MAX * 4].decode("utf-8", "replace").strip()))


@lru_cache(maxsize=64)
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text)


def _json_type(value: object) -> str | None:
    """The spec type a decoded JSON value has (a number with a fraction is a Decimal: never an integer)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return None  # null, or a number with a fraction


def fault(value: Any, schema: Mapping[str, Any], path: str = "$") -> str | None:
    """The first place ``value`` breaks ``schema``, as ``<path>: <what is wrong>``; None when it fits."""
    expected = schema.get("type") or ("object" if "properties" in schema else None)
    if expected is not None and _json_type(value) != expected:
        return f"{path}: expected {_TYPES.get(expected, expected)}, got {shown(value)}"
    if isinstance(value, dict):
        return _object_fault(value, schema, path)
    if isinstance(value, list):
        items = schema.get("items")
        for index, item in enumerate(value):
            found = fault(item, items, f"{path}[{index}]") if items is not None else None
            if found is not None:
                return found
        return None
    if "enum" in schema and value not in schema["enum"]:
        return f"{path}: {shown(value)} is not one of {', '.join(map(str, schema['enum']))}"
    if isinstance(value, str) and "pattern" in schema and _pattern(schema["pattern"]).search(value) is None:
        return f"{path}: {shown(value)} {schema.get('x-message') or 'does not match ' + schema['pattern']}"
    return None


def _object_fault(value: Mapping[str, Any], schema: Mapping[str, Any], path: str) -> str | None:
    required: Sequence[str] = schema.get("required", ())
    for name in required:
        if name not in value:
            return f"{path}.{name}: missing (a required field)"
    for name, sub in schema.get("properties", {}).items():
        if name in value:
            found = fault(value[name], sub, f"{path}.{name}")
            if found is not None:
                return found
    return None
