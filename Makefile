# Gongkai developer commands. Everything runs from this directory with the project's own .venv;
# nothing depends on an activated virtualenv or on variables exported in your shell.
#
#   make run     install, migrate, load the 沂源县 demo data, serve on http://127.0.0.1:8000 (PORT=8001 to change)
#   make test    install, run the whole test suite (SQLite; set DATABASE_URL for PostgreSQL)
#   make screenshots  regenerate docs/screenshots/ (the demo on a scratch database, 390 px and 1366 px)
#   make lint    ruff
#   make clean   remove the virtualenv, node_modules and caches (var/, the embedded-mode data, is kept)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

# Variables from the caller's shell that would silently change what these targets do.
unexport DJANGO_SETTINGS_MODULE PYTHONPATH PYTHONHOME VIRTUAL_ENV PYTEST_ADDOPTS PYTEST_PLUGINS

PORT ?= 8000
# Roles that must pass two-factor login in `make run` (empty: none, so the demo users get straight in;
# docs/demo.md). Try it with `make run TWO_FACTOR_ROLES=reviewer,org_admin,supervisor,superuser`.
TWO_FACTOR_ROLES ?=
PYTHON ?= $(shell command -v python3.11 || command -v python3)
# Extra pytest arguments, e.g. make test PYTEST_ARGS="-k calendar -x".
PYTEST_ARGS ?=
# Parallel test workers (pytest-xdist); 0 runs in one process.
TEST_WORKERS ?= 2

VENV := .venv
BIN := $(VENV)/bin
GONGKAI := $(BIN)/gongkai
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# collectstatic compresses every file; make run repeats it only when a static source changed.
STATIC_STAMP := var/.collectstatic
STATIC_SOURCES := $(shell find gongkai -path '*/static/*' -type f 2>/dev/null)
LOCKFILE := $(wildcard package-lock.json)

.PHONY: help install run test lint clean messages screenshots

help:
	@sed -n 's/^#   //p' Makefile

install: $(PY_STAMP) $(NODE_STAMP) messages

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (apt-get install python3 python3-venv)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(PY_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

$(NODE_STAMP): package.json $(LOCKFILE)
ifneq ($(LOCKFILE),)
	npm ci --no-audit --no-fund --loglevel=error
else
	npm install --no-audit --no-fund --loglevel=error
endif
	touch $@

# The apps' catalogs (gongkai/<app>/locale/en/LC_MESSAGES/django.po). compilemessages rewrites only
# the .mo files older than their .po; without gettext the committed .mo files are used as they are.
PO_FILES := $(shell find gongkai -path '*/locale/*' -name '*.po' 2>/dev/null)
messages: $(PY_STAMP)
ifneq ($(PO_FILES),)
	@if command -v msgfmt >/dev/null; then \
		$(GONGKAI) compilemessages --verbosity 0 --ignore '$(VENV)' --ignore node_modules --ignore var; \
	else \
		echo "msgfmt not found (apt-get install gettext): using the committed translations"; \
	fi
endif

$(STATIC_STAMP): $(PY_STAMP) $(NODE_STAMP) $(STATIC_SOURCES)
	$(GONGKAI) collectstatic --noinput --verbosity 0
	@mkdir -p $(@D) && touch $@

run: install $(STATIC_STAMP)
	$(GONGKAI) migrate --noinput
	GONGKAI_DEBUG=1 $(GONGKAI) load_demo
	GONGKAI_DEBUG=1 GONGKAI_TWO_FACTOR_ROLES=$(TWO_FACTOR_ROLES) $(GONGKAI) runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/pytest $(if $(filter-out 0,$(TEST_WORKERS)),-n $(TEST_WORKERS)) $(PYTEST_ARGS)

# A scratch database and search index under var/screenshots/, a server on SCREENSHOT_PORT, the shots, then
# the server is stopped (also when a step fails).
SCREENSHOT_PORT ?= 8199
SCREENSHOT_VAR := var/screenshots
screenshots: install $(STATIC_STAMP)
	rm -rf $(SCREENSHOT_VAR) && mkdir -p $(SCREENSHOT_VAR)
	export DATABASE_URL=sqlite:///$(CURDIR)/$(SCREENSHOT_VAR)/demo.sqlite3 GONGKAI_SEARCH_INDEX_DIR=$(CURDIR)/$(SCREENSHOT_VAR)/index \
	  GONGKAI_DEBUG=1; \
	$(GONGKAI) migrate --noinput -v0 && $(GONGKAI) load_demo >/dev/null && \
	{ $(GONGKAI) runserver 127.0.0.1:$(SCREENSHOT_PORT) --noreload >$(SCREENSHOT_VAR)/server.log 2>&1 & server=$$!; \
	  trap 'kill $$server' EXIT; \
	  for i in $$(seq 60); do curl -sf -o /dev/null http://127.0.0.1:$(SCREENSHOT_PORT)/ && break; sleep 1; done; \
	  $(GONGKAI) screenshots --base-url http://127.0.0.1:$(SCREENSHOT_PORT) --out docs/screenshots; }

lint: $(PY_STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache test-results *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
