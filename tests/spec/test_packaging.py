"""What the package ships and how it behaves without its optional extra."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

# Builds the sdist and wheel once per module: keep its tests on one xdist worker.
pytestmark = pytest.mark.xdist_group("packaging")

ROOT = Path(__file__).resolve().parents[2]
#: Said once wherever the sandbox's packages are missing: the packages to install (this one is on no index).
HINT = "the sandbox needs starlette and uvicorn: pip install starlette uvicorn (or reinstall polo-smartorders with its [sandbox] extra)"
#: Runs a module as __main__ with the sandbox extra made unimportable (as in an environment without it).
WITHOUT_EXTRA = (
    "import runpy, sys; sys.modules['starlette'] = None; sys.modules['uvicorn'] = None; "
    "sys.argv = [sys.argv[1], *sys.argv[2:]]; runpy.run_module(sys.argv[0], run_name='__main__')"
)


def _without_extra(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", WITHOUT_EXTRA, module, *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)  # noqa: S603


def test_sandbox_without_the_extra_prints_the_install_hint() -> None:
    done = _without_extra("polo_smartorders.sandbox", "--port", "1")
    assert done.returncode == 1 and HINT in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.count("pip install") == 1


#: Each way in to the sandbox, run where its packages cannot be imported (both, or uvicorn alone: starlette is enough
#: in-process, serving needs uvicorn).
WAYS_IN = {
    "import": "from polo_smartorders.sandbox import create_app",
    "sandbox()": "from polo_smartorders.testing import sandbox\nwith sandbox(): pass",
    "async_sandbox()": "from polo_smartorders.testing import start_async_sandbox\nstart_async_sandbox()",
    "demo": "from polo_smartorders.demo import main\nmain([])",
    "cli --sandbox": "from polo_smartorders._cli import main\nsys.exit(main(['--sandbox', 'time']))",
    "cli sandbox serve": "from polo_smartorders._cli import main\nsys.exit(main(['sandbox', 'serve', '--port', '1']))",
}


#: The ways in that serve (and so need uvicorn too); the others run in-process and need starlette only.
_SERVING = sorted(set(WAYS_IN) - {"import", "async_sandbox()"})
_CASES = [(way, ("starlette", "uvicorn")) for way in sorted(WAYS_IN)] + [(way, ("uvicorn",)) for way in _SERVING]


@pytest.mark.parametrize(("way", "missing"), _CASES, ids=[f"{way}-{'+'.join(missing)}" for way, missing in _CASES])
def test_every_way_in_says_what_to_install_once(way: str, missing: tuple[str, ...]) -> None:
    hide = "".join(f"sys.modules[{name!r}] = None; " for name in missing)
    code = f"import sys; {hide}\n{WAYS_IN[way]}"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)  # noqa: S603
    assert done.returncode != 0
    assert done.stderr.count(HINT) == 1, done.stderr
    assert done.stderr.count("pip install") == 1, done.stderr


def test_the_install_hints_name_the_extras_packages() -> None:
    """polo_smartorders/_extras.py's table is pyproject.toml's extras, by package name."""
    from polo_smartorders._extras import EXTRAS

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    for extra, packages in EXTRAS.items():
        declared = {re.split(r"[<>=!~ ;\[]", requirement, maxsplit=1)[0] for requirement in extras[extra]}
        assert set(packages) == declared, extra


def test_cli_sandbox_without_the_extra_prints_the_install_hint() -> None:
    done = _without_extra("polo_smartorders", "--sandbox", "time")
    assert done.returncode == 1 and HINT in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_importing_the_sandbox_api_without_the_extra_names_it() -> None:
    code = "import sys; sys.modules['starlette'] = None\nfrom polo_smartorders.sandbox import create_app"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)  # noqa: S603
    assert done.returncode == 1 and "ModuleNotFoundError" in done.stderr and HINT in done.stderr


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    hatchling = Path(sys.executable).parent / "hatchling"
    command = [str(hatchling), "build", "-t", "sdist", "-t", "wheel", "-d", str(out)]
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True, timeout=120)  # noqa: S603
    return out


def test_sdist_ships_the_license_and_leaves_out_ci_and_caches(dist: Path) -> None:
    [sdist] = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]
    assert "LICENSE" in names and "openapi/smartorders.yaml" in names
    leaked = [name for name in names if name.split("/")[0] in (".ci", ".schemathesis", ".venv", "reports")]
    assert leaked == []


def test_wheel_has_the_license_console_script_and_pytest_plugin(dist: Path) -> None:
    [wheel] = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        entry_points = next(archive.read(n).decode() for n in names if n.endswith("entry_points.txt"))
    assert any(name.endswith("licenses/LICENSE") for name in names)
    assert "polo-smartorders = polo_smartorders._cli:main" in entry_points
    assert "polo_smartorders = polo_smartorders.pytest_plugin" in entry_points
    assert not any(name.startswith("tests/") for name in names)


def test_license_file_matches_the_metadata() -> None:
    metadata = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert metadata["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")


def test_schemathesis_cache_is_ignored() -> None:
    command = ["git", "check-ignore", "-q", ".schemathesis/anything"]
    done = subprocess.run(command, cwd=ROOT, timeout=30, check=False)  # noqa: S603
    assert done.returncode == 0
