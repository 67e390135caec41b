# RIAL Campus. `make run` serves the demo; `make test` runs every check.
# Both create .venv and install what they need the first time.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install run serve migrate demo test lint pytest test-fast e2e bench messages \
	system-deps clean help

help:
	@echo "make run       set up and serve the demo at http://$(HOST):$(PORT) (SQLite, in-memory channels)"
	@echo "make test      lint, Django checks, migrations check, catalogue check and the whole test suite"
	@echo "make bench     benchmarks in bench/, with ratios against baselines from the same run"
	@echo "make messages  extract and compile translations (needs gettext)"

$(STAMP): pyproject.toml requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/python manage.py migrate --noinput

demo: migrate
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/python manage.py load_demo

run: demo serve

serve: install
	@echo "Serving RIAL Campus at http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/daphne -b $(HOST) -p $(PORT) cms.asgi:application

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# Debian packages the tests need: chromium (browser tests, never a downloaded
# browser) and gettext (the check that every string is in the catalogues).
system-deps:
	@missing=""; \
	[ -x "$(CHROMIUM)" ] || missing="$$missing chromium"; \
	command -v xgettext >/dev/null || missing="$$missing gettext"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "The tests need Debian packages:$$missing (sudo apt-get install -y$$missing)" >&2; \
			exit 1; \
		fi; \
	fi

pytest: install system-deps
	$(BIN)/pytest

test: lint pytest

# Everything but the browser, for a quick loop while coding.
test-fast: install
	$(BIN)/pytest -m "not e2e" -q

e2e: install system-deps
	$(BIN)/pytest -m e2e

bench: install
	$(BIN)/python bench/run.py

messages: install
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/python manage.py makemessages \
		--locale es --locale en --locale pt --locale fr --no-obsolete \
		--ignore ".venv/*" --ignore "tests/*" --ignore "bench/*" --ignore "staticfiles/*"
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/python manage.py compilemessages --ignore ".venv/*"

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .test-media
