# conflict-alerts — every target sets itself up (creates .venv when missing).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# setup.py compiles part of the core with mypyc, in place: a change to the core rebuilds it.
SOURCES := $(wildcard stream/core/*.py schemas/*.py)

.PHONY: install demo test lint typecheck bench schemas clean test-tools

$(STAMP): pyproject.toml setup.py $(SOURCES)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# A module dropped from setup.py must not leave its old compiled copy behind.
	rm -f stream/core/*.so
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/conflict-alerts demo

lint: $(STAMP)
	$(BIN)/ruff check stream schemas tests bench setup.py
	$(BIN)/ruff format --check stream schemas tests bench setup.py

typecheck: $(STAMP)
	$(BIN)/mypy

# Programs the tests run for real (Debian's prometheus and promtool).
test-tools:
	bash .ci/install-prometheus.sh

test: $(STAMP) test-tools lint typecheck
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench.run_all

schemas: $(STAMP)
	$(BIN)/python -m schemas.export

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis build
	find . -path ./$(VENV) -prune -o -name '*.so' -print -exec rm {} +
