# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= orbat.db

.PHONY: demo test install install-dev lint typecheck bench eval clean web-assets web-test-deps corpus train

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[web]"

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[web,pg,ray,dev]"

demo: install web-assets
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/orbat --db $(DB) ingest samples/ --quiet
	$(BIN)/orbat --db $(DB) summary
	@echo
	@echo "Open the web UI:  $(BIN)/orbat --db $(DB) serve   then browse http://127.0.0.1:8000/"

# Front-end libraries from npm, copied into orbat/web/static/vendor (served by the app; no CDN).
web-assets:
	cd web && npm ci --no-audit --no-fund && node copy-assets.js

# Debian's Chromium for the browser test (Playwright drives /usr/bin/chromium; no browser download).
web-test-deps:
	@test -x /usr/bin/chromium || { (apt-get update -q && apt-get install -y -q chromium) >/dev/null 2>&1; } \
	  || echo "chromium could not be installed: tests/test_web_browser.py will skip"

test: install-dev web-assets web-test-deps corpus
	$(BIN)/python -m pytest -q

# The team's corpus in the dev-set layout (corpus/build/{train,dev,test}); standard library only.
corpus:
	$(PYTHON) corpus/tools/build_corpus.py

# Rebuild every learned model from the corpus (fixed seeds; about 10 minutes on 2 cores).
train: install-dev corpus
	$(BIN)/python -m orbat.learned.train

lint: install-dev
	$(BIN)/ruff check orbat tests bench
	$(BIN)/mypy orbat

eval: install
	$(BIN)/orbat eval ../shared/eval/dev/gold.jsonl ../shared/eval/dev/articles

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) *.egg-info $(DB) $(DB)-wal $(DB)-shm
