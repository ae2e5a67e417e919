# Two commands for a newcomer: `make run` and `make test`. Each sets itself up.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export FLASK_APP := app

CATALOGS := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))

.PHONY: run test install catalogs chromium lint bench translations-update clean

run: install catalogs
	$(BIN)/flask db upgrade
	$(BIN)/flask demo load
	$(BIN)/flask search reindex
	@echo "Portail sur http://127.0.0.1:$(PORT) (comptes de démonstration : voir README.md)"
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

# One worker per core; a test file stays on one worker (its module fixtures are built once).
test: install catalogs chromium
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest -n auto --dist loadfile

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

catalogs: $(CATALOGS)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@ >/dev/null

# Browser tests drive the system Chromium (Playwright cannot download its own here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is missing: install it (Debian/Ubuntu: sudo apt-get install chromium)." >&2; exit 1; \
	  fi; }

lint: install
	$(BIN)/ruff check app tests bench

bench: install
	$(BIN)/python bench/search.py --records 10000

# Extract the strings to translate and update the catalogues (then edit the .po files).
translations-update: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -o translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf $(VENV) instance search_index/* .pytest_cache
