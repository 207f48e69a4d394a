"""cProfile helpers: time per call grouped by layer (wrapper, generated, httpx, ...) and the hottest functions."""

from __future__ import annotations

import cProfile
import pstats
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Hot:
    """One function's own time per profiled call (µs)."""

    where: str
    own_us: float
    calls_per_op: float


@dataclass(frozen=True)
class ProfileSummary:
    label: str
    ops: int
    total_us: float  # profiled time per operation (cProfile inflates it; compare shares, not absolute values)
    layers: list[tuple[str, float]]  # (layer, µs per operation), largest first
    hottest: list[Hot]
    calls_per_op: dict[str, float]  # every profiled function (as ``where``) -> calls per operation

    def calls(self, file_suffix: str, function: str) -> float:
        """Calls per operation of the functions named ``function`` in files ending with ``file_suffix``."""
        return sum(
            n
            for where, n in self.calls_per_op.items()
            if f"{file_suffix}:" in where and where.endswith(f"({function})")
        )


def layer_of(filename: str, function: str) -> str:
    """Which layer a profiled function belongs to."""
    if "/wrapper/polo_smartorders/" in filename:
        return "polo_smartorders (wrapper)"
    if "/generated/polo_smartorders_api/" in filename:
        return "polo_smartorders_api (generated)"
    if "/bench/" in filename:
        return "bench harness (transport, loop, baseline)"
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if filename.startswith("<frozen importlib"):
        return "importlib (import machinery)"
    if filename == "~":
        if "select.epoll" in function or "poll" in function:
            return "waiting in epoll (idle)"
        if "socket" in function:
            return "socket calls (C; sync recv includes waiting)"
        return "C builtins"
    marker = "/python3."
    if marker in filename:
        rest = filename.split(marker, 1)[1].split("/", 1)
        module = rest[1] if len(rest) > 1 else rest[0]
        return "stdlib " + module.split("/", 1)[0].removesuffix(".py")
    return filename.rsplit("/", 1)[-1]


def _where(filename: str, line: int, function: str) -> str:
    if filename == "~":
        return function
    for cut in ("site-packages/", "/wrapper/", "/generated/", "/bench/"):
        if cut in filename:
            filename = cut.strip("/").replace("site-packages", "") + "/" + filename.split(cut, 1)[1]
            break
    else:
        filename = filename.rsplit("/", 1)[-1]
    return f"{filename.lstrip('/')}:{line}({function})"


def summarize(profile: cProfile.Profile, label: str, ops: int, top: int = 10) -> ProfileSummary:
    stats = pstats.Stats(profile)
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, object]] = stats.stats  # type: ignore[attr-defined]
    layers: defaultdict[str, float] = defaultdict(float)
    hot: list[Hot] = []
    for (filename, line, function), (_primitive, ncalls, own, _cumulative, _callers) in raw.items():
        layers[layer_of(filename, function)] += own
        hot.append(Hot(_where(filename, line, function), own / ops * 1e6, ncalls / ops))
    total = sum(layers.values()) / ops * 1e6
    calls = {h.where: h.calls_per_op for h in hot}
    hot.sort(key=lambda h: h.own_us, reverse=True)
    return ProfileSummary(
        label,
        ops,
        total,
        [(name, seconds / ops * 1e6) for name, seconds in sorted(layers.items(), key=lambda kv: -kv[1])],
        hot[:top],
        calls,
    )


def profile_calls(label: str, fn: Callable[[], object], ops: int, top: int = 10) -> ProfileSummary:
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(ops):
        fn()
    profile.disable()
    return summarize(profile, label, ops, top)
