# The two commands: `make run` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CAMPAIGN ?= sample_campaigns/seed-000.toml

.PHONY: run test test-textual-oldest test-textual-latest bench lint format clean compile

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

# The tests that lean on Textual's drawing and keys, on the oldest and the newest Textual
# the project allows (the private parts used are checked in tui/textual_compat.py).
TEXTUAL_TESTS := tests/tui/test_snapshots.py tests/tui/test_keystroke_path.py \
	tests/tui/test_compositor.py tests/tui/test_textual_compat.py tests/tui/test_integrity.py

test-textual-oldest: pyproject.toml
	test -x .venv-textual-oldest/bin/python || $(PYTHON) -m venv .venv-textual-oldest
	.venv-textual-oldest/bin/python -m pip install --quiet -e '.[test]' 'textual==8.0.0'
	.venv-textual-oldest/bin/python -m pytest -q -n auto -p no:cacheprovider $(TEXTUAL_TESTS)

test-textual-latest: pyproject.toml
	test -x .venv-textual-latest/bin/python || $(PYTHON) -m venv .venv-textual-latest
	.venv-textual-latest/bin/python -m pip install --quiet --upgrade -e '.[test]' textual
	.venv-textual-latest/bin/python -m pytest -q -n auto -p no:cacheprovider $(TEXTUAL_TESTS)

bench: compile
	$(BIN)/python -m benchmarks

lint: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

clean:
	rm -rf $(VENV) .venv-textual-oldest .venv-textual-latest build dist .pytest_cache
