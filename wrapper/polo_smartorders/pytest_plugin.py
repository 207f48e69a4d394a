"""The pytest plugin (entry point ``pytest11``): sandbox exchange fixtures for the tests of your own code.

``polo_sandbox``
    A fresh sandbox exchange on loopback for each test, with a ready sync ``client`` (``SandboxExchange``); stopped
    after the test.
``polo_sandbox_shared``
    For suites of hundreds of tests: one sandbox server for the whole session (``polo_sandbox_session``), reset before
    each test (no orders, no prices, ids restarted), with a fresh ``client`` per test, closed after it. Same interface
    as ``polo_sandbox``; a test sees an empty book, as with a server of its own.
``polo_sandbox_session``
    The session's server behind ``polo_sandbox_shared``: one per session (per worker with pytest-xdist), never reset.
``polo_async_sandbox``
    A fresh sandbox in-process (no socket, so no URL) with a ready ``client`` (an ``AsyncClient``), closed after the
    test; ``new_client()`` gives another. The fixture itself needs no event-loop plugin, but async tests do:
    pytest-asyncio, with ``asyncio_mode = "auto"`` (or each test marked ``@pytest.mark.asyncio``).

A test gives its sandbox other markets or funds with the marker ``@pytest.mark.polo_sandbox(symbols=[...],
balances={"USDT": "1000"})`` (the arguments of ``polo_smartorders.testing.sandbox``), on any of the fixtures above.

See ``polo_smartorders.testing``. Nothing is imported until a test asks for a fixture, so installing this package
costs other test suites nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from ._client import AsyncClient
    from .testing import AsyncSandboxExchange, SandboxExchange


#: The keyword arguments the ``polo_sandbox`` marker takes.
MARKER_OPTIONS = ("symbols", "balances")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "polo_sandbox(symbols=None, balances=None): the markets (symbols or polo_smartorders.sandbox.Market) and the "
        "funds ({currency: amount}) of the test's polo_sandbox, polo_sandbox_shared or polo_async_sandbox",
    )


def _options(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The ``polo_sandbox`` marker's keyword arguments (none without the marker); anything else is a usage error."""
    marker = request.node.get_closest_marker("polo_sandbox")
    if marker is None:
        return {}
    unknown = sorted(set(marker.kwargs) - set(MARKER_OPTIONS))
    if marker.args or unknown:
        raise pytest.UsageError(
            f"@pytest.mark.polo_sandbox takes only the keywords {', '.join(MARKER_OPTIONS)}"
            f"{f', not {unknown}' if unknown else ''}"
        )
    return dict(marker.kwargs)


@pytest.fixture
def polo_sandbox(request: pytest.FixtureRequest) -> Iterator[SandboxExchange]:
    """A sandbox exchange on loopback with a ready ``client`` (sync Client), stopped after the test."""
    from .testing import sandbox

    with sandbox(**_options(request)) as exchange:
        yield exchange


@pytest.fixture(scope="session")
def polo_sandbox_session() -> Iterator[SandboxExchange]:
    """One sandbox exchange on loopback for the whole session, never reset: ``polo_sandbox_shared`` resets it."""
    from .testing import sandbox

    with sandbox() as exchange:
        yield exchange


@pytest.fixture
def polo_sandbox_shared(
    polo_sandbox_session: SandboxExchange, request: pytest.FixtureRequest
) -> Iterator[SandboxExchange]:
    """The session's sandbox server, reset before the test (no orders, no prices; the marker's markets and funds, or
    the defaults), with a fresh sync ``client``."""
    from ._client import Client
    from .testing import SandboxExchange

    server = polo_sandbox_session
    server.reset(**_options(request))
    with Client(server.api_key, server.api_secret, server.url) as client:
        yield SandboxExchange(server.url, server.api_key, server.api_secret, server.engine, client)


@pytest.fixture
def polo_async_sandbox(request: pytest.FixtureRequest) -> Iterator[AsyncSandboxExchange]:
    """A sandbox exchange in-process with a ready ``client`` (AsyncClient), closed after the test; the fixture needs
    no event-loop plugin (async tests do: pytest-asyncio)."""
    from .testing import start_async_sandbox

    exchange = start_async_sandbox(**_options(request))
    try:
        yield exchange
    finally:
        _close(exchange.client)


#: Closes started inside a running loop, until they are done.
_CLOSING: set[Any] = set()


def _close(client: AsyncClient) -> None:
    """Close an AsyncClient from a sync teardown: on an event loop of its own, in a thread of its own, so that
    neither a loop still running here nor this thread's current loop (the test's, pytest-asyncio's) is touched."""
    import asyncio
    import threading

    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is not None:  # torn down inside a running loop: blocking here would stall it, so close on it
        task = running.create_task(client.aclose())
        _CLOSING.add(task)  # held until done: the loop keeps only a weak reference
        task.add_done_callback(_CLOSING.discard)
        return
    failures: list[BaseException] = []

    def close() -> None:
        try:
            asyncio.run(client.aclose())
        except BaseException as error:  # re-raised in the fixture's thread
            failures.append(error)

    thread = threading.Thread(target=close, name="polo-async-sandbox-close")
    thread.start()
    thread.join()
    if failures:
        raise failures[0]
