# RIAL Campus. `make run` serves the demo; `make test` runs every check.
# Both create .venv and install what they need the first time.

# Python 3.13 or newer (.python-version tells pyenv; elsewhere python3.13 on the PATH).
PYTHON ?= $(shell for p in python3.13 python3.14 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 13))' 2>/dev/null && { echo $$p; break; }; \
	done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
VNU_DIR := tests/vnu
VNU_JAR := $(VNU_DIR)/node_modules/vnu-jar/build/dist/vnu.jar

export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install run serve migrate demo test lint pytest test-fast e2e bench messages \
	system-deps vnu clean help

help:
	@echo "make run       set up and serve the demo at http://$(HOST):$(PORT) (SQLite, in-memory channels)"
	@echo "make test      lint, Django checks, migrations check, catalogue check and the whole test suite"
	@echo "make bench     benchmarks in bench/, with ratios against baselines from the same run"
	@echo "               (one of them: make bench BENCH=production)"
	@echo "make messages  extract and compile translations (needs gettext)"

$(STAMP): pyproject.toml requirements.lock
	@[ -n "$(PYTHON)" ] || { echo "RIAL Campus needs Python 3.13 or newer (python3.13 on the PATH)" >&2; exit 1; }
	@# A .venv made by an older Python is made again.
	$(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 13))' 2>/dev/null \
		|| { rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py migrate --noinput

demo: migrate
	DJANGO_SETTINGS_MODULE=config.settings.dev BASE_URL="$${BASE_URL:-http://$(HOST):$(PORT)}" \
		$(BIN)/python manage.py load_demo

run: demo serve

# Web, worker and scheduler together (the Procfile), one Ctrl+C stops all three.
# Links in emails point at the address served here unless BASE_URL says otherwise.
serve: install
	@echo "Serving RIAL Campus at http://$(HOST):$(PORT)/ with its worker and scheduler (Ctrl+C to stop)"
	@# Web Push keys for this machine, kept in .env (never committed), which honcho reads.
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py vapid_keys --env-file .env
	PATH="$(CURDIR)/$(BIN):$$PATH" DJANGO_SETTINGS_MODULE=config.settings.dev HOST=$(HOST) \
		BASE_URL="$${BASE_URL:-http://$(HOST):$(PORT)}" \
		$(BIN)/honcho -f Procfile start --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# Debian packages the tests need: chromium (browser tests, never a downloaded
# browser), gettext (the check that every string is in the catalogues), and Java
# and npm for the Nu HTML Checker (below).
system-deps:
	@missing=""; \
	[ -x "$(CHROMIUM)" ] || missing="$$missing chromium"; \
	command -v xgettext >/dev/null || missing="$$missing gettext"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "The tests need Debian packages:$$missing (sudo apt-get install -y$$missing)" >&2; \
			exit 1; \
		fi; \
	fi

# The W3C Nu HTML Checker the browser tests check every page with (tests/html_checker.py):
# npm package vnu-jar at the version tests/vnu/package-lock.json pins, without its
# install script (it would download a Java runtime: the checker runs on Debian's).
$(VNU_JAR): $(VNU_DIR)/package.json $(VNU_DIR)/package-lock.json
	@command -v npm >/dev/null || { echo "The HTML checker needs npm (sudo apt-get install -y npm)" >&2; exit 1; }
	cd $(VNU_DIR) && npm ci --ignore-scripts --no-audit --no-fund
	touch $(VNU_JAR)

vnu: $(VNU_JAR)

pytest: install system-deps vnu
	$(BIN)/pytest

test: lint pytest

# Everything but the browser, for a quick loop while coding.
test-fast: install
	$(BIN)/pytest -m "not e2e" -q

e2e: install system-deps vnu
	$(BIN)/pytest -m e2e

# All benchmarks, or some: make bench BENCH="production http_pages".
bench: install
	$(BIN)/python bench/run.py $(BENCH)

messages: install
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py makemessages \
		--locale es --locale en --locale pt --locale fr --no-obsolete \
		--ignore ".venv/*" --ignore "tests/*" --ignore "bench/*" --ignore "staticfiles/*"
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py compilemessages --ignore ".venv/*"

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .test-media
