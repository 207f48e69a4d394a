"""The Starlette application: one route per path of the spec (``_routes.PATHS``), dispatching on method, then framing,
auth, rate limits."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

from starlette.applications import Starlette
from starlette.convertors import Convertor, register_url_convertor
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from ._engine import Sandbox, wall_clock_ms
from ._errors import INTERNAL_ERROR, INVALID_PARAMETER, SandboxError, missing
from ._framing import decode_json, parse_query, read_body
from ._gate import SignedRequest, authenticate
from ._markets import Market
from ._parsers import NO_BODY
from ._routes import PATHS, Endpoint, Invocation, reject_query
from ._throttle import Throttle

logger = logging.getLogger("polo_smartorders.sandbox")


def error_response(error: SandboxError) -> Response:
    """The exchange's error body `{"code", "message"}` with the error's status and headers."""
    return JSONResponse({"code": error.code, "message": error.message}, error.status, headers=error.headers)


class PathEndpoint:
    """The ASGI endpoint of one path: answers 405 with `Allow` for methods the path does not have."""

    def __init__(self, endpoints: Mapping[str, Endpoint], sandbox: Sandbox, limiter: Throttle | None) -> None:
        self.endpoints = endpoints
        self.sandbox = sandbox
        self.limiter = limiter
        self.allow = ", ".join(endpoints)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            response = await self.respond(request)
        except ClientDisconnect:  # the client hung up mid-request: nobody to answer, and not a sandbox failure
            logger.debug("client disconnected during %s %s", request.method, request.url.path)
            return
        await response(scope, receive, send)

    async def respond(self, request: Request) -> Response:
        """Run one request through framing, auth, rate limiting and its handler; every refusal is JSON.

        Raises ClientDisconnect when the client hangs up before its body arrived (there is no one to answer)."""
        endpoint = self.endpoints.get(request.method)
        if endpoint is None:
            error = SandboxError(405, 405, f"Method {request.method} not allowed", {"Allow": self.allow})
            return error_response(error)
        try:
            return JSONResponse(await self._run(endpoint, request))
        except SandboxError as error:
            return error_response(error)
        except ClientDisconnect:
            raise
        except Exception:
            logger.exception("sandbox failure on %s %s", request.method, request.url.path)
            return error_response(SandboxError(500, INTERNAL_ERROR, "Internal error"))

    async def _run(self, endpoint: Endpoint, request: Request) -> object:
        if not endpoint.framed:
            return endpoint.handler(self.sandbox, Invocation(account="", path_id="", query=[], body=NO_BODY))
        query = parse_query(request.scope.get("query_string", b""))
        body = await read_body(request.stream())
        if body and query:
            raise SandboxError(400, INVALID_PARAMETER, "A request carries either a JSON body or query parameters")
        account = ""
        if endpoint.signed:
            raw_path: bytes = request.scope.get("raw_path") or request.scope["path"].encode()
            headers = {name.lower(): value for name, value in request.headers.items()}
            signed = SignedRequest(request.method, raw_path, query, body, headers)
            account = authenticate(self.sandbox.accounts, signed, self.sandbox.now_ms())
            self._limit(account, endpoint.name)
        if body and endpoint.body == "none":
            raise SandboxError(400, INVALID_PARAMETER, f"{endpoint.name} takes no request body")
        if not body and endpoint.body == "required":
            raise missing("request body")
        call = Invocation(
            account=account,
            path_id=str(next(iter(request.path_params.values()), "")),  # the operation's one path parameter
            query=query,
            body=decode_json(body, request.headers.get("content-type")) if body else NO_BODY,
        )
        if not endpoint.takes_query:
            reject_query(call)
        return endpoint.handler(self.sandbox, call)

    def _limit(self, account: str, operation_id: str) -> None:
        if self.limiter is None:
            return
        retry_after = self.limiter.acquire(account, operation_id)
        if retry_after is not None:
            raise SandboxError(
                429,
                429,
                f"Too many requests: {operation_id} is over this account's rate limit",
                {"Retry-After": str(retry_after)},
            )


class _Segment(Convertor[str]):
    """A path parameter: one path segment, possibly empty (``/smartorders/`` is an order id of "", refused as such),
    never a ``/``: ``/smartorders/1/fills`` is another path, not order ``1/fills``."""

    regex = "[^/]*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("segment", _Segment())


def route_path(path: str) -> str:
    """A spec path as a Starlette route: each ``{name}`` one segment (``{name:segment}``)."""
    return re.sub(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", r"{\1:segment}", path)


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    return error_response(SandboxError(status, status, f"No such endpoint: {request.url.path}"))


def create_app(
    accounts: Mapping[str, str] | None = None,
    clock_skew_ms: int = 0,
    rate_limits: bool = False,
    *,
    sandbox: Sandbox | None = None,
    clock: Callable[[], int] = wall_clock_ms,
    symbols: Iterable[str | Market] | None = None,
    balances: Mapping[str, str | Decimal] | None = None,
) -> Starlette:
    """The sandbox exchange as an ASGI app; its engine is `app.state.sandbox`.

    `accounts` maps API keys to secrets (default `sandbox-key`/`sandbox-secret`); `clock_skew_ms` shifts the
    sandbox's clock; `rate_limits` turns on the exchange's per-account limits (429 with Retry-After); `symbols` are
    the markets it trades, each a symbol (its default rules) or a `Market` with rules of its own (default
    `DEFAULT_MARKETS`; an order on any other is refused with 25019, one breaking its market's rules with the
    exchange's code); `balances` (e.g. `{"USDT": "1000"}`) gives each account those funds and no others (default:
    unlimited). Pass `sandbox` to serve an existing engine (then the engine's arguments are ignored).
    """
    engine = (
        sandbox
        if sandbox is not None
        else Sandbox(accounts, clock_skew_ms=clock_skew_ms, clock=clock, symbols=symbols, balances=balances)
    )
    limiter = Throttle() if rate_limits else None
    routes = [Route(route_path(path), PathEndpoint(endpoints, engine, limiter)) for path, endpoints in PATHS.items()]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_error})
    app.router.redirect_slashes = False
    app.state.sandbox = engine
    return app
