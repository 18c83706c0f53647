# Two commands do all the set-up on a fresh machine:
#   make demo   parse the bundled sample document (creates .venv on first use)
#   make test   run ruff and the test suite
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/kamervragen: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

.PHONY: demo test
demo: $(BIN)/kamervragen
	$(BIN)/kamervragen parse src/kamervragen/samples/seed__000_316d3c91a035becd.txt

test: $(BIN)/kamervragen
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest
