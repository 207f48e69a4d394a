"""The one reader of the spec's derived rules (``polo_smartorders_api.rules``, written by ``make generate``).

Every fact the client and the sandbox take from the spec comes through here, typed and read-only: per operation its
method, path, signing, retry kind, rate-limit group and limit, parameters, body schema and answer limits; the signing
bounds; the schemas; the fields of each order type; the exchange's named error codes. No other hand-written module
imports the derived module (tests/spec/test_spec.py checks), so a change of its layout is an edit here only.

This module imports nothing of the package: every other module, ``_exceptions`` included, may import it.
"""

from __future__ import annotations

import enum
import re
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
    "TOLERATED",
    "TYPE_FIELDS",
    "ErrorCode",
    "Kind",
    "OperationRules",
    "ParamRules",
    "Schema",
    "SigningRules",
    "Tolerated",
    "TypeFields",
    "TypeRule",
    "answer_fields",
    "codes_meaning",
    "describe",
    "enum_values",
    "error_code",
    "field",
    "marks",
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
    deprecated: bool = False
    """The spec marks it deprecated (on the parameter or its schema): using it warns."""


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
    answer: Schema | None = None
    """The 200 answer's schema (an answer that breaks it is named by JSON path); None: the spec gives none."""

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
        name: ParamRules(
            name, p["in"], bool(p["required"]), p["python_name"], _frozen(p["schema"]), bool(p.get("deprecated"))
        )
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
        answer=None if raw.get("answer") is None else _frozen(raw["answer"]),
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

#: For each operation that places orders: the found order's (SmartOrder's) field each request body field is compared
#: with when a lost answer is looked up, None where answers do not show it (the spec's x-answer-fields: ``fields``),
#: and where an order type's answers differ (its x-type-fields ``answers``: ``types``).
_ANSWER_FIELDS: Final[Mapping[str, Mapping[str, Any]]] = _frozen(_derived.ANSWER_FIELDS)


@dataclass(frozen=True, slots=True)
class Tolerated:
    """What the live exchange takes beyond the spec's strict rules (x-unknown-query, x-tolerated): the sandbox takes
    it too; the client never sends it."""

    unknown_query_ignored: bool
    """Whether a query parameter an operation does not document is ignored (else refused)."""
    bodies: Mapping[str, Mapping[str, frozenset[str]]]
    """operationId -> body field -> what it also takes: ``number`` (a JSON number), ``any-case`` (an enum value)."""

    def fields(self, operation_id: str) -> Mapping[str, frozenset[str]]:
        """The tolerated body fields of one operation (empty when it has none)."""
        return self.bodies.get(operation_id, MappingProxyType({}))


TOLERATED: Final = Tolerated(
    unknown_query_ignored=_derived.TOLERATED["unknown_query"] == "ignore",
    bodies=MappingProxyType(
        {
            op_id: MappingProxyType({name: frozenset(words) for name, words in table.items()})
            for op_id, table in _derived.TOLERATED["bodies"].items()
        }
    ),
)


def answer_fields(operation_id: str, order_type: object = None) -> Mapping[str, str | None]:
    """The request field -> found order's field map of an operation that places orders (empty for any other); with
    ``order_type``, for a found order of that type (a trailing order's stopPrice is its activationPrice)."""
    table = _ANSWER_FIELDS.get(operation_id)
    if table is None:
        return MappingProxyType({})
    differs = table["types"].get(order_type) if isinstance(order_type, str) else None
    return table["fields"] if differs is None else MappingProxyType({**table["fields"], **differs})


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


def field(operation_id: str, wire: str) -> tuple[Schema, bool, bool]:
    """One parameter or body field of an operation, by wire name: its schema, whether the spec requires it, and
    whether it marks it deprecated (KeyError when the operation has no such field)."""
    op = OPERATIONS[operation_id]
    if wire in op.params:
        param = op.params[wire]
        return param.schema, param.required, param.deprecated
    body = op.body or {}
    sub = body.get("properties", {})[wire]
    return sub, wire in body.get("required", ()), bool(sub.get("deprecated"))


def _span(low: object, high: object, unit: str = "") -> str | None:
    """``1 to 100``, ``at least 1 item``, ``at most 40 characters`` (None: no limit)."""
    if low is not None and high is not None:
        return f"{low} to {high}{unit}"
    number = low if low is not None else high
    if number is None:
        return None
    word = "at least" if low is not None else "at most"
    return f"{word} {number}{unit.removesuffix('s') if number == 1 else unit}"


def describe(operation_id: str, wire: str) -> str:
    """What the spec says of one parameter or body field, as a person reads it, for docstrings and the CLI's help:
    required or optional, deprecated, its values, limits and rule, and its ``default``.

    ``describe("listSmartOrderHistory", "limit")`` -> ``"optional; 1 to 2147483647; default 100"``.
    """
    schema, required, deprecated = field(operation_id, wire)
    each = schema.get("items") if schema.get("type") == "array" else None
    value = each if each is not None else schema
    facts = ["required" if required else "optional"]
    if deprecated:
        facts.append("deprecated by the exchange")
    facts += [fact for fact in [_span(schema.get("minItems"), schema.get("maxItems"), " items")] if fact]
    facts += [
        f"each {fact}" if each is not None else fact
        for fact in (
            f"one of {', '.join(map(str, value['enum']))}" if "enum" in value else None,
            _span(value.get("minimum"), value.get("maximum")),
            # a pattern's rule in words states its lengths too
            value.get("x-message") or _span(value.get("minLength"), value.get("maxLength"), " characters"),
        )
        if fact
    ]
    if "default" in schema:
        facts.append(f"default {schema['default']!r}")
    return "; ".join(facts)


def marks(operation_id: str, name: str) -> str:
    """What the CLI's help marks a parameter or body field with: ``required``, ``deprecated by the exchange``, both,
    or "" (neither, or no such field). ``name`` is its wire name or that name in snake_case (``time_in_force``)."""
    op = OPERATIONS[operation_id]
    for wire in [*op.params, *op.body_fields]:
        if name in (wire, re.sub(r"(?<!^)(?=[A-Z])", "_", wire).lower()):
            _, required, deprecated = field(operation_id, wire)
            return ", ".join(
                word for word, on in (("required", required), ("deprecated by the exchange", deprecated)) if on
            )
    return ""
