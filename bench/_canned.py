"""Canned exchange answers and a hand-written signer, shared by the transports, the server and the baselines.

The signer is written from the API reference, not imported from polo_smartorders, so the baselines depend on
nothing of the library under test.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from typing import Any, Final

API_KEY: Final = "bench-api-key-0001"
API_SECRET: Final = "bench-api-secret-not-a-real-one"
ORDER_ID: Final = "10000001"
LIST_SIZE: Final = 50
USER_AGENT: Final = "polo-smartorders/0.1.0"

SMART_ORDER: Final[dict[str, Any]] = {
    "id": ORDER_ID,
    "clientOrderId": "abc-1",
    "symbol": "BTC_USDT",
    "state": "PENDING_NEW",
    "accountType": "SPOT",
    "side": "BUY",
    "type": "STOP_LIMIT",
    "timeInForce": "GTC",
    "quantity": "100",
    "price": "40000.50",
    "amount": "0",
    "stopPrice": "40000",
    "createTime": 1674197467415,
    "updateTime": 1674197467415,
}


def _dumps(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


CANNED_CLIENT_ORDER_ID: Final = "pso-000000000000000000000000"
CREATE_BODY: Final = _dumps({"id": "10000002", "clientOrderId": CANNED_CLIENT_ORDER_ID})
ONE_BODY: Final = _dumps([SMART_ORDER])
LIST_BODY: Final = _dumps([{**SMART_ORDER, "id": str(int(ORDER_ID) + i)} for i in range(LIST_SIZE)])
CANCEL_BODY: Final = _dumps(
    {"orderId": ORDER_ID, "clientOrderId": "abc-1", "state": "PENDING_CANCEL", "code": 200, "message": ""}
)
TIME_BODY: Final = _dumps({"serverTime": 1674197467415})
NOT_FOUND_BODY: Final = _dumps({"code": 404, "message": "not found"})


def answer(method: str, path: str) -> tuple[int, bytes]:
    """The canned (status, JSON body) for a request line; the query string is ignored."""
    if method == "POST" and path == "/smartorders":
        return 200, CREATE_BODY
    if method == "DELETE" and path.startswith("/smartorders/"):
        return 200, CANCEL_BODY
    if method == "GET":
        if path == "/smartorders":
            return 200, LIST_BODY
        if path.startswith("/smartorders/"):
            return 200, ONE_BODY
        if path == "/timestamp":
            return 200, TIME_BODY
    return 404, NOT_FOUND_BODY


def sign(method: str, path: str, params: bytes, secret: str = API_SECRET) -> str:
    """base64(HMAC_SHA256(secret, METHOD + "\\n" + PATH + "\\n" + PARAMS))."""
    payload = method.encode() + b"\n" + path.encode() + b"\n" + params
    return base64.b64encode(hmac.new(secret.encode(), payload, hashlib.sha256).digest()).decode()


def signed_headers(method: str, path: str, query: str, body: bytes | None) -> dict[str, str]:
    """The headers the exchange wants: PARAMS is ``requestBody=<body>&signTimestamp=<ts>`` for a body, else the
    sorted query plus signTimestamp (the caller passes ``query`` already sorted and encoded)."""
    timestamp = str(time.time_ns() // 1_000_000)
    if body:
        params = b"requestBody=" + body + b"&signTimestamp=" + timestamp.encode()
    else:
        params = ((query + "&") if query else "").encode() + b"signTimestamp=" + timestamp.encode()
    headers = {
        "key": API_KEY,
        "signTimestamp": timestamp,
        "signatureMethod": "hmacSHA256",
        "signatureVersion": "1",
        "signature": sign(method, path, params),
    }
    if body:
        headers["Content-Type"] = "application/json"
    return headers


def create_payload() -> bytes:
    """The create body the wrapper sends for the benchmark order, with a fresh clientOrderId like the wrapper's."""
    return _dumps(
        {
            "symbol": "BTC_USDT",
            "side": "BUY",
            "type": "STOP_LIMIT",
            "price": "40000.50",
            "stopPrice": "40000",
            "quantity": "100",
            "clientOrderId": "pso-" + secrets.token_hex(12),
        }
    )
