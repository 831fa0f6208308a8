# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= orbat.db

.PHONY: demo test install install-dev lint typecheck bench eval clean web-assets

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[web]"

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[web,dev]"

demo: install
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/orbat --db $(DB) ingest samples/ --quiet
	$(BIN)/orbat --db $(DB) summary
	@echo
	@echo "Open the web UI:  $(BIN)/orbat --db $(DB) serve   then browse http://127.0.0.1:8000/"

test: install-dev
	$(BIN)/python -m pytest -q

lint: install-dev
	$(BIN)/ruff check orbat tests bench
	$(BIN)/mypy orbat

eval: install
	$(BIN)/orbat eval ../shared/eval/dev/gold.jsonl ../shared/eval/dev/articles

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) *.egg-info $(DB) $(DB)-wal $(DB)-shm
