# Two commands do all the set-up on a fresh machine:
#   make demo   store the bundled sample documents in ./kamervragen.db (SQLite) and serve
#               them on http://127.0.0.1:8000/ until Ctrl-C (creates .venv on first use);
#               `make demo PORT=8001` when port 8000 is taken
#   make test   run ruff and the test suite
# .venv holds every extra ([all,dev]) at the exact versions in requirements.lock, and is
# made again from scratch when pyproject.toml or the lock changes.
#   make lock   re-resolve requirements.lock after a change to pyproject.toml's dependencies,
#               keeping the locked versions where they still fit; `make lock UPGRADE=1` moves
#               every package to its newest release within the ranges.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements.lock
PORT ?= 8000

$(BIN)/kamervragen: pyproject.toml $(LOCK)
	$(PY) -m venv --clear $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c $(LOCK) -e '.[all,dev]'
	touch $@

.PHONY: demo test lock
demo: $(BIN)/kamervragen
	$(BIN)/kamervragen demo --db kamervragen.db --port $(PORT)

test: $(BIN)/kamervragen
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest

lock:
	$(PY) -m venv $(VENV)-lock
	$(VENV)-lock/bin/pip install --quiet uv
	$(VENV)-lock/bin/uv pip compile --quiet pyproject.toml --extra all --extra dev \
		--python-version 3.11 --custom-compile-command "make lock" \
		$(if $(UPGRADE),--upgrade) -o $(LOCK)
	rm -rf $(VENV)-lock
