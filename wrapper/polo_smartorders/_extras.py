"""The optional extras and the packages each brings, for the one message that says what to install when one is
missing. Imports nothing: the CLI and the sandbox's entry points read it before anything else loads."""

from __future__ import annotations

from typing import Final

#: Each extra of pyproject.toml's [project.optional-dependencies] a user may need, and its packages (by name; their
#: version bounds are pyproject.toml's). tests/spec/test_packaging.py checks the two agree.
EXTRAS: Final[dict[str, tuple[str, ...]]] = {
    "sandbox": ("starlette", "uvicorn"),
    "aiohttp": ("aiohttp",),
}


def install_hint(extra: str, what: str) -> str:
    """What to install for ``extra``, named once, as ``what`` (the feature) needs it: the packages themselves, as
    this package is installed from a clone, a git URL or a wheel, not from an index by name."""
    packages = EXTRAS[extra]
    return (
        f"{what} needs {' and '.join(packages)}: pip install {' '.join(packages)} "
        f"(or reinstall polo-smartorders with its [{extra}] extra)"
    )


#: The one message for a missing sandbox extra (the sandbox, its server, the test helpers and fixtures, the demo).
SANDBOX_HINT: Final = install_hint("sandbox", "the sandbox")
#: The one message for a missing aiohttp extra (AsyncClient(http_backend="aiohttp")).
AIOHTTP_HINT: Final = install_hint("aiohttp", "http_backend='aiohttp'")
