# Two commands: `make run` (demo dashboard) and `make test` (everything CI checks).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.txt | cut -c1-12)
DB ?= data/compliance.duckdb
DEMO := data/demo
PORT ?= 8501
# `make test` runs the suite in this many processes (pytest-xdist), a test file to each in turn.
TEST_WORKERS ?= 2
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint format demo chromium java bench docs clean

# The demo, for one person on this machine: local single-user mode, chosen explicitly.
run: $(STAMP) $(DB)
	COMPLIANCE_DB=$(DB) $(PY) -m dashboard --local --port $(PORT)

test: $(STAMP) chromium java
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $@

# The demo organisation, ending yesterday so that "last 12 months" is full.
$(DB): | $(STAMP)
	$(PY) -m pipelines generate --out $(DEMO) --end $$(date -d yesterday +%F)
	$(PY) -m pipelines ingest --db $(DB) $(DEMO)
	$(PY) -m pipelines actions import --db $(DB) $(DEMO)/app/actions.csv $(DEMO)/app/actions_update.csv

demo: $(STAMP)
	rm -f $(DB) $(dir $(DB))app_state.sqlite*
	$(MAKE) $(DB)

# Debian's Chromium for the end-to-end tests (never a browser download).
chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq chromium; }

# Ingest, page queries, cold start and 20 concurrent viewers at 1M and 10M decisions
# (docs/benchmark.md); QUICK=1 runs the same at one small size, as CI's smoke test does.
# Then Spark against DuckDB over one Parquet store of ORGS organisations at ORG_SCALE each.
bench: $(STAMP) chromium java
	$(PY) -m devtools.bench $(if $(QUICK),--quick) $(if $(ORGS),--orgs $(ORGS)) \
		$(if $(ORG_SCALE),--org-scale $(ORG_SCALE))

# Java for Spark's local-mode tests (tests/test_metrics_spark.py): Debian's headless JRE.
java:
	@command -v java >/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq default-jre-headless; }

# The generated sections of docs/ (measures, input formats, export columns), from the code.
docs: $(STAMP)
	$(PY) -m devtools.docs

lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
