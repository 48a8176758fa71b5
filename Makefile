# Two commands on a fresh machine with Python 3.11 and make: `make demo`, `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
EXAMPLE := examples/the-locked-violin.txt

.PHONY: demo test test-quick install install-test schema benchmark eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(TEST_STAMP): $(STAMP) requirements-test.lock
	$(BIN)/pip install --quiet -r requirements-test.lock
	sh scripts/install-chromium.sh
	touch $@

install: $(STAMP)

install-test: $(TEST_STAMP)

demo: install
	$(BIN)/ficmeld analyze $(EXAMPLE) -o out

test: install-test
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

test-quick: install-test
	$(BIN)/python -m pytest -q -m "not slow"

schema: install
	$(BIN)/ficmeld schema > docs/schema.json

benchmark: install-test
	$(BIN)/python benchmarks/run.py

eval: install
	$(BIN)/ficmeld eval litbank ../shared/data/litbank --json
	$(BIN)/ficmeld eval reman ../shared/data/reman --json

clean:
	rm -rf $(VENV) out build *.egg-info src/*.egg-info
