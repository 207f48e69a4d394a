# Every command a user or CI runs. `make test` builds its own .venv from pyproject.toml.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SPEC   := openapi/smartorders.yaml
GEN_PKG := generated/polo_smartorders_api
GENERATE = PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/openapi-python-client generate --path $(SPEC) --meta none \
	--config openapi/config.yaml --custom-template-path openapi/templates --overwrite --fail-on-warning

.PHONY: help install generate check-generated spec lint typecheck pytest test demo sandbox fuzz bench clean

help:
	@echo "make demo   - run the documented smart-order examples against an embedded sandbox exchange"
	@echo "make test   - check the generated client, lint, type-check and run the test suite"
	@echo "make generate | check-generated | lint | typecheck | sandbox | fuzz | bench"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# py.typed: the generator writes it only with --meta; the package ships typed, so the recipe adds the marker.
generate: $(STAMP)
	$(GENERATE) --output-path $(GEN_PKG)
	touch $(GEN_PKG)/py.typed

check-generated: $(STAMP)
	@tmp=$$(mktemp -d) && $(GENERATE) --output-path $$tmp/polo_smartorders_api >/dev/null \
	  && touch $$tmp/polo_smartorders_api/py.typed \
	  && diff -r -x __pycache__ $$tmp/polo_smartorders_api $(GEN_PKG) \
	  && rm -rf $$tmp && echo "generated/ matches $(SPEC)" \
	  || { echo "generated/ is stale or hand-edited: run 'make generate'"; rm -rf $$tmp; exit 1; }

spec: $(STAMP)
	$(BIN)/openapi-spec-validator $(SPEC)

lint: $(STAMP)
	$(BIN)/ruff check wrapper tests bench
	$(BIN)/ruff format --check wrapper tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

test: check-generated spec lint typecheck pytest

demo: $(STAMP)
	$(BIN)/python -m polo_smartorders.demo

sandbox: $(STAMP)
	$(BIN)/python -m polo_smartorders.sandbox --host 127.0.0.1 --port 8765

fuzz: $(STAMP)
	$(BIN)/python -m tests.fuzz_cli

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis reports
