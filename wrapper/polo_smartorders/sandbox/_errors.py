"""The sandbox's error type and the exchange error codes it answers with."""

from __future__ import annotations

from collections.abc import Mapping

# General codes.
INTERNAL_ERROR = 500
INVALID_PARAMETER = 601
MISSING_PARAMETER = 602
# Order codes.
INVALID_TIME_IN_FORCE = 21321
STOP_PRICE_NOT_POSITIVE = 21347
# Smart-order codes.
SMART_INVALID_PARAMETER = 25001
DUPLICATE_CLIENT_ORDER_ID = 25004
INVALID_ORDER_ID = 25007
CANCEL_FAILED = 25009
NOT_FOUND = 25013
CANCEL_NOT_FOUND = 25014
INVALID_ACCOUNT_TYPE = 25018
INVALID_SYMBOL = 25019


class SandboxError(Exception):
    """A refusal the HTTP layer turns into `{"code", "message"}` with the given status."""

    def __init__(self, status: int, code: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


def invalid(name: str, why: str, code: int = SMART_INVALID_PARAMETER) -> SandboxError:
    """A 400 for a parameter that is present but wrong; the message names the parameter."""
    return SandboxError(400, code, f"Invalid parameter '{name}': {why}")


def missing(name: str) -> SandboxError:
    """A 400 for a required parameter that was not sent."""
    return SandboxError(400, MISSING_PARAMETER, f"Missing required parameter '{name}'")
