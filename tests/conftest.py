"""Fixtures shared by every folder: the scripted exchange (tests/support/exchange.py) as ``exchange``, a sync
``client`` on it behind httpx.MockTransport, and an ``async_client`` on it over a loopback server on each HTTP backend
(``async_backend``); and the check that every answer an in-process sandbox gives follows the spec.

Fixture names mean one thing everywhere: ``exchange`` is always the scripted Exchange and ``client`` always the sync
Client on it; the sandbox served on loopback is ``served`` (tests/reliability), a SandboxClient is ``sandbox_http``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

import httpx
import pytest
from polo_smartorders import AsyncClient, Client, HttpBackend
from polo_smartorders.sandbox._app import PathEndpoint
from starlette.requests import Request
from starlette.responses import Response

from tests.support.clock import FakeClock
from tests.support.exchange import ASYNC_BACKENDS, BASE, Exchange, default_answer
from tests.support.keys import KEY, SECRET
from tests.support.spec_answers import answer_errors
from tests.support.wire_server import WireServer, wire_server


@pytest.fixture
def exchange() -> Exchange:
    return Exchange()


@pytest.fixture
def clock() -> FakeClock:
    """A fake time source (tests/support/clock.py) for the code under test: pass it as ``_time=clock``."""
    return FakeClock()


@pytest.fixture
def client(exchange: Exchange) -> Iterator[Client]:
    with Client(KEY, SECRET, BASE, transport=httpx.MockTransport(exchange), rate_limit=False) as c:
        yield c


@pytest.fixture(params=ASYNC_BACKENDS)
def async_backend(request: pytest.FixtureRequest) -> HttpBackend:
    """Each HTTP backend in turn: pass it on as ``AsyncClient(..., http_backend=async_backend)``."""
    return cast(HttpBackend, request.param)


@pytest.fixture(scope="session")
def _shared_wire() -> Iterator[WireServer]:
    with wire_server(default_answer) as server:
        yield server


@pytest.fixture
def wire(_shared_wire: WireServer, exchange: Exchange) -> Iterator[WireServer]:
    """The loopback server, answering with this test's ``exchange`` (one server for the session)."""
    _shared_wire.handler = exchange
    yield _shared_wire
    _shared_wire.handler = default_answer


@pytest.fixture
def async_client(exchange: Exchange, wire: WireServer, async_backend: HttpBackend) -> AsyncClient:
    """An AsyncClient on ``async_backend`` over real HTTP to ``exchange`` (which records what arrived)."""
    return AsyncClient(KEY, SECRET, wire.url, rate_limit=False, http_backend=async_backend)


# Every answer an in-process sandbox gives during the suite is checked against the spec, response objects closed.
_off_spec: list[str] = []
_respond = PathEndpoint.respond


async def _checked_respond(self: PathEndpoint, request: Request) -> Response:
    response = await _respond(self, request)
    endpoint = self.endpoints.get(request.method)
    if endpoint is not None:
        _off_spec.extend(answer_errors(endpoint.name, response.status_code, bytes(response.body)))
    return response


PathEndpoint.respond = _checked_respond  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def sandbox_answers_follow_the_spec() -> Iterator[None]:
    """Fails a test whose sandbox answered anything the spec does not declare, naming the field."""
    _off_spec.clear()
    yield
    found, _off_spec[:] = list(_off_spec), []
    assert not found, "sandbox answers off the spec:\n" + "\n".join(sorted(set(found))[:20])


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Slow tests first (a stable sort), so that under xdist they start at once instead of ending the run alone.

    Under ``--dist loadgroup`` a worker's xdist_group tests must carry their group in their node id: otherwise (as
    with pytest 9.2 and pytest-xdist 3.8) the group is spread over every worker and each rebuilds its module fixture.
    """
    if getattr(config.option, "loadgroup", False):
        lost = [item.nodeid for item in items if item.get_closest_marker("xdist_group") and "@" not in item.nodeid]
        if lost:
            raise pytest.UsageError(f"--dist loadgroup does not group {lost[0]} (pytest and pytest-xdist disagree)")
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
