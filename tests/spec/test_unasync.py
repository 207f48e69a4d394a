"""The sync resource is derived from its async source (openapi/unasync.py): one source, never two copies in step by
hand. ``make check-generated`` runs the check; these tests pin what the derivation does."""

from __future__ import annotations

import importlib.util
import inspect
from pathlib import Path
from types import ModuleType

import pytest
from polo_smartorders import AsyncMarkets, AsyncSmartOrders, Markets, SmartOrders

ROOT = Path(__file__).resolve().parents[2]


def _unasync() -> ModuleType:
    spec = importlib.util.spec_from_file_location("unasync", ROOT / "openapi" / "unasync.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _smartorders(unasync: ModuleType) -> tuple[Path, Path]:
    """The smart-order resource's (source, derived file) pair."""
    [pair] = [(source, target) for source, target in unasync.FILES.items() if source.name == "_async_smartorders.py"]
    return pair


def test_the_committed_sync_resource_is_the_derivation_of_the_async_one() -> None:
    unasync = _unasync()
    for source, target in unasync.FILES.items():
        assert target.read_text() == unasync.derive(source), f"{target.name}: run make generate"


def test_a_method_added_to_the_async_source_reaches_the_sync_one_without_async(tmp_path: Path) -> None:
    unasync = _unasync()
    source = _smartorders(unasync)[0]
    edited = tmp_path / source.name
    edited.write_text(
        source.read_text()
        + "\n    async def fills(self, order_id: str) -> AsyncIterator[SmartOrder]:\n"
        + "        async for order in self._walk(order_id):  # type: ignore[arg-type]\n"
        + "            yield await order\n"
    )
    derived = unasync.derive(edited)
    assert "    def fills(self, order_id: str) -> Iterator[SmartOrder]:" in derived
    assert "        for order in self._walk(order_id):" in derived and "yield order" in derived
    assert "async " not in derived.replace("``async for``", "") and "await " not in derived


def test_a_hand_edit_of_the_derived_file_fails_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    unasync = _unasync()
    source, target = _smartorders(unasync)
    copy = tmp_path / target.name
    copy.write_text(target.read_text().replace("def get_all(", "def get_all_renamed("))
    monkeypatch.setattr(unasync, "FILES", {source: copy})
    monkeypatch.setattr(unasync, "ROOT", tmp_path)
    assert unasync.main(["--check"]) == 1
    assert target.name in capsys.readouterr().out


@pytest.mark.parametrize(("sync_class", "async_class"), [(SmartOrders, AsyncSmartOrders), (Markets, AsyncMarkets)])
def test_both_resources_have_the_same_methods_and_signatures(sync_class: type, async_class: type) -> None:
    public = [name for name, value in vars(async_class).items() if not name.startswith("__") and callable(value)]
    assert public == [name for name, value in vars(sync_class).items() if not name.startswith("__") and callable(value)]
    for name in public:
        sync, asynchronous = (
            inspect.signature(getattr(sync_class, name)),
            inspect.signature(getattr(async_class, name)),
        )
        assert list(sync.parameters) == list(asynchronous.parameters), name
