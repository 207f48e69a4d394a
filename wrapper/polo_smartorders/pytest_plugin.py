"""The pytest plugin (entry point ``pytest11``): fixtures ``polo_sandbox`` and ``polo_async_sandbox``.

Each test gets a fresh sandbox exchange (see ``polo_smartorders.testing``). Nothing is imported until a test asks
for a fixture, so installing this package costs other test suites nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .testing import AsyncSandboxExchange, SandboxExchange


@pytest.fixture
def polo_sandbox() -> Iterator[SandboxExchange]:
    """A sandbox exchange on loopback with a ready ``client`` (sync Client), stopped after the test."""
    from .testing import sandbox

    with sandbox() as exchange:
        yield exchange


@pytest.fixture
def polo_async_sandbox() -> AsyncSandboxExchange:
    """A sandbox exchange in-process with a ready ``client`` (AsyncClient); no event-loop plugin needed for it."""
    from .testing import start_async_sandbox

    return start_async_sandbox()
