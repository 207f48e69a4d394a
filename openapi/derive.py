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
#: ``pattern`` states, as a person reads it: errors say it instead of the pattern; every pattern must have one), and
#: ``deprecated`` (the client warns when it is used; help marks it); others (examples, formats) are left out.
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
    "deprecated",
)
#: What else a schema may say: annotations (no rule to check) and the composition the derivation merges. Any other
#: keyword (oneOf, anyOf, not, if/then/else, const, patternProperties, nullable, ...) stops generation: the client and
#: the sandbox would silently not check it. Extensions (``x-...``) are free.
UNCHECKED = ("format", "example", "examples", "title", "allOf", "$ref")
#: Keywords whose value is itself a schema, or a list or a map of schemas, that the checks walk into.
SUBSCHEMAS = {"items": "one", "additionalProperties": "one", "allOf": "list", "properties": "map"}
#: allOf parts may disagree on these (the last part, and the wrapper's own keywords, win); on any other keyword they
#: must agree.
OVERRIDDEN = ("description", "example", "examples", "title", "deprecated", "default", "x-message")
#: The JSON types a schema may name (``number`` is refused: money is text on this API).
TYPES = ("string", "integer", "boolean", "array", "object")
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
    ("trading", "market-paused"),
    ("order", "price-scale"),
    ("order", "quantity-scale"),
    ("order", "amount-scale"),
    ("order", "below-min-quantity"),
    ("order", "below-min-amount"),
    ("market-data", "invalid-symbol"),
)
ERROR_CODE_KEYS = ("code", "scope", "meaning", "message")


def target(spec: dict[str, Any], ref: object, where: str) -> Any:
    """What the ``$ref`` at ``where`` points to; a dangling one stops generation naming ``where``."""
    found: Any = spec
    parts = ref.removeprefix("#/").split("/") if isinstance(ref, str) and ref.startswith("#/") else None
    for part in parts or [None]:
        if not isinstance(found, dict) or part not in found:
            raise SystemExit(f"{where}: $ref {ref!r} points to nothing in the spec")
        found = found[part]
    return found


def resolve(spec: dict[str, Any], node: Any, where: str = "#") -> Any:
    """``node`` with every ``$ref`` replaced by what it points to and every ``allOf`` merged into one schema (the
    spec has no recursive schemas)."""
    if isinstance(node, list):
        return [resolve(spec, item, f"{where}/{index}") for index, item in enumerate(node)]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return resolve(spec, target(spec, node["$ref"], where), node["$ref"])
    out = {key: resolve(spec, value, f"{where}/{key}") for key, value in node.items()}
    if "allOf" in out:
        parts = out.pop("allOf")
        out = merge([*parts, out], where)
    return out


def merge(parts: list[dict[str, Any]], where: str) -> dict[str, Any]:
    """An ``allOf``'s parts (resolved) as one schema: ``required`` lists and ``properties`` add up, annotations of a
    later part win (the wrapper's own ``description`` or ``deprecated`` beside a ``$ref``), and any other keyword
    the parts disagree on stops generation."""
    out: dict[str, Any] = {}
    for part in parts:
        for key, value in part.items():
            if key == "required":
                out[key] = [*out.get(key, []), *(name for name in value if name not in out.get(key, []))]
            elif key == "properties":
                merged = dict(out.get(key, {}))
                for name, sub in value.items():
                    if merged.setdefault(name, sub) != sub:
                        raise SystemExit(f"{where}/allOf: its parts define property {name!r} differently")
                out[key] = merged
            elif key in out and out[key] != value and key not in OVERRIDDEN:
                raise SystemExit(f"{where}/allOf: its parts disagree on {key} ({out[key]!r} and {value!r})")
            else:
                out[key] = value
    return out


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
            where = f"#/paths/{path.replace('/', '~1')}/{method}"
            for key in ("operationId", "x-rate-limit-group"):
                if key not in operation:
                    raise SystemExit(f"{where}: the operation has no {key}")
            if operation["operationId"] in operations:
                other = operations[operation["operationId"]]
                raise SystemExit(
                    f"{where}: operationId {operation['operationId']!r} is already {other['method']} {other['path']}'s"
                )
            params: dict[str, Any] = {}
            for raw in [*shared, *operation.get("parameters", [])]:
                param = resolve(spec, raw)
                if "schema" not in param:
                    raise SystemExit(f"{where}: parameter {param.get('name')!r} has no schema (the only form derived)")
                params[param["name"]] = {
                    "in": param["in"],
                    "required": bool(param.get("required", False)),
                    # on the parameter or its schema: either way, its use warns
                    "deprecated": bool(param.get("deprecated") or param["schema"].get("deprecated")),
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
                # the 200 answer's schema: a wrong answer's error names the JSON path that breaks it
                "answer": answer_schema(spec, operation),
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
        "TOLERATED": tolerated(spec),
        "ANSWER_FIELDS": answer_fields(spec),
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


def answer_schema(spec: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any] | None:
    answer = resolve(spec, operation.get("responses", {}).get("200", {}))
    schema = answer.get("content", {}).get("application/json", {}).get("schema")
    return None if schema is None else rules(schema)


#: The schema of an order as a lookup finds it (GET /smartorders/{id}): what a place call's fields are compared with.
FOUND_ORDER = "SmartOrder"


def answer_fields(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """For each operation that places orders (x-places-orders), the found order's field each request body field is
    compared with when its answer is lost (``fields``): its own name, else its ``x-answer-fields`` entry (false:
    answers do not show it, None here); and (``types``) what differs for an order of a type whose ``x-type-fields``
    entry says ``answers`` (a trailing order's stopPrice moves: its activationPrice keeps the one sent). A found order
    is taken as the call's only if every compared field matches, so a compared field the found order's schema lacks
    (renamed or removed), or no clientOrderId to look the order up by, stops generation."""
    shown = resolve(spec, spec["components"]["schemas"][FOUND_ORDER]).get("properties", {})
    by_type: dict[str, dict[str, Any]] = {}
    for order_type, entry in (spec["components"]["schemas"]["SmartOrderType"].get("x-type-fields") or {}).items():
        answers = (entry.get("answers") if isinstance(entry, dict) else None) or {}
        if not isinstance(answers, dict):
            raise SystemExit(
                f"SmartOrderType x-type-fields: {order_type} answers must map request fields to {FOUND_ORDER} fields"
            )
        by_type[order_type] = answers
    out: dict[str, dict[str, Any]] = {}
    bodies: set[str] = set()
    for path, item in spec["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict) or not operation.get("x-places-orders"):
                continue
            where = f"#/paths/{path.replace('/', '~1')}/{method} ({operation['operationId']})"
            content = resolve(spec, operation.get("requestBody", {})).get("content", {})
            fields = (content.get("application/json", {}).get("schema") or {}).get("properties", {})
            bodies.update(fields)
            if "clientOrderId" not in fields or "clientOrderId" not in shown:
                raise SystemExit(
                    f"{where}: x-places-orders without a clientOrderId strategy: its request body needs a "
                    f"clientOrderId field, and {FOUND_ORDER} one, so that a lost answer's order can be looked up "
                    "(else a retry could place it twice)"
                )
            declared = operation.get("x-answer-fields") or {}
            unknown = sorted(set(declared) - set(fields))
            if unknown:
                raise SystemExit(f"{where}: x-answer-fields names {unknown}, which its request body does not have")
            compared: dict[str, str | None] = {}
            for name in fields:
                answer = declared.get(name, name)
                if answer is False:
                    compared[name] = None
                elif not isinstance(answer, str) or answer not in shown:
                    raise SystemExit(
                        f"{where}: request field {name!r} is compared with a found order's {answer!r}, which "
                        f"{FOUND_ORDER} does not have: give x-answer-fields {{{name}: <its name in {FOUND_ORDER}>}}, "
                        "or false if answers do not show it"
                    )
                else:
                    compared[name] = answer
            types = {
                order_type: {
                    name: None if answer is False else answer for name, answer in answers.items() if name in fields
                }
                for order_type, answers in by_type.items()
            }
            out[operation["operationId"]] = {
                "fields": compared,
                "types": {key: value for key, value in types.items() if value},
            }
    for order_type, answers in by_type.items():
        where = f"SmartOrderType x-type-fields: {order_type} answers"
        unknown = sorted(set(answers) - bodies)
        if unknown:
            raise SystemExit(f"{where} names {unknown}, which no x-places-orders request body has")
        for name, answer in answers.items():
            if answer is not False and (not isinstance(answer, str) or answer not in shown):
                raise SystemExit(
                    f"{where} {name} as a found order's {answer!r}, which {FOUND_ORDER} does not have: give one of "
                    f"its fields, or false if answers do not show it"
                )
    return out


def answer_max_items(spec: dict[str, Any], operation: dict[str, Any]) -> int | None:
    answer = resolve(spec, operation.get("responses", {}).get("200", {}))
    schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
    return schema.get("maxItems") if schema.get("type") == "array" else None


def check_schemas(spec: dict[str, Any], node: Any, where: str = "#") -> None:
    """Every schema of the spec (``components/schemas`` and each ``schema`` of a parameter, body, answer or header)
    says only what the derivation understands, each error naming the schema's JSON pointer: a keyword it does not
    know, a ``$ref`` with keywords beside it (ignored by OpenAPI 3.0: wrap it in allOf) or pointing to nothing, and
    ``type: number`` (money is text on this API: a number would reach users as a float; write a decimal string).
    Examples are data, not schemas, and are skipped."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            check_schemas(spec, item, f"{where}/{index}")
    elif isinstance(node, dict):
        if "$ref" in node:
            target(spec, node["$ref"], where)
        for key, value in node.items():
            if key in ("example", "examples"):
                continue
            if key == "schema" or (where == "#/components" and key == "schemas"):
                items = value.items() if key == "schemas" else [("", value)]
                for name, schema in items:
                    check_schema(spec, schema, f"{where}/{key}/{name}".rstrip("/"))
            else:
                check_schemas(spec, value, f"{where}/{key}")


def check_schema(spec: dict[str, Any], schema: Any, where: str) -> None:
    """One schema (see check_schemas), and the schemas inside it."""
    if not isinstance(schema, dict):
        raise SystemExit(f"{where}: a schema must be a mapping, got {schema!r}")
    if "$ref" in schema:
        target(spec, schema["$ref"], where)
        if len(schema) > 1:
            raise SystemExit(
                f"{where}: {', '.join(sorted(set(schema) - {'$ref'}))} beside $ref is ignored by OpenAPI 3.0; "
                "write allOf: [{$ref: ...}] and put them beside the allOf"
            )
    for key in schema:
        if key not in KEYWORDS and key not in UNCHECKED and not key.startswith("x-"):
            raise SystemExit(
                f"{where}: schema keyword {key} is not understood by openapi/derive.py "
                "(the client and the sandbox would not check it): say it with the keywords in its KEYWORDS, or allOf"
            )
    if schema.get("type") == "number":
        raise SystemExit(f"{where}: type: number would be parsed as a float; use a decimal string schema")
    if "type" in schema and schema["type"] not in TYPES:
        raise SystemExit(f"{where}: type {schema['type']!r} is not one of {', '.join(TYPES)}")
    for sub, at in subschemas(schema, where):
        check_schema(spec, sub, at)


def subschemas(schema: dict[str, Any], where: str) -> list[tuple[Any, str]]:
    """The schemas directly inside ``schema`` (items, additionalProperties, allOf parts, properties), each with its
    JSON pointer."""
    found: list[tuple[Any, str]] = []
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            found.append((schema[key], f"{where}/{key}"))
    found += [(sub, f"{where}/allOf/{index}") for index, sub in enumerate(schema.get("allOf") or [])]
    found += [(sub, f"{where}/properties/{name}") for name, sub in (schema.get("properties") or {}).items()]
    return found


#: Why an answer's field may not have an enum.
ANSWER_ENUM = (
    "a value the exchange adds later would fail every answer carrying it; "
    "make it a plain string and list the known values in its description"
)


def refuse_answer_enums(spec: dict[str, Any]) -> None:
    """Answers stay open: an ``enum`` in a schema an answer uses (directly or through a ``$ref``) stops generation,
    naming the field, as a value the exchange adds later would fail every answer that carries it. The spec lists
    the known values in the field's description instead (SmartOrder's ``state``)."""
    seen: set[str] = set()

    def walk(schema: Any, where: str) -> None:
        if not isinstance(schema, dict):
            return
        if "$ref" in schema:
            ref = schema["$ref"]
            found = target(spec, ref, where)
            if "enum" in resolve(spec, found, ref):
                raise SystemExit(f"{where}: enum in an answer (from {ref}): {ANSWER_ENUM}")
            if ref not in seen:
                seen.add(ref)
                walk(found, ref)
            return
        if "enum" in schema:
            raise SystemExit(f"{where}: enum in an answer: {ANSWER_ENUM}")
        for sub, at in subschemas(schema, where):
            walk(sub, at)

    for path, item in spec["paths"].items():
        for method in METHODS:
            for status, answer in item.get(method, {}).get("responses", {}).items():
                where = f"#/paths/{path.replace('/', '~1')}/{method}/responses/{status}"
                if "$ref" in answer:
                    where, answer = answer["$ref"], target(spec, answer["$ref"], where)
                for media, content in answer.get("content", {}).items():
                    walk(content.get("schema"), f"{where}/content/{media.replace('/', '~1')}/schema")


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


#: What a request body field may also be given as (x-tolerated), and what a field must be to take it.
TOLERANCES = {"number": "a decimal string (a string with a pattern)", "any-case": "an enum"}
#: What the exchange may do with a query parameter an operation does not document (x-unknown-query).
UNKNOWN_QUERY = ("ignore", "refuse")


def tolerated(spec: dict[str, Any]) -> dict[str, Any]:
    """What the live exchange takes beyond the strict rules: the root's ``x-unknown-query`` (default refuse) and, per
    operation, its request body's ``x-tolerated`` (field -> [number | any-case]). A word, a field or a field of the
    wrong kind that the sandbox could not honour stops generation."""
    unknown_query = spec.get("x-unknown-query", "refuse")
    if unknown_query not in UNKNOWN_QUERY:
        raise SystemExit(f"x-unknown-query: one of {', '.join(UNKNOWN_QUERY)}, got {unknown_query!r}")
    bodies: dict[str, dict[str, list[str]]] = {}
    for item in spec["paths"].values():
        for method in METHODS:
            operation = item.get(method)
            content = resolve(spec, (operation or {}).get("requestBody", {}))
            body = content.get("content", {}).get("application/json", {}).get("schema") or {}
            table = body.get("x-tolerated")
            if table is None:
                continue
            where = f"{operation['operationId']} request body x-tolerated"
            if not isinstance(table, dict):
                raise SystemExit(f"{where}: a mapping of field -> list of {', '.join(TOLERANCES)}")
            for name, words in table.items():
                field = body.get("properties", {}).get(name)
                if field is None:
                    raise SystemExit(f"{where}: {name!r} is not a field of the body")
                if not isinstance(words, list) or not words:
                    raise SystemExit(f"{where}: {name}: a list of {', '.join(TOLERANCES)}, got {words!r}")
                for word in words:
                    fits = {"number": field.get("type") == "string" and "pattern" in field, "any-case": "enum" in field}
                    if word not in TOLERANCES or not fits[word]:
                        raise SystemExit(f"{where}: {name} takes {word!r}? one of {TOLERANCES} (for what it names)")
            bodies[operation["operationId"]] = {name: list(words) for name, words in table.items()}
    return {"unknown_query": unknown_query, "bodies": bodies}


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
    check_schemas(spec, spec)
    refuse_answer_enums(spec)
    Path(out_path).write_text(render(derive(spec)))


if __name__ == "__main__":
    main(sys.argv[1:])
