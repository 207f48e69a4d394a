"""The sandbox exchange on loopback, as the reliability suites run it: under uvicorn in a thread of this process
(``served_sandbox``) or in a process of its own (``sandbox_process``), and the smart-order calls of each kind of
client (sync, or async on each HTTP backend) driven from plain test code (``smartorders``)."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from polo_smartorders import AsyncClient, Client, HttpBackend
from polo_smartorders.sandbox import Sandbox, create_app
from polo_smartorders.sandbox._serve import serving

from tests.support.keys import SANDBOX_KEY as KEY
from tests.support.keys import SANDBOX_SECRET as SECRET

#: Each kind of client a case runs with: the sync Client, or the AsyncClient on each HTTP backend.
KINDS = ("sync", "async-httpx", "async-aiohttp")


@contextmanager
def served_sandbox(**options: Any) -> Iterator[tuple[Sandbox, str]]:
    """A sandbox exchange (``create_app(**options)``) under uvicorn on a free loopback port: it and its URL."""
    app = create_app(**options)
    with serving(app) as url:
        yield app.state.sandbox, url


@contextmanager
def sandbox_process(*options: str) -> Iterator[str]:
    """The sandbox exchange in its own process (as a real exchange is), on a free loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "polo_smartorders.sandbox", "--port", str(port), "--log-level", "warning"]
    server = subprocess.Popen([*command, *options], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(f"{url}/timestamp", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the sandbox process did not start") from None
                time.sleep(0.05)
        yield url
    finally:
        server.terminate()
        server.wait(10)


class Calls:
    """The smart-order methods of a sync Client, or of an AsyncClient run to completion on one event loop."""

    def __init__(self, target: Any, loop: asyncio.AbstractEventLoop | None) -> None:
        self._target, self._loop = target, loop

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._target, name)
        if self._loop is None:
            return method  # type: ignore[no-any-return]
        loop = self._loop
        return lambda *args, **kwargs: loop.run_until_complete(method(*args, **kwargs))


@contextmanager
def smartorders(kind: str, url: str, *, key: str = KEY, secret: str = SECRET, **options: Any) -> Iterator[Calls]:
    if kind == "sync":
        with Client(key, secret, url, rate_limit=False, **options) as client:
            yield Calls(client.smartorders(), None)
        return
    loop = asyncio.new_event_loop()
    backend: HttpBackend = "aiohttp" if kind == "async-aiohttp" else "httpx"
    aclient = AsyncClient(key, secret, url, rate_limit=False, http_backend=backend, **options)
    try:
        yield Calls(aclient.smartorders(), loop)
    finally:
        loop.run_until_complete(aclient.aclose())
        loop.close()
