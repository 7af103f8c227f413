# The two commands of the README: `make run` (build the graph and serve it) and `make test`.
# Both set up everything they need on a fresh machine first (idempotent).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

VENDOR := sccon_ld/web/static/vendor
YASGUI_DIST := node_modules/@zazuko/yasgui/build

.PHONY: setup runtime assets browser clients virtuoso run test lint bench clean

# Everything: the runtime, the test stack and the query page's assets.
setup: $(VENV)/.installed assets

# What serving needs and nothing more: the package without its test extras, and the assets.
runtime: $(VENV)/.installed-runtime assets

$(VENV)/.installed-runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip >/dev/null
	$(BIN)/pip install -e .
	touch $@

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip >/dev/null
	$(BIN)/pip install -e '.[test]'
	touch $@ $(VENV)/.installed-runtime

# YASGUI's own dist files (pinned with hashes by package-lock.json) beside the site's static files;
# the query page falls back to its plain form without them. Node.js and npm from Debian if missing.
assets: $(VENDOR)/yasgui.min.js

$(VENDOR)/yasgui.min.js: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; }
	npm ci --ignore-scripts --no-audit --no-fund
	mkdir -p $(VENDOR)
	cp $(YASGUI_DIST)/yasgui.min.css $(YASGUI_DIST)/yasgui.min.js $(VENDOR)/

# Debian's chromium (and nginx for the static-export tests), driven by playwright-core.
browser:
	@command -v chromium >/dev/null 2>&1 && command -v nginx >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium nginx >/dev/null; }

# The Comunica clients tests/test_comunica.py runs (SPARQL, Triple Pattern Fragments, link
# traversal), pinned by tests/comunica/package-lock.json; Node.js and npm from Debian if missing.
CLIENTS := tests/comunica
clients: $(CLIENTS)/node_modules/.installed

$(CLIENTS)/node_modules/.installed: $(CLIENTS)/package.json $(CLIENTS)/package-lock.json
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; }
	cd $(CLIENTS) && npm ci --no-audit --no-fund
	touch $@

# Debian's Virtuoso, a second SPARQL server the remote-store tests load and query (serve/load --store).
virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends virtuoso-opensource >/dev/null; }

run: runtime
	$(BIN)/sccon-ld build
	$(BIN)/sccon-ld serve

test: setup browser clients virtuoso
	$(BIN)/ruff check sccon_ld tests benchmarks tools
	$(BIN)/python -m pytest -q -ra

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf release build test-artifacts .pytest_cache node_modules $(VENDOR) $(CLIENTS)/node_modules
