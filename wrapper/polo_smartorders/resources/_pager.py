"""Paging through smart-order history by id, newest first, so that no order is repeated or skipped.

The exchange pages history with ``from`` (an order id, exclusive) and ``direction``: NEXT (the default) answers
orders older than ``from``, newest first. The pager always asks for the orders older than the oldest one it has
yielded. Ids only grow, so orders placed while paging (newer than every page) never shift a page the way an offset
would: nothing is seen twice, and every order that was in the history when paging began is reached. An order that
leaves the open set while paging shows up if its id is below the cursor, else it is newer than the walk's start.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._exceptions import InvalidResponseError, ValidationError
from .._models import SmartOrder
from .._request import Call
from .._rules import operation
from .._schema import compile_check

_LIMIT = operation("listSmartOrderHistory").params["limit"].schema
#: Orders per page unless told: what the exchange answers without a limit (the spec's default; else its maximum).
DEFAULT_PAGE_SIZE: int = _LIMIT.get("default", _LIMIT.get("maximum"))
BuildPage = Callable[[str | int | None, int], Call[list[SmartOrder]]]


def _count(field: str, value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValidationError(field, f"must be an int of {minimum} or more, got {value!r}")
    return value


class HistoryPager:
    """The cursor of one walk: which page to ask for next, and which orders of an answer are new.

    ``build(begins_from, limit)`` builds one history request with the walk's filters; it runs once here, so that a
    bad filter raises ValidationError when the walk is set up, before anything is sent.
    """

    def __init__(self, build: BuildPage, begins_from: str | int | None, page_size: int, max_items: int | None) -> None:
        self._build = build
        self._page_size = _count("page_size", page_size, 1)
        self._remaining = None if max_items is None else _count("max_items", max_items, 0)
        build(begins_from, page_size)  # validates the filters and begins_from
        self._cursor: int | None = None if begins_from is None else int(begins_from)
        self._seen: set[str] = set()
        self._done = self._remaining == 0

    def next_call(self) -> Call[list[SmartOrder]] | None:
        """The request for the next page, or None when the walk is over."""
        if self._done:
            return None
        limit = self._page_size if self._remaining is None else min(self._page_size, self._remaining)
        return self._build(self._cursor, limit)

    def take(self, page: list[SmartOrder]) -> list[SmartOrder]:
        """The orders of ``page`` not yet yielded and older than the cursor; ends the walk on a page with none."""
        fresh: list[SmartOrder] = []
        for order in page:
            order_id = _order_id(order)
            if (self._cursor is None or order_id < self._cursor) and order.id not in self._seen:
                fresh.append(order)
                self._seen.add(order.id)
        if self._remaining is not None:
            fresh = fresh[: self._remaining]
            self._remaining -= len(fresh)
        if fresh:
            self._cursor = min(_order_id(order) for order in fresh)
        self._done = not fresh or self._remaining == 0
        return fresh


#: An answer's order id becomes the next page's ``from``: it must be what the spec allows there.
_CURSOR = compile_check(operation("listSmartOrderHistory").params["from"].schema)


def _order_id(order: SmartOrder) -> int:
    """An answer's order id as a cursor; one the ``from`` parameter could not carry (``-5``, `` 7``, non-ASCII digits
    that ``int()`` would read) is the exchange's fault, not the caller's."""
    try:
        _CURSOR(order.id, "id")
    except ValidationError as error:
        raise InvalidResponseError(
            None, f"history: order id {order.id!r} is not an order id ({error.rule})", status_code=200
        ) from None
    return int(order.id)


def history_builder(build: Callable[..., Call[list[SmartOrder]]], filters: dict[str, Any]) -> BuildPage:
    """``build_get_history`` bound to a walk's filters: each page only varies ``begins_from`` and ``limit``."""

    def page(begins_from: str | int | None, limit: int) -> Call[list[SmartOrder]]:
        direction = None if begins_from is None else "NEXT"
        return build(**filters, begins_from=begins_from, direction=direction, limit=limit)

    return page
