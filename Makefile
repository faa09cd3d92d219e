# One virtual environment at the root serves all four implementations and the test suites.
# Every target installs what it needs first, so `make run-tornado` works on a fresh clone.
#
# Each implementation has three commands, spelled the way its framework does it:
#   migrate-<impl>  apply pending schema migrations
#   run-<impl>      migrate, then the framework's development server (foreground, Ctrl-C stops it)
#   serve-<impl>    migrate, then the conventional production server (WEB_CONCURRENCY workers)
# All of them honour HOST, PORT, DATABASE_URL, TOKEN_TTL_SECONDS, ALLOWED_HOSTS,
# TRUST_PROXY_HEADERS and CORS_ORIGINS (see shared_spec/README.md), SECRET_KEY and SECURE_COOKIES
# (shared_spec/ui.md).

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
# The browser app signs its cookies with SECRET_KEY: serve-<impl> requires it, run-<impl> makes one
# for the run when it is absent (signed-in browsers are then signed out when the server restarts).
RUN_SECRET := SECRET_KEY="$${SECRET_KEY:-$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(32))')}"

.PHONY: venv lint format test unit contract faults fuzz fuzz-short wrk bench bench-short \
	spec-check compose-check clean constraints constraints-check dev-servers demo http \
	contract-standalone standalone $(IMPLS:%=standalone-%) docs docs-serve docs-check graphviz \
	chromium ui screenshots $(IMPLS:%=ui-%) \
	$(IMPLS:%=bench-%) $(IMPLS:%=run-%) $(IMPLS:%=serve-%) $(IMPLS:%=migrate-%) \
	$(IMPLS:%=unit-%) $(IMPLS:%=contract-%) unit-django-postgres

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
	cd todo_flask && $(RUN_SECRET) exec $(BIN)/flask --app todo_flask run --reload --host "$(HOST)" --port "$${PORT:-5000}"
serve-flask: migrate-flask
	cd todo_flask && exec $(GUNICORN) --bind "$(HOST):$${PORT:-5000}" "todo_flask:create_app()"

# --- Django: manage.py, Django migrations, gunicorn ----------------------------------------
migrate-django: venv
	cd todo_django && DEBUG="$${DEBUG:-true}" $(BIN)/python manage.py migrate --noinput
run-django: migrate-django
	cd todo_django && DEBUG="$${DEBUG:-true}" $(RUN_SECRET) exec $(BIN)/python manage.py runserver --nostatic "$(HOST):$${PORT:-8000}"
# Production serves the stylesheet through WhiteNoise from STATIC_ROOT (staticfiles/), which
# collectstatic fills when the installed packages or the app's static files change, not at every
# start: it rewrites files there that a running server's booting workers read (a fresh-clone run
# lost a worker that way). flock: two first starts side by side would write the same files.
DJANGO_STATIC := $(shell find todo_django/pages/static -type f 2>/dev/null)
todo_django/staticfiles/staticfiles.json: $(STAMP) $(DJANGO_STATIC) todo_django/todo_django/settings.py
	cd todo_django && mkdir -p var && DEBUG=false flock var/collectstatic.lock \
		$(BIN)/python manage.py collectstatic --noinput -v 0
	touch $@
serve-django: migrate-django todo_django/staticfiles/staticfiles.json
	cd todo_django && DEBUG=false exec $(GUNICORN) --bind "$(HOST):$${PORT:-8000}" todo_django.wsgi

# --- Pyramid: pserve with INI files (waitress) for development, Alembic, gunicorn --paste -----
migrate-pyramid: venv
	cd todo_pyramid && $(BIN)/alembic -c development.ini upgrade head
run-pyramid: migrate-pyramid
	@# pserve's reloader (hupper) stops cleanly on Ctrl-C and SIGTERM but then exits 130 or 241,
	@# which make would report as an error: the shell waits for it and exits 0 instead.
	cd todo_pyramid && trap 'exit 0' TERM INT && \
		$(RUN_SECRET) $(BIN)/pserve --reload development.ini http_host="$(HOST)" http_port="$${PORT:-6543}"
serve-pyramid: migrate-pyramid
	cd todo_pyramid && exec $(GUNICORN) --bind "$(HOST):$${PORT:-6543}" --paste production.ini

# --- Tornado: python -m, Alembic, Tornado's own multi-process mode -------------------------
migrate-tornado: venv
	cd todo_tornado && $(BIN)/alembic upgrade head
run-tornado: migrate-tornado
	cd todo_tornado && $(RUN_SECRET) exec $(BIN)/python -m todo_tornado --port="$${PORT:-8888}" --debug
serve-tornado: migrate-tornado
	cd todo_tornado && exec $(BIN)/python -m todo_tornado --port="$${PORT:-8888}" --processes="$(WEB_CONCURRENCY)"

# --- constraints.txt: the pins of everything in the venv -----------------------------------
# uv resolves requirements-dev.txt, and through it each folder's requirements.txt, for CI's
# Python on Linux whoever runs it (the patch release counts: soupsieve 4.1.1 needs 3.11.5). It
# keeps each pin of constraints.txt that still fits, so the file changes only when a requirement
# does. uv has a venv of its own (requirements-tools.txt): it must run when the pins it is about
# to fix no longer install.
TOOLS_VENV := $(VENV)/tools
UV_COMPILE := $(TOOLS_VENV)/bin/uv pip compile --quiet --no-config --python-version 3.11.7 \
	--python-platform linux --custom-compile-command "make constraints" requirements-dev.txt

$(TOOLS_VENV)/.installed: requirements-tools.txt
	test -x $(TOOLS_VENV)/bin/python || $(PYTHON) -m venv $(TOOLS_VENV)
	$(TOOLS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-tools.txt
	touch $@

# Each folder gets the subset its requirements.txt needs, at the same versions, in a constraints.txt
# of its own: what its Dockerfile and its README's "on its own" install use, away from this one.
UV_FOLDER := $(TOOLS_VENV)/bin/uv pip compile --quiet --no-config --python-version 3.11.7 \
	--python-platform linux --custom-compile-command "make constraints" requirements.txt \
	-c ../constraints.txt

constraints: $(TOOLS_VENV)/.installed
	$(UV_COMPILE) -o constraints.txt
	for impl in $(IMPLS); do (cd todo_$$impl && $(UV_FOLDER) -o constraints.txt) || exit 1; done

# CI: resolving again, from the committed pins, must give the committed files byte for byte.
constraints-check: $(TOOLS_VENV)/.installed
	@tmp=$$(mktemp) && trap 'rm -f "$$tmp"' EXIT && cp constraints.txt "$$tmp" && \
		$(UV_COMPILE) -o "$$tmp" && { diff -u constraints.txt "$$tmp" || \
		{ echo "constraints.txt is out of date: run make constraints"; exit 1; }; } && \
		for impl in $(IMPLS); do \
			cp todo_$$impl/constraints.txt "$$tmp" && (cd todo_$$impl && $(UV_FOLDER) -o "$$tmp") && \
			{ diff -u todo_$$impl/constraints.txt "$$tmp" || \
			{ echo "todo_$$impl/constraints.txt is out of date: run make constraints"; exit 1; }; } \
			|| exit 1; \
		done && echo "constraints.txt and the folders' constraints.txt are up to date"

# --- Demo data -------------------------------------------------------------------------------
# make demo: a demo account with a dozen tasks on every implementation running on its default
# port (make run-<impl> in another terminal); DEMO_URL=http://host:port for any other server.
demo: venv
	$(BIN)/python tools/demo.py $(if $(DEMO_URL),--url "$(DEMO_URL)")

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
	--ignore=contract_tests/test_spec.py --ignore=contract_tests/test_faults.py \
	--ignore=contract_tests/test_dev_servers.py --ignore=contract_tests/browser
contract: venv
	$(CONTRACT) $(CONTRACT_ARGS)

$(IMPLS:%=contract-%): contract-%: venv
	$(CONTRACT) --impl $* $(CONTRACT_ARGS)

# The fault suite breaks production servers on purpose (slow clients, killed workers, the
# database taken away), on both databases: make faults | make faults CONTRACT_ARGS="--impl flask"
faults: venv
	$(BIN)/python -m pytest contract_tests/test_faults.py -n $(CONTRACT_JOBS) --dist loadgroup \
		--server prod $(CONTRACT_ARGS)

# The contract suite as anyone outside this repository runs it (contract_tests/README.md): installed
# into a fresh venv of its own (its few pinned dependencies, no framework), against one
# implementation's development server on a fresh SQLite file: make contract-standalone |
# make contract-standalone CONTRACT_ARGS="--impl django -x". make test runs three of its files
# (STANDALONE_TESTS): the install and the by-URL mode are what it proves; `make contract` runs
# every test on every leg. STANDALONE_TESTS= runs the whole suite this way.
STANDALONE_TESTS ?= test_info or test_errors or test_task_list
contract-standalone: venv
	$(BIN)/python contract_tests/standalone.py $(if $(STANDALONE_TESTS),-k "$(STANDALONE_TESTS)") \
		$(CONTRACT_ARGS)

# Each folder on its own, the way its README's "Run this folder on its own" prints it: a copy
# outside the repository, a fresh venv from the package index, migrations, the development
# server's health route, the folder's tests (tools/standalone_check.sh). Every folder is tried.
standalone:
	@failed=; for impl in $(IMPLS); do tools/standalone_check.sh todo_$$impl || failed="$$failed $$impl"; \
		done; if [ -n "$$failed" ]; then echo "not standalone:$$failed"; exit 1; fi

$(IMPLS:%=standalone-%): standalone-%:
	tools/standalone_check.sh todo_$*

# The request collection (http/*.http, sent by httpyac from npm) against every implementation;
# `make contract` runs it too. Against any server: see http/README.md.
http: venv
	$(BIN)/python -m pytest contract_tests/test_http_collection.py -n $(CONTRACT_JOBS) \
		--dist loadgroup $(CONTRACT_ARGS)

# The browser suite (contract_tests/browser/): Playwright drives Debian's chromium, installed here
# when missing (no browser is downloaded), through every page of shared_spec/ui.md on the same legs
# as the contract suite: make ui | make ui-django | CONTRACT_BASE_URL=http://host:port make ui
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium >/dev/null; }

UI := $(BIN)/python -m pytest contract_tests/browser -n $(CONTRACT_JOBS) --dist loadgroup
ui: venv chromium
	$(UI) $(CONTRACT_ARGS)

$(IMPLS:%=ui-%): ui-%: venv chromium
	$(UI) --impl $* $(CONTRACT_ARGS)

# make screenshots: one PNG per page per implementation in screenshots/ (git-ignored).
screenshots: venv chromium
	$(BIN)/python contract_tests/browser/screenshots.py $(SCREENSHOT_ARGS)

# make run-<impl> reloads on a code change and stops quietly: it edits a module, so it runs alone.
dev-servers: venv
	$(BIN)/python -m pytest contract_tests/test_dev_servers.py -p no:xdist $(CONTRACT_ARGS)

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

# --- The guide (docs/): the four implementations' code side by side, concern by concern ------
# Sphinx includes every listing from the source files while it builds, in strict mode (-W): a
# renamed function or a moved file fails the build. make docs | make docs-serve (rebuilds on save)
DOCS_OUT := docs/_build/html
graphviz:
	@command -v dot >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq graphviz >/dev/null; }

docs/node_modules/.installed: docs/package.json docs/package-lock.json
	cd docs && npm ci --no-audit --no-fund --loglevel=error
	touch $@

docs: venv graphviz docs/node_modules/.installed
	$(BIN)/sphinx-build -W --keep-going -q -b html docs $(DOCS_OUT)
	@echo "The guide is in $(DOCS_OUT)/index.html"

docs-serve: venv graphviz docs/node_modules/.installed
	$(BIN)/sphinx-autobuild -W --keep-going -q docs $(DOCS_OUT) --port $${PORT:-8800} \
		--ignore "*/_build/*" --ignore "*/node_modules/*"

# make test: the strict build, and the tests of the guide itself (a broken reference fails it).
docs-check: docs
	$(BIN)/python -m pytest -q docs/tests

# docker-compose.yml cannot be run here (no Docker engine), so it is validated. CI requires it.
compose-check:
	@if command -v docker-compose >/dev/null; then \
		SECRET_KEY=check POSTGRES_PASSWORD=check docker-compose config --quiet && \
		for impl in $(IMPLS); do test -f todo_$$impl/Dockerfile || \
			{ echo "todo_$$impl/Dockerfile is missing"; exit 1; }; done && \
		echo "docker-compose.yml is valid"; \
	elif [ "$$CI" = true ]; then echo "docker-compose is required in CI"; exit 1; \
	else echo "docker-compose.yml NOT validated: docker-compose is not installed"; fi

test: constraints-check lint spec-check compose-check unit standalone contract contract-standalone \
	ui faults dev-servers bench-short fuzz-short docs-check

clean:
	rm -rf $(VENV) todo_*/var todo_django/staticfiles http/node_modules docs/node_modules docs/_build \
		screenshots
