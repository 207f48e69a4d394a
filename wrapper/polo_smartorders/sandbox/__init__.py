"""A sandbox exchange: an executable model of Poloniex spot v3 smart orders, served as a Starlette app.

Use `create_app()` in-process (tests, demos) or `python -m polo_smartorders.sandbox` to serve it on loopback. The
engine behind the app (`app.state.sandbox`) moves market prices with `set_price`; its markets (`Market`, default
`DEFAULT_MARKETS`) carry the exchange's trading rules, which orders must obey. Needs the `sandbox` extra; the
names are imported on first use, so that without it `python -m polo_smartorders.sandbox` can say what to install.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .._extras import EXTRAS, SANDBOX_HINT

if TYPE_CHECKING:
    from ._app import create_app
    from ._engine import DEFAULT_ACCOUNTS, DEFAULT_SYMBOLS, FIRST_ID, Sandbox
    from ._errors import SandboxError
    from ._markets import DEFAULT_MARKETS, Market, load_markets
    from ._signing import sign, signing_payload

__all__ = [
    "DEFAULT_ACCOUNTS",
    "DEFAULT_MARKETS",
    "DEFAULT_SYMBOLS",
    "FIRST_ID",
    "INSTALL_HINT",
    "Market",
    "Sandbox",
    "SandboxError",
    "create_app",
    "load_markets",
    "sign",
    "signing_payload",
]

#: What to install when the sandbox's packages are missing (polo_smartorders/_extras.py: said the same everywhere).
INSTALL_HINT = SANDBOX_HINT
_HOMES = {
    "create_app": "._app",
    "DEFAULT_ACCOUNTS": "._engine",
    "DEFAULT_MARKETS": "._markets",
    "DEFAULT_SYMBOLS": "._engine",
    "FIRST_ID": "._engine",
    "Market": "._markets",
    "load_markets": "._markets",
    "Sandbox": "._engine",
    "SandboxError": "._errors",
    "sign": "._signing",
    "signing_payload": "._signing",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        module = importlib.import_module(home, __name__)
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] not in EXTRAS["sandbox"] or INSTALL_HINT in str(error):
            raise  # not the extra's, or already says what to install
        raise ModuleNotFoundError(f"{INSTALL_HINT} ({error})", name=error.name) from error
    value = getattr(module, name)
    globals()[name] = value
    return value
