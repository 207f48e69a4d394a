"""Each operation as the client sends it: the spec's facts about it (``_rules``) with its checks compiled.

Rate-limit group, retry kind, answer limits, the body's checks and the query parameters' checks come from the spec
(``make generate``), so an API change needs no edit here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from polo_smartorders_api.types import UNSET

from . import _rules
from ._exceptions import ValidationError
from ._rules import Kind
from ._schema import Check, ObjectCheck, compile_check, deprecated


@dataclass(frozen=True)
class Param:
    """One query parameter: the generated endpoint's keyword for it, its check, and what the spec says of it."""

    python_name: str
    check: Check
    required: bool = False
    deprecated: bool = False


@dataclass(frozen=True)
class Operation:
    """One operation of the spec as the client sends it."""

    operation_id: str
    group: str
    kind: Kind
    body: ObjectCheck | None
    query: Mapping[str, Param]
    unset: Mapping[str, Any]
    #: The most items a 200 answer's array may hold (None: no limit, or not an array).
    answer_max_items: int | None = None

    def body_of(
        self, fields: Mapping[str, object], names: Mapping[str, str], extra: Mapping[str, object] | None
    ) -> dict[str, Any]:
        """The checked JSON body from the named fields (wire name -> value, None = not sent) and ``extra_body``."""
        assert self.body is not None
        wire = {key: value for key, value in fields.items() if value is not None}
        if extra:
            _merge(wire, extra, names, "extra_body")
        return self.body.check(wire, names)

    def query_of(
        self, fields: Mapping[str, object], names: Mapping[str, str], extra: Mapping[str, object] | None
    ) -> dict[str, Any]:
        """The generated endpoint's keyword arguments from the named query fields (wire names) and ``extra_query``."""
        wire = {key: value for key, value in fields.items() if value is not None}
        if extra:
            _merge(wire, extra, names, "extra_query")
        kwargs = dict(self.unset)  # a parameter not given is not sent (never the generator's default)
        for key, value in wire.items():
            param = self.query.get(key)
            if param is None:
                known = ", ".join(self.query)
                raise ValidationError(names.get(key, key), f"is not a query parameter of this request ({known})")
            if param.deprecated:
                deprecated(key, names.get(key))
            kwargs[param.python_name] = param.check(value, names.get(key, key))
        for key, param in self.query.items():
            if param.required and key not in wire:
                raise ValidationError(names.get(key, key), "is required")
        return kwargs


def _merge(wire: dict[str, object], extra: Mapping[str, object], names: Mapping[str, str], what: str) -> None:
    if not isinstance(extra, Mapping):
        raise ValidationError(what, f"must be a mapping of wire names to values, got {type(extra).__name__}")
    for key, value in extra.items():
        if key in names:
            raise ValidationError(key, f"has a named parameter: pass {names[key]}= instead of {what}")
        if value is not None:
            wire[key] = value


def operation(operation_id: str) -> Operation:
    """The spec's operation ``operation_id``, its checks compiled (string fields also take Decimal amounts)."""
    rules = _rules.operation(operation_id)
    query = {
        name: Param(
            param.python_name, compile_check(param.schema, amounts=True, warn=True), param.required, param.deprecated
        )
        for name, param in rules.query.items()
    }
    body = None if rules.body is None else ObjectCheck.of(rules.body, amounts=True, warn=True)
    unset = {param.python_name: UNSET for param in query.values()}
    return Operation(operation_id, rules.group, rules.kind, body, query, unset, rules.answer_max_items)
