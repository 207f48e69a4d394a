"""Argument checks run before anything is sent. Each failure names the argument and the rule it broke."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import TypeAlias

from ._exceptions import ValidationError

#: What an amount argument may be: never a float.
Amount: TypeAlias = str | Decimal | int

MAX_DECIMAL_LENGTH = 40
_PLAIN_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")
_SYMBOL = re.compile(r"[A-Z0-9]{1,20}_[A-Z0-9]{1,20}")


def decimal_string(field: str, value: object, *, positive: bool) -> str:
    """A plain decimal string (no sign, no exponent), > 0 if ``positive`` else >= 0. Floats are refused."""
    rule = "must be a decimal " + ("greater than 0" if positive else "of 0 or more")
    if isinstance(value, float):
        raise ValidationError(field, f"{rule} given as str or Decimal, not float ({value!r} is inexact)")
    if isinstance(value, bool) or not isinstance(value, str | Decimal | int):
        raise ValidationError(field, f"{rule} given as str or Decimal, got {type(value).__name__}")
    if isinstance(value, str):
        if not _PLAIN_DECIMAL.fullmatch(value):
            raise ValidationError(field, f"{rule} written as a plain decimal like '0.5', got {value!r}")
        text, number = value, Decimal(value)
    else:
        number = Decimal(value)
        if not number.is_finite():
            raise ValidationError(field, f"{rule}, got {value!r}")
        text = format(number.copy_abs() if number.is_zero() else number, "f")  # never "-0"
    if number < 0 or (positive and number == 0):
        raise ValidationError(field, f"{rule}, got {text!r}")
    if len(text) > MAX_DECIMAL_LENGTH:
        raise ValidationError(field, f"must be at most {MAX_DECIMAL_LENGTH} characters as a decimal, got {len(text)}")
    return text


def offset_string(field: str, value: object) -> str:
    """A positive decimal, or a positive decimal followed by ``%``."""
    if isinstance(value, str) and value.endswith("%"):
        number = decimal_string(field, value[:-1], positive=True)
        if len(number) == MAX_DECIMAL_LENGTH:
            raise ValidationError(field, f"must be at most {MAX_DECIMAL_LENGTH} characters with its '%'")
        return number + "%"
    return decimal_string(field, value, positive=True)


def choice(field: str, value: object, allowed: Sequence[str]) -> str:
    """One of the allowed enum values, exactly as the API spells it."""
    if not isinstance(value, str) or value not in allowed:
        raise ValidationError(field, f"must be one of {', '.join(allowed)}, got {value!r}")
    return value


def symbol(field: str, value: object) -> str:
    if not isinstance(value, str) or not _SYMBOL.fullmatch(value):
        raise ValidationError(field, f"must be an upper-case <BASE>_<QUOTE> symbol like 'BTC_USDT', got {value!r}")
    return value


def positive_int(field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError(field, f"must be an integer of 1 or more, got {value!r}")
    return value


def boolean(field: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(field, f"must be True or False, got {value!r}")
    return value


def millis(field: str, value: object) -> int:
    """Milliseconds since the epoch, from an int or an aware datetime."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValidationError(field, "a datetime must carry a timezone (naive datetimes are ambiguous)")
        return int(value.timestamp() * 1000)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(
            field, f"must be milliseconds since the epoch (int >= 0) or an aware datetime, got {value!r}"
        )
    return value


def one_or_many(field: str, value: object, check: Callable[[str, object], str]) -> list[str]:
    """A single value or a non-empty list of them, each checked."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not items:
        raise ValidationError(field, f"must be a string or a non-empty list of strings, got {value!r}")
    return [check(field, item) for item in items]


def id_list(field: str, value: object, check: Callable[[object, str], str]) -> list[str]:
    """A non-empty list of ids (a bare string is refused: it is almost always a forgotten list)."""
    if isinstance(value, str) or not isinstance(value, list | tuple) or not value:
        raise ValidationError(field, f"must be a non-empty list of ids, got {value!r}")
    return [check(item, field) for item in value]


def decimal_or_none(field: str, value: object, *, positive: bool) -> str | None:
    return None if value is None else decimal_string(field, value, positive=positive)
