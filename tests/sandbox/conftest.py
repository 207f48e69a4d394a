"""The sandbox suites' raw client: a SandboxClient signing requests to a fresh sandbox app in-process."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from polo_smartorders.sandbox import create_app

from tests.support.sandbox import SandboxClient, sandbox_client


@pytest.fixture
async def sandbox_http() -> AsyncIterator[SandboxClient]:
    """Signed (or deliberately mis-signed) raw requests to a fresh sandbox with its default account."""
    async with sandbox_client(create_app()) as connected:
        yield connected
