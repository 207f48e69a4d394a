"""The one reader of the spec's derived rules (``polo_smartorders_api.rules``, written by ``make generate``).

Every fact the client and the sandbox take from the spec comes through here, typed and read-only: per operation its
method, path, signing, retry kind, rate-limit group and limit, parameters, body schema and answer limits; the signing
bounds; the schemas; the fields of each order type; the exchange's named error codes. No other hand-written module
imports the derived module (tests/spec/test_spec.py checks), so a change of its layout is an edit here only.

This module imports nothing of the package: every other module, ``_exceptions`` included, may import it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final, TypeAlias

from polo_smartorders_api import rules as _derived

__all__ = [
    "ERROR_CODES",
    "OPERATIONS",
    "SCHEMAS",
    "SIGNING",
    "TYPE_FIELDS",
    "ErrorCode",
    "Kind",
    "OperationRules",
    "ParamRules",
    "Schema",
    "SigningRules",
    "TypeFields",
    "TypeRule",
    "codes_meaning",
    "enum_values",
    "error_code",
    "operation",
    "rate_limits",
    "schema",
]

#: A JSON Schema reduced to the keywords the validators check (openapi/derive.py's KEYWORDS); read-only, its lists
#: are tuples.
Schema: TypeAlias = Mapping[str, Any]


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({key: _frozen(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    return value


class Kind(enum.Enum):
    """How safe a request is to send twice (from the operation's method and x-places-orders)."""

    READ = "read"  # GET: no effect
    CANCEL = "cancel"  # DELETE: cancelling twice leaves the same state
    PLACE = "place"  # POST create, PUT cancel-replace: sending twice could place two orders


@dataclass(frozen=True, slots=True)
class ParamRules:
    """One parameter of an operation (query, path or header)."""

    name: str
    """Its name on the wire."""
    location: str
    """The spec's ``in``: query, path or header."""
    required: bool
    python_name: str
    """The generated endpoint's keyword for it."""
    schema: Schema


@dataclass(frozen=True, slots=True)
class OperationRules:
    """One operation of the spec."""

    operation_id: str
    method: str
    """Upper case: GET, POST, PUT, DELETE."""
    path: str
    """The spec's path, with ``{id}`` placeholders."""
    signed: bool
    """False for a public operation (``security: []``): sent with no key and no signature."""
    kind: Kind
    group: str
    """The client's name for it and its rate-limit bucket (x-rate-limit-group)."""
    rate_limit: int | None
    """The exchange's requests per second per account (x-rate-limit); None: not limited."""
    params: Mapping[str, ParamRules]
    body: Schema | None
    """The JSON request body's schema; None: the operation takes no body."""
    body_required: bool
    answer_max_items: int | None
    """The most items a 200 answer's array may hold; None: no limit, or the answer is not an array."""

    @property
    def query(self) -> Mapping[str, ParamRules]:
        """The query parameters, by wire name."""
        return {name: param for name, param in self.params.items() if param.location == "query"}

    @property
    def body_fields(self) -> frozenset[str]:
        """The wire names of the body's fields (none without a body)."""
        return frozenset(self.body.get("properties", {})) if self.body is not None else frozenset()


@dataclass(frozen=True, slots=True)
class SigningRules:
    """The exchange's bounds on signTimestamp and recvWindow (the spec's security schemes)."""

    max_ahead_ms: int
    """How far a signTimestamp may be ahead of the exchange's clock."""
    max_age_ms: int
    """How old a signTimestamp may be when no recvWindow is sent."""
    recv_window_min_ms: int
    recv_window_max_ms: int


@dataclass(frozen=True, slots=True)
class TypeRule:
    """What one order type does with the type-dependent fields."""

    requires: tuple[str, ...]
    takes: tuple[str, ...]
    """Every field it accepts, those it requires included."""


@dataclass(frozen=True, slots=True)
class TypeFields:
    """SmartOrderType's x-type-fields: the type-dependent fields, and each order type's rule for them."""

    fields: tuple[str, ...]
    types: Mapping[str, TypeRule]

    def takers(self, field: str) -> list[str]:
        """The order types that take ``field``, in the spec's order."""
        return [name for name, rule in self.types.items() if field in rule.takes]


@dataclass(frozen=True, slots=True)
class ErrorCode:
    """One of the exchange's named error codes (the spec's x-error-codes)."""

    code: int
    scope: str
    """The exchange's family of the code: general, order or smart-order."""
    meaning: str
    """What it says (not-found, duplicate-client-order-id, service-busy, ...): the client's error class follows it."""
    message: str


def _operation(operation_id: str, raw: Mapping[str, Any]) -> OperationRules:
    params = {
        name: ParamRules(name, p["in"], bool(p["required"]), p["python_name"], _frozen(p["schema"]))
        for name, p in raw["params"].items()
    }
    return OperationRules(
        operation_id=operation_id,
        method=raw["method"],
        path=raw["path"],
        signed=bool(raw["signed"]),
        kind=Kind(raw["kind"]),
        group=raw["group"],
        rate_limit=raw["rate_limit"],
        params=MappingProxyType(params),
        body=None if raw["body"] is None else _frozen(raw["body"]),
        body_required=bool(raw["body_required"]),
        answer_max_items=raw["answer_max_items"],
    )


#: Every operation of the spec, by operationId.
OPERATIONS: Final[Mapping[str, OperationRules]] = MappingProxyType(
    {operation_id: _operation(operation_id, raw) for operation_id, raw in _derived.OPERATIONS.items()}
)
#: Every schema of the spec's components, by name, ``$ref``s resolved.
SCHEMAS: Final[Mapping[str, Schema]] = _frozen(_derived.SCHEMAS)
SIGNING: Final = SigningRules(
    max_ahead_ms=_derived.SIGNING["max_ahead_ms"],
    max_age_ms=_derived.SIGNING["max_age_ms"],
    recv_window_min_ms=_derived.SIGNING["recv_window_min_ms"],
    recv_window_max_ms=_derived.SIGNING["recv_window_max_ms"],
)
TYPE_FIELDS: Final = TypeFields(
    fields=tuple(_derived.TYPE_FIELDS["fields"]),
    types=MappingProxyType(
        {
            name: TypeRule(tuple(rule["requires"]), tuple(rule["takes"]))
            for name, rule in _derived.TYPE_FIELDS["types"].items()
        }
    ),
)
#: The exchange's named error codes, by code.
ERROR_CODES: Final[Mapping[int, ErrorCode]] = MappingProxyType(
    {
        code: ErrorCode(code, entry["scope"], entry["meaning"], entry["message"])
        for code, entry in _derived.ERROR_CODES.items()
    }
)


def operation(operation_id: str) -> OperationRules:
    """The spec's operation ``operation_id`` (KeyError naming it when the spec has none)."""
    return OPERATIONS[operation_id]


def schema(name: str, *path: str) -> Schema:
    """The spec's schema ``name``, or with ``path`` one of its nested schemas: ``schema("ServerTime", "properties",
    "serverTime")``."""
    found = SCHEMAS[name]
    for key in path:
        found = found[key]
    return found


def enum_values(name: str) -> tuple[str, ...]:
    """The values of one of the spec's enum schemas."""
    return tuple(SCHEMAS[name]["enum"])


def rate_limits() -> dict[str, int]:
    """The exchange's per-account requests per second, by rate-limit group (operations without a limit left out)."""
    return {op.group: op.rate_limit for op in OPERATIONS.values() if op.rate_limit}


def codes_meaning(meaning: str) -> frozenset[int]:
    """Every named code of ``meaning``, in any scope."""
    return frozenset(code for code, entry in ERROR_CODES.items() if entry.meaning == meaning)


def error_code(scope: str, meaning: str) -> int:
    """The one code of ``meaning`` in ``scope`` (openapi/derive.py makes it unique, and present for every one the
    sandbox answers with)."""
    for code, entry in ERROR_CODES.items():
        if (entry.scope, entry.meaning) == (scope, meaning):
            return code
    raise KeyError(f"x-error-codes has no {scope} code meaning {meaning!r}")
