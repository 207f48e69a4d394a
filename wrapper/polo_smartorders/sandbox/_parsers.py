"""Strict parsers of single JSON values and bodies: each refusal is a 400 that names the field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Final, TypeVar

from ._errors import (
    INVALID_ORDER_ID,
    INVALID_SYMBOL,
    SMART_INVALID_PARAMETER,
    STOP_PRICE_NOT_POSITIVE,
    SandboxError,
    invalid,
)
from ._wire import CLIENT_ORDER_ID, ORDER_ID, SYMBOL, Offset, parse_plain_decimal

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


def enum(values: tuple[str, ...], code: int = SMART_INVALID_PARAMETER) -> Parser[str]:
    """A parser accepting exactly one of `values`."""

    def parse(name: str, raw: object) -> str:
        text = string(name, raw)
        if text not in values:
            raise invalid(name, f"'{text}' is not one of {', '.join(values)}", code)
        return text

    return parse


def symbol(name: str, raw: object) -> str:
    """A market symbol `<BASE>_<QUOTE>`; any well-formed symbol is a market in the sandbox."""
    text = string(name, raw)
    if not SYMBOL.fullmatch(text):
        raise invalid(name, f"'{text}' is not a symbol like BTC_USDT", INVALID_SYMBOL)
    return text


def client_order_id(name: str, raw: object) -> str:
    """1 to 64 characters of letters, digits, `_` and `-`."""
    text = string(name, raw)
    if not CLIENT_ORDER_ID.fullmatch(text):
        raise invalid(name, "1 to 64 characters of A-Z, a-z, 0-9, '_' and '-' expected")
    return text


def order_id(name: str, raw: object) -> str:
    """A numeric order id of 1 to 20 digits, kept as text."""
    text = string(name, raw)
    if not ORDER_ID.fullmatch(text):
        raise invalid(name, f"'{text}' is not a numeric order id", INVALID_ORDER_ID)
    return text


def decimal(*, positive: bool) -> Parser[Decimal]:
    """A parser of plain decimal strings (`0.5`, `100`), greater than 0 when `positive`."""

    def parse(name: str, raw: object) -> Decimal:
        text = string(name, raw)
        value = parse_plain_decimal(text)
        if value is None:
            raise invalid(name, f"'{text}' is not a plain decimal string of at most 40 characters")
        if positive and value <= 0:
            raise invalid(name, "must be greater than 0")
        return value

    return parse


def stop_price(name: str, raw: object) -> Decimal:
    """A positive decimal; zero gets the exchange's dedicated code 21347."""
    value = decimal(positive=False)(name, raw)
    if value <= 0:
        raise SandboxError(
            400, STOP_PRICE_NOT_POSITIVE, f"Invalid parameter '{name}': stop price must be greater than 0"
        )
    return value


def offset(name: str, raw: object) -> Offset:
    """A decimal greater than 0, optionally followed by `%`."""
    text = string(name, raw)
    parsed = Offset.parse(text)
    if parsed is None:
        raise invalid(name, f"'{text}' is not a positive decimal, optionally followed by '%'")
    return parsed


def boolean(name: str, raw: object) -> bool:
    """A JSON boolean (not the strings "true"/"false")."""
    if not isinstance(raw, bool):
        raise invalid(name, "a JSON boolean is expected")
    return raw


def json_object(raw: object, what: str = "request body") -> Mapping[str, object]:
    """`raw` if it is a JSON object."""
    if not isinstance(raw, dict):
        raise SandboxError(400, SMART_INVALID_PARAMETER, f"Invalid {what}: a JSON object is expected")
    return raw


def reject_unknown(body: Mapping[str, object], allowed: frozenset[str]) -> None:
    """Refuse any key the operation does not define (the exchange ignores nothing silently here)."""
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise invalid(unknown[0], "unknown parameter")


def optional(body: Mapping[str, object], name: str, parse: Parser[T]) -> T | None:
    """The parsed value of `name`, or None when the body does not have it."""
    return parse(name, body[name]) if name in body else None
