"""The public API is typed: mypy --strict accepts a script using every method and rejects misuses of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api

# Runs mypy --strict in subprocesses.
pytestmark = pytest.mark.slow

HERE = Path(__file__).parent / "typing"


def _mypy(path: Path) -> tuple[str, int]:
    out, err, status = api.run(["--strict", "--no-incremental", "--config-file", "/dev/null", str(path)])
    return out + err, status


@pytest.mark.timeout(180)
def test_user_script_type_checks() -> None:
    output, status = _mypy(HERE / "user_script.py")
    assert status == 0, output


@pytest.mark.timeout(180)
def test_misuses_are_rejected() -> None:
    output, status = _mypy(HERE / "misuse.py")
    assert status == 1
    lines = [line for line in output.splitlines() if ": error:" in line]
    flagged = {int(line.split(":")[1]) for line in lines}
    source = (HERE / "misuse.py").read_text().splitlines()
    body = source[source.index("    so = client.smartorders()") + 1 :]
    first = len(source) - len(body) + 1
    misuse_lines = set(range(first, first + len(body)))
    assert misuse_lines <= flagged, output
