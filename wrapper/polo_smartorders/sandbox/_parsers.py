"""Strict parsers of single JSON values and bodies: each refusal is a 400 that names the field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Final, TypeVar

from ._errors import INVALID_SYMBOL, SMART_INVALID_PARAMETER, SandboxError, invalid
from ._spec import SYMBOL, valid
from ._wire import parse_plain_decimal

T = TypeVar("T")
Parser = Callable[[str, object], T]

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


def decimal(*, positive: bool) -> Parser[Decimal]:
    """A parser of plain decimal strings (`0.5`, `100`), greater than 0 when `positive`."""

    def parse(name: str, raw: object) -> Decimal:
        text = string(name, raw)
        value = parse_plain_decimal(text)
        if value is None:
            raise invalid(name, f"'{text}' is not a plain decimal string")
        if positive and value <= 0:
            raise invalid(name, "must be greater than 0")
        return value

    return parse


def json_object(raw: object, what: str = "request body") -> Mapping[str, object]:
    """`raw` if it is a JSON object."""
    if not isinstance(raw, dict):
        raise SandboxError(400, SMART_INVALID_PARAMETER, f"Invalid {what}: a JSON object is expected")
    return raw
