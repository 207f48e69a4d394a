"""The reliability suites' exchange: the sandbox served under uvicorn on loopback, fresh for each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from polo_smartorders.sandbox import Sandbox

from tests.support.loopback import served_sandbox


@pytest.fixture
def served() -> Iterator[tuple[Sandbox, str]]:
    """A sandbox exchange with its default account under uvicorn on loopback: it and its URL."""
    with served_sandbox() as running:
        yield running
