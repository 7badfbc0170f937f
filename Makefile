# Inkubator — the two commands that matter are `make run` and `make test` (see README.md).
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
ASSETS  := node_modules/.installed
HOST    ?= 127.0.0.1
PORT    ?= 8000
SIZE    ?= small
SEED    ?= 1
# Processes the suite runs in (pytest-xdist): `auto` is one per core, 0 runs it in this process alone.
TEST_WORKERS ?= auto

.PHONY: install run test lint bench bench-quick fuzz messages clean

## install: the virtual environment in .venv with the locked dependencies and front-end assets
install: $(STAMP) $(ASSETS)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

# Front-end libraries come from the npm registry at set-up (package-lock.json pins them);
# none are committed and no page loads them from another host.
$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## run: install, migrate, load regions and demo data, serve on http://127.0.0.1:8000 (SQLite)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules >/dev/null
	$(BIN)/python manage.py load_regions
	$(BIN)/python manage.py demo_data --size $(SIZE) --seed $(SEED)
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: install and run the whole suite (browser tests included) on TEST_WORKERS processes (tests/README.md)
test: install
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules >/dev/null
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup

## lint: ruff and the Django checks
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=lint-only-$$(head -c 64 /dev/urandom | base64 | tr -dc a-zA-Z0-9) \
	  ALLOWED_HOSTS=inkubator.example DATABASE_URL=sqlite:///var/lint.sqlite3 \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

## bench-quick: pages under load on the small demo, a few minutes (BENCH lines; see benchmarks/README.md)
bench-quick: install
	$(BIN)/python benchmarks/run.py --quick

## bench: benchmarks at national scale (BENCH lines; PostgreSQL from BENCH_DATABASE_URL; see benchmarks/README.md)
bench: install
	$(BIN)/python benchmarks/run.py
	PAGE_WEIGHT_SLOW_3G=1 $(BIN)/python -m pytest -q -s -p no:randomly tests/e2e/test_page_weight.py | grep PAGE_WEIGHT
	$(BIN)/python benchmarks/centre_import.py
	$(BIN)/python benchmarks/trainee_import.py
	$(BIN)/python benchmarks/assessments_scoring.py
	$(BIN)/python benchmarks/assignment.py
	$(BIN)/python benchmarks/dashboards.py
	$(BIN)/python benchmarks/service_surge.py
	$(BIN)/python benchmarks/matching.py

## fuzz: schemathesis, every check, against gunicorn on the small demo with an admin's and a centre
## manager's token (FUZZ lines: cases, 5xx, schema violations; reports in var/fuzz/). EXAMPLES per operation.
EXAMPLES ?= 150
fuzz: install
	$(BIN)/python tools/fuzz_api.py --max-examples $(EXAMPLES)

## messages: refresh the translation catalogues after changing labels
messages: install
	$(BIN)/python manage.py makemessages -l id --add-location=file --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests

clean:
	rm -rf $(VENV) node_modules var/*.sqlite3 staticfiles
