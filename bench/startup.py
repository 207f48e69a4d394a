"""Section 3: import time of polo_smartorders (fresh interpreters) and memory of a client with its pool.

Import time is measured inside each fresh interpreter around ``import polo_smartorders`` alone, in two
environments: this .venv as it is (with the dev tools installed), and an interpreter that sees only the runtime
dependency closure of polo-smartorders (``-I -S`` with a temp dir of links to exactly those packages), which is what
``pip install polo-smartorders`` gives a user.
"""

from __future__ import annotations

import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

#: Must never be imported by ``import polo_smartorders``: the sandbox and the test tooling.
FORBIDDEN = ("starlette", "uvicorn", "schemathesis", "hypothesis", "requests", "polo_smartorders.sandbox")
VENV_LABEL = "this .venv (dev tools installed)"
RUNTIME_LABEL = "runtime dependencies only (what pip install polo-smartorders gives)"
#: httpx imports its optional CLI (``httpx._main``) when these happen to be installed.
HTTPX_CLI_EXTRAS = ("rich", "click", "pygments")

_IMPORT_PROBE = """
import sys, time
start = time.perf_counter()
import {module}
elapsed = time.perf_counter() - start
import importlib.util, json
forbidden = {forbidden!r}
extras = {extras!r}
print(json.dumps({{
    "ms": elapsed * 1000,
    "modules": len(sys.modules),
    "forbidden": sorted(m for m in sys.modules if any(m == f or m.startswith(f + ".") for f in forbidden)),
    "extras": sorted(m for m in extras if m in sys.modules),
    "sniffio": importlib.util.find_spec("sniffio") is not None,
}}))
"""

_MEMORY_PROBE = """
import asyncio, gc, json, os, sys, time, tracemalloc
import httpx
from polo_smartorders import AsyncClient, Client
from polo_smartorders._transport import _private

url, kind, mode = sys.argv[1], sys.argv[2], sys.argv[3]
KEY, SECRET = "bench-api-key-0001", "bench-api-secret-not-a-real-one"

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

def pool_size(http):
    transport = _private.transport_of(http)
    pool = _private.pool_of(transport) if isinstance(transport, (httpx.HTTPTransport, httpx.AsyncHTTPTransport)) else None
    return len(getattr(pool, "connections", [])) if pool is not None else -1

async def run_async(n):
    client = AsyncClient(KEY, SECRET, url, rate_limit=False)
    await asyncio.gather(*(client.smartorders().get_by_id("10000001") for _ in range(n)))
    return client, pool_size(client._api.get_async_httpx_client())

gc.collect()
before = rss()
if mode == "tracemalloc":
    tracemalloc.start()
if kind == "sync":
    client = Client(KEY, SECRET, url, rate_limit=False)
    client.smartorders().get_by_id("10000001")
    connections = pool_size(client._api.get_httpx_client())
else:
    loop = asyncio.new_event_loop()
    client, connections = loop.run_until_complete(run_async(64))
gc.collect()
out = {"connections": connections}
if mode == "tracemalloc":
    out["traced"], out["peak"] = tracemalloc.get_traced_memory()
    tracemalloc.stop()
else:
    out["rss_delta"] = rss() - before
print(json.dumps(out))
"""


def _python(args: list[str], timeout: float = 60) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603 - this interpreter with our own probe code
        [sys.executable, *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"probe failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _top_level_names(dist: metadata.Distribution) -> set[str]:
    names: set[str] = set()
    for file in dist.files or []:
        head = file.parts[0]
        if head in ("..", "__pycache__") or head.endswith((".dist-info", ".egg-info", ".pth", ".data")):
            continue
        if len(file.parts) == 1 and not head.endswith((".py", ".so")):
            continue
        names.add(head)
    return names


def _runtime_closure(root: str = "polo-smartorders") -> list[metadata.Distribution]:
    seen: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        dist = metadata.distribution(name)
        seen[name] = dist
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return list(seen.values())


@contextmanager
def runtime_only_path() -> Iterator[tuple[str, list[str]]]:
    """A temp dir of links to the packages of polo-smartorders' runtime dependency closure (and nothing else)."""
    with tempfile.TemporaryDirectory(prefix="polo-bench-runtime-") as tmp:
        dists = _runtime_closure()
        for package in ("polo_smartorders", "polo_smartorders_api"):
            spec = importlib.util.find_spec(package)
            assert spec is not None and spec.submodule_search_locations
            os.symlink(next(iter(spec.submodule_search_locations)), Path(tmp, package))
        for dist in dists:
            if canonicalize_name(dist.metadata["Name"]) == "polo-smartorders":
                continue
            for name in _top_level_names(dist):
                target = Path(str(dist.locate_file(name)))
                link = Path(tmp, name)
                if target.exists() and not link.exists():
                    os.symlink(target, link)
        yield tmp, sorted(f"{d.metadata['Name']} {d.version}" for d in dists)


@dataclass
class ImportResult:
    label: str
    module: str
    runs_ms: list[float]
    modules: int
    forbidden: list[str]
    extras: list[str]
    sniffio: bool

    @property
    def median_ms(self) -> float:
        return statistics.median(self.runs_ms)


#: The row of the command line's startup: what `polo-smartorders --version` runs (its import and the answer), timed
#: in-process like `import httpx`, which is its target (issue 21.5: faster than `import httpx` alone).
CLI_VERSION = "polo-smartorders --version"
_CLI_PROBE = """
import contextlib, io, sys, time
start = time.perf_counter()
from polo_smartorders._cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(["--version"])
    except SystemExit:
        pass
elapsed = time.perf_counter() - start
import importlib.util, json
forbidden = {forbidden!r}
extras = {extras!r}
print(json.dumps({{
    "ms": elapsed * 1000,
    "modules": len(sys.modules),
    "forbidden": sorted(m for m in sys.modules if any(m == f or m.startswith(f + ".") for f in forbidden)),
    "extras": sorted(m for m in extras if m in sys.modules),
    "sniffio": importlib.util.find_spec("sniffio") is not None,
}}))
"""


def _measure_import(label: str, flags: list[str], setup: str, runs: int, module: str) -> ImportResult:
    probe = _CLI_PROBE if module == CLI_VERSION else _IMPORT_PROBE
    code = setup + probe.format(module=module, forbidden=FORBIDDEN, extras=HTTPX_CLI_EXTRAS)
    results = [_python([*flags, "-c", code]) for _ in range(runs)]
    return ImportResult(
        label,
        module,
        [r["ms"] for r in results],
        results[-1]["modules"],
        sorted({m for r in results for m in r["forbidden"]}),
        results[-1]["extras"],
        bool(results[-1]["sniffio"]),
    )


@dataclass
class MemoryResult:
    label: str
    connections: int
    traced: int
    peak: int
    rss_delta: int


@dataclass
class StartupResult:
    imports: list[ImportResult]
    runtime_packages: list[str]
    memory: list[MemoryResult]


def run(url: str, *, runs: int) -> StartupResult:
    imports = [
        _measure_import(VENV_LABEL, [], "", runs, module) for module in ("polo_smartorders", "httpx", CLI_VERSION)
    ]
    with runtime_only_path() as (path, packages):
        # -I -S: no site-packages, no PYTHONPATH, no cwd; only the linked runtime closure and the stdlib.
        setup = f"import sys; sys.path[:0] = [{path!r}]\n"
        imports += [
            _measure_import(RUNTIME_LABEL, ["-I", "-S"], setup, runs, module)
            for module in ("polo_smartorders", "httpx", CLI_VERSION)
        ]
    memory: list[MemoryResult] = []
    for kind, label in (("sync", "Client, 1 request made"), ("async", "AsyncClient, 64 concurrent requests made")):
        traced = _python(["-c", _MEMORY_PROBE, url, kind, "tracemalloc"])
        rss = _python(["-c", _MEMORY_PROBE, url, kind, "rss"])
        memory.append(
            MemoryResult(label, int(traced["connections"]), traced["traced"], traced["peak"], rss["rss_delta"])
        )
    return StartupResult(imports, packages, memory)
