"""A sandbox exchange: an executable model of Poloniex spot v3 smart orders, served as a Starlette app.

Use `create_app()` in-process (tests, demos) or `python -m polo_smartorders.sandbox` to serve it on loopback. The
engine behind the app (`app.state.sandbox`) moves market prices with `set_price`. Needs the `sandbox` extra.
"""

from ._app import create_app
from ._engine import DEFAULT_ACCOUNTS, FIRST_ID, Sandbox
from ._errors import SandboxError
from ._signing import sign, signing_payload

__all__ = ["DEFAULT_ACCOUNTS", "FIRST_ID", "Sandbox", "SandboxError", "create_app", "sign", "signing_payload"]
