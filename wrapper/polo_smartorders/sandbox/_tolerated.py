"""What the sandbox takes beyond the spec's strict rules because the live exchange does (the spec's x-tolerated and
x-unknown-query, read through ``polo_smartorders._rules.TOLERATED``).

A tolerated value is turned into its strict form before the strict checks run, so everything after them (the order
stored, its answers) sees only strict values: a JSON number becomes its exact decimal text (``110.0`` is ``"110.0"``:
the body's numbers were decoded as Decimal, never float), an enum value in another case becomes the enum's value.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from .._exceptions import ValidationError
from .._rules import OPERATIONS, TOLERATED
from .._schema import decimal_text
from ._errors import invalid


def strict(operation_id: str, body: Mapping[str, object]) -> Mapping[str, object]:
    """``body`` with each tolerated value of the operation in its strict form; other values are left to the checks."""
    table = TOLERATED.fields(operation_id)
    if not table or not any(name in body for name in table):
        return body
    properties = (OPERATIONS[operation_id].body or {}).get("properties", {})
    out = dict(body)
    for name, words in table.items():
        value = out.get(name)
        if "number" in words and isinstance(value, int | Decimal) and not isinstance(value, bool):
            try:  # measured before it is written out: 1e100000000 is refused, not expanded
                out[name] = decimal_text(name, value, properties[name].get("maxLength"))
            except ValidationError as error:
                raise invalid(name, error.rule) from None
        elif "any-case" in words and isinstance(value, str) and value.isascii():  # "\u017fell" is not "sell"
            upper = value.upper()
            out[name] = next((known for known in properties[name]["enum"] if known.upper() == upper), value)
    return out


def ignores_unknown_query() -> bool:
    """Whether a query parameter an operation does not document is ignored, as the exchange does (else refused)."""
    return TOLERATED.unknown_query_ignored
