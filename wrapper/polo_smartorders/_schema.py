"""Validators compiled from the spec's request rules (read through ``_rules``, derived at generate time).

One interpreter for the JSON Schema keywords the spec uses (type, enum, pattern, min/maxLength, minimum/maximum,
min/maxItems, items, properties, required, additionalProperties, deprecated), shared by the client and the sandbox,
so that every request constraint the spec states is checked from the spec itself. Objects and lists are checked all
the way down: a failure is a ValidationError naming the field by its full path (``iceberg.refreshPct``,
``legs[1].price``) and the rule in words. openapi/derive.py refuses, at generation, any keyword not interpreted here.

Hand-written rather than a JSON Schema library: the checks also write amounts as text (never through a float), take
str and int subclasses as their plain values, and state every rule in words (a pattern's x-message), which a
library's messages would need translating for.
"""

from __future__ import annotations

import re
import sys
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ._exceptions import ValidationError

#: Checks one value for the field ``name`` and returns it (amounts turned into their wire text); raises on a violation.
Check = Callable[[object, str], Any]

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "boolean": (bool,),
    "number": (int, float, Decimal),
    "array": (list, tuple),
}
_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "boolean": "True or False",
    "number": "a number",
    "array": "a list",
}


#: The longest plain text an amount may be written as when its schema states no maxLength.
_MAX_AMOUNT_TEXT = 100


def decimal_text(name: str, value: object, max_length: int | None = None) -> object:
    """A Decimal or int for a string field, as the plain decimal text the API expects; a float is refused.

    The text's length is worked out from the digits and exponent first: ``Decimal('1E+999999999')`` is refused at
    once instead of being written out.
    """
    if isinstance(value, float):
        raise ValidationError(name, f"floats are refused: pass a str or Decimal, got float {value!r}")
    if not isinstance(value, Decimal | int) or isinstance(value, bool):
        return value
    limit = _MAX_AMOUNT_TEXT if max_length is None else max_length
    too_long = ValidationError(name, f"must be at most {limit} characters written as a plain decimal")
    if isinstance(value, int):
        if abs(value) >= 10**limit:
            raise too_long
        return str(value)
    if not value.is_finite():
        raise ValidationError(name, f"must be a finite number, got {value}")
    if value.is_zero():
        return "0"  # never "-0" nor "0E+5"
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    length = sign + (len(digits) + exponent if exponent >= 0 else max(len(digits), 1 - exponent) + 1)
    if length > limit:
        raise too_long
    return format(value, "f")


def _anchored(pattern: str) -> re.Pattern[str]:
    # JSON Schema's "$" matches only at the very end; Python's also before a final newline.
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def compile_check(schema: Mapping[str, Any], *, amounts: bool = False, warn: bool = False) -> Check:
    """A check for one value. With ``amounts``, a string field also takes a Decimal or int (sent as its text); with
    ``warn``, using a field the spec marks ``deprecated`` inside an object warns (see ``deprecated``)."""
    kind: str | None = schema.get("type")
    if kind == "object" or "properties" in schema:
        return ObjectCheck.of(schema, amounts=amounts, warn=warn).nested
    types = _TYPES.get(kind or "", (object,))
    enum = schema.get("enum")
    pattern = _anchored(schema["pattern"]) if "pattern" in schema else None
    # The rule a pattern states, as a person reads it (the spec's x-message; openapi/derive.py requires one).
    pattern_rule = schema.get("x-message") or "is not in the form the exchange takes"
    min_length, max_length = schema.get("minLength"), schema.get("maxLength")
    minimum, maximum = schema.get("minimum"), schema.get("maximum")
    min_items, max_items = schema.get("minItems"), schema.get("maxItems")
    items = compile_check(schema["items"], amounts=amounts, warn=warn) if "items" in schema else None
    coerce = amounts and kind == "string"

    def check(value: object, name: str) -> Any:
        # A subclass (a StrEnum, a str or int of your own) goes out as the plain value it holds.
        if isinstance(value, str) and type(value) is not str:
            value = str.__str__(value)
        elif isinstance(value, int) and not isinstance(value, bool) and type(value) is not int:
            value = int.__int__(value)
        if coerce:
            value = decimal_text(name, value, max_length)
        if not isinstance(value, types) or (isinstance(value, bool) and kind in ("integer", "number")):
            wanted = "a str or Decimal" if coerce else _NAMES.get(kind or "", f"a {kind}")
            raise ValidationError(name, f"must be {wanted}, got {type(value).__name__} {value!r}")
        if enum is not None and value not in enum:
            raise ValidationError(name, f"must be one of {', '.join(map(str, enum))}, got {value!r}")
        if isinstance(value, str):
            if max_length is not None and len(value) > max_length:
                raise ValidationError(name, f"must be at most {max_length} characters, got {len(value)}")
            if min_length is not None and len(value) < min_length:
                raise ValidationError(name, f"must be at least {min_length} characters, got {value!r}")
            if pattern is not None and not pattern.search(value):
                raise ValidationError(name, f"{pattern_rule}, got {value!r}")
        elif isinstance(value, list | tuple):
            if min_items is not None and len(value) < min_items:
                raise ValidationError(name, f"must be a list of at least {min_items} items, got {len(value)}")
            if max_items is not None and len(value) > max_items:
                raise ValidationError(name, f"must be a list of at most {max_items} items, got {len(value)}")
            if items is not None:
                return [_item(items, item, name, index) for index, item in enumerate(value)]
            return list(value)
        elif minimum is not None or maximum is not None:
            if minimum is not None and value < minimum:
                raise ValidationError(name, f"must be {minimum} or more, got {value!r}")
            if maximum is not None and value > maximum:
                raise ValidationError(name, f"must be {maximum} or less, got {value!r}")
        return value

    return check


def _item(check: Check, value: object, name: str, index: int) -> Any:
    """One list item, checked as ``name[index]``: a refused item says ``item <index>``, a refused field inside an
    item its full path (``legs[1].price``)."""
    at = f"{name}[{index}]"
    try:
        return check(value, at)
    except ValidationError as error:
        if error.field != at:
            raise
        raise ValidationError(name, f"item {index} {error.rule}") from None


def deprecated(wire: str, name: str | None = None) -> None:
    """Warn that the spec marks the field ``wire`` (its full wire path) deprecated: a DeprecationWarning at the
    first line of the caller outside this package, so the warnings filters show it once per call site."""
    argument = f" (argument {name})" if name and name != wire else ""
    warnings.warn(
        f"{wire!r}{argument} is deprecated by the exchange's API: it may be ignored or refused in a later version",
        DeprecationWarning,
        stacklevel=_outside_stacklevel(),
    )


def _outside_stacklevel() -> int:
    """The stacklevel of the first frame (from the one calling ``deprecated``'s caller) whose module is not
    this package's."""
    frame, level = sys._getframe(2), 2
    while frame.f_back is not None and frame.f_globals.get("__name__", "").split(".")[0] == __name__.split(".")[0]:
        frame, level = frame.f_back, level + 1
    return level


@dataclass(frozen=True)
class ObjectCheck:
    """The checks of a JSON object schema (a request body, or an object inside one): its fields, the required ones,
    and what it does with others (refused when closed, checked by ``extra`` when the schema gives one)."""

    fields: Mapping[str, Check]
    required: tuple[str, ...]
    closed: bool
    extra: Check | None = None
    #: The wire names of the fields the spec marks deprecated, when their use warns (else empty).
    deprecated_fields: frozenset[str] = frozenset()

    @classmethod
    def of(cls, schema: Mapping[str, Any], *, amounts: bool = False, warn: bool = False) -> ObjectCheck:
        properties = schema.get("properties", {})
        additional = schema.get("additionalProperties")
        return cls(
            fields={wire: compile_check(sub, amounts=amounts, warn=warn) for wire, sub in properties.items()},
            required=tuple(schema.get("required", ())),
            closed=additional is False,
            extra=compile_check(additional, amounts=amounts, warn=warn) if isinstance(additional, Mapping) else None,
            deprecated_fields=frozenset(w for w, sub in properties.items() if warn and sub.get("deprecated")),
        )

    def check(
        self, body: Mapping[str, object], names: Mapping[str, str] | None = None, path: str = ""
    ) -> dict[str, Any]:
        """The checked body (wire names); errors name a field by ``names[wire]`` when given (the Python name), else
        by its wire name after ``path`` (``iceberg.refreshPct`` for the object at ``iceberg``)."""
        shown = names or {}

        def name(wire: str) -> str:
            return shown.get(wire, f"{path}.{wire}" if path else wire)

        out: dict[str, Any] = {}
        for wire, value in body.items():
            field = self.fields.get(wire, self.extra)
            if wire in self.deprecated_fields and value is not None:
                deprecated(f"{path}.{wire}" if path else wire, shown.get(wire))
            if field is None:
                if self.closed:
                    raise ValidationError(
                        name(wire), f"is not a field of {path or 'this request'} ({', '.join(self.fields)})"
                    )
                out[wire] = value
            else:
                out[wire] = field(value, name(wire))
        for wire in self.required:
            if wire not in out:
                raise ValidationError(name(wire), "is required")
        return out

    def nested(self, value: object, name: str) -> dict[str, Any]:
        """The check of an object inside a body or list, ``name`` its path."""
        if not isinstance(value, Mapping):
            raise ValidationError(name, f"must be an object (a dict), got {type(value).__name__} {value!r}")
        return self.check(value, path=name)
