"""Section 2b: a get by id over TLS on loopback: polo_smartorders against ccxt's request path, in the same run.

The canned server (``bench.server``) answers over HTTPS with a certificate for 127.0.0.1 issued at run time by a
throw-away CA (trustme). The httpx clients trust that CA through the environment (``SSL_CERT_FILE``), so they run as
configured by default; ccxt's session ignores the environment, so it is given the CA file. All three
send a signed ``GET /smartorders/10000001`` one at a time over one kept-alive TLS connection and read the answer:

- polo_smartorders ``Client.smartorders().get_by_id`` (validation, signing, the typed ``SmartOrder``);
- ccxt's request path: ``ccxt.poloniex(...).private_get_smartorders_id`` (its implicit API method for this
  endpoint: sign, send through its ``requests.Session``, parse the JSON, check it for errors; no unified parsing);
- plain ``httpx.Client`` signing each request by hand (the floor).

Rounds are interleaved; the ratios are medians of the per-round ratios, in requests per second of the client's CPU
(the wall-clock rate follows the load of the shared machine) and, beside, in wall-clock requests per second.
"""

from __future__ import annotations

import os
import statistics
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Final

from ._canned import API_KEY, API_SECRET, ORDER_ID
from ._proc import canned_server
from .overhead import plain_client, wrapper_client
from .throughput import Config, Sample, _loop, cpu_ratio

#: get by id over TLS: polo_smartorders' requests per client CPU-second at least this many times ccxt's ("clearly
#: ahead"); one request at a time, each client is CPU-bound but for the server's turn, so it is their rate ratio.
TARGET: Final = 1.25
TARGET_ROW: Final = (
    "get by id over TLS, requests per client CPU-second ≥ 1.25x ccxt's request path (sync, one kept-alive connection)"
)
WRAPPER: Final = "polo_smartorders Client (sync), TLS"
CCXT: Final = "ccxt poloniex private_get_smartorders_id (sync, requests.Session), TLS"
FLOOR: Final = "plain httpx.Client signing by hand (the floor), TLS"


@dataclass
class TlsResult:
    configs: dict[str, Config]
    rounds: int
    duration: float
    ccxt_version: str | None  # None: ccxt is not installed, its row is left out

    def ratio(self, key: str, other: str) -> float:
        """The median of the per-round rate ratios of two rows (each round runs every row once)."""
        mine, theirs = self.configs[key].samples, self.configs[other].samples
        return statistics.median(
            (a.requests / a.wall) / (b.requests / b.wall) for a, b in zip(mine, theirs, strict=True)
        )

    def cpu_ratio(self, key: str, other: str) -> float:
        """As ``ratio``, in requests per second of the client's CPU (``throughput.cpu_ratio``)."""
        return cpu_ratio(self.configs[key].samples, self.configs[other].samples)


@contextmanager
def _trusted_server(workers: int) -> Iterator[str]:
    """The canned server over HTTPS, its CA trusted through the environment for the block's length."""
    import trustme

    ca = trustme.CA()
    issued = ca.issue_cert("127.0.0.1")
    with tempfile.TemporaryDirectory(prefix="polo-bench-tls-") as folder:
        chain, key, authority = Path(folder, "chain.pem"), Path(folder, "key.pem"), Path(folder, "ca.pem")
        chain.write_bytes(b"".join(blob.bytes() for blob in issued.cert_chain_pems))
        issued.private_key_pem.write_to_path(str(key))
        ca.cert_pem.write_to_path(str(authority))
        saved = {name: os.environ.get(name) for name in ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")}  # restored after
        os.environ.update(SSL_CERT_FILE=str(authority), REQUESTS_CA_BUNDLE=str(authority))
        try:
            with canned_server(workers, 0.0, tls=(chain, key)) as url:
                yield url
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def _wrapper(url: str, duration: float) -> Sample:
    with wrapper_client(url) as client:
        so = client.smartorders()
        so.get_by_id(ORDER_ID)
        return _loop(lambda: so.get_by_id(ORDER_ID), duration)


def _floor(url: str, duration: float) -> Sample:
    plain = plain_client(url)
    try:
        plain.get_by_id()
        return _loop(plain.get_by_id, duration)
    finally:
        plain.http.close()


def _ccxt(url: str, duration: float) -> Sample:
    import ccxt  # type: ignore[import-untyped]

    exchange: Any = ccxt.poloniex({"apiKey": API_KEY, "secret": API_SECRET, "enableRateLimit": False})
    exchange.urls["api"]["spot"] = url
    # Its session ignores the environment, and each request passes requests ``verify=exchange.verify and
    # exchange.validateServerSsl``: the CA file's path, so given.
    exchange.validateServerSsl = os.environ["REQUESTS_CA_BUNDLE"]

    def once() -> Any:
        return exchange.private_get_smartorders_id({"id": ORDER_ID})[0]

    try:
        once()
        return _loop(once, duration)
    finally:
        exchange.session.close()


def _ccxt_version() -> str | None:
    try:
        return metadata.version("ccxt")
    except metadata.PackageNotFoundError:
        return None


def run(*, rounds: int, duration: float, workers: int) -> TlsResult:
    version = _ccxt_version()
    runs: list[tuple[str, str, Callable[[str, float], Sample]]] = [("wrapper", WRAPPER, _wrapper)]
    if version is not None:
        runs.append(("ccxt", CCXT, _ccxt))
    runs.append(("floor", FLOOR, _floor))
    configs = [Config(key, label, fn) for key, label, fn in runs]
    with _trusted_server(workers) as url:
        for round_no in range(rounds):
            for config in configs if round_no % 2 == 0 else configs[::-1]:
                config.samples.append(config.run(url, duration))
    return TlsResult({c.key: c for c in configs}, rounds, duration, version)
