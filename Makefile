# Common Ground: the two commands a newcomer needs are `make run` and `make test`.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi
PG_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: run test lint test-sqlite test-postgres test-browser translations extract-messages clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

translations: $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d translations

## make run: the portal with demo data at http://127.0.0.1:5000
run: $(VENV)/.installed translations
	PORTAL_ENV=development $(BIN)/flask db upgrade
	PORTAL_ENV=development $(BIN)/flask demo-data
	@echo "Common Ground is at http://127.0.0.1:5000  (stop it with Ctrl+C)"
	PORTAL_ENV=development $(BIN)/flask run --host 127.0.0.1 --port 5000

## make test: lint, then every test on SQLite and on PostgreSQL (side by side, each with its
## own database and Redis number), then in a real browser (alone: its timings must be fair)
test: lint
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres
	$(MAKE) --no-print-directory test-browser

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Never a database or Redis from your shell: the PostgreSQL run beside this one may be using it.
test-sqlite: $(VENV)/.installed-test translations
	env -u DATABASE_URL -u REDIS_URL $(BIN)/pytest -m "not browser" -q

# Tests marked without_database read only code and catalogues: the SQLite run has them.
# CI must reach PostgreSQL; a laptop without one is told, not failed. The probe asks for the
# database the tests will use (PG_TEST_URL), not just any database on the server.
test-postgres: $(VENV)/.installed-test translations
	@if [ -n "$$CI" ] || $(BIN)/python scripts/postgres_reachable.py "$(PG_TEST_URL)" 2>/dev/null; then \
		DATABASE_URL="$(PG_TEST_URL)" AGENDA_TEST_REDIS_URL=redis://127.0.0.1:6379/5 \
			$(BIN)/pytest -m "not browser and not without_database" -q; \
	else \
		echo "Cannot reach the PostgreSQL database in PG_TEST_URL: skipped the PostgreSQL run (CI never skips it)."; \
	fi

# Three workers (pytest-xdist), each with its own portal, database, port and Chromium: a test
# waits for the network to settle or for a live update, and a third worker fills that time.
# worksteal keeps all busy to the end, as the page walks take minutes and most tests seconds.
# The browser run is alone: Chromium keeps both cores busy, and runs beside it starve.
BROWSER_WORKERS ?= 3
test-browser: $(VENV)/.installed-test translations $(VNU_JAR)
	$(BIN)/pytest -m browser -q -n $(BROWSER_WORKERS) --dist worksteal

# The HTML checker the browser walk runs, pinned in package.json. --ignore-scripts: its install
# script would fetch a Java of its own; we use the machine's Java 17. CI needs npm; a laptop
# without it is told, and the walk runs without the HTML check.
$(VNU_JAR): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --ignore-scripts && touch $@; \
	else \
		echo "npm is not installed: the browser walk will not check the HTML (CI always does)."; \
	fi

## Translations: pull new strings from the code into the catalogues.
extract-messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F translations/babel.cfg -k _l -k lazy_gettext --no-location --sort-output --width 100 -o translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete --width 100 -i translations/messages.pot -d translations

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
	find translations -name '*.mo' -delete
