"""`make generate` and `make check-generated`: the generated package from the spec, built in a temporary directory.

    python openapi/generate.py           generate, then replace generated/polo_smartorders_api only on success
    python openapi/generate.py --check   generate, then fail listing every file that differs from generated/

Run from the repository root with the project's interpreter (the pinned generator and ruff are found next to it).
Generating is openapi/derive.py (the rules module; first, as its checks of the spec say what is wrong and where),
then openapi-python-client with openapi/config.yaml and openapi/templates (plus spec_facts.jinja, written here: what
the templates need from the spec that the generator does not pass them), then the py.typed marker the generator writes
only with --meta. A failure prints what is wrong and where on its first line (never a command line), then the step's
own details, and leaves generated/ as it was.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path.cwd()
SPEC = ROOT / "openapi" / "smartorders.yaml"
TARGET = ROOT / "generated" / "polo_smartorders_api"
BIN = Path(sys.executable).parent


def decimal_schemas(spec: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The component schemas with ``format: decimal`` (amounts in answers), by $ref: each one's name, pattern and
    x-message. A model field that refers to one (directly or as a lone allOf) is a Decimal in the generated models."""
    found: dict[str, dict[str, str]] = {}
    for name, schema in spec["components"]["schemas"].items():
        if schema.get("format") != "decimal":
            continue
        if schema.get("type") != "string" or "pattern" not in schema or not re.fullmatch(r"[A-Za-z0-9_]+", name):
            raise Failed(
                f"#/components/schemas/{name}: format: decimal needs type string and a pattern (and a plain name)"
            )
        message = schema.get("x-message", "must be a plain decimal")
        found[f"#/components/schemas/{name}"] = {"name": name, "pattern": schema["pattern"], "message": message}
    return found


def templates(into: Path) -> Path:
    """openapi/templates copied into ``into``, with spec_facts.jinja: the spec's facts the templates read."""
    spec = yaml.safe_load(SPEC.read_text())
    shutil.copytree(ROOT / "openapi" / "templates", into)
    facts = json.dumps(decimal_schemas(spec), sort_keys=True)  # JSON is a Jinja literal
    (into / "spec_facts.jinja").write_text(
        "{# Written by openapi/generate.py from the spec. #}\n" + f"{{% set decimal_schemas = {facts} %}}\n"
    )
    return into


#: Lines of openapi-python-client's output that say nothing about what is wrong.
_NOISE = (
    "Error(s) encountered while generating",
    "Warning(s) encountered while generating",
    "Generating /",
    "If you believe this was a mistake",
    "For further information",
)


class Failed(Exception):
    """A step of generation failed; ``str()`` says what is wrong and where, on its first line."""


def run(command: list[str], what: str, env: dict[str, str] | None = None) -> None:
    """Run one step; on failure raise Failed with its own output (never the command line), the first line the
    reason: a step that crashed with a traceback gives its last line first."""
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)  # noqa: S603 - fixed argv
    if done.returncode == 0:
        return
    lines = [line.rstrip() for line in (done.stderr + done.stdout).splitlines() if line.strip()]
    lines = [line for line in lines if not line.strip().startswith(_NOISE)] or [f"exited with status {done.returncode}"]
    if lines[0].startswith(("WARNING", "ERROR")) and len(lines) > 1:  # the generator's: what, then why
        lines[:2] = [f"{lines[1]} ({lines[0]})"]
    if lines[0].startswith("Traceback"):
        lines.insert(0, f"{lines[-1]} (a crash: traceback below)")
    raise Failed("\n".join([f"{what}: {lines[0]}", *lines[1:]]) if what else "\n".join(lines))


def build(out: Path) -> None:
    """The whole generated package into ``out`` (which must not exist); raises Failed naming what is wrong.

    The spec's rules are derived first (openapi/derive.py): its checks name the schema and keyword, field or $ref at
    fault in one line, before the generator sees the spec."""
    rules = out.parent / "rules.py"
    run([sys.executable, str(ROOT / "openapi" / "derive.py"), str(SPEC), str(rules)], "")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = [
        str(BIN / "openapi-python-client"),
        "generate",
        "--path", str(SPEC),
        "--meta", "none",
        "--config", str(ROOT / "openapi" / "config.yaml"),
        "--custom-template-path", str(templates(out.parent / "templates")),
        "--overwrite",
        "--fail-on-warning",
        "--output-path", str(out),
    ]  # fmt: skip
    run(command, "openapi-python-client", env)
    rules.replace(out / "rules.py")
    ruff = [str(BIN / "ruff"), "format", "--isolated", "--no-cache", "--quiet", "--line-length", "120"]
    run([*ruff, str(out / "rules.py")], "ruff format")
    (out / "py.typed").touch()


def files(root: Path) -> set[str]:
    return {
        str(path.relative_to(root)) for path in root.rglob("*") if path.is_file() and "__pycache__" not in path.parts
    }


def differences(new: Path, old: Path) -> list[str]:
    ours, theirs = files(new), files(old) if old.exists() else set()
    changed = [name for name in ours & theirs if not filecmp.cmp(new / name, old / name, shallow=False)]
    return sorted(
        [f"differs: {n}" for n in changed]
        + [f"missing: {n}" for n in ours - theirs]
        + [f"stray: {n}" for n in theirs - ours]
    )


def main(argv: list[str]) -> int:
    TARGET.parent.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=TARGET.parent, prefix=".generate-") as tmp:  # same filesystem: renames
        out = Path(tmp) / "polo_smartorders_api"
        try:
            build(out)
        except Failed as error:
            print(f"{SPEC.relative_to(ROOT)}: {error}", file=sys.stderr)
            print(f"generation failed; {TARGET.relative_to(ROOT)} left unchanged", file=sys.stderr)
            return 1
        if argv == ["--check"]:
            found = differences(out, TARGET)
            for line in found:
                print(line)
            if found:
                print("generated/ is stale or hand-edited: run 'make generate'", file=sys.stderr)
                return 1
            print(f"generated/ matches {SPEC.relative_to(ROOT)}")
            return 0
        stray = sorted(files(TARGET) - files(out)) if TARGET.exists() else []
        old = Path(tmp) / "old"
        if TARGET.exists():
            TARGET.rename(old)
        out.rename(TARGET)
        for name in stray:
            print(f"removed stray file generated/polo_smartorders_api/{name}")
        print(f"generated {TARGET.relative_to(ROOT)} from {SPEC.relative_to(ROOT)}")
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
