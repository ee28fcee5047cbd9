# collab_app: `make run` serves the app, `make test` runs the whole suite.
# Both install what is missing first and are quick the second time: each install step leaves a
# stamp file whose name carries a hash of the lock files it installed from.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV := .venv
PY := $(VENV)/bin/python
JSRT := .jsrt
BUN_VERSION := 1.4.4
BUN := $(JSRT)/node_modules/.bin/bun

lockhash = $(shell cat $(1) | sha256sum | cut -c1-16)
RUNTIME_STAMP := $(VENV)/.collab-runtime-$(call lockhash,requirements.lock pyproject.toml)
TEST_STAMP := $(VENV)/.collab-test-$(call lockhash,requirements.lock requirements-test.lock pyproject.toml)
BUN_STAMP := $(JSRT)/.collab-bun-$(BUN_VERSION)

.PHONY: help run build serve test bench install test-deps bun chromium migrate seed lint unit e2e lock \
	migration reset-migrations check-migrations clean

help:
	@echo "make run      install what is missing, migrate, seed the demo, serve http://localhost:$${PORT:-3000}"
	@echo "make test     install what is missing, then lint + unit (SQLite, PostgreSQL if up) + browser tests"
	@echo "make bench    run benchmarks/bench_*.py (QUICK=1: fewer repetitions), summary in benchmarks/RESULTS.md"
	@echo "make build    build the production frontend once (for make serve / deploy/collab_app.service)"
	@echo "make serve    migrate, then serve the built app under a supervisor that restarts it if a worker dies"
	@echo "make migration MSG='add task table'   autogenerate a migration from the models"
	@echo "make reset-migrations                 replace all migrations by one 'initial' (pre-release only)"
	@echo "make lock     rewrite requirements*.lock from pyproject.toml and .venv"

# --- installation ---------------------------------------------------------------------------

$(PY):
	@test -n "$(PYTHON)" || { echo "Python 3.11 not found: install it (e.g. pyenv install 3.11) or set PYTHON=/path/to/python3.11" >&2; exit 1; }
	@"$(PYTHON)" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "collab_app needs Python 3.11, $(PYTHON) is " + sys.version.split()[0] + ": set PYTHON=/path/to/python3.11")'
	"$(PYTHON)" -m venv $(VENV)

$(RUNTIME_STAMP): | $(PY)
	rm -f $(VENV)/.collab-runtime-*
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(TEST_STAMP): $(RUNTIME_STAMP)
	rm -f $(VENV)/.collab-test-*
	$(PY) -m pip install --quiet -r requirements-test.lock
	touch $@

$(BUN_STAMP):
	@command -v npm >/dev/null || { echo "npm not found: install Node.js (any version with npm; e.g. apt-get install -y npm)" >&2; exit 1; }
	npm install --prefix $(JSRT) --no-save --no-package-lock --no-audit --no-fund --loglevel=error bun@$(BUN_VERSION)
	test "$$($(BUN) --version)" = "$(BUN_VERSION)"
	rm -f $(JSRT)/.collab-bun-*
	touch $@

install: $(RUNTIME_STAMP) bun
test-deps: $(TEST_STAMP)
bun: $(BUN_STAMP)

chromium:
	@scripts/ensure_chromium.sh

# --- running ---------------------------------------------------------------------------------

migrate: $(RUNTIME_STAMP)
	$(PY) -m collab_app.manage migrate

seed: migrate
	$(PY) -m collab_app.manage seed-if-empty

run: $(RUNTIME_STAMP) $(BUN_STAMP)
	scripts/run.sh

# Production: build the frontend once, then serve the built app under a supervisor.
build: $(RUNTIME_STAMP) $(BUN_STAMP)
	scripts/build.sh

serve: $(RUNTIME_STAMP)
	scripts/serve.sh

# --- testing ---------------------------------------------------------------------------------

test: $(TEST_STAMP) $(BUN_STAMP) chromium
	scripts/test.sh

lint: $(TEST_STAMP)
	scripts/test.sh lint

unit: $(TEST_STAMP)
	scripts/test.sh unit

e2e: $(TEST_STAMP) $(BUN_STAMP) chromium
	scripts/test.sh e2e

# Benchmarks: figures, not tests (benchmarks/README.md). Builds in benchmarks/.build, 10-15 min.
bench: $(TEST_STAMP) $(BUN_STAMP) chromium
	BENCH_QUICK=$(if $(QUICK),1,) $(PY) -m benchmarks.run_all

# --- maintenance -----------------------------------------------------------------------------

lock: $(TEST_STAMP)
	$(PY) scripts/lock.py

migration: $(RUNTIME_STAMP)
	@test -n "$(MSG)" || { echo "usage: make migration MSG='describe the change'" >&2; exit 1; }
	$(PY) -m collab_app.manage makemigration "$(MSG)"

reset-migrations: $(RUNTIME_STAMP)
	rm -f alembic/versions/*.py
	$(PY) -m collab_app.manage makemigration "initial"

check-migrations: $(RUNTIME_STAMP)
	$(PY) -m collab_app.manage check-migrations

clean:
	rm -rf .web test-artifacts
