"""Every error this library raises, and the one rule that maps an exchange answer to an error class."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, Final

import httpx

from ._rules import ERROR_CODES

if TYPE_CHECKING:
    from ._models import CancelReplaceSmartOrderResponse, CancelResult

__all__ = [
    "AuthenticationError",
    "CancelFailedError",
    "DeadlineExceededError",
    "DuplicateClientOrderIdError",
    "InvalidRequestError",
    "InvalidResponseError",
    "MissingCredentialsError",
    "NotFoundError",
    "OldOrderNotCancelledError",
    "OrderNotOpenError",
    "OutcomeUnknownError",
    "PoloError",
    "RateLimitError",
    "RequestError",
    "ServerError",
    "TimestampRejectedError",
    "TransportError",
    "ValidationError",
]


def _restore(cls: type[PoloError], args: tuple[Any, ...], state: dict[str, Any]) -> PoloError:
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class PoloError(Exception):
    """Root of everything polo_smartorders raises. Every one pickles and copies with all its attributes."""

    def __reduce__(self) -> tuple[Any, ...]:
        # The subclasses' __init__ signatures differ from their args: rebuild from the attributes instead.
        return (_restore, (type(self), self.args, dict(self.__dict__)))


class ValidationError(PoloError, ValueError):
    """An argument broke a rule; raised before anything is sent."""

    def __init__(self, field: str, rule: str) -> None:
        self.field = field
        self.rule = rule
        super().__init__(f"{field}: {rule}")


class MissingCredentialsError(ValidationError):
    """A private call was made without an API key or secret."""


class RequestError(PoloError):
    """The exchange (or the way to it) refused or failed a request. ``str()`` is ``code: ..., message: ...``, or
    just the message when there is no code."""

    def __init__(self, code: int | None, message: str, *, status_code: int | None = None) -> None:
        self.code = code
        self.message = message
        self.status_code = status_code
        super().__init__(code, message)

    def __str__(self) -> str:
        return self.message if self.code is None else f"code: {self.code}, message: {self.message}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r}, status_code={self.status_code!r})"


class AuthenticationError(RequestError):
    """401/403: unknown key, bad signature, or missing permission."""


class RateLimitError(RequestError):
    """429: over the exchange's rate limit; ``retry_after`` is in seconds when the exchange said."""

    def __init__(
        self, code: int | None, message: str, *, status_code: int | None = 429, retry_after: float | None
    ) -> None:
        super().__init__(code, message, status_code=status_code)
        self.retry_after = retry_after


class NotFoundError(RequestError):
    """No such order for this account. ``str()`` names the order, the same whichever call found it missing:
    ``no smart order 123`` or ``no smart order cid:abc``, then the exchange's code and message when it sent them
    (``code`` is None when it answered an empty list). ``ref``: the order asked for (``"123"``, ``"cid:abc"``), or
    None when the call named no single order."""

    def __init__(
        self, code: int | None, message: str, *, status_code: int | None = None, ref: str | None = None
    ) -> None:
        super().__init__(code, message, status_code=status_code)
        self.ref = ref

    def __str__(self) -> str:
        if self.ref is None:
            return super().__str__()
        named = f"no smart order {self.ref}"
        return named if self.code is None else f"{named} (code: {self.code}, message: {self.message})"


class DuplicateClientOrderIdError(RequestError):
    """An order with this clientOrderId already exists."""


class InvalidRequestError(RequestError):
    """The exchange rejected the request's parameters (400, 601, 602, 25001, ...)."""


class TimestampRejectedError(InvalidRequestError):
    """signTimestamp was too far ahead, older than recvWindow, or expired: the local clock is off."""


class ServerError(RequestError):
    """5xx or an exchange-side failure; a create or replace may or may not have been processed.
    ``retry_after`` is in seconds when a 503 said (``Retry-After``)."""

    def __init__(
        self, code: int | None, message: str, *, status_code: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(code, message, status_code=status_code)
        self.retry_after = retry_after


class InvalidResponseError(RequestError):
    """An answer the client cannot take: an unexpected status, a body that does not match the API's schema (wrong
    JSON types included), nested too deeply, or larger than ``max_response_bytes``."""


class TransportError(RequestError):
    """The request failed on the way (connect, timeout, reset). ``may_have_reached_exchange`` says if it got there."""

    def __init__(self, message: str, *, may_have_reached_exchange: bool) -> None:
        super().__init__(None, message)
        self.may_have_reached_exchange = may_have_reached_exchange


class DeadlineExceededError(TransportError):
    """The call's overall ``deadline`` (all attempts, lookups and waits) passed. A create or cancel-replace that may
    have been sent raises ``OutcomeUnknownError`` instead."""


class ClientClosedError(RequestError, RuntimeError):
    """The client cannot send: it was closed (``close()``/``aclose()``), or an AsyncClient is used from an event loop
    other than the one it first ran on. This request was not sent. A create whose earlier attempt may have landed
    raises ``OutcomeUnknownError`` instead, as its lookup cannot be sent either."""

    def __init__(self, message: str = "the client is closed") -> None:
        super().__init__(None, message)


class OutcomeUnknownError(RequestError):
    """A create or cancel-replace may or may not have been placed; look it up by ``client_order_id``.

    ``order_id`` names an order found with that clientOrderId that nothing contradicts but the client could not prove
    its own (it does not show a field sent, or its createTime is a little outside the call's window), or is None."""

    def __init__(self, message: str, *, client_order_id: str, order_id: str | None = None) -> None:
        super().__init__(None, f"outcome unknown: {message}; look up clientOrderId {client_order_id!r}")
        self.client_order_id = client_order_id
        self.order_id = order_id


class OldOrderNotCancelledError(RequestError):
    """A cancel-replace with proceed_on_failure placed the new order but could not cancel the old one.

    Both orders may now be live: ``replacement`` holds the new order's ids.
    """

    def __init__(self, code: int | None, message: str, replacement: CancelReplaceSmartOrderResponse) -> None:
        super().__init__(code, message or "the old order was not cancelled", status_code=200)
        self.replacement = replacement


class CancelFailedError(RequestError):
    """The exchange answered a cancel with a failure code for this order."""

    def __init__(self, result: CancelResult) -> None:
        super().__init__(result.code, result.message or "cancel failed", status_code=200)
        self.result = result


class OrderNotOpenError(CancelFailedError, InvalidRequestError):
    """The order is no longer open (triggered, cancelled, ...): a cancel or a cancel-replace of it failed, and nothing
    changed. ``state`` is the order's state as the answer gives it: a cancel result's ``state``, or the state a
    cancel-replace's refusal names ("... is TRIGGERED"); None when the answer does not say (``get_by_id`` tells).

    A CancelFailedError and an InvalidRequestError, what a cancel and a cancel-replace of it raised before, so that
    those ``except`` clauses still catch it. ``result`` is the cancel result; for a cancel-replace, one made from
    the refusal (its code, message and state; no ids)."""

    def __init__(self, result: CancelResult) -> None:
        super().__init__(result)
        self.state: str | None = result.state or None

    @classmethod
    def refused(cls, code: int, message: str, state: str | None, *, status_code: int) -> OrderNotOpenError:
        """The error for a refused cancel-replace (an error answer, not a cancel result)."""
        from ._models import CancelResult  # the models load only when one is needed

        result = CancelResult(order_id="", client_order_id="", state=state or "", code=code, message=message)
        error = cls(result)
        error.status_code = status_code
        return error


#: The state an error message names, as in "Failed to cancel: smart order is TRIGGERED".
_STATE_IN_MESSAGE = re.compile(r"\bis ([A-Z][A-Z_]*[A-Z])\b")
#: The one state a smart order can be cancelled or replaced in.
_OPEN_STATE = "PENDING_NEW"


def cancel_failure(result: CancelResult) -> CancelFailedError:
    """The error for a cancel result with a failure code: OrderNotOpenError when the code means the cancel failed
    (x-error-codes: cancel-failed) and the state it gives is not the open one, else CancelFailedError."""
    if CODE_ERRORS.get(result.code) is OrderNotOpenError and result.state != _OPEN_STATE:
        return OrderNotOpenError(result)
    return CancelFailedError(result)


def _retry_after(value: str | None) -> float | None:
    """Parse Retry-After as seconds or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


#: The error class of each meaning of the spec's x-error-codes the client names (NotFoundError,
#: DuplicateClientOrderIdError, ServerError or OrderNotOpenError). A code of any other meaning, or one the spec does not list, is classed
#: by its HTTP status. openapi/derive.py's CLIENT_MEANINGS lists these meanings: generation stops if one has no code.
MEANING_ERRORS: Final[Mapping[str, type[RequestError]]] = {
    "not-found": NotFoundError,
    "cancel-not-found": NotFoundError,
    "duplicate-client-order-id": DuplicateClientOrderIdError,
    "internal-error": ServerError,
    "internal-timeout": ServerError,
    "maintenance": ServerError,
    "service-busy": ServerError,
    "cancel-failed": OrderNotOpenError,
}
#: The exchange's codes the client names, by code: the class each answers with (from the spec's x-error-codes).
CODE_ERRORS: Final[Mapping[int, type[RequestError]]] = {
    code: MEANING_ERRORS[entry.meaning] for code, entry in ERROR_CODES.items() if entry.meaning in MEANING_ERRORS
}
#: The classes a code decides whatever the status says (a 404 aside: NotFoundError); a ServerError code yields to a
#: timestamp refusal (408, or a 400 that says "timestamp").
_DECISIVE = (NotFoundError, DuplicateClientOrderIdError)


def error_from_response(response: httpx.Response) -> RequestError:
    """Map a non-200 answer to the most specific error class: the exchange's ``code`` (``CODE_ERRORS``, from the
    spec) first, then the HTTP status."""
    status = response.status_code
    code: int | None = None
    message = ""
    try:
        body: Any = json.loads(response.content) if response.content else None
    except (ValueError, RecursionError):
        body = None
    if isinstance(body, dict):
        raw_code, raw_message = body.get("code"), body.get("message")
        code = raw_code if isinstance(raw_code, int) and not isinstance(raw_code, bool) else None
        message = raw_message if isinstance(raw_message, str) else ""
    if not message:
        text = response.content[:200].decode("utf-8", "replace").strip()
        message = f"HTTP {status}" + (f": {text}" if text else "")
    if code is None:
        code = status

    if not 400 <= status < 600:  # 201, 204, 3xx, ...: not an answer of this API (for a create, an unknown outcome)
        shown = message if message.startswith(f"HTTP {status}") else f"HTTP {status}: {message}"
        return InvalidResponseError(code, f"unexpected answer {shown}", status_code=status)
    if status in (401, 403):
        return AuthenticationError(code, message, status_code=status)
    if status == 429:
        return RateLimitError(
            code, message, status_code=status, retry_after=_retry_after(response.headers.get("Retry-After"))
        )
    named = CODE_ERRORS.get(code)
    if status == 404:
        named = NotFoundError
    if named is not None and issubclass(named, _DECISIVE):
        return named(code, message, status_code=status)
    if status == 408 or (status == 400 and "timestamp" in message.lower()):
        return TimestampRejectedError(code, message, status_code=status)
    if status >= 500 or named is ServerError:
        retry_after = _retry_after(response.headers.get("Retry-After")) if status == 503 else None
        return ServerError(code, message, status_code=status, retry_after=retry_after)
    if named is OrderNotOpenError:  # a refused cancel-replace: the old order could not be cancelled
        found = _STATE_IN_MESSAGE.search(message)
        state = found.group(1) if found else None
        if state != _OPEN_STATE:
            return OrderNotOpenError.refused(code, message, state, status_code=status)
    return InvalidRequestError(code, message, status_code=status)
