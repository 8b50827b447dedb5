# CitizenPass: `make demo` runs the portal with demo data, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: install demo test lint format messages bench migrate clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

## install: virtual environment, dependencies, compiled translations
install: $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv -v0

migrate: install
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py createcachetable

## demo: SQLite database under var/, demo data, web server and job worker on 127.0.0.1:$(PORT)
# The demo's address, in its emails and its site name (set by migrate), follows PORT.
demo: export CITIZENPASS_PUBLIC_URL ?= http://127.0.0.1:$(PORT)
demo: migrate
	$(PY) manage.py seed_demo
	$(PY) manage.py serve_demo --port $(PORT)

## test: the whole suite, browser tests included (DATABASE_URL selects PostgreSQL)
test: install
	DJANGO_SETTINGS_MODULE=citizenpass.settings.test $(PY) -m pytest $(PYTEST_ARGS)

## lint: ruff lint and format check, migrations in step with the models
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## messages: extract strings into locale catalogues (then translate and `make install`)
messages: install
	PY=$(PY) scripts/messages.sh

## bench: benchmarks against baselines measured in the same run, written to var/bench.json
bench: install
	$(PY) -m tests.benchmarks.run

clean:
	rm -rf $(VENV) var/static var/test-private
