# Every command a user or CI runs. `make test` builds its own .venv from pyproject.toml.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# make demo and make sandbox need only the library and the sandbox extra, not the dev toolchain.
DEMO_STAMP := $(VENV)/.installed-sandbox
SPEC   := openapi/smartorders.yaml
GEN_PKG := generated/polo_smartorders_api

.PHONY: help install generate check-generated spec lint typecheck pytest test demo sandbox fuzz soak explore bench clean dist

help:
	@echo "make demo   - run the documented smart-order examples against an embedded sandbox exchange"
	@echo "make test   - check the generated client, lint, type-check and run the test suite"
	@echo "make generate | check-generated | lint | typecheck | sandbox | fuzz | soak | explore | bench"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[sandbox,aiohttp]' --group dev
	touch $(STAMP)

install: $(STAMP)

$(DEMO_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[sandbox]'
	touch $(DEMO_STAMP)

# Generates into a temporary directory and replaces generated/ only on success (openapi/generate.py); then derives
# the sync resources from their async source (openapi/unasync.py).
generate: $(STAMP)
	$(BIN)/python openapi/generate.py
	$(BIN)/python openapi/unasync.py

check-generated: $(STAMP)
	$(BIN)/python openapi/generate.py --check
	$(BIN)/python openapi/unasync.py --check

spec: $(STAMP)
	$(BIN)/openapi-spec-validator $(SPEC)

lint: $(STAMP)
	$(BIN)/ruff check wrapper tests bench examples
	$(BIN)/ruff format --check wrapper tests bench examples

typecheck: $(STAMP)
	$(BIN)/mypy

# Two passes: everything not marked serial on 4 workers (pytest-xdist; a group of tests sharing a module fixture stays
# on one worker), then the tests marked serial (they assert on the wall clock) alone, so a busy machine cannot make
# them flaky. The fast part alone: $(BIN)/pytest -n 4 --dist loadgroup -m "not serial and not slow".
PYTEST_WORKERS ?= 4
pytest: $(STAMP)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup -m "not serial"
	$(BIN)/pytest -p no:xdist -m serial

test: check-generated spec lint typecheck pytest

demo: $(DEMO_STAMP)
	$(BIN)/python -m polo_smartorders.demo

sandbox: $(DEMO_STAMP)
	$(BIN)/python -m polo_smartorders.sandbox --host 127.0.0.1 --port 8765

# The exactly-once soak, longer and with a random seed (printed; SOAK_SEED=<n> replays a run).
soak: $(STAMP)
	SOAK_SEED=$${SOAK_SEED:-$$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')} SOAK_OPS=$${SOAK_OPS:-10000} \
	  $(BIN)/pytest tests/reliability/test_soak.py -s -p no:cacheprovider

# Every schedule of up to EXPLORE_FAULTS faults per place call, against a model exchange (make test explores 2).
explore: $(STAMP)
	$(BIN)/python -m tests.support.explore --faults $${EXPLORE_FAULTS:-3}

fuzz: $(STAMP)
	$(BIN)/python -m tests.support.fuzz_cli

bench: $(STAMP)
	$(BIN)/python -m bench

# The wheel and sdist a user installs (pip install dist/polo_smartorders-*.whl), built by the project's backend.
dist: $(STAMP)
	rm -rf dist
	$(BIN)/hatchling build -t sdist -t wheel -d dist

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis reports dist
