"""`make generate` and `make check-generated`: the generated package from the spec, built in a temporary directory.

    python openapi/generate.py           generate, then replace generated/polo_smartorders_api only on success
    python openapi/generate.py --check   generate, then fail listing every file that differs from generated/

Run from the repository root with the project's interpreter (the pinned generator and ruff are found next to it).
Generating is openapi-python-client with openapi/config.yaml and openapi/templates (plus spec_facts.jinja, written
here: what the templates need from the spec that the generator does not pass them), then openapi/derive.py (the
request rules module), then the py.typed marker the generator writes only with --meta.
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
            raise SystemExit(f"schema {name}: format decimal needs type string and a pattern (and a plain name)")
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


def build(out: Path) -> None:
    """The whole generated package into ``out`` (which must not exist); raises CalledProcessError on failure."""
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
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)  # noqa: S603 - fixed argv
    subprocess.run([sys.executable, str(ROOT / "openapi" / "derive.py"), str(SPEC), str(out / "rules.py")], check=True)  # noqa: S603
    ruff = [str(BIN / "ruff"), "format", "--isolated", "--no-cache", "--quiet", "--line-length", "120"]
    subprocess.run([*ruff, str(out / "rules.py")], check=True)  # noqa: S603
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
        except subprocess.CalledProcessError as error:
            print(f"generation failed ({error}); {TARGET.relative_to(ROOT)} left unchanged", file=sys.stderr)
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
