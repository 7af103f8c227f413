# The two commands of the README: `make run` (build the graph and serve it) and `make test`.
# Both set up everything they need on a fresh machine first (idempotent).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup browser clients run test lint bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip >/dev/null
	$(BIN)/pip install -e '.[test]'
	touch $@

# Debian's chromium (and nginx for the static-export tests), driven by playwright-core.
browser:
	@command -v chromium >/dev/null 2>&1 && command -v nginx >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium nginx >/dev/null; }

# Node (Debian's nodejs and npm) and the Comunica clients tests/test_comunica.py runs, pinned by
# tests/comunica/package-lock.json and installed from the npm registry with `npm ci`.
CLIENTS := tests/comunica
clients: $(CLIENTS)/node_modules/.installed

$(CLIENTS)/node_modules/.installed: $(CLIENTS)/package.json $(CLIENTS)/package-lock.json
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; }
	cd $(CLIENTS) && npm ci --no-audit --no-fund
	touch $@

run: setup
	$(BIN)/sccon-ld build
	$(BIN)/sccon-ld serve

test: setup browser clients
	$(BIN)/ruff check sccon_ld tests benchmarks
	$(BIN)/python -m pytest -q -ra

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf release build test-artifacts .pytest_cache
