"""The API's operations as the sandbox serves them: each operation's handler, by operationId (``HANDLERS``), and the
routing table built from the spec's paths (``PATHS``).

Paths, methods, signing and whether an operation takes a body or a query all come from the spec (``make generate``):
a path the spec gains is routed at once (``GET /smartorders/{id}/fills`` never falls into ``getSmartOrder``), and an
operation without a handler here is answered 501 naming it. A new operation's handler is one ``HANDLERS`` entry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from .._rules import OPERATIONS, OperationRules
from ._engine import Sandbox
from ._errors import SandboxError, invalid
from ._filters import parse_cancel_all, parse_cancel_by_ids, parse_history, parse_list_limit, parse_price_update
from ._tolerated import ignores_unknown_query
from ._validation import parse_create, parse_order_ref, parse_replace
from ._wire import fmt


@dataclass(frozen=True)
class Invocation:
    """One authenticated call as a handler sees it."""

    account: str
    path_id: str
    """The value of the operation's path parameter (``{id}``, ``{symbol}``), or "" when it has none."""
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
    """False for the public time endpoint (it answers whatever the query or body: the spec declares no 400), and for
    an operation without a handler (answered 501 before any check)."""

    @property
    def signed(self) -> bool:
        """Whether the request must be signed: the spec's ``security`` (``[]``: public), else not ``public``."""
        return OPERATIONS[self.name].signed if self.name in OPERATIONS else not self.public


def reject_query(call: Invocation) -> None:
    """Refuse query parameters where the operation defines none, unless the exchange ignores them (x-unknown-query)."""
    if call.query and not ignores_unknown_query():
        raise invalid(call.query[0][0], "unknown query parameter")


def _set_price(sandbox: Sandbox, call: Invocation) -> object:
    market, price = parse_price_update(call.body)
    sandbox.check_symbol("symbol", market)
    sandbox.market(market).check_price("price", price)
    sandbox.set_price(market, price)
    return {"symbol": market, "price": fmt(price)}


def _prices(sandbox: Sandbox, call: Invocation) -> object:
    return [{"symbol": market, "price": fmt(price)} for market, price in sorted(sandbox.prices().items())]


#: The sandbox's handler of each operation of the spec, by operationId. An operation the spec has and this table
#: does not is still routed (by the spec's path and method) and answered 501 naming it; tests/sandbox/test_operations.py
#: fails naming it.
HANDLERS: Mapping[str, Handler] = {
    "getServerTime": lambda sandbox, _: {"serverTime": sandbox.now_ms()},
    "createSmartOrder": lambda s, c: s.create(c.account, parse_create(c.body)),
    "listSmartOrders": lambda s, c: s.list_open(c.account, parse_list_limit(c.query)),
    "cancelAllSmartOrders": lambda s, c: s.cancel_all(c.account, parse_cancel_all(c.body)),
    "cancelSmartOrdersByIds": lambda s, c: s.cancel_by_ids(c.account, parse_cancel_by_ids(c.body)),
    "listSmartOrderHistory": lambda s, c: s.history(c.account, parse_history(c.query)),
    "getSmartOrder": lambda s, c: s.get(c.account, parse_order_ref(c.path_id)),
    "cancelReplaceSmartOrder": lambda s, c: s.cancel_replace(
        c.account, parse_order_ref(c.path_id), parse_replace(c.body)
    ),
    "cancelSmartOrder": lambda s, c: s.cancel(c.account, parse_order_ref(c.path_id)),
    # Public market data, unsigned (the spec's security: []): served from the sandbox's market table.
    "listMarkets": lambda s, c: s.list_markets(),
    "getMarket": lambda s, c: s.get_market(c.path_id),
    "getMarketPrice": lambda s, c: s.get_market_price(c.path_id),
}
#: Operations answered whatever their query or body: the spec declares no 400 for them.
UNFRAMED = frozenset({"getServerTime"})

#: Sandbox-only and unsigned: moves a market so that orders trigger, and reads the markets back. Not part of the
#: exchange's API.
SANDBOX_PATHS: Mapping[str, Mapping[str, Endpoint]] = {
    "/sandbox/prices": {
        "POST": Endpoint("setPrice", _set_price, body="required", public=True),
        "GET": Endpoint("getPrices", _prices, public=True),
    },
}


def _not_implemented(operation: OperationRules) -> Handler:
    def refuse(sandbox: Sandbox, call: Invocation) -> object:
        raise SandboxError(
            501,
            501,
            f"{operation.operation_id} ({operation.method} {operation.path}) is not implemented by the sandbox",
        )

    return refuse


def endpoint(operation: OperationRules) -> Endpoint:
    """How the sandbox serves one operation of the spec: its handler, and the spec's body and query rules."""
    handler = HANDLERS.get(operation.operation_id)
    if handler is None:  # answered before any check: the sandbox knows nothing of what it takes
        return Endpoint(operation.operation_id, _not_implemented(operation), framed=False)
    body: Literal["none", "optional", "required"] = (
        "none" if operation.body is None else "required" if operation.body_required else "optional"
    )
    framed = operation.operation_id not in UNFRAMED
    return Endpoint(operation.operation_id, handler, body, takes_query=bool(operation.query), framed=framed)


def paths(operations: Mapping[str, OperationRules] = OPERATIONS) -> dict[str, Mapping[str, Endpoint]]:
    """Every path of the spec with its operations by method, then the sandbox's own paths. Literal paths come before
    templated ones (``/smartorders/history`` before ``/smartorders/{id}``), as the exchange routes them."""
    table: dict[str, dict[str, Endpoint]] = {}
    for operation in operations.values():
        table.setdefault(operation.path, {})[operation.method] = endpoint(operation)
    ordered = sorted(table, key=lambda path: path.count("{"))  # stable: the spec's order among equals
    routes: dict[str, Mapping[str, Endpoint]] = {path: table[path] for path in ordered}
    return {**routes, **SANDBOX_PATHS}


#: The routing table: path (with the spec's ``{name}`` parameters) -> method -> endpoint.
PATHS: Mapping[str, Mapping[str, Endpoint]] = paths()
