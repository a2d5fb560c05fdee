# Leerwerk's two commands are `make run` and `make test`; everything else here is what they
# are made of. Needs Python 3.11+, make and Node.js; installs the rest.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The suite runs a second time on PostgreSQL, as production does.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
# `make test PYTEST_ARGS="-k regions"` narrows the test runs.
PYTEST_ARGS ?=
# Settings for `check --deploy`: what a production environment sets.
DEPLOY_ENV := DEBUG=false SECRET_KEY=deploy-check-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	ALLOWED_HOSTS=leerwerk.example.nl DATABASE_URL=$(TEST_DATABASE_URL) MFA_REQUIRED_FOR_STAFF=true

.PHONY: help
help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 20

# --- The two commands ---------------------------------------------------------------

.PHONY: run
run: install  ## set up everything and serve the site with demo data on http://127.0.0.1:$(PORT)
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_regions
	$(PY) manage.py load_occupations
	$(PY) manage.py seed_demo
	$(PY) manage.py rebuild_search_index
	@echo
	@echo "Leerwerk runs on http://127.0.0.1:$(PORT)/  (stop with Ctrl+C)"
	@trap 'kill 0' EXIT INT TERM; \
	$(PY) manage.py db_worker --no-reload & \
	$(PY) manage.py run_search_indexer & \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

.PHONY: test
test: install system-packages  ## every check, then the tests on SQLite and on PostgreSQL
	$(MAKE) --no-print-directory checks
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgresql

# --- Parts ---------------------------------------------------------------------------

.PHONY: install
install: $(VENV)/.installed node_modules/.installed .env  ## create .venv, install Python and npm packages

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Leerwerk needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements/base.txt -r requirements/dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

.env:
	cp .env.example .env

.PHONY: system-packages
system-packages:  ## Debian packages the tests need: Chromium (browser tests), gettext (translation check)
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v xgettext >/dev/null || missing="$$missing gettext"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
		$$sudo apt-get update -qq && $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

.PHONY: checks
checks: lint typecheck contracts migrations-check deploy-check openapi-check  ## all static checks

.PHONY: lint
lint:  ## ruff: format and lint
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

.PHONY: typecheck
typecheck:  ## mypy strict with django-stubs
	$(VENV)/bin/mypy .

.PHONY: contracts
contracts:  ## import-linter: the app layers of docs/architecture.md
	$(VENV)/bin/lint-imports --no-cache

.PHONY: migrations-check
migrations-check:  ## fail when models changed without a migration
	$(PY) manage.py makemigrations --check --dry-run

.PHONY: deploy-check
deploy-check:  ## Django's deployment checklist with production-like settings
	$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING

.PHONY: openapi-check
openapi-check:  ## fail when docs/openapi.yaml no longer matches the code
	@mkdir -p var
	$(PY) manage.py spectacular --validate --fail-on-warn --file var/openapi.yaml
	@diff -u docs/openapi.yaml var/openapi.yaml || { echo "docs/openapi.yaml is out of date: run 'make openapi'"; exit 1; }

.PHONY: openapi
openapi:  ## regenerate docs/openapi.yaml from the code
	$(PY) manage.py spectacular --validate --fail-on-warn --file docs/openapi.yaml

.PHONY: test-sqlite
test-sqlite:  ## the tests on SQLite (the embedded default)
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

.PHONY: test-postgresql
test-postgresql:  ## the tests on PostgreSQL ($(TEST_DATABASE_URL))
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest -m "not browser" $(PYTEST_ARGS)
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest -m browser $(PYTEST_ARGS)

.PHONY: messages
messages:  ## extract translatable text into locale/nl and compile it (needs gettext)
	$(PY) manage.py makemessages -l nl --ignore=.venv --ignore=node_modules --ignore=staticfiles --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

.PHONY: lock
lock:  ## re-pin requirements/*.txt after changing requirements/*.in
	cd requirements && ../$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links base.in -o base.txt
	cd requirements && ../$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links dev.in -o dev.txt

.PHONY: bench
bench: install  ## run the benchmarks in bench/ (they print their figures; the load test needs wrk)
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
		$$sudo apt-get update -qq && $$sudo apt-get install -y -qq --no-install-recommends wrk; }
	$(PY) bench/pages.py
	$(PY) bench/ingest.py
	$(PY) bench/search.py
	$(PY) bench/relevance.py
	$(PY) bench/events.py
	$(PY) bench/stemmers.py
	$(PY) bench/workspace.py
	$(PY) bench/fresh_clone.py

.PHONY: clean
clean:  ## remove the environment, packages and local data
	rm -rf $(VENV) node_modules var staticfiles
