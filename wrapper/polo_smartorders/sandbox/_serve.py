"""Serve an ASGI app with uvicorn on a free loopback port in a background thread, for demos and tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .._extras import SANDBOX_HINT

try:
    import uvicorn
except ModuleNotFoundError as error:  # starlette alone is enough in-process; serving needs uvicorn too
    raise ModuleNotFoundError(f"{SANDBOX_HINT} ({error})", name=error.name) from error


@contextmanager
def serving(app: Any, host: str = "127.0.0.1", port: int = 0, timeout_s: float = 10.0) -> Iterator[str]:
    """Yield the base URL of ``app`` served on ``host:port`` (0: a free port); stop the server on exit.

    uvicorn binds the port itself: a socket handed to it would lack TCP_NODELAY and add ~40 ms per request.
    """
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True, name="sandbox-server")
    thread.start()
    try:
        deadline = time.monotonic() + timeout_s
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the sandbox server did not start on {host}:{port}")
            time.sleep(0.01)
        bound_port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://{host}:{bound_port}"
    finally:
        server.should_exit = True
        thread.join(timeout_s)
