"""Strict parsers of single JSON values and bodies: each refusal is a 400 that names the field."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Final

from .._exceptions import ValidationError
from ._errors import INVALID_SYMBOL, SMART_INVALID_PARAMETER, SandboxError, invalid
from ._spec import PRICE, SYMBOL, valid

NO_BODY: Final = object()
"""Stands for "no request body was sent" (a JSON `null` body is None, and is refused)."""


def string(name: str, raw: object) -> str:
    """`raw` if it is a JSON string; JSON numbers, booleans and null are refused, never coerced."""
    if not isinstance(raw, str):
        kind = "null" if raw is None else type(raw).__name__
        raise invalid(name, f"a string is expected, got {kind}")
    return raw


def symbol(name: str, raw: object) -> str:
    """A market symbol as the spec's Symbol schema has it; any well-formed symbol is a market in the sandbox."""
    text = string(name, raw)
    if not valid(SYMBOL, text):
        raise invalid(name, f"'{text}' is not a symbol like BTC_USDT", INVALID_SYMBOL)
    return text


def price(name: str, raw: object) -> Decimal:
    """A market price: a plain decimal string greater than 0 as long as the spec lets an amount be, or a JSON number
    (int or Decimal) that writes out as one; its size is checked before anything is stored or written out."""
    if isinstance(raw, bool) or not isinstance(raw, str | int | Decimal):
        kind = "null" if raw is None else type(raw).__name__
        raise invalid(name, f"a decimal string or number is expected, got {kind}")
    try:
        text: str = PRICE(raw, name)
    except ValidationError as error:
        raise invalid(name, error.rule) from None
    return Decimal(text)


def json_object(raw: object, what: str = "request body") -> Mapping[str, object]:
    """`raw` if it is a JSON object."""
    if not isinstance(raw, dict):
        raise SandboxError(400, SMART_INVALID_PARAMETER, f"Invalid {what}: a JSON object is expected")
    return raw
