"""The API's operations: for each path and method, its operationId, handler and request rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from .._rules import OPERATIONS
from ._engine import Sandbox
from ._errors import invalid
from ._filters import parse_cancel_all, parse_cancel_by_ids, parse_history, parse_list_limit, parse_price_update
from ._validation import parse_create, parse_order_ref, parse_replace
from ._wire import fmt


@dataclass(frozen=True)
class Invocation:
    """One authenticated call as a handler sees it."""

    account: str
    path_id: str
    query: list[tuple[str, str]]
    body: object
    """The decoded JSON body, or NO_BODY when none was sent."""


Handler = Callable[[Sandbox, Invocation], object]


@dataclass(frozen=True)
class Endpoint:
    """One method of one path: its operationId (the rate-limit key), handler, signing and body rules."""

    name: str
    handler: Handler
    body: Literal["none", "optional", "required"] = "none"
    takes_query: bool = False
    public: bool = False
    """For the sandbox's own operations (not in the spec): no signature needed."""
    framed: bool = True
    """False for the public time endpoint: it answers whatever the query or body (the spec declares no 400)."""

    @property
    def signed(self) -> bool:
        """Whether the request must be signed: the spec's ``security`` (``[]``: public), else not ``public``."""
        return OPERATIONS[self.name].signed if self.name in OPERATIONS else not self.public


def reject_query(call: Invocation) -> None:
    """Refuse query parameters where the operation defines none."""
    if call.query:
        raise invalid(call.query[0][0], "unknown query parameter")


def _set_price(sandbox: Sandbox, call: Invocation) -> object:
    market, price = parse_price_update(call.body)
    sandbox.check_symbol("symbol", market)
    sandbox.set_price(market, price)
    return {"symbol": market, "price": fmt(price)}


def _prices(sandbox: Sandbox, call: Invocation) -> object:
    return [{"symbol": market, "price": fmt(price)} for market, price in sorted(sandbox.prices().items())]


PATHS: Mapping[str, Mapping[str, Endpoint]] = {
    "/timestamp": {
        "GET": Endpoint("getServerTime", lambda sandbox, _: {"serverTime": sandbox.now_ms()}, framed=False),
    },
    "/smartorders": {
        "POST": Endpoint("createSmartOrder", lambda s, c: s.create(c.account, parse_create(c.body)), body="required"),
        "GET": Endpoint(
            "listSmartOrders", lambda s, c: s.list_open(c.account, parse_list_limit(c.query)), takes_query=True
        ),
        "DELETE": Endpoint(
            "cancelAllSmartOrders", lambda s, c: s.cancel_all(c.account, parse_cancel_all(c.body)), body="optional"
        ),
    },
    "/smartorders/cancelByIds": {
        "DELETE": Endpoint(
            "cancelSmartOrdersByIds",
            lambda s, c: s.cancel_by_ids(c.account, parse_cancel_by_ids(c.body)),
            body="required",
        ),
    },
    "/smartorders/history": {
        "GET": Endpoint(
            "listSmartOrderHistory", lambda s, c: s.history(c.account, parse_history(c.query)), takes_query=True
        ),
    },
    "/smartorders/{id:path}": {
        "GET": Endpoint("getSmartOrder", lambda s, c: s.get(c.account, parse_order_ref(c.path_id))),
        "PUT": Endpoint(
            "cancelReplaceSmartOrder",
            lambda s, c: s.cancel_replace(c.account, parse_order_ref(c.path_id), parse_replace(c.body)),
            body="optional",
        ),
        "DELETE": Endpoint("cancelSmartOrder", lambda s, c: s.cancel(c.account, parse_order_ref(c.path_id))),
    },
    # Sandbox-only and unsigned: moves a market so that orders trigger, and reads the markets back. Not part of the
    # exchange's API.
    "/sandbox/prices": {
        "POST": Endpoint("setPrice", _set_price, body="required", public=True),
        "GET": Endpoint("getPrices", _prices, public=True),
    },
}
