# Bildungsmonitor task runner.  `make run` and `make test` work on a fresh clone.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8050
export TEST_DATABASE_URL ?=

.PHONY: serve run test lint format bench install install-test browsers load load-magdeburg clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Debian's chromium and chromedriver for the browser tests, and poppler-utils (pdftoppm,
# pdftotext) for the Faktencheck PDF tests (installed when missing).
browsers:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v pdftoppm >/dev/null; then \
		echo "Installing Debian chromium and chromium-driver ..."; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null; \
	fi
	@chromium --version && chromedriver --version

# axe-core (npm registry) for the accessibility browser tests; kept out of git in .cache/.
AXE := .cache/axe/node_modules/axe-core/axe.min.js
$(AXE):
	@command -v npm >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm >/dev/null; }
	npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@4

.PHONY: axe
axe: $(AXE)

## Run the app on SQLite with the shipped demo data (http://127.0.0.1:$(PORT)/).
run: install
	$(VENV)/bin/dashboard db upgrade
	$(VENV)/bin/dashboard run --port $(PORT)

## Production-like: migrate, then gunicorn with gunicorn.conf.py (what the Docker image runs).
serve: install
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH BM_BIND=$${BM_BIND:-127.0.0.1:$(PORT)} deploy/entrypoint.sh gunicorn app:server -c gunicorn.conf.py

## Load Magdeburg's real data (needs ../shared/data/real) and run it.
run-magdeburg: install
	BM_KOMMUNE=magdeburg $(VENV)/bin/dashboard load
	BM_KOMMUNE=magdeburg $(VENV)/bin/dashboard run --port $(PORT)

load: install
	$(VENV)/bin/dashboard load

## The whole test suite: unit, PostgreSQL (when TEST_DATABASE_URL is set) and browser tests.
test: install browsers axe
	$(PY) -m pytest -q -p no:cacheprovider --headless

lint: install
	$(VENV)/bin/ruff check dashboard tests benchmarks app.py gunicorn.conf.py migrations
	$(VENV)/bin/ruff format --check dashboard tests benchmarks app.py gunicorn.conf.py migrations
	$(VENV)/bin/hadolint Dockerfile

format: install
	$(VENV)/bin/ruff format dashboard tests benchmarks app.py gunicorn.conf.py migrations
	$(VENV)/bin/ruff check --fix dashboard tests benchmarks app.py gunicorn.conf.py migrations

bench: install
	@for f in benchmarks/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf instance .pytest_cache
