"""Request signing: an httpx.Auth that signs the exact bytes sent, with the exchange's time from ``_clock``."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Generator
from urllib.parse import parse_qsl, quote

import httpx

from ._clock import Clock
from ._rules import OPERATIONS


def _route(path: str) -> re.Pattern[str]:
    """A spec path (``/smartorders/{id}``) as a pattern of the request paths it stands for."""
    parts = re.split(r"(\{[^}]+\})", path)
    return re.compile("".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts))


#: The operations the spec makes public (``security: []``), by method: sent unsigned, with no key.
_PUBLIC = tuple((op.method, _route(op.path)) for op in OPERATIONS.values() if not op.signed)


def canonical_query(pairs: list[tuple[str, str]]) -> str:
    """Sort by name and percent-encode as UTF-8 (unreserved characters kept): the form that is both signed and sent."""
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in sorted(pairs))


def signature(secret: str, method: str, path: str, params: bytes) -> str:
    """base64(HMAC_SHA256(secret, METHOD + "\\n" + PATH + "\\n" + PARAMS))."""
    payload = f"{method.upper()}\n{path}\n".encode() + params
    return base64.b64encode(hmac.new(secret.encode(), payload, hashlib.sha256).digest()).decode()


class HmacAuth(httpx.Auth):
    """Signs every request afresh with a new signTimestamp; GET queries are rewritten to the canonical form first.
    A public operation's request (the spec's ``security: []``, GET /timestamp) goes unsigned."""

    requires_request_body = True

    def __init__(
        self, api_key: str, api_secret: str, clock: Clock, recv_window: int | None = None, base_path: str = ""
    ) -> None:
        """``base_path``: the path of the base URL, before the spec's paths (none for the exchange)."""
        self._api_key = api_key
        self.__secret = api_secret
        self._clock = clock
        self._recv_window = recv_window
        self._base_path = base_path.rstrip("/")

    def __repr__(self) -> str:
        return f"HmacAuth(api_key='...{self._api_key[-4:]}')"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if not self.is_public(request):
            self.sign(request)
        yield request

    def is_public(self, request: httpx.Request) -> bool:
        """A request to an operation the spec declares public: it carries no key and no signature."""
        path = request.url.path
        if self._base_path:
            if not path.startswith(self._base_path):
                return False
            path = path[len(self._base_path) :]
        return any(request.method == method and route.fullmatch(path) for method, route in _PUBLIC)

    def sign(self, request: httpx.Request) -> None:
        timestamp = str(self._clock.stamp())
        raw_path, separator, raw_query = request.url.raw_path.partition(b"?")
        body = request.content
        if body:
            if raw_query:
                raise ValueError("a signed request carries either a JSON body or a query, never both")
            params = b"requestBody=" + body + b"&signTimestamp=" + timestamp.encode()
        elif not raw_query:  # no query (get by id, a cancel): nothing to sort or encode
            if separator:
                request.url = request.url.copy_with(query=None)
            params = b"signTimestamp=" + timestamp.encode()
        else:
            pairs = parse_qsl(raw_query.decode("ascii"), keep_blank_values=True)
            query = canonical_query(pairs).encode("ascii")
            # Rewriting re-parses the whole URL: skip it when the query already is the canonical one.
            if query != raw_query or (separator and not query):
                request.url = request.url.copy_with(query=query or None)
            params = canonical_query([*pairs, ("signTimestamp", timestamp)]).encode("ascii")
        request.headers["key"] = self._api_key
        request.headers["signTimestamp"] = timestamp
        request.headers["signatureMethod"] = "hmacSHA256"
        request.headers["signatureVersion"] = "1"
        request.headers["signature"] = signature(self.__secret, request.method, raw_path.decode("ascii"), params)
        if self._recv_window is not None:
            request.headers["recvWindow"] = str(self._recv_window)
