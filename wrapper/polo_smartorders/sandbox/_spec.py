"""The sandbox's request checks, read from the spec's derived rules (through ``polo_smartorders._rules``).

Which fields and query parameters an operation takes, their enums, patterns, limits, nested objects and defaults all
come from the spec, so a new field is accepted with no sandbox edit, and what the spec says the exchange assumes for a
parameter or field left out (its ``default``) is assumed here too. What is hand-written here is the exchange's choice
of error code per field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from .._exceptions import ValidationError
from .._rules import OPERATIONS, SCHEMAS, TOLERATED, operation
from .._schema import Check, ObjectCheck, compile_check
from ._errors import (
    INVALID_ACCOUNT_TYPE,
    INVALID_ORDER_ID,
    INVALID_SYMBOL,
    INVALID_TIME_IN_FORCE,
    SMART_INVALID_PARAMETER,
    STOP_PRICE_NOT_POSITIVE,
    SandboxError,
    invalid,
    missing,
)

#: The exchange's error code for a malformed value, by field (every other field: 25001).
_CODES = {
    "symbol": INVALID_SYMBOL,
    "symbols": INVALID_SYMBOL,
    "timeInForce": INVALID_TIME_IN_FORCE,
    "accountType": INVALID_ACCOUNT_TYPE,
    "accountTypes": INVALID_ACCOUNT_TYPE,
    "orderIds": INVALID_ORDER_ID,
    "from": INVALID_ORDER_ID,
}
_INTEGER = re.compile(r"-?[0-9]{1,20}")
_ZERO = re.compile(r"[0-9]+(\.[0-9]+)?")

_BODIES = {op_id: ObjectCheck.of(op.body) for op_id, op in OPERATIONS.items() if op.body is not None}
#: The spec's ``default`` of each body field and query parameter that has one, by operation: what the exchange assumes.
_BODY_DEFAULTS = {
    op_id: {name: sub["default"] for name, sub in (op.body or {}).get("properties", {}).items() if "default" in sub}
    for op_id, op in OPERATIONS.items()
}
_QUERY_DEFAULTS = {
    op_id: {name: param.schema["default"] for name, param in op.query.items() if "default" in param.schema}
    for op_id, op in OPERATIONS.items()
}
_QUERIES: dict[str, dict[str, tuple[str, Check]]] = {
    op_id: {name: (param.schema.get("type", "string"), compile_check(param.schema)) for name, param in op.query.items()}
    for op_id, op in OPERATIONS.items()
}


def assumed(schema: str) -> Any:
    """What the exchange assumes for a field of this enum schema left out (the spec's ``x-default``)."""
    return SCHEMAS[schema]["x-default"]


def query_default(operation_id: str, name: str) -> Any:
    """What the exchange assumes for a query parameter left out: the spec's ``default`` (None without one)."""
    return operation(operation_id).params[name].schema.get("default")


#: The fields a SmartOrder answer has: a request field of the same name is echoed there.
SMART_ORDER_FIELDS = frozenset(SCHEMAS["SmartOrder"]["properties"])
ORDER_ID = compile_check(SCHEMAS["OrderId"])
CLIENT_ORDER_ID = compile_check(SCHEMAS["ClientOrderId"])
#: The ``{id}`` path parameter (SmartOrderRef), the same on every operation that takes one.
PATH_REF = compile_check(operation("getSmartOrder").params["id"].schema)
SYMBOL = compile_check(SCHEMAS["Symbol"])
#: A market price (sandbox-only): an amount like an order's price, so the spec's PositiveDecimal, pattern and maxLength.
#: A Decimal or int is measured before it is written out, so `1e100000000` is refused, not expanded.
PRICE = compile_check(SCHEMAS["PositiveDecimal"], amounts=True)


def _refusal(error: ValidationError, value: object) -> SandboxError:
    nested = "." in error.field or "[" in error.field  # inside an object or list: the parameter is malformed
    if error.rule == "is required" and not nested:
        return missing(error.field)
    if error.rule.startswith("is not a field"):
        return invalid(error.field, "unknown parameter")
    if error.field == "stopPrice" and isinstance(value, str) and _ZERO.fullmatch(value) and Decimal(value) == 0:
        return SandboxError(
            400, STOP_PRICE_NOT_POSITIVE, f"Invalid parameter '{error.field}': stop price must be greater than 0"
        )
    return invalid(error.field, error.rule, _CODES.get(error.field, SMART_INVALID_PARAMETER))


def check_body(operation_id: str, body: Mapping[str, object]) -> Mapping[str, Any]:
    """The body, checked against the operation's request schema (unknown fields refused, objects and lists inside
    checked all the way down), with the spec's default of each field left out."""
    try:
        checked = _BODIES[operation_id].check(body)
    except ValidationError as error:
        raise _refusal(error, body.get(error.field)) from None
    return {**_BODY_DEFAULTS[operation_id], **checked}


def _typed(kind: str, name: str, text: str) -> object:
    """A query value as the type its schema says (integers in digits, booleans as true/false, lists comma-separated)."""
    if kind == "integer":
        if not _INTEGER.fullmatch(text):
            raise invalid(name, f"'{text}' is not an integer")
        return int(text)
    if kind == "boolean":
        if text not in ("true", "false"):
            raise invalid(name, f"'{text}' is not 'true' or 'false'")
        return text == "true"
    if kind == "array":
        return text.split(",")
    return text


def check_query(operation_id: str, pairs: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """The query parameters by name, typed and checked, with the spec's default of each one left out; an unknown or
    repeated name, or a required one left out, is a 400."""
    allowed = _QUERIES[operation_id]
    params: dict[str, Any] = {}
    for name, text in pairs:
        if name not in allowed:
            if TOLERATED.unknown_query_ignored:  # as the exchange does (the spec's x-unknown-query)
                continue
            raise invalid(name, "unknown query parameter")
        if name in params:
            raise invalid(name, "given more than once")
        kind, check = allowed[name]
        try:
            params[name] = check(_typed(kind, name, text), name)
        except ValidationError as error:
            raise _refusal(error, text) from None
    for name, param in operation(operation_id).query.items():
        if param.required and name not in params:
            raise missing(name)
    return {**_QUERY_DEFAULTS[operation_id], **params}


def valid(check: Check, value: object) -> bool:
    try:
        check(value, "")
    except ValidationError:
        return False
    return True
