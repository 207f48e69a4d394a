"""Reads a request's raw parts strictly: query pairs, body bytes (bounded) and the JSON body."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from decimal import Decimal, InvalidOperation
from urllib.parse import parse_qsl

from ._errors import INVALID_PARAMETER, SandboxError

MAX_BODY_BYTES = 64 * 1024
MAX_QUERY_FIELDS = 64
#: The longest a JSON number may be written: far longer than any amount, short enough that no number reaches Python's
#: int-conversion limit or costs more than a glance to convert. (Its size once written out in plain digits, e.g.
#: `1e100000000`, is bounded where a number is taken: see _parsers.price.)
MAX_NUMBER_CHARS = 100


def _bad_request(message: str) -> SandboxError:
    return SandboxError(400, INVALID_PARAMETER, message)


def parse_query(raw: bytes) -> list[tuple[str, str]]:
    """Decoded `(name, value)` pairs in the order sent; non-ASCII bytes or bad UTF-8 escapes are a 400."""
    try:
        text = raw.decode("ascii")
        return parse_qsl(
            text, keep_blank_values=True, encoding="utf-8", errors="strict", max_num_fields=MAX_QUERY_FIELDS
        )
    except (UnicodeDecodeError, ValueError) as error:
        raise _bad_request(f"Malformed query string: {error}") from None


async def read_body(chunks: AsyncIterator[bytes]) -> bytes:
    """The whole body, refused (400) past 64 KiB."""
    body = bytearray()
    async for chunk in chunks:
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise _bad_request(f"Request body larger than {MAX_BODY_BYTES} bytes")
    return bytes(body)


def _reject_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for name, value in pairs:
        if name in result:
            raise _bad_request(f"Invalid JSON body: key '{name}' appears more than once")
        result[name] = value
    return result


def _reject_constant(name: str) -> object:
    raise _bad_request(f"Invalid JSON body: {name} is not JSON")


def _bad_number(text: str, why: str) -> SandboxError:
    shown = text if len(text) <= 24 else text[:21] + "..."
    return _bad_request(f"Invalid JSON body: number {shown} {why}")


def _integer(text: str) -> int:
    """A JSON integer, refused before conversion when longer than MAX_NUMBER_CHARS."""
    if len(text) > MAX_NUMBER_CHARS:
        raise _bad_number(text, f"is longer than {MAX_NUMBER_CHARS} characters")
    return int(text)


def _decimal(text: str) -> Decimal:
    """A JSON number with a fraction or exponent, as Decimal (never float); too long or past Decimal's range is a 400."""
    if len(text) > MAX_NUMBER_CHARS:
        raise _bad_number(text, f"is longer than {MAX_NUMBER_CHARS} characters")
    try:
        return Decimal(text)
    except InvalidOperation:  # an exponent beyond what Decimal can hold, e.g. 1e99999999999999999999
        raise _bad_number(text, "is out of range") from None


def decode_json(body: bytes, content_type: str | None) -> object:
    """The JSON value of a non-empty body sent as application/json; anything else is a 400.

    Numbers with a fraction become Decimal, never float, so no amount is ever rounded on the way in; a number
    longer than MAX_NUMBER_CHARS or out of Decimal's range is refused.
    """
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type != "application/json":
        raise _bad_request(f"Unsupported Content-Type '{content_type or ''}': application/json expected")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise _bad_request("Invalid JSON body: not UTF-8") from None
    try:
        value = json.loads(
            text,
            object_pairs_hook=_reject_duplicates,
            parse_float=_decimal,
            parse_int=_integer,
            parse_constant=_reject_constant,
        )
    except json.JSONDecodeError as error:
        raise _bad_request(f"Invalid JSON body: {error.msg} at position {error.pos}") from None
    except RecursionError:
        raise _bad_request("Invalid JSON body: nested too deeply") from None
    if _has_lone_surrogate(value):
        raise _bad_request("Invalid JSON body: a string holds a lone surrogate (\\ud800-\\udfff), not Unicode text")
    return value


def _has_lone_surrogate(value: object) -> bool:
    """True when a string anywhere in ``value`` (keys included) cannot be UTF-8: a ``\\uD800`` escape unpaired."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False
