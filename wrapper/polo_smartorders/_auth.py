"""Request signing: an httpx.Auth that signs the exact bytes sent, and the clock it signs with."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import threading
import time
from collections.abc import Callable, Generator
from urllib.parse import parse_qsl, quote

import httpx
from polo_smartorders_api.rules import OPERATIONS

from ._constants import DRIFT_MS_PER_S


def _route(path: str) -> re.Pattern[str]:
    """A spec path (``/smartorders/{id}``) as a pattern of the request paths it stands for."""
    parts = re.split(r"(\{[^}]+\})", path)
    return re.compile("".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts))


#: The operations the spec makes public (``security: []``), by method: sent unsigned, with no key.
_PUBLIC = tuple((op["method"], _route(op["path"])) for op in OPERATIONS.values() if not op["signed"])


class Clock:
    """Milliseconds since the epoch as the exchange sees them.

    Until measured: the local wall clock plus ``offset_ms``. Once measured with GET /timestamp, the exchange's time is
    counted on from that answer with the monotonic clock, so a step of the local wall clock changes nothing. It also
    knows how far off it may be (``uncertainty_ms``: half the measurement's round trip, both sides' millisecond
    truncation, and drift since), and the latest signTimestamp it issued, from which a lost request's recvWindow
    fence is counted.
    """

    def __init__(self, monotonic: Callable[[], float] | None = None, wall_ns: Callable[[], int] | None = None) -> None:
        """``monotonic`` and ``wall_ns`` are the time sources (seconds; ns since the epoch), by default
        ``time.monotonic`` and ``time.time_ns`` looked up at each reading; a model in virtual time passes its own."""
        self.monotonic: Callable[[], float] = monotonic or (lambda: time.monotonic())
        self._wall_ns: Callable[[], int] = wall_ns or (lambda: time.time_ns())
        self.offset_ms = 0
        #: (exchange ms, monotonic seconds) at the middle of the last measurement, and its half round trip in ms.
        self._anchor: tuple[int, float, int] | None = None
        self._latest_stamp_ms = 0
        self._lock = threading.Lock()

    def local_ms(self) -> int:
        return self._wall_ns() // 1_000_000

    def now_ms(self) -> int:
        return self.at_ms(self.monotonic())

    def at_ms(self, monotonic: float) -> int:
        """The exchange time at a ``monotonic`` reading (now or past)."""
        anchor = self._anchor
        if anchor is None:
            return self.local_ms() + self.offset_ms - int((self.monotonic() - monotonic) * 1000)
        server_ms, middle, _ = anchor
        return server_ms + int((monotonic - middle) * 1000)

    def measured(self, server_ms: int, sent: float, received: float) -> int:
        """Apply a GET /timestamp answer read between the ``monotonic`` readings ``sent`` and ``received``."""
        middle = (sent + received) / 2
        with self._lock:
            self._anchor = (server_ms, middle, int((received - sent) * 500) + 1)
            self.offset_ms = server_ms - (self.local_ms() - int((self.monotonic() - middle) * 1000))
        return self.offset_ms

    @property
    def uncertainty_ms(self) -> int | None:
        """How far ``now_ms()`` may be from the exchange's clock, or None while it was never measured."""
        anchor = self._anchor
        if anchor is None:
            return None
        _, middle, half_round_trip_ms = anchor
        drift = int((self.monotonic() - middle) * DRIFT_MS_PER_S) + 1
        return half_round_trip_ms + 2 + drift

    def stamp(self) -> int:
        """A signTimestamp: ``now_ms()``, remembered if it is the latest one issued."""
        stamp = self.now_ms()
        with self._lock:
            self._latest_stamp_ms = max(self._latest_stamp_ms, stamp)
        return stamp

    @property
    def latest_stamp_ms(self) -> int:
        """The latest signTimestamp issued: no request signed so far carries a later one."""
        return self._latest_stamp_ms


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
