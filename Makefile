# Two commands do all the set-up on a fresh machine:
#   make demo   store the bundled sample documents in ./kamervragen.db (SQLite) and serve
#               them on http://127.0.0.1:8000/ until Ctrl-C (creates .venv on first use)
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
	$(BIN)/kamervragen demo --db kamervragen.db

test: $(BIN)/kamervragen
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest
