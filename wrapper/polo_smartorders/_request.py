"""One API request ready to send: the generated endpoint, its arguments, how to read its answer, and how safe it is to
send twice (``Kind``, from the spec)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Generic, TypeVar

from polo_smartorders_api.types import Response

from ._models import SmartOrder
from ._rules import Kind

T = TypeVar("T")

__all__ = ["Call", "Kind"]


@dataclass(frozen=True, slots=True)
class Call(Generic[T]):
    """One API request ready to send: the generated endpoint, its arguments, and how to read its answer."""

    #: The rate-limit group (the spec's x-rate-limit-group: create, get, list, ...); also names the call in messages.
    rate_group: str
    endpoint: ModuleType
    kwargs: dict[str, Any]
    parse: Callable[[Response[Any]], T]
    kind: Kind
    #: For PLACE calls: the clientOrderId that makes the request idempotent.
    client_order_id: str | None = None
    #: For PLACE calls: turns the order found by clientOrderId into this call's result.
    from_found: Callable[[SmartOrder], T] | None = None
    #: For cancel-replace: the ``{id}`` of the order being replaced (a numeric id or ``cid:<clientOrderId>``).
    replaces: str | None = None
    #: False for a public operation (the spec's ``security: []``): sent unsigned, and needs no credentials.
    signed: bool = True

    def __post_init__(self) -> None:
        if self.kind is Kind.PLACE and (self.client_order_id is None or self.from_found is None):
            raise TypeError(
                f"{self.rate_group}: the spec marks it x-places-orders, so its Call needs a client_order_id and "
                "from_found (how a lost answer's order is looked up and read back), or a retry could place it twice"
            )
