"""Contains some shared types for properties"""

import json
import re
from collections.abc import Mapping, MutableMapping
from decimal import Decimal
from http import HTTPStatus
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Generic, Literal, TypeVar

if TYPE_CHECKING:
    import httpx

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"

    def __reduce__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except (
        ArithmeticError
    ):  # an exponent beyond Decimal's range: 1e99999999999999999999
        raise ValueError(f"the number {text[:40]!r} is out of range") from None


def json_of(response: "httpx.Response") -> Any:
    """The answer's JSON: a number with a fraction or exponent as an exact Decimal, NaN and Infinity refused.
    A number out of range raises ValueError, as any other answer that is not this API's JSON does."""
    return json.loads(
        response.content, parse_float=_decimal, parse_constant=_no_constant
    )


class ExactDecimal(Decimal):
    """An amount read from an answer: a Decimal that keeps the exact text it was read from (``text``), which
    ``to_dict()`` writes back byte for byte ("0.10" stays "0.10"). An empty text reads as 0. Arithmetic on it gives
    plain Decimals."""

    __slots__ = ("_text",)
    _text: str

    def __new__(cls, text: str) -> "ExactDecimal":
        value = Decimal.__new__(cls, text or "0")
        object.__setattr__(value, "_text", text)
        return value

    @property
    def text(self) -> str:
        """The exact text the exchange sent (read-only: one ExactDecimal is shared by every answer with that text)."""
        return self._text

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(
            f"an ExactDecimal cannot be changed (tried to set {name!r})"
        )

    def __reduce__(self) -> tuple[type["ExactDecimal"], tuple[str]]:
        return (ExactDecimal, (self._text,))


#: The spec's decimal schemas by name: the pattern an answer's text must match, and the rule as a person reads it.
DECIMAL_SCHEMAS: dict[str, tuple[re.Pattern[str], str]] = {
    "Decimal": (
        re.compile("^([0-9]+(\\.[0-9]+)?)?$"),
        "must be a plain decimal (digits, then optionally a point and digits), or empty",
    ),
    "SignedDecimal": (
        re.compile("^-?[0-9]+(\\.[0-9]+)?$"),
        "must be a plain decimal, optionally negative (a sign, digits, then optionally a point and digits)",
    ),
}


#: Amounts already read, by schema and text: the same few texts ("0", "", a market's prices) recur in every list of
#: orders, and an ExactDecimal never changes, so one is shared. Bounded: short texts only, cleared when full.
_READ: dict[str, dict[str, ExactDecimal]] = {name: {} for name in DECIMAL_SCHEMAS}
_READ_MAX = 4096
_READ_TEXT_MAX = 40


def decimal_of(value: Any, field: str, schema: str) -> ExactDecimal:
    """An answer's amount field: a string matching ``schema``'s pattern, exactly as a Decimal (never via float).
    Another JSON type is a TypeError and another text a ValueError, as for any answer of the wrong shape."""
    if type(value) is not str:
        raise TypeError(f"field '{field}' must be a string, got {type(value).__name__}")
    read = _READ[schema]
    amount = read.get(value)
    if amount is not None:
        return amount
    pattern, rule = DECIMAL_SCHEMAS[schema]
    if pattern.fullmatch(value) is None:
        raise ValueError(f"field '{field}' {rule}, got {value[:40]!r}")
    amount = ExactDecimal(value)
    if len(value) <= _READ_TEXT_MAX:
        if len(read) >= _READ_MAX:
            read.clear()
        read[value] = amount
    return amount


def decimal_text(value: Decimal) -> str:
    """An amount as ``to_dict()`` writes it: the exact text it was read from, else plain notation (never an
    exponent)."""
    return value._text if isinstance(value, ExactDecimal) else format(value, "f")


# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


__all__ = [
    "UNSET",
    "ExactDecimal",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "decimal_of",
    "decimal_text",
]
