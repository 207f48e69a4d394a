"""Every operation of the spec is served: a client method pair (sync and async) sends it, and the sandbox routes it to
a handler of its own. The lists come from the spec (the derived rules), never from a hand list, so an operation the
spec gains fails here, named, until both exist; and an operation the sandbox has no handler for is answered 501.

A client method is found by its docstring, whose first paragraph names what it sends (``(GET /markets/{symbol})``,
``with GET /timestamp``); tests/unit/test_wire.py checks what each method really sends."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, get_type_hints

import httpx
import pytest
from polo_smartorders import AsyncClient, Client
from polo_smartorders._rules import OPERATIONS, OperationRules
from polo_smartorders.sandbox import _app, _routes, create_app
from starlette.routing import Match

#: "<METHOD> <path>" as a docstring's first paragraph names an operation.
_SENDS = re.compile(r"\b(GET|POST|PUT|DELETE|PATCH) (/[^\s),]*)")


def _resources(client: type) -> Iterator[tuple[str, type]]:
    """The client itself and each resource it hands out (``smartorders()``, ``markets()``, ...), by accessor name."""
    yield "", client
    for name, member in inspect.getmembers(client, inspect.isfunction):
        if name.startswith("_"):
            continue
        returned = get_type_hints(member).get("return")
        if inspect.isclass(returned) and returned.__module__.startswith("polo_smartorders.resources"):
            yield name, returned


def _senders(client: type) -> dict[tuple[str, str], list[tuple[str, Any]]]:
    """(METHOD, path) -> the public methods (``accessor().name``) whose docstring says they send it."""
    found: dict[tuple[str, str], list[tuple[str, Any]]] = {}
    for accessor, cls in _resources(client):
        for name, member in inspect.getmembers(cls, inspect.isfunction):
            doc = inspect.getdoc(member) or ""
            if name.startswith("_") or not doc:
                continue
            sent = _SENDS.search(doc.split("\n\n", 1)[0])
            if sent is not None:
                shown = f"{accessor}().{name}" if accessor else name
                found.setdefault((sent.group(1), sent.group(2)), []).append((shown, member))
    return found


SYNC, ASYNC = _senders(Client), _senders(AsyncClient)


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_every_operation_has_a_client_method_pair(operation_id: str) -> None:
    operation = OPERATIONS[operation_id]
    where = (operation.method, operation.path)
    sync = [name for name, member in SYNC.get(where, []) if not inspect.iscoroutinefunction(member)]
    asynchronous = [name for name, member in ASYNC.get(where, []) if inspect.iscoroutinefunction(member)]
    assert sync and asynchronous, (
        f"{operation_id} ({operation.method} {operation.path}): no client method pair sends it: add a method to the "
        "async resource (resources/_async_*.py; make generate derives the sync one), its docstring's first line "
        f"naming ({operation.method} {operation.path})"
    )
    assert sorted(sync) == sorted(asynchronous), f"{operation_id}: sync {sync} and async {asynchronous} differ"


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_every_operation_has_a_sandbox_handler(operation_id: str) -> None:
    assert operation_id in _routes.HANDLERS, (
        f"{operation_id}: the sandbox has no handler for it (it answers 501): add one to HANDLERS in "
        "polo_smartorders/sandbox/_routes.py"
    )


def _example_path(operation: OperationRules) -> str:
    return re.sub(r"\{[^}]+\}", "10000001", operation.path)


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_the_sandbox_routes_each_operation_to_its_own_endpoint(operation_id: str) -> None:
    """The routing table is the spec's: each operation's path and method reach the endpoint of that operationId."""
    operation = OPERATIONS[operation_id]
    scope = {"type": "http", "method": operation.method, "path": _example_path(operation), "root_path": ""}
    [route] = [route for route in create_app().routes if route.matches(scope)[0] is Match.FULL][:1]
    assert route.endpoint.endpoints[operation.method].name == operation_id  # type: ignore[attr-defined]


def _fills() -> OperationRules:
    """GET /smartorders/{id}/fills, as a spec that gained it would derive it."""
    return replace(OPERATIONS["getSmartOrder"], operation_id="getSmartOrderFills", path="/smartorders/{id}/fills")


async def _get(app: Any, path: str) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sandbox.test") as http:
        return await http.get(path)


async def test_an_operation_without_a_handler_is_answered_501_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_app, "PATHS", _routes.paths({**OPERATIONS, "getSmartOrderFills": _fills()}))
    app = create_app()
    answer = await _get(app, "/smartorders/10000001/fills")
    assert answer.status_code == 501
    assert answer.json() == {
        "code": 501,
        "message": "getSmartOrderFills (GET /smartorders/{id}/fills) is not implemented by the sandbox",
    }
    assert (await _get(app, "/smartorders/10000001")).status_code == 401  # still getSmartOrder: signed, refused


async def test_a_path_the_spec_does_not_have_is_not_taken_for_an_order_id() -> None:
    """Before the table was the spec's, /smartorders/{id} took ``10000001/fills`` as an order id (400)."""
    answer = await _get(create_app(), "/smartorders/10000001/no-such-thing")
    assert answer.status_code == 404 and answer.json()["code"] == 404


def test_a_place_call_without_a_client_order_id_is_refused_when_built() -> None:
    """x-places-orders on an operation the wrapper builds no clientOrderId for: a TypeError saying what is missing,
    before anything is sent (make generate refuses such a spec first: tests/spec/test_regeneration_operations.py)."""
    from polo_smartorders._request import Call, Kind
    from polo_smartorders_api.api.smartorders import list_smart_orders

    with pytest.raises(TypeError, match="list: the spec marks it x-places-orders, so its Call needs a client_order_id"):
        Call("list", list_smart_orders, {}, lambda response: response, Kind.PLACE)
