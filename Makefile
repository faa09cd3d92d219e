# One virtual environment at the root serves all four implementations and the test suites.
# Every target installs what it needs first, so `make run-tornado` works on a fresh clone.
#
# Each implementation has three commands, spelled the way its framework does it:
#   migrate-<impl>  apply pending schema migrations
#   run-<impl>      migrate, then the framework's development server (foreground, Ctrl-C stops it)
#   serve-<impl>    migrate, then the conventional production server (WEB_CONCURRENCY workers)
# All of them honour HOST, PORT, DATABASE_URL, TOKEN_TTL_SECONDS, ALLOWED_HOSTS and
# TRUST_PROXY_HEADERS (see shared_spec/README.md).

PYTHON ?= python3
VENV := $(CURDIR)/.venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
IMPLS := flask django pyramid tornado
HOST ?= 127.0.0.1
WEB_CONCURRENCY ?= 2
# gunicorn's threaded workers: a slow client ties up one thread of a worker, not the worker, and
# the master process restarts a worker that dies. Each folder's gunicorn.conf.py adds what its
# Dockerfile needs too; no control socket, since several masters may run on one machine.
GUNICORN := $(BIN)/gunicorn --workers "$(WEB_CONCURRENCY)" --worker-class gthread --threads 8 \
	--limit-request-line 8190 --no-control-socket --access-logfile -
export HOST

.PHONY: venv lint format test unit contract faults fuzz fuzz-short wrk bench bench-short \
	spec-check compose-check clean $(IMPLS:%=bench-%) $(IMPLS:%=run-%) $(IMPLS:%=serve-%) \
	$(IMPLS:%=migrate-%) $(IMPLS:%=unit-%) $(IMPLS:%=contract-%) unit-django-postgres

venv: $(STAMP)

$(STAMP): requirements-dev.txt constraints.txt $(wildcard todo_*/requirements.txt todo_*/pyproject.toml)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed ($(PYTHON) is $$($(PYTHON) --version))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation \
		-e todo_flask -e todo_pyramid -e todo_tornado
	touch $@

# --- Flask: the flask CLI, Flask-Migrate, gunicorn -----------------------------------------
migrate-flask: venv
	cd todo_flask && $(BIN)/flask --app todo_flask db upgrade
run-flask: migrate-flask
	cd todo_flask && exec $(BIN)/flask --app todo_flask run --host "$(HOST)" --port "$${PORT:-5000}"
serve-flask: migrate-flask
	cd todo_flask && exec $(GUNICORN) --bind "$(HOST):$${PORT:-5000}" "todo_flask:create_app()"

# --- Django: manage.py, Django migrations, gunicorn ----------------------------------------
migrate-django: venv
	cd todo_django && DEBUG="$${DEBUG:-true}" $(BIN)/python manage.py migrate --noinput
run-django: migrate-django
	cd todo_django && DEBUG="$${DEBUG:-true}" exec $(BIN)/python manage.py runserver --noreload --nostatic "$(HOST):$${PORT:-8000}"
serve-django: migrate-django
	cd todo_django && DEBUG=false exec $(GUNICORN) --bind "$(HOST):$${PORT:-8000}" todo_django.wsgi

# --- Pyramid: pserve with INI files (waitress) for development, Alembic, gunicorn --paste -----
migrate-pyramid: venv
	cd todo_pyramid && $(BIN)/alembic -c development.ini upgrade head
run-pyramid: migrate-pyramid
	cd todo_pyramid && exec $(BIN)/pserve development.ini http_host="$(HOST)" http_port="$${PORT:-6543}"
serve-pyramid: migrate-pyramid
	cd todo_pyramid && exec $(GUNICORN) --bind "$(HOST):$${PORT:-6543}" --paste production.ini

# --- Tornado: python -m, Alembic, Tornado's own multi-process mode -------------------------
migrate-tornado: venv
	cd todo_tornado && $(BIN)/alembic upgrade head
run-tornado: migrate-tornado
	cd todo_tornado && exec $(BIN)/python -m todo_tornado --port="$${PORT:-8888}" --debug
serve-tornado: migrate-tornado
	cd todo_tornado && exec $(BIN)/python -m todo_tornado --port="$${PORT:-8888}" --processes="$(WEB_CONCURRENCY)"

# --- Checks --------------------------------------------------------------------------------
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

$(IMPLS:%=unit-%): unit-%: venv
	cd todo_$* && $(BIN)/python -m pytest -q

# Django's suite runs a second time on PostgreSQL (pytest-django makes a test_ database there):
# its row-lock race tests only mean something on a database with row locks.
TEST_POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
unit-django-postgres: venv
	cd todo_django && DATABASE_URL="$(TEST_POSTGRES_URL)" $(BIN)/python -m pytest -q

unit: $(IMPLS:%=unit-%) unit-django-postgres

spec-check: venv
	$(BIN)/python -m pytest -q contract_tests/test_spec.py

# The contract suite against every implementation present, one of them, or a running server:
#   make contract | make contract-flask | CONTRACT_BASE_URL=http://127.0.0.1:9000 make contract
# Legs run side by side, one pytest-xdist worker per CPU; each worker runs whole legs.
CONTRACT_JOBS ?= 2
CONTRACT := $(BIN)/python -m pytest contract_tests -n $(CONTRACT_JOBS) --dist loadgroup \
	--ignore=contract_tests/test_spec.py --ignore=contract_tests/test_faults.py
contract: venv
	$(CONTRACT) $(CONTRACT_ARGS)

$(IMPLS:%=contract-%): contract-%: venv
	$(CONTRACT) --impl $* $(CONTRACT_ARGS)

# The fault suite breaks production servers on purpose (slow clients, killed workers, the
# database taken away), on both databases: make faults | make faults CONTRACT_ARGS="--impl flask"
faults: venv
	$(BIN)/python -m pytest contract_tests/test_faults.py -n $(CONTRACT_JOBS) --dist loadgroup \
		--server prod $(CONTRACT_ARGS)

# schemathesis against every implementation, as a fresh account (contract_tests/fuzz.py,
# checks in contract_tests/schemathesis.toml): make fuzz | make fuzz FUZZ_ARGS="--impl django"
FUZZ_EXAMPLES ?= 100
fuzz: venv
	$(BIN)/python contract_tests/fuzz.py --max-examples $(FUZZ_EXAMPLES) $(FUZZ_ARGS)

# The short run `make test` includes: every phase, a few examples per operation.
fuzz-short: venv
	$(BIN)/python contract_tests/fuzz.py --max-examples 5 $(FUZZ_ARGS)

# make bench: every production server and a bare baseline under wrk, side by side (bench/README.md);
# make bench-flask: one of them; BENCH_ARGS="--db postgres" on PostgreSQL. bench-short: seconds.
wrk:
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq wrk >/dev/null; }

bench: venv wrk
	$(BIN)/python bench/run.py $(BENCH_ARGS)

$(IMPLS:%=bench-%): bench-%: venv wrk
	$(BIN)/python bench/run.py --impl $* $(BENCH_ARGS)

bench-short: venv wrk
	$(BIN)/python bench/run.py --short $(BENCH_ARGS)

# docker-compose.yml cannot be run here (no Docker engine), so it is validated. CI requires it.
compose-check:
	@if command -v docker-compose >/dev/null; then \
		SECRET_KEY=check POSTGRES_PASSWORD=check docker-compose config --quiet && \
		for impl in $(IMPLS); do test -f todo_$$impl/Dockerfile || \
			{ echo "todo_$$impl/Dockerfile is missing"; exit 1; }; done && \
		echo "docker-compose.yml is valid"; \
	elif [ "$$CI" = true ]; then echo "docker-compose is required in CI"; exit 1; \
	else echo "docker-compose.yml NOT validated: docker-compose is not installed"; fi

test: lint spec-check compose-check unit contract faults bench-short fuzz-short

clean:
	rm -rf $(VENV) todo_*/var
