# The two commands: `make run` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CAMPAIGN ?= sample_campaigns/seed-000.toml

.PHONY: run test bench lint format clean compile

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Byte-compile the sources, as an installed package would be (start-up speed).
compile: $(STAMP)
	$(BIN)/python -m compileall -q src benchmarks

# The sample is copied once into my-campaigns/ so that saving never touches the template.
run: compile
	mkdir -p my-campaigns
	test -f my-campaigns/seed-000.toml || cp $(CAMPAIGN) my-campaigns/seed-000.toml
	$(BIN)/socialroi my-campaigns/seed-000.toml

# On every core (pytest-xdist); `.venv/bin/pytest` alone runs the tests one by one.
test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto

bench: compile
	$(BIN)/python -m benchmarks

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

clean:
	rm -rf $(VENV) build dist .pytest_cache
