"""`python -m polo_smartorders.sandbox` serves the sandbox on loopback with the accounts and options given."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
import pytest
from polo_smartorders.sandbox.__main__ import parse_args

from tests.support.signing import auth_headers, now_ms


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_arguments() -> None:
    args = parse_args(["--port", "9000", "--account", "k1:s1", "--account", "k2:s:2", "--clock-skew-ms", "-500"])
    assert (args.host, args.port, args.clock_skew_ms, args.rate_limits) == ("127.0.0.1", 9000, -500, False)
    assert args.account == [("k1", "s1"), ("k2", "s:2")]
    with pytest.raises(SystemExit):
        parse_args(["--account", "no-secret"])


def test_serves_until_terminated() -> None:
    port = _free_port()
    command = [sys.executable, "-m", "polo_smartorders.sandbox", "--port", str(port), "--account", "cli-key:cli-secret"]
    command += ["--clock-skew-ms", "30000", "--rate-limits", "--log-level", "warning"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # noqa: S603 - fixed argv
    try:
        assert process.stdout is not None
        banner = process.stdout.readline() + process.stdout.readline()
        assert f"http://127.0.0.1:{port}" in banner and "key=cli-key secret=cli-secret" in banner
        base = f"http://127.0.0.1:{port}"
        server_time = _wait_for_time(base, deadline=time.monotonic() + 15)
        assert server_time - now_ms() > 25_000
        stamp = str(server_time)
        headers = auth_headers("cli-secret", "cli-key", "GET", b"/smartorders", "", b"", stamp)
        assert httpx.get(f"{base}/smartorders", headers=headers, timeout=5).json() == []
        default = auth_headers("sandbox-secret", "sandbox-key", "GET", b"/smartorders", "", b"", stamp)
        assert httpx.get(f"{base}/smartorders", headers=default, timeout=5).status_code == 401
    finally:
        process.terminate()
        process.wait(timeout=15)


def _wait_for_time(base: str, deadline: float) -> int:
    while True:
        try:
            return int(httpx.get(f"{base}/timestamp", timeout=1).json()["serverTime"])
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
